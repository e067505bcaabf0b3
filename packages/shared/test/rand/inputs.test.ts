import { describe, expect, it } from 'vitest';
import {
  allocate,
  checkReveal,
  commit,
  freezeDemand,
  freezePool,
  parseDemandCsv,
  parsePoolCsv,
  parseSeed,
  seedFrom,
  type SeedInput,
} from '../../src/rand/index.ts';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const BASE: SeedInput = { electionId: 'GE2029', stage: '1', scope: 'D0412', poolHash: HASH_A, demandHash: HASH_B, dice: '31415926535897932384', parties: [] };

function error<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): unknown {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('freezePool and parsePoolCsv', () => {
  it('refuses bad serials and kinds, naming the unit', () => {
    expect(error(freezePool([{ kind: 'BU', serial: 'bu-000101' }]))).toMatchObject({ type: 'rand_invalid_input', serial: 'bu-000101', message: expect.stringMatching(/serial "bu-000101" is not valid/) as unknown });
    expect(error(freezePool([{ kind: 'BU', serial: 'BU 000101' }]))).toMatchObject({ type: 'rand_invalid_input' });
    expect(error(freezePool([{ kind: 'SLU' as 'BU', serial: 'SLU-1' }]))).toMatchObject({ message: expect.stringMatching(/kind 'SLU'/) as unknown });
  });

  it('refuses a serial given twice, even under two kinds', () => {
    expect(error(freezePool([{ kind: 'BU', serial: 'X-1' }, { kind: 'CU', serial: 'X-1' }]))).toMatchObject({
      type: 'rand_duplicate', serial: 'X-1', message: 'Unit X-1 is in the pool twice (as BU and as CU); a serial may appear once',
    });
  });

  it('names a serial given twice under one kind', () => {
    expect(error(freezePool([{ kind: 'BU', serial: 'BU-1' }, { kind: 'BU', serial: 'BU-1' }]))).toMatchObject({ message: 'Unit BU-1 is in the pool twice; a serial may appear once' });
  });

  it('an empty pool is the empty file', () => {
    const empty = freezePool([]);
    expect(empty.ok && empty.value.csv).toBe('');
  });

  it('refuses a published file that is not canonical, naming the line', () => {
    expect(error(parsePoolCsv('BU,BU-2\nBU,BU-1\n'))).toMatchObject({ type: 'rand_not_canonical', line: 2 });
    expect(error(parsePoolCsv('BU,BU-1\r\n'))).toMatchObject({ type: 'rand_not_canonical', line: 1 });
    expect(error(parsePoolCsv('BU,BU-1'))).toMatchObject({ type: 'rand_not_canonical' });
    expect(error(parsePoolCsv('BU,BU-1\n\n'))).toMatchObject({ type: 'rand_not_canonical', line: 2 });
    expect(error(parsePoolCsv('BU,BU-1\nBU,BU-1\n'))).toMatchObject({ type: 'rand_duplicate', line: 2, serial: 'BU-1' });
    expect(error(parsePoolCsv('BU,BU-1,extra\n'))).toMatchObject({ type: 'rand_invalid_input', line: 1 });
  });
});

describe('freezeDemand and parseDemandCsv', () => {
  it('puts kinds in the order BU, CU, VVPAT and keeps the targets in the order given', () => {
    const d = freezeDemand([
      { kind: 'VVPAT', target: 'AC-058', count: 2 },
      { kind: 'BU', target: 'AC-058', count: 1 },
      { kind: 'VVPAT', target: 'AC-057', count: 3 },
      { kind: 'BU', target: 'AC-057', count: 4 },
    ]);
    expect(d.ok && d.value.csv).toBe('BU,AC-058,1\nBU,AC-057,4\nVVPAT,AC-058,2\nVVPAT,AC-057,3\n');
  });

  it('refuses bad rows, naming the target', () => {
    expect(error(freezeDemand([{ kind: 'BU', target: 'AC-057', count: 0 }]))).toMatchObject({ message: 'Demand row 1: BU count for AC-057 must be a whole number from 1 to 10000000 (got 0)' });
    expect(error(freezeDemand([{ kind: 'BU', target: 'AC-057', count: 1.5 }]))).toMatchObject({ type: 'rand_invalid_input' });
    expect(error(freezeDemand([{ kind: 'BU', target: 'ac 57', count: 1 }]))).toMatchObject({ message: expect.stringMatching(/target "ac 57" is not valid/) as unknown });
    expect(error(freezeDemand([{ kind: 'BU', target: 'RESERVE-D0412', count: 1 }]))).toMatchObject({ message: expect.stringMatching(/kept for the reserve/) as unknown });
    expect(error(freezeDemand([{ kind: 'BU', target: 'AC-057', count: 1 }, { kind: 'BU', target: 'AC-057', count: 2 }]))).toMatchObject({ type: 'rand_duplicate', line: 2 });
  });

  it('refuses a published file out of kind order or with a non-canonical count', () => {
    expect(error(parseDemandCsv('CU,AC-057,1\nBU,AC-057,1\n'))).toMatchObject({ type: 'rand_not_canonical', line: 2 });
    expect(error(parseDemandCsv('BU,AC-057,01\n'))).toMatchObject({ type: 'rand_invalid_input', line: 1 });
    expect(error(parseDemandCsv('BU,AC-057,1'))).toMatchObject({ type: 'rand_not_canonical' });
  });
});

describe('seedFrom and parseSeed', () => {
  const p1 = { party: 'P01', value: '6f1c2d3e4a5b69788796a5b4c3d2e1f0' };
  const c1 = commit(p1);
  if (!c1.ok) throw new Error(c1.error.message);

  it('slots: a reveal, WITHHELD for a commitment not opened, - for no commitment; parties in code order', () => {
    const s = seedFrom({ ...BASE, parties: [{ party: 'P09' }, { party: 'P02', commitment: HASH_A }, { party: 'P01', commitment: c1.value, reveal: p1.value }] });
    expect(s.ok && s.value.endsWith(`|C=P01:${p1.value},P02:WITHHELD,P09:-`)).toBe(true);
    const parsed = s.ok ? parseSeed(s.value) : undefined;
    expect(parsed?.ok && parsed.value.slots.map((x) => x.value)).toEqual([p1.value, 'WITHHELD', '-']);
  });

  it('accepts 40 or more dice digits as a party value, and no parties at all', () => {
    const digits = '1234567890'.repeat(4);
    const c = commit({ party: 'P05', value: digits });
    expect(c.ok).toBe(true);
    expect(seedFrom(BASE).ok && seedFrom(BASE)).toMatchObject({ value: expect.stringMatching(/\|C=$/) as unknown });
  });

  it('refuses a reveal that does not open its commitment, or comes without one, naming the party', () => {
    expect(error(seedFrom({ ...BASE, parties: [{ party: 'P01', commitment: c1.value, reveal: 'f'.repeat(32) }] }))).toMatchObject({ type: 'rand_reveal_mismatch', party: 'P01' });
    expect(error(seedFrom({ ...BASE, parties: [{ party: 'P03', reveal: p1.value }] }))).toMatchObject({ type: 'rand_reveal_mismatch', party: 'P03' });
    expect(error(seedFrom({ ...BASE, parties: [{ party: 'P01' }, { party: 'P01' }] }))).toMatchObject({ type: 'rand_duplicate', party: 'P01' });
  });

  it('refuses malformed fields, naming the field', () => {
    expect(error(seedFrom({ ...BASE, dice: '3141592653589793238' }))).toMatchObject({ field: 'D', message: expect.stringMatching(/20 to 200 decimal digits/) as unknown });
    expect(error(seedFrom({ ...BASE, dice: '31415 926535897932384' }))).toMatchObject({ field: 'D' });
    expect(error(seedFrom({ ...BASE, scope: 'D|0412' }))).toMatchObject({ field: 'U' });
    expect(error(seedFrom({ ...BASE, poolHash: HASH_A.toUpperCase() }))).toMatchObject({ field: 'P' });
    expect(error(seedFrom({ ...BASE, stage: '3' as '1' }))).toMatchObject({ field: 'R' });
    expect(error(seedFrom({ ...BASE, parties: [{ party: 'p1' }] }))).toMatchObject({ field: 'C', party: 'p1' });
    expect(error(commit({ party: 'P01', value: 'ABCDEF0123456789ABCDEF0123456789' }))).toMatchObject({ party: 'P01' });
    expect(error(checkReveal({ party: 'P01', commitment: 'xyz', reveal: p1.value }))).toMatchObject({ field: 'C' });
  });

  it('parseSeed refuses other versions and parties out of order', () => {
    expect(error(parseSeed('EVMRAND/2|E=X'))).toMatchObject({ field: 'seed' });
    const good = seedFrom({ ...BASE, parties: [{ party: 'P01' }, { party: 'P02' }] });
    const swapped = good.ok ? good.value.replace('P01:-,P02:-', 'P02:-,P01:-') : '';
    expect(error(parseSeed(swapped))).toMatchObject({ type: 'rand_not_canonical', party: 'P01' });
  });
});

describe('allocate refuses what it must not draw', () => {
  const pool = freezePool([{ kind: 'BU', serial: 'BU-1' }, { kind: 'BU', serial: 'BU-2' }, { kind: 'CU', serial: 'CU-1' }]);
  const demand = freezeDemand([{ kind: 'BU', target: 'AC-1', count: 1 }, { kind: 'CU', target: 'AC-1', count: 2 }]);
  if (!pool.ok || !demand.ok) throw new Error('fixtures');
  const seedWith = (poolHash: string, demandHash: string) => {
    const s = seedFrom({ ...BASE, poolHash, demandHash });
    if (!s.ok) throw new Error(s.error.message);
    return s.value;
  };

  it('a seed that names another pool or demand', () => {
    expect(error(allocate({ pool: pool.value, demand: demand.value, seed: seedWith(HASH_A, demand.value.hash) }))).toMatchObject({ type: 'rand_seed_mismatch', field: 'P' });
    expect(error(allocate({ pool: pool.value, demand: demand.value, seed: seedWith(pool.value.hash, HASH_B) }))).toMatchObject({ type: 'rand_seed_mismatch', field: 'Q' });
  });

  it('a pool too small for a kind, saying how many are missing', () => {
    expect(error(allocate({ pool: pool.value, demand: demand.value, seed: seedWith(pool.value.hash, demand.value.hash) }))).toMatchObject({
      type: 'rand_pool_too_small', kind: 'CU', message: 'The pool has 1 CU but the demand asks for 2; add 1 eligible CU or lower the demand',
    });
  });

  it('a kind with units but no demand goes wholly to the reserve', () => {
    const d = freezeDemand([{ kind: 'BU', target: 'AC-1', count: 1 }]);
    if (!d.ok) throw new Error('fixture');
    const a = allocate({ pool: pool.value, demand: d.value, seed: seedWith(pool.value.hash, d.value.hash) });
    expect(a.ok && a.value.byKind.CU.reserve).toEqual(['CU-1']);
    expect(a.ok && a.value.csv.split('\n').filter((l) => l.startsWith('CU,'))).toEqual(['CU,RESERVE-D0412,CU-1']);
  });
});
