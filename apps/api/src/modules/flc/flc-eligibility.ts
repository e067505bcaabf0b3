import type { UnitKind } from '@evmtrail/shared';

import type { Queryable } from '../../db/handle.ts';
import { currentFlcCycle } from '../units/unit.repository.ts';

/*
 * The one rule every randomisation pool uses (issue 9 item 2): only units FLC-OK in the current
 * FLC cycle, and not under a hold, may enter a pool. A unit back from repair stands in_warehouse
 * until it passes a fresh FLC, so it is never eligible in between.
 */

export function isFlcEligible(unit: { readonly state: string; readonly flcCycle: number | null; readonly hold: string }, currentCycle: number): boolean {
  return unit.state === 'flc_ok' && unit.flcCycle === currentCycle && unit.hold === 'none';
}

/** The district's units that may enter a randomisation pool, with their kind, sorted by serial; optionally only of `kinds` or among `serials`. */
export async function flcEligiblePool(
  db: Queryable,
  p: { districtId: number; kinds?: readonly UnitKind[]; serials?: readonly string[] },
): Promise<{ serial: string; kind: string }[]> {
  if (p.serials?.length === 0 || p.kinds?.length === 0) return [];
  const cycle = await currentFlcCycle(db);
  let query = db.selectFrom('units').select(['serial', 'kind'])
    .where('districtId', '=', p.districtId).where('state', '=', 'flc_ok').where('flcCycle', '=', cycle).where('hold', '=', 'none');
  if (p.kinds) query = query.where('kind', 'in', p.kinds);
  if (p.serials) query = query.where('serial', 'in', p.serials);
  return query.orderBy('serial').execute();
}

/** Serials of the district's units that may enter a randomisation pool, sorted (as flcEligiblePool). */
export async function flcEligibleUnits(
  db: Queryable,
  p: { districtId: number; kinds?: readonly UnitKind[]; serials?: readonly string[] },
): Promise<string[]> {
  return (await flcEligiblePool(db, p)).map((u) => u.serial);
}
