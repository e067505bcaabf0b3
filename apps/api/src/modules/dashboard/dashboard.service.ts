import { UNIT_KINDS } from '@evmtrail/shared';

import type { Db } from '../../db/handle.ts';
import type { Actor, DistrictPlace } from '../authority/authority.service.ts';
import { districtIdsIn } from '../districts/district.service.ts';
import { countUnitsByKindAndState } from '../units/unit-list.repository.ts';

export interface UnitCounts {
  readonly rows: Array<{ kind: string; state: string; count: number }>;
  readonly total: number;
}

/** Units by kind and state: in the judged district, else over the whole jurisdiction (an AC user: their AC). */
export async function unitCounts(db: Db, actor: Actor, place: DistrictPlace | null): Promise<UnitCounts> {
  const own = actor.jurisdiction;
  const districtIds = place ? [place.districtId] : await districtIdsIn(db, own);
  const acId = place ? place.acId : own.level === 'ac' ? own.acId : undefined;
  const rows = (
    await countUnitsByKindAndState(db, {
      ...(districtIds ? { districtIds } : {}),
      ...(acId != null ? { acId } : {}),
    })
  ).filter((r) => (UNIT_KINDS as readonly string[]).includes(r.kind));
  return { rows, total: rows.reduce((sum, r) => sum + r.count, 0) };
}
