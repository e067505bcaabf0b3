import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  consistencyProof,
  consistencyProofRanges,
  fromHex,
  hashRange,
  inclusionProof,
  inclusionProofRanges,
  largestPowerOfTwoBelow,
  leafHash,
  newCompleteNodes,
  nodeHash,
  nodesNeededForAppend,
  rangeSubtrees,
  rootFromLeafHashes,
  sha256,
  toHex,
  utf8Encode,
  verifyConsistency,
  verifyInclusion,
} from '../../src/log/index.ts';

interface Rfc6962Vectors {
  hasher_tests: Record<string, string>;
  tree: {
    leaf_inputs_hex: string[];
    node_hashes_by_level: string[][];
    root_hashes_by_tree_size_0_to_8: string[];
  };
}

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/vectors/rfc6962-reference-vectors.json', import.meta.url), 'utf8'),
) as Rfc6962Vectors;

// --- Naive recursive RFC 6962 §2.1 definitions over D[lo:hi] of one leaf array, the
// reference for the range code. MTH is memoised so the brute force stays fast.
type Leaves = readonly Uint8Array[];
const mthMemo = new WeakMap<Leaves, Map<string, Uint8Array>>();

function naiveMth(d: Leaves, lo: number, hi: number): Uint8Array {
  const memo = mthMemo.get(d) ?? new Map<string, Uint8Array>();
  mthMemo.set(d, memo);
  const cached = memo.get(`${lo}:${hi}`);
  if (cached !== undefined) return cached;
  let result: Uint8Array;
  if (hi - lo === 0) result = sha256(new Uint8Array(0));
  else if (hi - lo === 1) result = d[lo] as Uint8Array;
  else {
    const k = largestPowerOfTwoBelow(hi - lo);
    result = nodeHash(naiveMth(d, lo, lo + k), naiveMth(d, lo + k, hi));
  }
  memo.set(`${lo}:${hi}`, result);
  return result;
}

function naivePath(m: number, d: Leaves, lo: number, hi: number): Uint8Array[] {
  if (hi - lo <= 1) return [];
  const k = largestPowerOfTwoBelow(hi - lo);
  return m < k
    ? [...naivePath(m, d, lo, lo + k), naiveMth(d, lo + k, hi)]
    : [...naivePath(m - k, d, lo + k, hi), naiveMth(d, lo, lo + k)];
}

function naiveSubproof(m: number, d: Leaves, lo: number, hi: number, b: boolean): Uint8Array[] {
  if (m === hi - lo) return b ? [] : [naiveMth(d, lo, hi)];
  const k = largestPowerOfTwoBelow(hi - lo);
  return m <= k
    ? [...naiveSubproof(m, d, lo, lo + k, b), naiveMth(d, lo + k, hi)]
    : [...naiveSubproof(m - k, d, lo + k, hi, false), naiveMth(d, lo, lo + k)];
}

const hexes = (hashes: readonly Uint8Array[]): string[] => hashes.map(toHex);

function testLeaves(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(utf8Encode(`leaf ${i}`)));
}

/** A node store filled only through newCompleteNodes, as the api does. */
class NodeStore {
  readonly nodes = new Map<string, Uint8Array>();
  size = 0;

  get(level: number, index: number): Uint8Array {
    const hash = this.nodes.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`node ${level}/${index} is not stored at size ${this.size}`);
    return hash;
  }

  append(leaf: Uint8Array): void {
    const needed = nodesNeededForAppend(this.size);
    const asked: string[] = [];
    const created = newCompleteNodes(this.size, leaf, (level, index) => {
      asked.push(`${level}/${index}`);
      return this.get(level, index);
    });
    expect(asked).toEqual(needed.map((n) => `${n.level}/${n.index}`));
    for (const node of created) {
      expect(this.nodes.has(`${node.level}/${node.index}`)).toBe(false);
      this.nodes.set(`${node.level}/${node.index}`, node.hash);
    }
    this.size += 1;
  }

  rangeHash([start, end]: readonly [number, number]): Uint8Array {
    return hashRange(rangeSubtrees(start, end).map((n) => this.get(n.level, n.index)));
  }
}

describe('RFC 6962 hashing (transparency-dev reference vectors)', () => {
  it('hashes the empty tree, leaves and children', () => {
    const h = vectors.hasher_tests;
    expect(toHex(EMPTY_ROOT)).toBe(h.empty_root);
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(h['empty_leaf_hash (leaf bytes = empty)']);
    expect(toHex(leafHash(utf8Encode('L123456')))).toBe(h["leaf_hash('L123456' ascii)"]);
    expect(toHex(nodeHash(utf8Encode('N123'), utf8Encode('N456')))).toBe(
      h["hash_children('N123','N456' ascii, raw not 32-byte)"],
    );
  });

  it('computes the roots for sizes 0..8 and every complete node', () => {
    const leaves = vectors.tree.leaf_inputs_hex.map((x) => leafHash(fromHex(x)));
    vectors.tree.root_hashes_by_tree_size_0_to_8.forEach((root, size) => {
      expect(toHex(rootFromLeafHashes(leaves.slice(0, size)))).toBe(root);
    });
    const store = new NodeStore();
    for (const leaf of leaves) store.append(leaf);
    vectors.tree.node_hashes_by_level.forEach((level, l) => {
      level.forEach((hash, i) => expect(toHex(store.get(l, i))).toBe(hash));
    });
  });
});

describe('largestPowerOfTwoBelow', () => {
  it('returns the RFC 6962 split point', () => {
    expect([2, 3, 4, 5, 8, 9, 1000].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 8, 512]);
    expect(largestPowerOfTwoBelow(2 ** 40 + 1)).toBe(2 ** 40);
    expect(() => largestPowerOfTwoBelow(1)).toThrow();
  });
});

describe('range-based trees and proofs against the naive recursive definitions', () => {
  const MAX = 70;
  const leaves = testLeaves(MAX);
  const store = new NodeStore();

  it(`agree on MTH, PATH and PROOF for every size 1..${MAX}, index and size1`, () => {
    let checked = 0;
    for (let size = 1; size <= MAX; size += 1) {
      store.append(leaves[size - 1] as Uint8Array);
      const prefix = leaves.slice(0, size);
      const root = naiveMth(leaves, 0, size);
      expect(toHex(rootFromLeafHashes(prefix))).toBe(toHex(root));
      expect(toHex(store.rangeHash([0, size]))).toBe(toHex(root));
      for (let index = 0; index < size; index += 1) {
        const expected = hexes(naivePath(index, leaves, 0, size));
        expect(hexes(inclusionProofRanges(index, size).map((r) => store.rangeHash(r)))).toEqual(expected);
        expect(hexes(inclusionProof(index, prefix))).toEqual(expected);
        expect(verifyInclusion(index, size, prefix[index] as Uint8Array, expected.map(fromHex), root)).toBe(true);
        checked += 1;
      }
      for (let size1 = 1; size1 <= size; size1 += 1) {
        const expected = hexes(naiveSubproof(size1, leaves, 0, size, true));
        expect(hexes(consistencyProofRanges(size1, size).map((r) => store.rangeHash(r)))).toEqual(expected);
        expect(hexes(consistencyProof(size1, prefix))).toEqual(expected);
        const root1 = naiveMth(leaves, 0, size1);
        expect(verifyConsistency(size1, size, expected.map(fromHex), root1, root)).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBe(2 * ((MAX * (MAX + 1)) / 2));
  });

  it('rejects a proof for the wrong index, size or root', () => {
    const prefix = leaves.slice(0, 13);
    const root = rootFromLeafHashes(prefix);
    const proof = inclusionProof(5, prefix);
    expect(verifyInclusion(4, 13, prefix[5] as Uint8Array, proof, root)).toBe(false);
    expect(verifyInclusion(5, 8, prefix[5] as Uint8Array, proof, root)).toBe(false);
    expect(verifyInclusion(5, 13, (prefix[5] as Uint8Array).slice(1), proof, root)).toBe(false);
    expect(verifyInclusion(5, 13, prefix[5] as Uint8Array, proof, EMPTY_ROOT)).toBe(false);
    const cproof = consistencyProof(6, prefix);
    const root6 = rootFromLeafHashes(prefix.slice(0, 6));
    expect(verifyConsistency(6, 13, cproof, root6, root)).toBe(true);
    expect(verifyConsistency(7, 13, cproof, root6, root)).toBe(false);
    expect(verifyConsistency(6, 13, cproof.slice(1), root6, root)).toBe(false);
  });
});

describe('storage helpers', () => {
  it('lists the left siblings needed to append', () => {
    expect(nodesNeededForAppend(0)).toEqual([]);
    expect(nodesNeededForAppend(1)).toEqual([{ level: 0, index: 0 }]);
    expect(nodesNeededForAppend(7)).toEqual([
      { level: 0, index: 6 },
      { level: 1, index: 2 },
      { level: 2, index: 0 },
    ]);
    expect(nodesNeededForAppend(2 ** 40 - 1)).toHaveLength(40);
  });

  it('splits ranges into complete subtrees, largest first', () => {
    expect(rangeSubtrees(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeSubtrees(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeSubtrees(2 ** 40, 2 ** 40 + 3)).toEqual([
      { level: 1, index: 2 ** 39 },
      { level: 0, index: 2 ** 40 + 2 },
    ]);
    expect(() => rangeSubtrees(2, 6)).toThrow(/not an RFC 6962 subtree range/);
    expect(() => rangeSubtrees(3, 3)).toThrow();
  });

  it('computes proof ranges for large trees without 32-bit overflow', () => {
    const size = 2 ** 33 + 5;
    const ranges = inclusionProofRanges(2 ** 33 + 1, size);
    expect(ranges).toEqual([
      [2 ** 33, 2 ** 33 + 1],
      [2 ** 33 + 2, 2 ** 33 + 4],
      [2 ** 33 + 4, 2 ** 33 + 5],
      [0, 2 ** 33],
    ]);
    for (const [s, e] of [...ranges, ...consistencyProofRanges(2 ** 32 + 3, size)]) {
      expect(rangeSubtrees(s, e).length).toBeGreaterThan(0);
    }
  });

  it('rejects bad arguments', () => {
    expect(() => inclusionProofRanges(3, 3)).toThrow();
    expect(() => consistencyProofRanges(0, 3)).toThrow();
    expect(() => consistencyProofRanges(4, 3)).toThrow();
    expect(() => hashRange([])).toThrow();
  });
});

describe('rootFromLeafHashes performance', () => {
  it('hashes 100,000 leaves in well under a second', () => {
    const leaves = Array.from({ length: 100_000 }, (_, i) => leafHash(utf8Encode(String(i))));
    const started = performance.now();
    const root = rootFromLeafHashes(leaves);
    const elapsed = performance.now() - started;
    console.log(`rootFromLeafHashes(100,000 leaves): ${elapsed.toFixed(0)} ms`);
    expect(root).toHaveLength(32);
    // Typically ~300 ms; the bound leaves room for a loaded CI machine.
    expect(elapsed).toBeLessThan(2000);
  });
});
