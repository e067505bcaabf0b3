import { formatVkey, leafHash, publicKeyFromSeed, toHex, utf8Encode } from '@evmtrail/shared';
import { describe, expect, it } from 'vitest';
import { buildUnitDetail, ORIGIN } from '../../../test/fixtures';
import { verifyTimeline } from './verify-timeline';

/** Changes one character of the text, keeping it the same length. */
function flipOne(text: string, find: string, replace: string): string {
  expect(text).toContain(find);
  return text.replace(find, replace);
}

describe('verifyTimeline', () => {
  it('accepts a genuine timeline against its signed checkpoint', () => {
    const detail = buildUnitDetail();
    expect(verifyTimeline(detail)).toEqual({ ok: true, origin: ORIGIN, size: 5, entries: 3 });
  });

  it('names the entry whose text was changed by one byte', () => {
    const detail = buildUnitDetail();
    const t = detail.timeline[1];
    if (!t) throw new Error('fixture has 3 entries');
    detail.timeline[1] = { ...t, entry: flipOne(t.entry, 'P02-REP-03', 'P02-REP-04') };
    expect(verifyTimeline(detail)).toEqual({ ok: false, failure: { type: 'leaf_hash_mismatch', index: 2 } });
  });

  it('catches a changed entry even when its leaf hash was recomputed to match', () => {
    const detail = buildUnitDetail();
    const t = detail.timeline[2];
    if (!t) throw new Error('fixture has 3 entries');
    const forged = flipOne(t.entry, 'TRUCK-88812', 'TRUCK-88813');
    detail.timeline[2] = { ...t, entry: forged, leafHashHex: toHex(leafHash(utf8Encode(forged))) };
    expect(verifyTimeline(detail)).toEqual({ ok: false, failure: { type: 'bad_proof', index: 3 } });
  });

  it('reports the first failing entry by leaf index', () => {
    const detail = buildUnitDetail();
    detail.timeline = detail.timeline.map((t) => ({ ...t, leafHashHex: '00'.repeat(32) })).reverse();
    expect(verifyTimeline(detail)).toEqual({ ok: false, failure: { type: 'stored_leaf_hash_mismatch', index: 0 } });
  });

  it('a changed stored leaf hash is not reported as a changed entry', () => {
    const detail = buildUnitDetail();
    const t = detail.timeline[1];
    if (!t) throw new Error('fixture has 3 entries');
    detail.timeline[1] = { ...t, leafHashHex: 'ab'.repeat(32) };
    expect(verifyTimeline(detail)).toEqual({ ok: false, failure: { type: 'stored_leaf_hash_mismatch', index: 2 } });
  });

  it('a changed Merkle node on the proof path is a proof fault, not a changed entry', () => {
    const detail = buildUnitDetail();
    const t = detail.timeline[1];
    if (!t) throw new Error('fixture has 3 entries');
    const [first = '', ...rest] = t.proof;
    detail.timeline[1] = { ...t, proof: [first.replace(/^./, (c) => (c === '0' ? '1' : '0')), ...rest] };
    expect(verifyTimeline(detail)).toEqual({ ok: false, failure: { type: 'bad_proof', index: 2 } });
  });

  it('rejects a checkpoint signed by another key', () => {
    const detail = buildUnitDetail();
    detail.logVkey = formatVkey(ORIGIN, publicKeyFromSeed(new Uint8Array(32).fill(9)));
    const verdict = verifyTimeline(detail);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.failure.type).toBe('bad_signature');
  });

  it('rejects a note whose signed text was altered', () => {
    const detail = buildUnitDetail();
    detail.checkpoint = { ...detail.checkpoint, note: detail.checkpoint.note.replace('\n5\n', '\n6\n') };
    const verdict = verifyTimeline(detail);
    expect(!verdict.ok && verdict.failure.type).toBe('bad_signature');
  });

  it('rejects server claims that differ from the signed checkpoint', () => {
    const root = buildUnitDetail();
    root.checkpoint = { ...root.checkpoint, rootHex: 'ab'.repeat(32) };
    expect(verifyTimeline(root)).toEqual({ ok: false, failure: { type: 'checkpoint_mismatch', field: 'root' } });
    const size = buildUnitDetail();
    size.checkpoint = { ...size.checkpoint, size: 4 };
    expect(verifyTimeline(size)).toEqual({ ok: false, failure: { type: 'checkpoint_mismatch', field: 'size' } });
    const origin = buildUnitDetail();
    origin.checkpoint = { ...origin.checkpoint, origin: 'elsewhere/GE2029/D1' };
    expect(verifyTimeline(origin)).toEqual({ ok: false, failure: { type: 'checkpoint_mismatch', field: 'origin' } });
  });

  it('rejects malformed proofs and indexes outside the tree', () => {
    const proof = buildUnitDetail();
    const first = proof.timeline[0];
    if (!first) throw new Error('fixture has 3 entries');
    proof.timeline[0] = { ...first, proof: ['zz'] };
    expect(verifyTimeline(proof)).toEqual({ ok: false, failure: { type: 'bad_proof', index: 0 } });
    const outside = buildUnitDetail();
    outside.timeline[0] = { ...first, index: 5 };
    expect(verifyTimeline(outside)).toEqual({ ok: false, failure: { type: 'index_out_of_range', index: 5 } });
  });
});
