/**
 * A small signed district log for verifier tests: entry texts chained on one device, the
 * stored leaf hashes and nodes as the api keeps them, and helpers that sign checkpoints and
 * encode evmtrail-log-bundle/1 or /2 files. Tests tamper with the parts, then encode.
 */
import { LOG_BUNDLE_FORMAT, LOG_BUNDLE_FORMAT_V2, encodeBundle, type LogBundle } from '../log/bundle.ts';
import { treeLevels } from '../log/bundle-faults.ts';
import { sha256, toHex, utf8Encode } from '../log/bytes.ts';
import { ZERO_HASH_HEX, entryText, type EvmLogEntry } from '../log/entry.ts';
import { leafHash, rootFromLeafHashes } from '../log/merkle.ts';
import { checkpointText, formatVkey, publicKeyFromSeed, signNote } from '../log/note.ts';

export const TEST_LOG_ORIGIN = 'evm-custody.test/GE2029/D0042';
export const TEST_LOG_SEED = sha256(utf8Encode('verifier test log key (test only)'));
export const TEST_LOG_VKEY = formatVkey(TEST_LOG_ORIGIN, publicKeyFromSeed(TEST_LOG_SEED));

/** Entry texts 0..size-1, one device, chained. */
export function testLogEntries(size: number): string[] {
  const texts: string[] = [];
  let devPrev = ZERO_HASH_HEX;
  for (let i = 0; i < size; i += 1) {
    const entry: EvmLogEntry = {
      v: 1, log: TEST_LOG_ORIGIN, ts: `2029-04-01T09:${String(i % 60).padStart(2, '0')}:00+05:30`, type: 'MOVE',
      units: [`BU-${String(100000 + i)}`], from: 'WH-D0042-01', to: 'SR-AC001', actor: 'OFF-D0042-0001',
      witnesses: [], seals: [], dev: 'TAB-D0042-01', devSeq: i + 1, devPrev,
      salt: toHex(sha256(utf8Encode(`verifier salt ${i}`))).slice(0, 32),
    };
    const text = entryText(entry);
    texts.push(text);
    devPrev = toHex(leafHash(utf8Encode(text)));
  }
  return texts;
}

/** The log's signed checkpoint note over the first `size` entry texts. */
export function testCheckpoint(texts: readonly string[], size = texts.length): string {
  const root = rootFromLeafHashes(texts.slice(0, size).map((t) => leafHash(utf8Encode(t))));
  return signNote(checkpointText(TEST_LOG_ORIGIN, size, root), TEST_LOG_ORIGIN, TEST_LOG_SEED);
}

/** A good bundle's parts: format /2 with the stored hashes, all mutable for tampering. */
export function testLogBundle(size: number): { texts: string[]; leafHashes: string[]; nodes: string[][]; checkpoint: string } {
  const texts = testLogEntries(size);
  const levels = treeLevels(texts.map((t) => leafHash(utf8Encode(t))));
  return {
    texts,
    leafHashes: (levels[0] ?? []).map(toHex),
    nodes: levels.map((row) => row.map(toHex)),
    checkpoint: testCheckpoint(texts),
  };
}

/** Encodes the parts as /2, or as /1 without the stored hashes. */
export function encodeTestBundle(parts: ReturnType<typeof testLogBundle>, format: 1 | 2 = 2): string {
  const base: LogBundle = { format: LOG_BUNDLE_FORMAT, origin: TEST_LOG_ORIGIN, logVkey: TEST_LOG_VKEY, checkpoint: parts.checkpoint, entries: parts.texts };
  if (format === 1) return encodeBundle(base);
  return encodeBundle({ ...base, format: LOG_BUNDLE_FORMAT_V2, leafHashes: parts.leafHashes, nodes: parts.nodes });
}

/** Changes entry i's text the way a database edit would: still canonical, another timestamp. */
export function tamperEntryText(texts: string[], index: number): void {
  const text = texts[index] ?? '';
  texts[index] = text.replace(/"ts":"2029-04-01T09/, '"ts":"2029-04-01T08');
}

/** Flips the last hex digit of a hash. */
export function flipHex(hex: string): string {
  return hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
}
