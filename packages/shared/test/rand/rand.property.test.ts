import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNIT_KINDS } from '../../src/domain/units.ts';
import { allocate, firstFraction, freezeDemand, freezePool, orderByTicket, seedFrom, type Allocation } from '../../src/rand/index.ts';
import { orderByTicketDigits } from '../../src/rand/order.ts';
import { arbRandDraw, type RandDraw } from '../../src/testing/index.ts';

/** The readable definition: sort by (ticket string, id). */
function naiveOrder(ids: readonly string[], seed: string): string[] {
  const keyed = ids.map((id) => ({ id, t: firstFraction(id, seed) }));
  keyed.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.id < b.id ? -1 : 1));
  return keyed.map((k) => k.id);
}

function draw(d: RandDraw, dice = d.dice): Allocation {
  const pool = freezePool(d.units);
  const demand = freezeDemand(d.demand);
  if (!pool.ok || !demand.ok) throw new Error('arbitrary made bad input');
  const seed = seedFrom({ electionId: 'GE2029', stage: '1', scope: 'D0412', poolHash: pool.value.hash, demandHash: demand.value.hash, dice, parties: [] });
  if (!seed.ok) throw new Error(seed.error.message);
  const a = allocate({ pool: pool.value, demand: demand.value, seed: seed.value });
  if (!a.ok) throw new Error(a.error.message);
  return a.value;
}

/** Mostly ASCII (the fast path), sometimes any Unicode (the UTF-8 byte path). */
const arbId = fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) });
const arbIds = fc.uniqueArray(arbId, { maxLength: 60 });

describe('ticket order', () => {
  it('equals the naive sort of ticket strings, for any distinct ids and seed', () => {
    fc.assert(
      fc.property(arbIds, fc.string(), (ids, seed) => {
        const o = orderByTicket(ids, seed);
        expect(o.ok && o.value.ids).toEqual(naiveOrder(ids, seed));
      }),
      { numRuns: 150 },
    );
  });

  it('stays exact when the packed digits tie (forced here with 1 or 2 digits per key)', () => {
    fc.assert(
      fc.property(arbIds, fc.string(), fc.constantFrom(1, 2), (ids, seed, digits) => {
        const o = orderByTicketDigits(ids, seed, digits);
        expect(o.ok && o.value.ids).toEqual(naiveOrder(ids, seed));
        if (o.ok) expect(o.value.ids.map((_, r) => o.value.ticket(r))).toEqual(o.value.ids.map((id) => firstFraction(id, seed)));
      }),
      { numRuns: 150 },
    );
  });

  it('finds a duplicate id even among tied keys', () => {
    const o = orderByTicketDigits(['A', 'B', 'C', 'B', 'D'], 's', 1);
    expect(!o.ok && o.error).toMatchObject({ type: 'rand_duplicate', serial: 'B' });
  });

  it('does not depend on the input order, and a subset keeps its relative order (consistency)', () => {
    fc.assert(
      fc.property(arbIds, fc.string(), fc.func(fc.boolean()), (ids, seed, keep) => {
        const full = orderByTicket(ids, seed);
        const reversed = orderByTicket([...ids].reverse(), seed);
        const subset = ids.filter((id) => keep(id));
        const sub = orderByTicket(subset, seed);
        if (!full.ok || !reversed.ok || !sub.ok) throw new Error('order failed');
        expect(reversed.value.ids).toEqual(full.value.ids);
        expect(sub.value.ids).toEqual(full.value.ids.filter((id) => subset.includes(id)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('allocate', () => {
  it('is deterministic and does not depend on the order units and demand are given in', () => {
    fc.assert(
      fc.property(arbRandDraw(), (d) => {
        const a = draw(d);
        const kindsReversed = [...d.demand].sort((x, y) => UNIT_KINDS.indexOf(y.kind) - UNIT_KINDS.indexOf(x.kind));
        const b = draw({ ...d, units: [...d.units].reverse(), demand: kindsReversed });
        expect(b.csv).toBe(a.csv);
        expect(b.hash).toBe(a.hash);
      }),
      { numRuns: 60 },
    );
  });

  it('is a permutation of the pool: every unit once, blocks of the demanded sizes, the rest in reserve', () => {
    fc.assert(
      fc.property(arbRandDraw(), (d) => {
        const a = draw(d);
        const lines = a.csv === '' ? [] : a.csv.slice(0, -1).split('\n');
        expect(lines.map((l) => l.split(',')[2]).sort()).toEqual(d.units.map((u) => u.serial).sort());
        for (const kind of UNIT_KINDS) {
          const rows = d.demand.filter((r) => r.kind === kind);
          const mine = a.byKind[kind];
          expect(mine.blocks.map((b) => [b.target, b.serials.length])).toEqual(rows.map((r) => [r.target, r.count]));
          const units = d.units.filter((u) => u.kind === kind).length;
          expect(mine.reserve.length).toBe(units - rows.reduce((s, r) => s + r.count, 0));
          expect([...mine.blocks.flatMap((b) => b.serials), ...mine.reserve]).toEqual(mine.order.ids);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('changing one dice digit changes the seed, and so every ticket', () => {
    fc.assert(
      fc.property(arbRandDraw(12), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 1, max: 9 }), (d, at, plus) => {
        const digit = (Number(d.dice[at]) + plus) % 10;
        const other = d.dice.slice(0, at) + String(digit) + d.dice.slice(at + 1);
        const a = draw(d);
        const b = draw(d, other);
        expect(b.seed.dice).not.toBe(a.seed.dice);
        for (const kind of UNIT_KINDS) {
          const ta = new Map(a.byKind[kind].order.ids.map((id, r) => [id, a.byKind[kind].order.ticket(r)]));
          b.byKind[kind].order.ids.forEach((id, r) => expect(b.byKind[kind].order.ticket(r)).not.toBe(ta.get(id)));
        }
      }),
      { numRuns: 40 },
    );
  });
});
