import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENTRY_TYPE_PATTERN,
  EvmLogEntrySchema,
  KNOWN_ENTRY_TYPES,
  ZERO_HASH_HEX,
  encodeEntry,
  entryText,
  fromHex,
  leafHash,
  nextDeviceHead,
  parseEntry,
  rootFromLeafHashes,
  sha256,
  toHex,
  utf8Decode,
  utf8Encode,
  verifyConsistency,
  verifyInclusion,
  type DeviceHead,
  type EvmLogEntry,
} from '../../src/log/index.ts';

interface LogVectors {
  origin: string;
  entries: { index: number; event: unknown; entry_utf8: string; leaf_hash_hex: string }[];
  roots_by_size_hex: Record<string, string>;
  inclusion_proofs: { leaf_index: number; tree_size: number; leaf_hash_hex: string; proof_hex: string[]; root_hex: string }[];
  consistency_proofs: { size1: number; size2: number; root1_hex: string; root2_hex: string; proof_hex: string[] }[];
  hash_chain_comparison: { heads_hex: string[] };
}

const v = JSON.parse(
  readFileSync(new URL('../fixtures/vectors/evmlog-v1-custody-log-vectors.json', import.meta.url), 'utf8'),
) as LogVectors;

const entries = v.entries.map((e) => EvmLogEntrySchema.parse(e.event));
const leafHashes = v.entries.map((e) => leafHash(utf8Encode(e.entry_utf8)));

describe('EVMLOG/1 vector entries', () => {
  it('has 8 entries that parse and re-encode to entry_utf8 exactly', () => {
    expect(entries).toHaveLength(8);
    v.entries.forEach((e, i) => {
      const entry = entries[i] as EvmLogEntry;
      expect(entryText(entry)).toBe(e.entry_utf8);
      expect(utf8Decode(encodeEntry(entry))).toBe(e.entry_utf8);
      expect(parseEntry(e.entry_utf8)).toEqual({ ok: true, value: entry });
    });
  });

  it('reproduces the leaf hashes and the roots for sizes 0..8', () => {
    expect(leafHashes.map(toHex)).toEqual(v.entries.map((e) => e.leaf_hash_hex));
    for (const [size, root] of Object.entries(v.roots_by_size_hex)) {
      expect(toHex(rootFromLeafHashes(leafHashes.slice(0, Number(size))))).toBe(root);
    }
  });

  it('verifies the published inclusion and consistency proofs', () => {
    for (const p of v.inclusion_proofs) {
      expect(p.leaf_hash_hex).toBe(toHex(leafHashes[p.leaf_index] as Uint8Array));
      const proof = p.proof_hex.map(fromHex);
      expect(verifyInclusion(p.leaf_index, p.tree_size, fromHex(p.leaf_hash_hex), proof, fromHex(p.root_hex))).toBe(true);
    }
    for (const p of v.consistency_proofs) {
      const proof = p.proof_hex.map(fromHex);
      expect(verifyConsistency(p.size1, p.size2, proof, fromHex(p.root1_hex), fromHex(p.root2_hex))).toBe(true);
    }
  });

  it('has intact per-device chains', () => {
    const heads = new Map<string, DeviceHead>();
    entries.forEach((entry, i) => {
      const head = nextDeviceHead(heads.get(entry.dev), entry, toHex(leafHashes[i] as Uint8Array));
      expect(head.ok).toBe(true);
      if (head.ok) heads.set(entry.dev, head.value);
    });
    expect([...heads].map(([dev, h]) => [dev, h.devSeq])).toEqual([
      ['TAB-D0412-03', 3],
      ['EMS-D0412', 2],
      ['TAB-AC057-01', 3],
    ]);
  });

  it('reproduces the whole-log hash chain given for comparison', () => {
    let head = sha256(utf8Encode(`EVMLOG/1|genesis|${v.origin}`));
    const heads = [toHex(head)];
    for (const hash of leafHashes) {
      head = sha256(new Uint8Array([...head, ...hash]));
      heads.push(toHex(head));
    }
    expect(heads).toEqual(v.hash_chain_comparison.heads_hex);
  });
});

describe('nextDeviceHead', () => {
  const first = entries[0] as EvmLogEntry;
  const firstHash = toHex(leafHashes[0] as Uint8Array);

  it('detects gaps, repeats and a wrong devPrev', () => {
    expect(nextDeviceHead(undefined, first, firstHash)).toEqual({ ok: true, value: { devSeq: 1, leafHashHex: firstHash } });
    expect(nextDeviceHead(undefined, { ...first, devSeq: 2 }, firstHash)).toMatchObject({
      ok: false,
      error: { type: 'device_seq_gap', message: 'device TAB-D0412-03: devSeq 2, expected 1' },
    });
    const head = { devSeq: 1, leafHashHex: firstHash };
    expect(nextDeviceHead(head, { ...first, devSeq: 2 }, 'x')).toMatchObject({
      ok: false,
      error: { type: 'device_prev_mismatch' },
    });
    expect(nextDeviceHead(head, { ...first, devSeq: 2, devPrev: firstHash }, 'x').ok).toBe(true);
    expect(nextDeviceHead(undefined, { ...first, devPrev: firstHash }, 'x').ok).toBe(false);
  });

  it('names the previous entry of the device when the chain breaks, since either may be the changed one', () => {
    const head = nextDeviceHead(undefined, first, firstHash, 379);
    expect(head).toEqual({ ok: true, value: { devSeq: 1, leafHashHex: firstHash, index: 379 } });
    if (!head.ok) return;
    const broken = nextDeviceHead(head.value, { ...first, devSeq: 2 }, 'x', 380);
    expect(!broken.ok && broken.error.message).toContain('previous entry (entry 379)');
  });
});

describe('EvmLogEntrySchema', () => {
  const base = entries[2] as EvmLogEntry;

  it('accepts the app fields and unknown upper-snake types, and omits undefined optionals', () => {
    const entry = { ...base, type: 'SOMETHING_NEW_2', event: 'seal_applied', state: 'in_storage', reason: 'ok' };
    expect(EvmLogEntrySchema.parse(entry)).toEqual(entry);
    expect(entryText({ ...base, doc: undefined })).not.toContain('"doc"');
    expect(KNOWN_ENTRY_TYPES).toContain('STATE_CHANGE');
    expect(KNOWN_ENTRY_TYPES.every((t) => ENTRY_TYPE_PATTERN.test(t))).toBe(true);
    expect(ZERO_HASH_HEX).toBe('0'.repeat(64));
  });

  it.each([
    ['an unknown key', { extra: 1 }],
    ['v 2', { v: 2 }],
    ['a lowercase type', { type: 'move' }],
    ['a timestamp without offset', { ts: '2029-03-20T16:00:00' }],
    ['an uppercase doc', { doc: 'C204DAEC55F0317DA4433FCF18D4107DEA98496FDF2A053927DA52996E3BB248' }],
    ['a short salt', { salt: 'abcd' }],
    ['devSeq 0', { devSeq: 0 }],
    ['a non-snake event', { event: 'SealApplied' }],
  ])('rejects %s', (_label, change) => {
    expect(EvmLogEntrySchema.safeParse({ ...base, ...change }).success).toBe(false);
    expect(() => encodeEntry({ ...base, ...change } as EvmLogEntry)).toThrow();
  });

  it('parseEntry rejects non-canonical text and names the bad field', () => {
    const text = v.entries[2]?.entry_utf8 ?? '';
    expect(parseEntry(` ${text}`)).toMatchObject({ ok: false, error: { type: 'not_canonical' } });
    const bad = parseEntry(text.replace('"devSeq":1', '"devSeq":0'));
    expect(bad).toMatchObject({ ok: false, error: { type: 'invalid_entry' } });
    expect(!bad.ok && bad.error.message).toMatch(/^devSeq: /);
  });
});
