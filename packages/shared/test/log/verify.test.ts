import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, verifyConsistency, verifyInclusion } from '../../src/log/index.ts';

const TESTDATA = new URL('../fixtures/vectors/transparency-dev-merkle-testdata/', import.meta.url);

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function loadCases<T>(kind: 'inclusion' | 'consistency'): [string, T][] {
  const dir = new URL(`${kind}/`, TESTDATA);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [`${kind}/${f}`, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as T]);
}

const b64 = (s: string): Uint8Array => fromBase64(s);
const inclusionCases = loadCases<InclusionCase>('inclusion');
const consistencyCases = loadCases<ConsistencyCase>('consistency');

describe('transparency-dev/merkle testdata', () => {
  it('has every file: 98 inclusion (86 + 12 in additional/) and 98 consistency', () => {
    // The spec text counts 86 + 98 = 184: it leaves out inclusion/additional/ (12 files),
    // which the vector set also holds and which all pass too.
    const additional = inclusionCases.filter(([name]) => name.startsWith('inclusion/additional/'));
    expect(inclusionCases.length - additional.length).toBe(86);
    expect(additional).toHaveLength(12);
    expect(consistencyCases).toHaveLength(98);
    expect(inclusionCases.length - additional.length + consistencyCases.length).toBe(184);
    expect(inclusionCases.length + consistencyCases.length).toBe(196);
    const negatives = [...inclusionCases, ...consistencyCases].filter(([, c]) => c.wantErr);
    expect(negatives.length).toBeGreaterThan(150);
  });

  it.each(inclusionCases)('%s', (_name, c) => {
    const ok = verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), (c.proof ?? []).map(b64), b64(c.root));
    expect(ok).toBe(!c.wantErr);
  });

  it.each(consistencyCases)('%s', (_name, c) => {
    const ok = verifyConsistency(c.size1, c.size2, (c.proof ?? []).map(b64), b64(c.root1), b64(c.root2));
    expect(ok).toBe(!c.wantErr);
  });
});

describe('RFC 9162 verifiers on the EVMLOG/1 vectors', () => {
  interface LogVectors {
    inclusion_proofs: { leaf_index: number; tree_size: number; leaf_hash_hex: string; proof_hex: string[]; root_hex: string }[];
    consistency_proofs: { size1: number; size2: number; root1_hex: string; root2_hex: string; proof_hex: string[] }[];
  }
  const v = JSON.parse(
    readFileSync(new URL('../fixtures/vectors/evmlog-v1-custody-log-vectors.json', import.meta.url), 'utf8'),
  ) as LogVectors;

  it.each(v.inclusion_proofs)('inclusion of leaf $leaf_index in size $tree_size', (p) => {
    const proof = p.proof_hex.map(fromHex);
    expect(verifyInclusion(p.leaf_index, p.tree_size, fromHex(p.leaf_hash_hex), proof, fromHex(p.root_hex))).toBe(true);
    expect(verifyInclusion(p.leaf_index, p.tree_size + 1, fromHex(p.leaf_hash_hex), proof, fromHex(p.root_hex))).toBe(false);
  });

  it.each(v.consistency_proofs)('consistency $size1 -> $size2', (p) => {
    const proof = p.proof_hex.map(fromHex);
    expect(verifyConsistency(p.size1, p.size2, proof, fromHex(p.root1_hex), fromHex(p.root2_hex))).toBe(true);
    expect(verifyConsistency(p.size1, p.size2, proof, fromHex(p.root2_hex), fromHex(p.root1_hex))).toBe(false);
  });

  it('rejects non-integer and negative sizes', () => {
    const h = new Uint8Array(32);
    expect(verifyInclusion(-1, 1, h, [], h)).toBe(false);
    expect(verifyInclusion(0.5, 1, h, [], h)).toBe(false);
    expect(verifyConsistency(0, 0, [], h, h)).toBe(false);
    expect(verifyConsistency(1.5, 2, [h], h, h)).toBe(false);
  });
});
