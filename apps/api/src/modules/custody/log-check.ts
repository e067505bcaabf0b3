import {
  EMPTY_ROOT,
  bytesEqual,
  concatBytes,
  hashRange,
  leafHash,
  newCompleteNodes,
  parseCheckpoint,
  rangeSubtrees,
  toHex,
  utf8Encode,
  verifyNote,
  type TreeNode,
} from '@evmtrail/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';
import * as checks from './log-check.repository.ts';
import * as repo from './log.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * What a self-check found wrong, naming the entry index or the node (level, index) at fault.
 * `kind` says which stored thing disagrees with the entry texts and the signed checkpoints.
 */
export interface LogFault {
  readonly kind: 'head_rolled_back' | 'checkpoint' | 'entry_missing' | 'entry_text' | 'leaf_hash' | 'node' | 'head_root';
  readonly message: string;
  readonly index?: number;
  readonly level?: number;
}

export type LogCheck =
  | { readonly ok: true; readonly compactRange: Uint8Array }
  | { readonly ok: false; readonly fault: LogFault };

const CHUNK = 2048;

/** A compact range: the frontier subtrees of [0, size), largest first. */
interface Range {
  size: number;
  nodes: TreeNode[];
}

function encodeRange(range: Range): Uint8Array {
  return concatBytes(...range.nodes.map((n) => n.hash));
}

function decodeRange(size: number, bytes: Uint8Array): Range | undefined {
  const ids = size === 0 ? [] : rangeSubtrees(0, size);
  if (bytes.length !== ids.length * 32) return undefined;
  return { size, nodes: ids.map((id, i) => ({ ...id, hash: bytes.slice(i * 32, i * 32 + 32) })) };
}

function rangeRoot(range: Range): Uint8Array {
  return range.nodes.length === 0 ? EMPTY_ROOT : hashRange(range.nodes.map((n) => n.hash));
}

/** Appends one leaf; returns every complete node the append creates (leaf first). */
function extend(range: Range, leaf: Uint8Array): TreeNode[] {
  const created = newCompleteNodes(range.size, leaf, (level, index) => {
    const node = range.nodes.find((n) => n.level === level && n.index === index);
    if (!node) throw new Error(`compact range of size ${range.size} lacks node ${level}/${index}`);
    return node.hash;
  });
  range.nodes.splice(range.nodes.length - (created.length - 1), created.length - 1, created.at(-1) as TreeNode);
  range.size += 1;
  return created;
}

function key(level: number, index: number): string {
  return `${level}:${index}`;
}

/** The signed start of a check: the newest checkpoint with a compact range that matches its signed root. */
async function startingRange(db: Db, head: repo.LogHead, vkey: string): Promise<Range | LogFault> {
  const base = await checks.getLatestCheckpointWithRange(db, head.districtId);
  if (!base?.compactRange) return { size: 0, nodes: [] };
  const verified = verifyNote(base.note, [vkey]);
  const parsed = verified.ok ? parseCheckpoint(verified.value.text) : undefined;
  const range = decodeRange(base.treeSize, base.compactRange);
  if (!parsed?.ok || parsed.value.size !== base.treeSize || !range || !bytesEqual(rangeRoot(range), parsed.value.root)) {
    return { kind: 'checkpoint', message: `The signed checkpoint of size ${base.treeSize} of log ${head.origin} does not match its kept compact range` };
  }
  const stored = await repo.getNodes(db, head.districtId, range.nodes);
  const bad = range.nodes.find((n) => !bytesEqual(stored.get(key(n.level, n.index)) ?? new Uint8Array(0), n.hash));
  if (bad) return nodeFault(head, bad);
  return range;
}

function nodeFault(head: repo.LogHead, node: { level: number; index: number }): LogFault {
  return {
    kind: 'node', level: node.level, index: node.index,
    message: `Merkle node level ${node.level} index ${node.index} of log ${head.origin} has been changed`,
  };
}

/** Checks one stored entry against its text and its stored leaf node; undefined when all agree. */
function entryFault(head: repo.LogHead, entry: checks.StoredEntry, storedLeaf: Uint8Array | undefined): LogFault | undefined {
  const computed = leafHash(utf8Encode(entry.entry));
  if (bytesEqual(computed, entry.leafHash) && storedLeaf && bytesEqual(computed, storedLeaf)) return undefined;
  const where = `entry ${entry.idx} of log ${head.origin}`;
  if (storedLeaf && bytesEqual(entry.leafHash, storedLeaf)) {
    return { kind: 'entry_text', index: entry.idx, message: `The text of ${where} has been changed` };
  }
  if (bytesEqual(computed, entry.leafHash)) return nodeFault(head, { level: 0, index: entry.idx });
  return { kind: 'leaf_hash', index: entry.idx, message: `The stored leaf hash of ${where} has been changed` };
}

function spansOf(nodes: readonly TreeNode[]): checks.LevelSpan[] {
  const spans = new Map<number, { level: number; from: number; to: number }>();
  for (const n of nodes) {
    const s = spans.get(n.level);
    if (!s) spans.set(n.level, { level: n.level, from: n.index, to: n.index });
    else s.to = Math.max(s.to, n.index);
  }
  return [...spans.values()];
}

/** Extends the range over entries [range.size, to) in chunks, comparing every stored node it recomputes. */
async function extendOver(db: Db, head: repo.LogHead, range: Range, to: number): Promise<LogFault | undefined> {
  while (range.size < to) {
    const from = range.size;
    const entries = await checks.getEntriesWithHashes(db, head.districtId, from, Math.min(to, from + CHUNK));
    const leaves = await checks.getNodeSpans(db, head.districtId, [{ level: 0, from, to: from + entries.length - 1 }]);
    const created: TreeNode[] = [];
    for (const [i, entry] of entries.entries()) {
      if (entry.idx !== from + i) break;
      const fault = entryFault(head, entry, leaves.get(key(0, entry.idx)));
      if (fault) return fault;
      created.push(...extend(range, entry.leafHash));
    }
    const stored = await checks.getNodeSpans(db, head.districtId, spansOf(created));
    const bad = created.find((n) => !bytesEqual(stored.get(key(n.level, n.index)) ?? new Uint8Array(0), n.hash));
    if (bad) return nodeFault(head, bad);
    if (range.size === from || range.size < Math.min(to, from + CHUNK)) {
      return { kind: 'entry_missing', index: range.size, message: `Entry ${range.size} of log ${head.origin} is missing` };
    }
  }
  return undefined;
}

/**
 * Recomputes the log from its entry texts, starting at the newest signed compact range, and
 * compares every stored leaf hash, node and the head with what it computes. Only a log that
 * passes may be signed; the compact range returned is kept with the new checkpoint.
 */
export async function checkLog(db: Db, head: repo.LogHead, vkey: string): Promise<LogCheck> {
  const signedSize = await checks.getLargestSignedSize(db, head.districtId);
  if (signedSize > head.size) {
    const message = `The head of log ${head.origin} says ${head.size} entries, but ${signedSize} were already signed: the head was rolled back`;
    return { ok: false, fault: { kind: 'head_rolled_back', message } };
  }
  const start = await startingRange(db, head, vkey);
  if (!('nodes' in start)) return { ok: false, fault: start };
  const fault = await extendOver(db, head, start, head.size);
  if (fault) return { ok: false, fault };
  if (!bytesEqual(rangeRoot(start), head.rootHash)) {
    const message = `The head root of log ${head.origin} at size ${head.size} is not the root of its entries (${toHex(rangeRoot(start))})`;
    return { ok: false, fault: { kind: 'head_root', message } };
  }
  return { ok: true, compactRange: encodeRange(start) };
}
