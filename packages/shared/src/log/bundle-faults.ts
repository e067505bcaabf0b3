/**
 * Naming the entry or the Merkle node at fault in a bundle (evmtrail-log-bundle/2).
 *
 * The signed checkpoint root authenticates, top down, whatever hashes to it: the tree
 * recomputed from the entry texts, or the stored leaf hashes and nodes the bundle carries.
 * When the texts give the signed root, every stored hash that differs from the recomputed
 * one was changed. When they do not, the stored hashes that still give the signed root show
 * which entry's text was changed.
 */
import { bytesEqual, toHex } from './bytes.ts';
import { EMPTY_ROOT, hashRange, nodeHash, rangeSubtrees, type NodeId } from './merkle.ts';

export type BundleFaultKind = 'entry' | 'leaf_hash' | 'node' | 'root' | 'fork';

export interface BundleFault {
  readonly kind: BundleFaultKind;
  readonly reason: string;
  /** The entry at fault (kind entry or leaf_hash). */
  readonly index?: number;
  /** The stored Merkle node at fault (kind node). */
  readonly node?: NodeId;
}

/** Complete-subtree hashes by level: levels[l][j] covers leaves [j·2^l, (j+1)·2^l). */
export type TreeLevels = readonly (readonly Uint8Array[])[];

/** Every complete node over the leaves, level 0 being the leaves themselves. */
export function treeLevels(leaves: readonly Uint8Array[]): Uint8Array[][] {
  const levels: Uint8Array[][] = [[...leaves]];
  for (let below = levels[0] as Uint8Array[]; below.length >= 2; ) {
    const next: Uint8Array[] = [];
    for (let j = 0; j + 1 < below.length; j += 2) next.push(nodeHash(below[j] as Uint8Array, below[j + 1] as Uint8Array));
    levels.push(next);
    below = next;
  }
  return levels;
}

/** The complete-node counts per level of a tree of `size` leaves. */
export function levelWidths(size: number): number[] {
  const widths: number[] = [];
  for (let w = size; w >= 1; w = Math.floor(w / 2)) widths.push(w);
  return widths;
}

interface Stored {
  /** Stored leaf hashes of the entries (log_entries.leaf_hash). */
  readonly leafHashes?: readonly Uint8Array[];
  /** Stored Merkle nodes (log_nodes) by level. */
  readonly nodes?: TreeLevels;
}

function at(levels: TreeLevels | undefined, id: NodeId): Uint8Array | undefined {
  return levels?.[id.level]?.[id.index];
}

function rootOf(levels: TreeLevels, size: number): Uint8Array | undefined {
  const frontier = rangeSubtrees(0, size).map((id) => at(levels, id));
  return frontier.every((h) => h !== undefined) ? hashRange(frontier) : undefined;
}

function nodeFault(id: NodeId, how: string): BundleFault {
  return { kind: 'node', node: id, reason: `Merkle node level ${id.level} index ${id.index} ${how}` };
}

function entryFault(index: number): BundleFault {
  return { kind: 'entry', index, reason: 'the entry has been changed: its text no longer gives the leaf hash the signed checkpoint covers' };
}

/** Texts match the signed root: the first stored hash that differs from the recomputed one. */
function changedStoredHash(computed: TreeLevels, stored: Stored): BundleFault | undefined {
  const leafIndex = stored.leafHashes?.findIndex((h, i) => !bytesEqual(h, computed[0]?.[i] as Uint8Array)) ?? -1;
  if (leafIndex >= 0) {
    const hex = toHex(stored.leafHashes?.[leafIndex] as Uint8Array);
    return { kind: 'leaf_hash', index: leafIndex, reason: `the stored leaf hash ${hex} has been changed; the entry text itself is intact` };
  }
  for (const [level, row] of (stored.nodes ?? []).entries()) {
    const index = row.findIndex((h, j) => !bytesEqual(h, computed[level]?.[j] as Uint8Array));
    if (index >= 0) return nodeFault({ level, index }, 'has been changed: it is not the hash of the entries below it');
  }
  return undefined;
}

/** Descends from a node whose trusted hash is known to the leaf whose text was changed. */
function descend(computed: TreeLevels, candidates: readonly TreeLevels[], id: NodeId, trusted: Uint8Array): BundleFault {
  if (id.level === 0) return entryFault(id.index);
  const left = { level: id.level - 1, index: id.index * 2 };
  const right = { level: id.level - 1, index: id.index * 2 + 1 };
  for (const source of candidates) {
    const l = at(source, left);
    const r = at(source, right);
    if (!l || !r || !bytesEqual(nodeHash(l, r), trusted)) continue;
    const changed = bytesEqual(at(computed, left) as Uint8Array, l) ? { id: right, hash: r } : { id: left, hash: l };
    return descend(computed, candidates, changed.id, changed.hash);
  }
  return nodeFault(id, 'covers a changed entry, and its stored children were changed too');
}

/** Texts do not match the signed root: follow stored hashes that do to the changed entry. */
function changedEntry(computed: TreeLevels, stored: Stored, size: number, signedRoot: Uint8Array): BundleFault | undefined {
  const candidates: TreeLevels[] = [];
  if (stored.nodes) candidates.push(stored.nodes);
  if (stored.leafHashes) candidates.push(treeLevels(stored.leafHashes));
  for (const source of candidates) {
    if (size === 0 || !bytesEqual(rootOf(source, size) ?? new Uint8Array(0), signedRoot)) continue;
    const frontier = rangeSubtrees(0, size);
    const id = frontier.find((f) => !bytesEqual(at(source, f) as Uint8Array, at(computed, f) as Uint8Array));
    if (id) return descend(computed, candidates, id, at(source, id) as Uint8Array);
  }
  return undefined;
}

/**
 * The first fault a bundle's stored hashes reveal, or undefined when the entry texts give
 * the signed root and every stored hash agrees. Without stored hashes (format /1) a root
 * mismatch is reported without an index.
 */
export function locateBundleFault(input: {
  readonly computedLeaves: readonly Uint8Array[];
  readonly stored: Stored;
  readonly signedRoot: Uint8Array;
}): BundleFault | undefined {
  const size = input.computedLeaves.length;
  const computed = treeLevels(input.computedLeaves);
  const root = size === 0 ? EMPTY_ROOT : (rootOf(computed, size) as Uint8Array);
  if (bytesEqual(root, input.signedRoot)) return changedStoredHash(computed, input.stored);
  const named = changedEntry(computed, input.stored, size, input.signedRoot);
  if (named) return named;
  const reason = `Merkle root of the entries ${toHex(root)} does not match the checkpoint root ${toHex(input.signedRoot)}`;
  const hint = input.stored.leafHashes || input.stored.nodes ? ', and the stored hashes do not give the signed root either' : '';
  return { kind: 'root', reason: reason + hint };
}
