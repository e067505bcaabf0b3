import { describe, expect, it } from 'vitest';
import { sha256, toHex, utf8Encode } from '../../src/log/index.ts';
import {
  allocate,
  checkReveal,
  commit,
  cutBlocks,
  freezeDemand,
  freezePool,
  kindSeed,
  orderByTicket,
  parseDemandCsv,
  parsePoolCsv,
  parseSeed,
  redrawFromFiles,
  seedFrom,
  sha256Hex,
  type PartyContribution,
  type PoolUnit,
} from '../../src/rand/index.ts';
import { UNIT_KINDS, type UnitKind } from '../../src/domain/units.ts';
import { EVMRAND, type StageVector } from './vectors.ts';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('party commitments (evmrand-v1-vectors.json)', () => {
  it.each(EVMRAND.commitments)('$party', (v) => {
    expect(sha256Hex(v.commit_input)).toBe(v.commitment);
    expect(must(commit({ party: v.party, value: v.reveal }))).toBe(v.commitment);
    expect(checkReveal({ party: v.party, commitment: v.commitment, reveal: v.reveal }).ok).toBe(true);
  });

  it('a reveal that does not open the commitment is refused, naming the party', () => {
    const [p1] = EVMRAND.commitments;
    if (!p1) throw new Error('no vector');
    const wrong = checkReveal({ party: p1.party, commitment: p1.commitment, reveal: '0'.repeat(32) });
    expect(!wrong.ok && wrong.error).toMatchObject({ type: 'rand_reveal_mismatch', party: 'P01' });
    const otherParty = checkReveal({ party: 'P02', commitment: p1.commitment, reveal: p1.reveal });
    expect(otherParty.ok).toBe(false);
  });
});

/** The stage's pool as units (from its csv) and its demand as rows, given in a shuffled order. */
function stageInputs(v: StageVector): { units: PoolUnit[]; demand: { kind: UnitKind; target: string; count: number }[] } {
  const units = v.pool_csv.trim().split('\n').map((l) => {
    const [kind, serial] = l.split(',');
    return { kind: kind as UnitKind, serial: serial ?? '' };
  });
  const demand = v.demand_csv.trim().split('\n').map((l) => {
    const [kind, target, count] = l.split(',');
    return { kind: kind as UnitKind, target: target ?? '', count: Number(count) };
  });
  return { units: [...units].reverse(), demand: [...demand].sort((a, b) => UNIT_KINDS.indexOf(b.kind) - UNIT_KINDS.indexOf(a.kind)) };
}

/** The stage's parties: revealed ones with their commitment, WITHHELD ones committed only, '-' ones neither. */
function parties(v: StageVector): PartyContribution[] {
  return v.party_reveals_in_order.map((slot) => {
    const [party = '', value = ''] = slot.split(':');
    if (value === '-') return { party };
    if (value === 'WITHHELD') return { party, commitment: 'a'.repeat(64) };
    return { party, commitment: must(commit({ party, value })), reveal: value };
  });
}

describe.each([
  ['first randomisation (D0412 -> AC-057..059)', EVMRAND.first_randomisation, 'D0412', '1'],
  ['second randomisation (AC-057 -> PS-001..004, a withheld and an absent party)', EVMRAND.second_randomisation, 'AC-057', '2'],
] as const)('%s', (_name, v, scope, stage) => {
  const { units, demand } = stageInputs(v);
  const pool = must(freezePool(units));
  const frozenDemand = must(freezeDemand(demand));
  const seed = must(seedFrom({ electionId: 'GE2029', stage, scope, poolHash: pool.hash, demandHash: frozenDemand.hash, dice: v.dice_digits, parties: [...parties(v)].reverse() }));
  const allocation = must(allocate({ pool, demand: frozenDemand, seed }));

  it('pool.csv and demand.csv are canonical, with hashes P and Q', () => {
    expect(pool.csv).toBe(v.pool_csv);
    expect(pool.hash).toBe(v.pool_csv_sha256);
    expect(frozenDemand.csv).toBe(v.demand_csv);
    expect(frozenDemand.hash).toBe(v.demand_csv_sha256);
    expect(must(parsePoolCsv(v.pool_csv)).hash).toBe(v.pool_csv_sha256);
    expect(must(parseDemandCsv(v.demand_csv)).rows).toEqual(frozenDemand.rows);
  });

  it('the seed string', () => {
    expect(seed).toBe(v.seed);
    expect(must(parseSeed(seed))).toMatchObject({ electionId: 'GE2029', stage, scope, dice: v.dice_digits });
  });

  it.each(UNIT_KINDS)('%s: order with full tickets, blocks and reserve', (kind) => {
    const t = v.per_type[kind];
    expect(kindSeed(seed, kind)).toBe(t.seed_for_type);
    const mine = allocation.byKind[kind];
    expect(mine.order.ids).toEqual(t.order.map((o) => o.id));
    expect(t.order.map((o, rank) => mine.order.ticket(rank))).toEqual(t.order.map((o) => o.ticket));
    expect(mine.blocks.flatMap((b) => b.serials.map((id) => ({ target: b.target, id })))).toEqual(t.allocation);
    expect(mine.reserve).toEqual(t.reserve_in_ticket_order);
  });

  it('allocation.csv and its hash', () => {
    expect(allocation.csv).toBe(v.allocation_csv);
    expect(allocation.hash).toBe(v.allocation_csv_sha256);
    expect(allocation.reserveTarget).toBe(`RESERVE-${scope}`);
  });

  it("an observer's redraw from the published files gives the same hash; a changed pool is refused", () => {
    expect(must(redrawFromFiles({ poolCsv: v.pool_csv, demandCsv: v.demand_csv, seed: v.seed })).hash).toBe(v.allocation_csv_sha256);
    const oneUnitLess = v.pool_csv.slice(0, v.pool_csv.lastIndexOf('\n', v.pool_csv.length - 2) + 1);
    const refused = redrawFromFiles({ poolCsv: oneUnitLess, demandCsv: v.demand_csv, seed: v.seed });
    expect(!refused.ok && refused.error).toMatchObject({ type: 'rand_seed_mismatch', field: 'P' });
  });

  it('variant B orders (sort by SHA256(seed+","+id), for comparison only) are what the vector says', () => {
    for (const kind of UNIT_KINDS) {
      const t = v.per_type[kind];
      if (!t.variantB_order_for_comparison) continue;
      const ids = t.order.map((o) => o.id);
      const key = (id: string) => toHex(sha256(utf8Encode(`${t.seed_for_type},${id}`)));
      expect([...ids].sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(t.variantB_order_for_comparison);
    }
  });
});

describe('regression_1000 (BU-000001..BU-001000)', () => {
  const r = EVMRAND.regression_1000;
  const ids = Array.from({ length: 1000 }, (_, i) => `BU-${String(i + 1).padStart(6, '0')}`);
  const order = must(orderByTicket(ids, r.seed)).ids;

  it('order: first 10, last 5 and the hash of the whole order', () => {
    expect(order.slice(0, 10)).toEqual(r.first_10_in_order);
    expect(order.slice(-5)).toEqual(r.last_5_in_order);
    expect(sha256Hex(`${order.join('\n')}\n`)).toBe(r.sha256_of_order_joined_by_newline_with_trailing_newline);
  });

  it('blocks of 150/140/…/90 and 160 in reserve; the vector hashes them as "TARGET,ID" lines, reserve as RESERVE', () => {
    const cut = must(cutBlocks('BU', order, r.demand.map(([target, count]) => ({ target, count }))));
    expect(cut.reserve).toHaveLength(r.reserve_count);
    expect(cut.reserve.slice(0, 5)).toEqual(r.reserve_first_5);
    const lines = [...cut.blocks.flatMap((b) => b.serials.map((id) => `${b.target},${id}\n`)), ...cut.reserve.map((id) => `RESERVE,${id}\n`)];
    expect(sha256Hex(lines.join(''))).toBe(r.allocation_csv_sha256);
  });

  it('variant B (for comparison only)', () => {
    const key = (id: string) => toHex(sha256(utf8Encode(`${r.seed},${id}`)));
    const b = [...ids].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    expect(b.slice(0, 10)).toEqual(r.variantB_first_10);
    expect(sha256Hex(`${b.join('\n')}\n`)).toBe(r.variantB_sha256_of_order);
  });
});
