/**
 * Sorting ids by their EVMRAND/1 ticket (Rivest's generation-1 ticket), fast: each ticket is one
 * SHA-256 compression from the seed's midstate (prefix-sha256.ts), and the sort runs on numbers.
 *
 * A ticket is "0." followed by the decimal digits of the digest x, least significant first, so
 * its first 10 digits are those of x mod 10^10, reversed. Those 10 digits (fewer for pools of
 * over 2^19 ids) and the id's index are packed into one exact double and sorted natively. Ids
 * whose packed digits tie (about once in eight 50,000-unit draws) are put in order by their full
 * ticket strings, then their ids, exactly as Rivest's heap of (ticket, id) tuples orders them.
 */
import { utf8Encode } from '../log/bytes.ts';
import { err, ok, type Result } from '../lib/result.ts';
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
const MAX_EXACT = 2 ** 53;
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

/** Digests of hex(SHA256(seed)) + id for every id, 8 words each. */
function digestAll(ids: readonly string[], seed: string): Result<Int32Array, RandError> {
  if (LONE_SURROGATE.test(seed)) return randErr('rand_invalid_input', 'The seed holds a lone UTF-16 surrogate, which has no UTF-8 form', { field: 'seed' });
  const hasher = new PrefixSha256(utf8Encode(sha256Hex(seed)));
  const words = new Int32Array(ids.length * 8);
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[i] ?? '';
    if (hasher.digestAscii(id, words, 8 * i)) continue;
    if (LONE_SURROGATE.test(id)) {
      return randErr('rand_invalid_input', `Id ${JSON.stringify(id)} holds a lone UTF-16 surrogate, which has no UTF-8 form`, { serial: id });
    }
    hasher.digestBytes(utf8Encode(id), words, 8 * i);
  }
  return ok(words);
}

/** Orders a run of indices whose leading digits tie, by full ticket then id; finds duplicates. */
function orderTies(run: number[], ids: readonly string[], words: Int32Array): Result<number[], RandError> {
  const keyed = run.map((index) => ({ index, ticket: ticketFromWords(words, 8 * index), id: ids[index] ?? '' }));
  keyed.sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let k = 1; k < keyed.length; k += 1) {
    const id = keyed[k]?.id;
    if (id !== undefined && id === keyed[k - 1]?.id) {
      return randErr('rand_duplicate', `Id '${id}' appears more than once; every id must be distinct`, { serial: id });
    }
  }
  return ok(keyed.map((k) => k.index));
}

/** The id indices packed in packed[from..to). */
function runOf(packed: Float64Array, from: number, to: number, scale: number): number[] {
  const run: number[] = [];
  for (let r = from; r < to; r += 1) run.push((packed[r] ?? 0) % scale);
  return run;
}

/**
 * Sorts `ids` ascending by (ticket(seed, id), id), the order of Rivest's
 * `sampler(ids, seed, with_replacement=False, output='id')`. Ids are hashed as their UTF-8
 * bytes; they must be distinct (a duplicate is reported by name).
 */
export function orderByTicket(ids: readonly string[], seed: string): Result<Ordering, RandError> {
  return orderByTicketPacking(ids, seed, 10);
}

/**
 * `orderByTicket` packing at most `maxDigits` leading ticket digits (1..10) into the sort key.
 * Not part of the public API: tests pass few digits to drive many ties through the full-ticket path.
 */
export function orderByTicketPacking(ids: readonly string[], seed: string, maxDigits: number): Result<Ordering, RandError> {
  const n = ids.length;
  const digests = digestAll(ids, seed);
  if (!digests.ok) return digests;
  const words = digests.value;
  const indexBits = Math.max(1, Math.ceil(Math.log2(Math.max(n, 2))));
  const scale = 2 ** indexBits;
  const digits = Math.max(1, Math.min(maxDigits, 10, Math.floor(Math.log10(MAX_EXACT / scale))));
  const drop = 10 ** (10 - digits);
  const rev = reversedFiveDigits();
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    packed[i] = Math.floor(leadingDigits(words, 8 * i, rev) / drop) * scale + i;
  }
  packed.sort();
  const order = new Int32Array(n);
  let runStart = 0;
  let runLead = -1;
  for (let r = 0; r <= n; r += 1) {
    const p = packed[r] ?? 0;
    const lead = r < n ? Math.floor(p / scale) : -2;
    if (lead === runLead) continue;
    if (r - runStart > 1) {
      const sorted = orderTies(runOf(packed, runStart, r, scale), ids, words);
      if (!sorted.ok) return err(sorted.error);
      order.set(sorted.value, runStart);
    }
    if (r < n) order[r] = p - lead * scale;
    runStart = r;
    runLead = lead;
  }
  const orderedIds = new Array<string>(n);
  for (let r = 0; r < n; r += 1) orderedIds[r] = ids[order[r] ?? 0] ?? '';
  return ok({
    ids: orderedIds,
    ticket: (rank: number) => ticketFromWords(words, 8 * (order[rank] ?? 0)),
  });
}
