/**
 * Sorting ids by their EVMRAND/1 ticket (Rivest's generation-1 ticket), fast: each ticket is one
 * SHA-256 compression from the seed's midstate (prefix-sha256.ts), and the sort runs on numbers.
 *
 * A ticket is "0." followed by the decimal digits of the digest x, least significant first, so
 * its first 10 digits are those of x mod 10^10, reversed: an exact number, which a linear
 * bucket sort orders. Ids whose 10 digits tie (about once in eight 50,000-unit draws) are put in
 * order by their full ticket strings, then their ids, exactly as Rivest's heap of (ticket, id)
 * tuples orders them; an id given twice ties with itself and is reported.
 */
import { utf8Encode } from '../log/bytes.ts';
import { ok, type Result } from '../lib/result.ts';
import { randErr, type RandError } from './errors.ts';
import { PrefixSha256 } from './prefix-sha256.ts';
import { sha256Hex, ticketFromWords } from './ticket.ts';

/** Ids in ticket order, with their tickets on demand (computing one costs a BigInt). */
export interface Ordering {
  /** The ids, smallest ticket first. */
  readonly ids: readonly string[];
  /** The full ticket of the id at `rank` (0-based) in `ids`. */
  ticket(rank: number): string;
}

const TEN_DIGITS = 1e10;
const FIVE_DIGITS = 1e5;
let reversedFive: Int32Array | undefined;

/** REV[n] = the five digits of n (zero-padded) in reverse order, as a number. */
function reversedFiveDigits(): Int32Array {
  if (reversedFive) return reversedFive;
  const table = new Int32Array(FIVE_DIGITS);
  for (let n = 0; n < FIVE_DIGITS; n += 1) {
    let v = n;
    let r = 0;
    for (let k = 0; k < 5; k += 1) {
      r = r * 10 + (v % 10);
      v = Math.floor(v / 10);
    }
    table[n] = r;
  }
  reversedFive = table;
  return table;
}

/** 2^(16k) mod 10^10 for k = 15 … 0: the weight of each 16-bit chunk of a digest, most significant first. */
const CHUNK_WEIGHTS = Float64Array.from({ length: 16 }, (_, j) => {
  let r = 1;
  for (let k = 0; k < 15 - j; k += 1) r = (r * 65536) % TEN_DIGITS;
  return r;
});

/**
 * The first 10 ticket digits of the digest at words[at..at+7], as a number: x mod 10^10 as the
 * sum of its 16-bit chunks times their weights mod 10^10 (eight products stay below 2^53, so
 * every step is exact in doubles and floor(v / 10^10) is exact), then its digits reversed.
 */
function leadingDigits(words: Int32Array, at: number, rev: Int32Array): number {
  let r = 0;
  for (let half = 0; half < 2; half += 1) {
    for (let j = 0; j < 4; j += 1) {
      const w = words[at + 4 * half + j] ?? 0;
      r += (w >>> 16) * (CHUNK_WEIGHTS[8 * half + 2 * j] ?? 0) + (w & 0xffff) * (CHUNK_WEIGHTS[8 * half + 2 * j + 1] ?? 0);
    }
    r -= Math.floor(r / TEN_DIGITS) * TEN_DIGITS;
  }
  const high = Math.floor(r / FIVE_DIGITS);
  const low = r - high * FIVE_DIGITS;
  return (rev[low] ?? 0) * FIVE_DIGITS + (rev[high] ?? 0);
}

/** A lone UTF-16 surrogate has no UTF-8 form (Python refuses to encode it). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Digests of hex(SHA256(seed)) + id for every id (8 words each), and the first 10 ticket
 * digits of each (read while its digest is still in cache).
 */
function digestAll(ids: readonly string[], seed: string): Result<{ words: Int32Array; leads: Float64Array }, RandError> {
  if (LONE_SURROGATE.test(seed)) return randErr('rand_invalid_input', 'The seed holds a lone UTF-16 surrogate, which has no UTF-8 form', { field: 'seed' });
  const hasher = new PrefixSha256(utf8Encode(sha256Hex(seed)));
  const rev = reversedFiveDigits();
  const words = new Int32Array(ids.length * 8);
  const leads = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i] ?? '';
    if (!hasher.digestAscii(id, words, 8 * i)) {
      if (LONE_SURROGATE.test(id)) {
        return randErr('rand_invalid_input', `Id ${JSON.stringify(id)} holds a lone UTF-16 surrogate, which has no UTF-8 form`, { serial: id });
      }
      hasher.digestBytes(utf8Encode(id), words, 8 * i);
    }
    leads[i] = leadingDigits(words, 8 * i, rev);
  }
  return ok({ words, leads });
}

/**
 * Sorts the indices 0..n-1 by keys[i] (integers in [0, span)), breaking ties with `tied`. The
 * keys are leading digits of uniform tickets, so a counting sort into n buckets by
 * floor(key * n / span) (monotone in the key) leaves about one index per bucket, and an
 * insertion sort inside each bucket finishes the job: linear time, no comparator calls across
 * buckets. Returns the order, or the index of an id that `tied` found equal to another.
 */
function sortByKey(keys: Float64Array, span: number, tied: (x: number, y: number) => number): { order: Int32Array } | { duplicate: number } {
  const n = keys.length;
  const start = new Int32Array(n + 1);
  const bucket = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const b = Math.min(n - 1, Math.floor(((keys[i] ?? 0) * n) / span));
    bucket[i] = b;
    start[b + 1] = (start[b + 1] ?? 0) + 1;
  }
  for (let b = 0; b < n; b += 1) start[b + 1] = (start[b + 1] ?? 0) + (start[b] ?? 0);
  const next = start.slice(0, n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    const b = bucket[i] ?? 0;
    order[next[b] ?? 0] = i;
    next[b] = (next[b] ?? 0) + 1;
  }
  for (let b = 0; b < n; b += 1) {
    const lo = start[b] ?? 0;
    const hi = start[b + 1] ?? 0;
    for (let r = lo + 1; r < hi; r += 1) {
      const x = order[r] ?? 0;
      const kx = keys[x] ?? 0;
      let s = r - 1;
      for (; s >= lo; s -= 1) {
        const y = order[s] ?? 0;
        const ky = keys[y] ?? 0;
        const c = kx !== ky ? kx - ky : tied(x, y);
        if (c === 0) return { duplicate: x };
        if (c > 0) break;
        order[s + 1] = y;
      }
      order[s + 1] = x;
    }
  }
  return { order };
}

/**
 * Sorts `ids` ascending by (ticket(seed, id), id), the order of Rivest's
 * `sampler(ids, seed, with_replacement=False, output='id')`. Ids are hashed as their UTF-8
 * bytes; they must be distinct (a duplicate is reported by name).
 */
export function orderByTicket(ids: readonly string[], seed: string): Result<Ordering, RandError> {
  return orderByTicketDigits(ids, seed, 10);
}

/**
 * `orderByTicket` keyed on the first `digits` (1..10) ticket digits. Not part of the public
 * API: tests pass few digits to drive many ties through the full-ticket comparison.
 */
export function orderByTicketDigits(ids: readonly string[], seed: string, digits: number): Result<Ordering, RandError> {
  const n = ids.length;
  const digests = digestAll(ids, seed);
  if (!digests.ok) return digests;
  const { words, leads } = digests.value;
  const span = 10 ** digits;
  const cut = 10 ** (10 - digits);
  const keys = cut === 1 ? leads : leads.map((lead) => Math.floor(lead / cut));
  // Equal leading digits (about once in eight 50,000-unit draws at 10 digits): full tickets, then ids.
  const tied = (x: number, y: number): number => {
    const [tx, ty] = [ticketFromWords(words, 8 * x), ticketFromWords(words, 8 * y)];
    const [ix, iy] = [ids[x] ?? '', ids[y] ?? ''];
    return tx !== ty ? (tx < ty ? -1 : 1) : ix === iy ? 0 : ix < iy ? -1 : 1;
  };
  const sorted = sortByKey(keys, span, tied);
  if ('duplicate' in sorted) {
    const id = ids[sorted.duplicate] ?? '';
    return randErr('rand_duplicate', `Id '${id}' appears more than once; every id must be distinct`, { serial: id });
  }
  const { order } = sorted;
  const orderedIds = new Array<string>(n);
  for (let r = 0; r < n; r += 1) orderedIds[r] = ids[order[r] ?? 0] ?? '';
  return ok({
    ids: orderedIds,
    ticket: (rank: number) => ticketFromWords(words, 8 * (order[rank] ?? 0)),
  });
}
