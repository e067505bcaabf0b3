/**
 * Rivest's consistent-sampler primitives (ron-rivest/consistent_sampler@59f1485, MIT), as
 * EVMRAND/1 uses them (specs/evmrand-v1.md "The primitive"). Tickets are decimal strings
 * "0.ddd…" compared as plain strings; these functions are the readable reference, `order.ts`
 * computes the same order from bytes without building a string per ticket.
 */
import { sha256, toHex, utf8Encode } from '../log/bytes.ts';

/** Lowercase hex of SHA-256 of the UTF-8 bytes of `text` (Python's `sha256_hex(str(x))`). */
export function sha256Hex(text: string): string {
  return toHex(sha256(utf8Encode(text)));
}

/**
 * A 32-byte SHA-256 digest as a ticket: its big-endian integer in decimal, left-padded with
 * '0' to 64 digits, reversed (the unbiased low-order digits first), after "0.".
 */
export function ticketFromDigest(digest: Uint8Array): string {
  const decimal = BigInt(`0x${toHex(digest)}`).toString(10).padStart(64, '0');
  let reversed = '';
  for (let i = decimal.length - 1; i >= 0; i -= 1) reversed += decimal[i] ?? '';
  return `0.${reversed}`;
}

/** The same, for a digest held as 8 big-endian Int32 words at words[at..at+7]. */
export function ticketFromWords(words: Int32Array, at: number): string {
  const digest = new Uint8Array(32);
  for (let i = 0; i < 8; i += 1) {
    const w = words[at + i] ?? 0;
    digest[4 * i] = w >>> 24;
    digest[4 * i + 1] = (w >>> 16) & 0xff;
    digest[4 * i + 2] = (w >>> 8) & 0xff;
    digest[4 * i + 3] = w & 0xff;
  }
  return ticketFromDigest(digest);
}

/** Rivest's `sha256_uniform(x)`: a uniform real in (0, 1) as a decimal string. */
export function sha256Uniform(text: string): string {
  return ticketFromDigest(sha256(utf8Encode(text)));
}

/** Rivest's `first_fraction(id, seed)`: the generation-1 ticket of `id` (EVMRAND/1 `ticket`). */
export function firstFraction(id: string, seed: string): string {
  return sha256Uniform(sha256Hex(seed) + id);
}

/** Index of the first digit after "0." that is not '9' (x + '0' always has one). */
function firstNonNine(x: string): number {
  let i = 2;
  while (i < x.length && x[i] === '9') i += 1;
  return i;
}

/**
 * Rivest's `next_fraction(x)`: a pseudorandom ticket in (x, 1), only used when sampling with
 * replacement. Keeps x's leading run of 9s and draws the rest in counter mode until it is larger.
 */
export function nextFraction(x: string): string {
  if (!x.startsWith('0.')) throw new RangeError(`Ticket '${x}' does not start with '0.'`);
  const x0 = `${x}0`;
  const keep = x0.slice(0, firstNonNine(x0));
  let y = '0.';
  for (let i = 1; y <= x0; i += 1) {
    y = keep + sha256Uniform(`${x}:${i}`).slice(2);
  }
  return y;
}

/**
 * Rivest's `trim(x, digits)`: the ticket cut (not rounded) to `digits` significant digits after
 * its leading run of 9s, for display. Trimming never changes the order.
 */
export function trimTicket(x: string, digits = 9): string {
  return x.slice(0, firstNonNine(`${x}0`) + digits);
}
