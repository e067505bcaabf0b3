/**
 * SHA-256 of `prefix + suffix` for one fixed 64-byte prefix and many short suffixes: the hot
 * loop of EVMRAND/1, where every ticket hashes hex(SHA256(seed)) (64 ASCII bytes, exactly one
 * block) followed by a unit's serial. The prefix block is compressed once (its "midstate"), so
 * each ticket costs one compression instead of two, an ASCII serial goes straight into message
 * words, and nothing is allocated per ticket. The compression keeps the 16-word message window
 * in locals and is unrolled by 16 rounds (the working variables change roles instead of being
 * shifted), which runs about twice as fast in V8 as the textbook loop over a 64-word array.
 *
 * Plain FIPS 180-4 on Int32 words; it is checked against @noble/hashes (the project's SHA-256,
 * log/bytes.ts) on random inputs in test/rand/prefix-sha256.test.ts and against every ticket
 * vector. Everything else in rand/ hashes with @noble/hashes.
 */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * One compression: the state `from` (8 words) absorbs the block of 16 big-endian words
 * m[at..at+15]; the new state goes to to[toAt..toAt+7] (`to` may be `from`).
 */
function compress(from: Int32Array, m: Int32Array, at: number, to: Int32Array, toAt: number): void {
  let w0 = m[at] ?? 0, w1 = m[at + 1] ?? 0, w2 = m[at + 2] ?? 0, w3 = m[at + 3] ?? 0;
  let w4 = m[at + 4] ?? 0, w5 = m[at + 5] ?? 0, w6 = m[at + 6] ?? 0, w7 = m[at + 7] ?? 0;
  let w8 = m[at + 8] ?? 0, w9 = m[at + 9] ?? 0, w10 = m[at + 10] ?? 0, w11 = m[at + 11] ?? 0;
  let w12 = m[at + 12] ?? 0, w13 = m[at + 13] ?? 0, w14 = m[at + 14] ?? 0, w15 = m[at + 15] ?? 0;
  const a0 = from[0] ?? 0, b0 = from[1] ?? 0, c0 = from[2] ?? 0, d0 = from[3] ?? 0;
  const e0 = from[4] ?? 0, f0 = from[5] ?? 0, g0 = from[6] ?? 0, h0 = from[7] ?? 0;
  let a = a0, b = b0, c = c0, d = d0, e = e0, f = f0, g = g0, h = h0;
  // Sixteen rounds, then the next sixteen message words; four times over.
  for (let i = 0; i < 64; i += 16) {
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + (K[i + 0] ?? 0) + w0) | 0;
    d = (d + h) | 0;
    h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + (K[i + 1] ?? 0) + w1) | 0;
    c = (c + g) | 0;
    g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (h & b) ^ (a & b))) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + (K[i + 2] ?? 0) + w2) | 0;
    b = (b + f) | 0;
    f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (g & a) ^ (h & a))) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + (K[i + 3] ?? 0) + w3) | 0;
    a = (a + e) | 0;
    e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (f & h) ^ (g & h))) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + (K[i + 4] ?? 0) + w4) | 0;
    h = (h + d) | 0;
    d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (e & g) ^ (f & g))) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + (K[i + 5] ?? 0) + w5) | 0;
    g = (g + c) | 0;
    c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (d & f) ^ (e & f))) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + (K[i + 6] ?? 0) + w6) | 0;
    f = (f + b) | 0;
    b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (c & e) ^ (d & e))) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + (K[i + 7] ?? 0) + w7) | 0;
    e = (e + a) | 0;
    a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (b & d) ^ (c & d))) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + (K[i + 8] ?? 0) + w8) | 0;
    d = (d + h) | 0;
    h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + (K[i + 9] ?? 0) + w9) | 0;
    c = (c + g) | 0;
    g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (h & b) ^ (a & b))) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + (K[i + 10] ?? 0) + w10) | 0;
    b = (b + f) | 0;
    f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (g & a) ^ (h & a))) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + (K[i + 11] ?? 0) + w11) | 0;
    a = (a + e) | 0;
    e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (f & h) ^ (g & h))) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + (K[i + 12] ?? 0) + w12) | 0;
    h = (h + d) | 0;
    d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (e & g) ^ (f & g))) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + (K[i + 13] ?? 0) + w13) | 0;
    g = (g + c) | 0;
    c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (d & f) ^ (e & f))) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + (K[i + 14] ?? 0) + w14) | 0;
    f = (f + b) | 0;
    b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (c & e) ^ (d & e))) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + (K[i + 15] ?? 0) + w15) | 0;
    e = (e + a) | 0;
    a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (b & d) ^ (c & d))) | 0;
    if (i === 48) break;
    w0 = (w0 + (((w1 >>> 7) | (w1 << 25)) ^ ((w1 >>> 18) | (w1 << 14)) ^ (w1 >>> 3)) + w9 + (((w14 >>> 17) | (w14 << 15)) ^ ((w14 >>> 19) | (w14 << 13)) ^ (w14 >>> 10))) | 0;
    w1 = (w1 + (((w2 >>> 7) | (w2 << 25)) ^ ((w2 >>> 18) | (w2 << 14)) ^ (w2 >>> 3)) + w10 + (((w15 >>> 17) | (w15 << 15)) ^ ((w15 >>> 19) | (w15 << 13)) ^ (w15 >>> 10))) | 0;
    w2 = (w2 + (((w3 >>> 7) | (w3 << 25)) ^ ((w3 >>> 18) | (w3 << 14)) ^ (w3 >>> 3)) + w11 + (((w0 >>> 17) | (w0 << 15)) ^ ((w0 >>> 19) | (w0 << 13)) ^ (w0 >>> 10))) | 0;
    w3 = (w3 + (((w4 >>> 7) | (w4 << 25)) ^ ((w4 >>> 18) | (w4 << 14)) ^ (w4 >>> 3)) + w12 + (((w1 >>> 17) | (w1 << 15)) ^ ((w1 >>> 19) | (w1 << 13)) ^ (w1 >>> 10))) | 0;
    w4 = (w4 + (((w5 >>> 7) | (w5 << 25)) ^ ((w5 >>> 18) | (w5 << 14)) ^ (w5 >>> 3)) + w13 + (((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10))) | 0;
    w5 = (w5 + (((w6 >>> 7) | (w6 << 25)) ^ ((w6 >>> 18) | (w6 << 14)) ^ (w6 >>> 3)) + w14 + (((w3 >>> 17) | (w3 << 15)) ^ ((w3 >>> 19) | (w3 << 13)) ^ (w3 >>> 10))) | 0;
    w6 = (w6 + (((w7 >>> 7) | (w7 << 25)) ^ ((w7 >>> 18) | (w7 << 14)) ^ (w7 >>> 3)) + w15 + (((w4 >>> 17) | (w4 << 15)) ^ ((w4 >>> 19) | (w4 << 13)) ^ (w4 >>> 10))) | 0;
    w7 = (w7 + (((w8 >>> 7) | (w8 << 25)) ^ ((w8 >>> 18) | (w8 << 14)) ^ (w8 >>> 3)) + w0 + (((w5 >>> 17) | (w5 << 15)) ^ ((w5 >>> 19) | (w5 << 13)) ^ (w5 >>> 10))) | 0;
    w8 = (w8 + (((w9 >>> 7) | (w9 << 25)) ^ ((w9 >>> 18) | (w9 << 14)) ^ (w9 >>> 3)) + w1 + (((w6 >>> 17) | (w6 << 15)) ^ ((w6 >>> 19) | (w6 << 13)) ^ (w6 >>> 10))) | 0;
    w9 = (w9 + (((w10 >>> 7) | (w10 << 25)) ^ ((w10 >>> 18) | (w10 << 14)) ^ (w10 >>> 3)) + w2 + (((w7 >>> 17) | (w7 << 15)) ^ ((w7 >>> 19) | (w7 << 13)) ^ (w7 >>> 10))) | 0;
    w10 = (w10 + (((w11 >>> 7) | (w11 << 25)) ^ ((w11 >>> 18) | (w11 << 14)) ^ (w11 >>> 3)) + w3 + (((w8 >>> 17) | (w8 << 15)) ^ ((w8 >>> 19) | (w8 << 13)) ^ (w8 >>> 10))) | 0;
    w11 = (w11 + (((w12 >>> 7) | (w12 << 25)) ^ ((w12 >>> 18) | (w12 << 14)) ^ (w12 >>> 3)) + w4 + (((w9 >>> 17) | (w9 << 15)) ^ ((w9 >>> 19) | (w9 << 13)) ^ (w9 >>> 10))) | 0;
    w12 = (w12 + (((w13 >>> 7) | (w13 << 25)) ^ ((w13 >>> 18) | (w13 << 14)) ^ (w13 >>> 3)) + w5 + (((w10 >>> 17) | (w10 << 15)) ^ ((w10 >>> 19) | (w10 << 13)) ^ (w10 >>> 10))) | 0;
    w13 = (w13 + (((w14 >>> 7) | (w14 << 25)) ^ ((w14 >>> 18) | (w14 << 14)) ^ (w14 >>> 3)) + w6 + (((w11 >>> 17) | (w11 << 15)) ^ ((w11 >>> 19) | (w11 << 13)) ^ (w11 >>> 10))) | 0;
    w14 = (w14 + (((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)) + w7 + (((w12 >>> 17) | (w12 << 15)) ^ ((w12 >>> 19) | (w12 << 13)) ^ (w12 >>> 10))) | 0;
    w15 = (w15 + (((w0 >>> 7) | (w0 << 25)) ^ ((w0 >>> 18) | (w0 << 14)) ^ (w0 >>> 3)) + w8 + (((w13 >>> 17) | (w13 << 15)) ^ ((w13 >>> 19) | (w13 << 13)) ^ (w13 >>> 10))) | 0;
  }
  to[toAt] = (a0 + a) | 0; to[toAt + 1] = (b0 + b) | 0; to[toAt + 2] = (c0 + c) | 0; to[toAt + 3] = (d0 + d) | 0;
  to[toAt + 4] = (e0 + e) | 0; to[toAt + 5] = (f0 + f) | 0; to[toAt + 6] = (g0 + g) | 0; to[toAt + 7] = (h0 + h) | 0;
}

/** Big-endian words of `bytes` (zero-padded to whole words) into m[0..]. */
function loadWords(bytes: Uint8Array, length: number, m: Int32Array): void {
  for (let i = 0; i < length; i += 1) m[i >> 2] = (m[i >> 2] ?? 0) | ((bytes[i] ?? 0) << (24 - 8 * (i & 3)));
}

/** Hashes `prefix + suffix` for one fixed prefix whose length is a multiple of 64 bytes. */
export class PrefixSha256 {
  private readonly midstate = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private readonly prefixLength: number;
  /** Message words of the suffix blocks (grown for long suffixes). */
  private m = new Int32Array(16);

  constructor(prefix: Uint8Array) {
    if (prefix.length % 64 !== 0) throw new RangeError('PrefixSha256: the prefix must be whole 64-byte blocks');
    this.midstate.set(IV);
    const words = new Int32Array(16);
    for (let at = 0; at < prefix.length; at += 64) {
      words.fill(0);
      loadWords(prefix.subarray(at, at + 64), 64, words);
      compress(this.midstate, words, 0, this.midstate, 0);
    }
    this.prefixLength = prefix.length;
  }

  /**
   * Writes SHA-256(prefix + s) as 8 big-endian words into out[at..at+7], if `s` is all ASCII
   * (then its UTF-8 bytes are its char codes). Returns false, writing nothing, otherwise.
   */
  digestAscii(s: string, out: Int32Array, at: number): boolean {
    const n = s.length;
    const m = this.words(n);
    let word = 0;
    let w = 0;
    for (let i = 0; i < n; i += 1) {
      const code = s.charCodeAt(i);
      if (code > 0x7f) return false;
      word = (word << 8) | code;
      if ((i & 3) === 3) {
        m[w] = word;
        w += 1;
        word = 0;
      }
    }
    // The 0x80 byte after the message, then zeros up to the length word.
    m[w] = ((word << 8) | 0x80) << (8 * (3 - (n & 3)));
    for (w += 1; w < m.length; w += 1) m[w] = 0;
    this.finish(n, out, at);
    return true;
  }

  /** Writes SHA-256(prefix + suffix) as 8 big-endian words into out[at..at+7]. */
  digestBytes(suffix: Uint8Array, out: Int32Array, at: number): void {
    const n = suffix.length;
    const m = this.words(n);
    m.fill(0);
    loadWords(suffix, n, m);
    m[n >> 2] = (m[n >> 2] ?? 0) | (0x80 << (24 - 8 * (n & 3)));
    this.finish(n, out, at);
  }

  /** The message words of the suffix blocks for `n` suffix bytes plus padding. */
  private words(n: number): Int32Array {
    const words = Math.ceil((n + 9) / 64) * 16;
    if (this.m.length !== words) this.m = new Int32Array(words);
    return this.m;
  }

  /** Writes the length word after the padded suffix and compresses its blocks from the midstate. */
  private finish(n: number, out: Int32Array, at: number): void {
    const m = this.m;
    // Message length in bits in the last word (messages here stay far below 2^32 bits).
    m[m.length - 1] = (this.prefixLength + n) * 8;
    // Chain from the midstate; the last block writes straight into `out`.
    let from = this.midstate;
    for (let b = 0; b < m.length; b += 16) {
      const last = b + 16 === m.length;
      compress(from, m, b, last ? out : this.state, last ? at : 0);
      from = this.state;
    }
  }
}
