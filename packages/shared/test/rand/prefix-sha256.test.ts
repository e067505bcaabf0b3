import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, sha256, toHex, utf8Encode } from '../../src/log/index.ts';
import { PrefixSha256 } from '../../src/rand/prefix-sha256.ts';

function wordsToHex(words: Int32Array): string {
  return Array.from(words, (w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

describe('PrefixSha256 (the midstate SHA-256 of the ticket loop) equals @noble/hashes', () => {
  it('for any prefix of whole blocks and any suffix, including suffixes over one block', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ minLength: 192, maxLength: 192 }), (blocks, suffix, bytes) => {
        const prefix = bytes.subarray(0, 64 * blocks);
        const out = new Int32Array(10);
        new PrefixSha256(prefix).digestBytes(suffix, out, 1);
        expect(wordsToHex(out.subarray(1, 9))).toBe(toHex(sha256(concatBytes(prefix, suffix))));
        expect(out[0]).toBe(0);
        expect(out[9]).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('every suffix length from 0 to 130 bytes (padding at each block boundary)', () => {
    const prefixText = 'c5b389beb081fe1e43ae92e895deca086b4eed5cf9efc7b78eebbbc9dc75c3f0';
    const hasher = new PrefixSha256(utf8Encode(prefixText));
    const out = new Int32Array(8);
    for (let n = 0; n <= 130; n += 1) {
      const id = 'X'.repeat(n);
      expect(hasher.digestAscii(id, out, 0)).toBe(true);
      expect(wordsToHex(out)).toBe(toHex(sha256(utf8Encode(prefixText + id))));
    }
  });

  it('ASCII strings hash as their bytes; anything else is left to the byte path', () => {
    const hasher = new PrefixSha256(new Uint8Array(64));
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (s) => {
        const out = new Int32Array(8);
        expect(hasher.digestAscii(s, out, 0)).toBe(true);
        expect(wordsToHex(out)).toBe(toHex(sha256(concatBytes(new Uint8Array(64), utf8Encode(s)))));
      }),
      { numRuns: 300 },
    );
    const untouched = new Int32Array(8);
    expect(hasher.digestAscii('BU-00010é', untouched, 0)).toBe(false);
    expect(Array.from(untouched)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses a prefix that is not whole blocks', () => {
    expect(() => new PrefixSha256(new Uint8Array(63))).toThrow(RangeError);
  });
});
