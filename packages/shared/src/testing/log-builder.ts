/**
 * A whole test log in memory, written by the one log writer (LogBuilder, bundleOf): for tests
 * that need valid bundles, and, through the edit hooks, bundles that are signed correctly but
 * hold bad entries. Tests only.
 */
import { sha256, toHex, utf8Encode } from '../log/bytes.ts';
import type { LogBundle } from '../log/bundle.ts';
import { LogBuilder, MemoryNodeStore, type AppendedEntry, type LogEntryDraft } from '../log/builder.ts';
import type { EvmLogEntry } from '../log/entry.ts';
import { leafHash, rootFromLeafHashes } from '../log/merkle.ts';
import { bundleOf, checkpointKey, type BundleWitness, type CheckpointKey } from '../log/signing.ts';

export interface TestLogOptions {
  readonly origin: string;
  /** Label the log key is derived from (SHA-256 of it), or the 32-byte seed itself. */
  readonly key: string | Uint8Array;
  readonly size: number;
  /** The draft of entry i. */
  readonly draft: (i: number) => LogEntryDraft;
  /** The time of entry i (default: one a minute from 1 Mar 2029 09:00 IST). */
  readonly at?: (i: number) => Date;
  readonly witnesses?: readonly BundleWitness[];
  /** Edits the chained entries before they are encoded (without validation). */
  readonly editEntries?: (entries: EvmLogEntry[]) => void;
  /** Edits the entry texts before the checkpoint is signed over them. */
  readonly editTexts?: (texts: string[]) => void;
}

export interface TestLog {
  readonly key: CheckpointKey;
  readonly appended: readonly AppendedEntry[];
  readonly texts: readonly string[];
  /** Root over the texts as bundled (after any edits). */
  readonly rootHex: string;
  readonly bundle: LogBundle;
}

const FIRST_AT = Date.parse('2029-03-01T03:30:00Z');

/** Derives a test key seed from a label. */
export function testKeySeed(label: string): Uint8Array {
  return sha256(utf8Encode(label));
}

export function buildTestLog(options: TestLogOptions): TestLog {
  const key = checkpointKey(options.origin, typeof options.key === 'string' ? testKeySeed(options.key) : options.key);
  let n = 0;
  const builder = new LogBuilder({
    origin: options.origin, size: 0, nodes: new MemoryNodeStore(),
    salt: () => sha256(utf8Encode(`${options.origin} salt ${n++}`)).slice(0, 16),
  });
  const at = options.at ?? ((i: number) => new Date(FIRST_AT + i * 60_000));
  const appended = Array.from({ length: options.size }, (_, i) => builder.append(options.draft(i), at(i)));
  let texts = appended.map((a) => a.text);
  if (options.editEntries) {
    const entries = appended.map((a) => ({ ...a.entry }));
    options.editEntries(entries);
    texts = entries.map(uncheckedEntryText);
  }
  options.editTexts?.(texts);
  const bundle = bundleOf({ origin: options.origin, key, entries: texts, ...(options.witnesses ? { witnesses: options.witnesses } : {}) });
  return { key, appended, texts, rootHex: toHex(rootFromLeafHashes(texts.map((t) => leafHash(utf8Encode(t))))), bundle };
}

/**
 * Canonical text without validation (top-level keys sorted; the values are strings, integers
 * and string arrays), so tests can encode deliberately invalid entries.
 */
export function uncheckedEntryText(entry: EvmLogEntry): string {
  return JSON.stringify(Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : 1))));
}
