import { createHash } from 'node:crypto';

/**
 * A small seeded PRNG: xoshiro128** keyed by SHA-256 of a label.
 *
 * Only integer arithmetic (Math.imul, shifts) feeds the state, so the same seed gives the same
 * stream on every engine. Streams are split by label (`rng.fork('units')`), so adding draws to one
 * part of the generator does not shift the numbers of another.
 */
export class Prng {
  private readonly s: Uint32Array;
  private readonly label: string;

  constructor(label: string) {
    this.label = label;
    const digest = createHash('sha256').update(label, 'utf8').digest();
    this.s = new Uint32Array([
      digest.readUInt32BE(0),
      digest.readUInt32BE(4),
      digest.readUInt32BE(8),
      digest.readUInt32BE(12),
    ]);
    // xoshiro must not start from the all-zero state (a 2^-128 chance; cheap to rule out).
    if (this.s.every((word) => word === 0)) this.s[0] = 0x9e3779b9;
  }

  /** An independent stream named after this one plus `name`. */
  fork(name: string): Prng {
    return new Prng(`${this.label}/${name}`);
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const s2 = s[2] ?? 0;
    const s3 = s[3] ?? 0;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of precision. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error(`Prng ${this.label}: cannot pick from an empty list`);
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Pick by weight (weights need not sum to 1). */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /**
   * Roughly standard-normal (Irwin–Hall with 6 uniforms, rescaled): bell-shaped, bounded by
   * ±4.24, and computed with additions only, so it is portable to the bit.
   */
  gaussian(): number {
    let sum = 0;
    for (let i = 0; i < 6; i++) sum += this.next();
    return (sum - 3) * Math.SQRT2;
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** `bytes` pseudo-random bytes (for deterministic salts and key seeds). */
  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i += 4) {
      const word = this.nextUint32();
      for (let k = 0; k < 4 && i + k < count; k++) out[i + k] = (word >>> (24 - 8 * k)) & 0xff;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** 32 bytes derived from the seed and a purpose label (district key seeds and the like). */
export function deriveBytes(seed: string, purpose: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`evmtrail-seed|${seed}|${purpose}`, 'utf8').digest());
}
