/**
 * RFC 6962 / RFC 9162 Merkle tree hashing (EVMLOG/1 §5.1), plus the helpers the api
 * uses to store every complete subtree node and to assemble proofs from them.
 *
 * Node (level L, index i) is the perfect subtree over leaves [i*2^L, (i+1)*2^L);
 * level 0 holds the leaf hashes. Sizes and indices are plain numbers (safe integers);
 * the code uses arithmetic rather than 32-bit bit operations so it stays correct
 * beyond 2^31 leaves.
 */
import { assert } from '../lib/assert.ts';
import { concatBytes, sha256 } from './bytes.ts';

/** A stored node position. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A stored node with its hash. */
export interface TreeNode extends NodeId {
  readonly hash: Uint8Array;
}

/** Synchronous node lookup; must return an already stored complete node. */
export type GetNode = (level: number, index: number) => Uint8Array;

/** MTH({}) = SHA-256 of the empty string. Treat as read-only. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

const NODE_INPUT = new Uint8Array(65);
NODE_INPUT[0] = 0x01;

/** RFC 6962 leaf hash: SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  const input = new Uint8Array(entry.length + 1);
  input.set(entry, 1); // input[0] is already 0x00
  return sha256(input);
}

/** RFC 6962 interior node hash: SHA-256(0x01 || left || right). Any input lengths. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === 32 && right.length === 32) {
    NODE_INPUT.set(left, 1);
    NODE_INPUT.set(right, 33);
    return sha256(NODE_INPUT);
  }
  return sha256(concatBytes(Uint8Array.of(0x01), left, right));
}

function assertSize(n: number, what: string): void {
  assert(Number.isSafeInteger(n) && n >= 0, `${what} must be a non-negative safe integer, got ${n}`);
}

/** The largest power of two strictly less than n (the RFC 6962 split point k); n >= 2. */
export function largestPowerOfTwoBelow(n: number): number {
  assert(Number.isSafeInteger(n) && n >= 2, `largestPowerOfTwoBelow needs an integer n >= 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function largestPowerOfTwoAtMost(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

function log2OfPowerOfTwo(p: number): number {
  let level = 0;
  for (let q = p; q > 1; q /= 2) level += 1;
  return level;
}

/**
 * MTH over the given leaf hashes (RFC 6962 §2.1), computed with a stack of perfect
 * subtrees: O(n) hashes, no recursion.
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  const stack: Uint8Array[] = [];
  for (let i = 0; i < leafHashes.length; i += 1) {
    let top = leafHashes[i] as Uint8Array;
    // Leaves so far = i + 1; each trailing 1 bit of i closes one more perfect subtree.
    for (let c = i; c % 2 === 1; c = (c - 1) / 2) {
      top = nodeHash(stack.pop() as Uint8Array, top);
    }
    stack.push(top);
  }
  let root = stack.pop();
  if (root === undefined) return EMPTY_ROOT;
  for (let left = stack.pop(); left !== undefined; left = stack.pop()) {
    root = nodeHash(left, root);
  }
  return root;
}

/**
 * The stored nodes whose hashes newCompleteNodes(size, ...) will ask for: the left
 * siblings on the way up from leaf `size`.
 */
export function nodesNeededForAppend(size: number): NodeId[] {
  assertSize(size, 'size');
  const needed: NodeId[] = [];
  for (let level = 0, index = size; index % 2 === 1; level += 1, index = (index - 1) / 2) {
    needed.push({ level, index: index - 1 });
  }
  return needed;
}

/**
 * Appending leaf number `size` (0-based; the tree grows to size + 1 leaves) with leaf
 * hash `leaf`: every complete node that now exists and did not before, bottom-up,
 * starting with the leaf itself at level 0.
 */
export function newCompleteNodes(size: number, leaf: Uint8Array, getNode: GetNode): TreeNode[] {
  assertSize(size, 'size');
  const nodes: TreeNode[] = [{ level: 0, index: size, hash: leaf }];
  let hash = leaf;
  for (let level = 0, index = size; index % 2 === 1; ) {
    hash = nodeHash(getNode(level, index - 1), hash);
    level += 1;
    index = (index - 1) / 2;
    nodes.push({ level, index, hash });
  }
  return nodes;
}

/**
 * The complete subtrees covering leaves [start, end), left to right, largest first.
 * The range must be a node of an RFC 6962 tree (as every range in a root or proof
 * is): start is a multiple of the largest power of two <= end - start.
 */
export function rangeSubtrees(start: number, end: number): NodeId[] {
  assertSize(start, 'start');
  assert(Number.isSafeInteger(end) && end > start, `range [${start}, ${end}) is empty or invalid`);
  const first = largestPowerOfTwoAtMost(end - start);
  assert(start % first === 0, `range [${start}, ${end}) is not an RFC 6962 subtree range`);
  const subtrees: NodeId[] = [];
  for (let cur = start; cur < end; ) {
    const width = largestPowerOfTwoAtMost(end - cur);
    subtrees.push({ level: log2OfPowerOfTwo(width), index: cur / width });
    cur += width;
  }
  return subtrees;
}

/**
 * Combines the hashes of rangeSubtrees(start, end), in that order, into
 * MTH(D[start:end]) = hash(s1, hash(s2, ... sN)).
 */
export function hashRange(subtreeHashes: readonly Uint8Array[]): Uint8Array {
  assert(subtreeHashes.length > 0, 'hashRange needs at least one subtree hash');
  let acc = subtreeHashes[subtreeHashes.length - 1] as Uint8Array;
  for (let i = subtreeHashes.length - 2; i >= 0; i -= 1) {
    acc = nodeHash(subtreeHashes[i] as Uint8Array, acc);
  }
  return acc;
}

/** The leaf ranges whose MTHs form PATH(index, D[0:size]) (RFC 6962 §2.1.1), in proof order. */
export function inclusionProofRanges(index: number, size: number): [number, number][] {
  assertSize(index, 'index');
  assert(Number.isSafeInteger(size) && index < size, `index ${index} is not below tree size ${size}`);
  const ranges: [number, number][] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (index < lo + k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
    }
  }
  return ranges.reverse();
}

/**
 * The leaf ranges whose MTHs form PROOF(size1, D[0:size2]) (RFC 6962 §2.1.2), in proof
 * order; 1 <= size1 <= size2 (empty when the sizes are equal).
 */
export function consistencyProofRanges(size1: number, size2: number): [number, number][] {
  assert(Number.isSafeInteger(size1) && size1 >= 1, `size1 must be >= 1, got ${size1}`);
  assert(Number.isSafeInteger(size2) && size1 <= size2, `size1 ${size1} exceeds size2 ${size2}`);
  const ranges: [number, number][] = [];
  let lo = 0;
  let hi = size2;
  let m = size1;
  let isWholeOldTree = true;
  while (m !== hi - lo) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (m <= k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
      m -= k;
      isWholeOldTree = false;
    }
  }
  if (!isWholeOldTree) ranges.push([lo, hi]);
  return ranges.reverse();
}

/** In-memory inclusion proof for leaf `index` in the tree of all `leafHashes`. */
export function inclusionProof(index: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  return inclusionProofRanges(index, leafHashes.length).map(([s, e]) =>
    rootFromLeafHashes(leafHashes.slice(s, e)),
  );
}

/** In-memory consistency proof from size1 to the tree of all `leafHashes`. */
export function consistencyProof(size1: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  return consistencyProofRanges(size1, leafHashes.length).map(([s, e]) =>
    rootFromLeafHashes(leafHashes.slice(s, e)),
  );
}
