/** fast-check arbitraries for EVMRAND/1 draws. Tests only. */
import fc from 'fast-check';
import { UNIT_KINDS, type UnitKind } from '../domain/units.ts';
import type { DemandRow, PoolUnit } from '../rand/csv.ts';

const PREFIX: Readonly<Record<UnitKind, string>> = { BU: 'BU', CU: 'CU', VVPAT: 'VV' };

/** Distinct type-prefixed serials of one kind. */
function arbSerials(kind: UnitKind, max: number): fc.Arbitrary<PoolUnit[]> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 999_999 }), { maxLength: max })
    .map((ns) => ns.map((n) => ({ kind, serial: `${PREFIX[kind]}-${String(n).padStart(6, '0')}` })));
}

/** Block sizes for `targets` that fit in `available` units. */
function arbCounts(available: number, targets: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: Math.max(1, available) }), { minLength: targets, maxLength: targets })
    .map((counts) => {
      const out: number[] = [];
      let left = available;
      for (const c of counts) {
        if (left < 1) break;
        const take = Math.min(c, left);
        out.push(take);
        left -= take;
      }
      return out;
    });
}

export interface RandDraw {
  /** Eligible units, in no particular order. */
  readonly units: readonly PoolUnit[];
  /** A demand the pool can meet: some targets per kind, each asking for at least one unit. */
  readonly demand: readonly DemandRow[];
  readonly dice: string;
}

/** A pool of up to `maxPerKind` units of each kind, a demand it can meet and 20 dice digits. */
export function arbRandDraw(maxPerKind = 40): fc.Arbitrary<RandDraw> {
  return fc
    .tuple(arbSerials('BU', maxPerKind), arbSerials('CU', maxPerKind), arbSerials('VVPAT', maxPerKind), fc.integer({ min: 1, max: 6 }))
    .chain(([bu, cu, vv, targets]) => {
      const units = [...bu, ...cu, ...vv];
      const counts = fc.tuple(arbCounts(bu.length, targets), arbCounts(cu.length, targets), arbCounts(vv.length, targets));
      return fc.record({
        units: fc.shuffledSubarray(units, { minLength: units.length }),
        demand: counts.map((perKind) =>
          perKind.flatMap((cs, k) => cs.map((count, t) => ({ kind: UNIT_KINDS[k] ?? 'BU', target: `AC-${String(t + 1).padStart(3, '0')}`, count }))),
        ),
        dice: fc.stringMatching(/^[0-9]{20}$/),
      });
    });
}
