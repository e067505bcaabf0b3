import type { DistrictId, Jurisdiction } from '@evmtrail/shared';

import type { Db } from '../../db/handle.ts';
import * as repo from './district.repository.ts';

export type { Ac, District, DistrictListed } from './district.repository.ts';

/** The districts a user may choose from: those inside their jurisdiction. */
export function listDistricts(db: Db, jurisdiction: Jurisdiction): Promise<repo.DistrictListed[]> {
  return repo.listDistrictsIn(db, jurisdiction);
}

/** Districts to count over; undefined for a nation-level user (no filter). */
export async function districtIdsIn(db: Db, jurisdiction: Jurisdiction): Promise<DistrictId[] | undefined> {
  if (jurisdiction.level === 'nation') return undefined;
  return (await repo.listDistrictsIn(db, jurisdiction)).map((d) => d.id);
}
