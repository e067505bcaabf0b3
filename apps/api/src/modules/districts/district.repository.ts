import type { DistrictId, Jurisdiction } from '@evmtrail/shared';

import type { Queryable } from '../../db/handle.ts';

export interface District {
  readonly id: DistrictId;
  readonly stateId: number;
  readonly code: string;
  readonly name: string;
  readonly nameHi: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
}

export interface DistrictListed {
  readonly id: DistrictId;
  readonly code: string;
  readonly name: string;
  readonly nameHi: string | null;
  readonly stateId: number;
  readonly stateName: string;
}

export interface Ac {
  readonly id: number;
  readonly districtId: DistrictId;
  readonly number: number;
  readonly name: string;
  readonly nameHi: string | null;
  readonly pcId: number | null;
}

export async function findDistrict(db: Queryable, districtId: number): Promise<District | undefined> {
  const row = await db
    .selectFrom('districts')
    .select(['id', 'stateId', 'code', 'name', 'nameHi', 'lat', 'lon'])
    .where('id', '=', districtId)
    .executeTakeFirst();
  return row ? { ...row, id: row.id as DistrictId } : undefined;
}

export async function findAc(db: Queryable, acId: number): Promise<Ac | undefined> {
  const row = await db
    .selectFrom('acs')
    .select(['id', 'districtId', 'number', 'name', 'nameHi', 'pcId'])
    .where('id', '=', acId)
    .executeTakeFirst();
  return row ? { ...row, districtId: row.districtId as DistrictId } : undefined;
}

/** The ACs of a district (or the one AC), by number. */
export async function listAcs(db: Queryable, districtId: number, acId?: number | null): Promise<Ac[]> {
  let query = db.selectFrom('acs').select(['id', 'districtId', 'number', 'name', 'nameHi', 'pcId']).where('districtId', '=', districtId);
  if (acId != null) query = query.where('id', '=', acId);
  const rows = await query.orderBy('number').execute();
  return rows.map((r) => ({ ...r, districtId: r.districtId as DistrictId }));
}

/** The districts inside a jurisdiction, by state then name. */
export async function listDistrictsIn(db: Queryable, jurisdiction: Jurisdiction): Promise<DistrictListed[]> {
  let query = db
    .selectFrom('districts as d')
    .innerJoin('states as s', 's.id', 'd.stateId')
    .select(['d.id', 'd.code', 'd.name', 'd.nameHi', 'd.stateId', 's.name as stateName']);
  if (jurisdiction.level === 'state') query = query.where('d.stateId', '=', jurisdiction.stateId ?? -1);
  if (jurisdiction.level === 'district' || jurisdiction.level === 'ac') query = query.where('d.id', '=', jurisdiction.districtId ?? -1);
  const rows = await query.orderBy('s.name').orderBy('d.name').execute();
  return rows.map((r) => ({ ...r, id: r.id as DistrictId }));
}
