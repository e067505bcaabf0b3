import type { DistrictId, LocationId, LocationKind } from '@evmtrail/shared';
import { sql } from 'kysely';

import type { Queryable } from '../../db/handle.ts';

export interface Location {
  readonly id: LocationId;
  readonly districtId: DistrictId;
  readonly code: string;
  readonly kind: LocationKind;
  readonly strongroomType: string | null;
  readonly name: string;
  readonly nameHi: string | null;
  readonly acId: number | null;
  readonly parentId: LocationId | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly psNumber: number | null;
  readonly electors: number | null;
}

export interface LocationWithCount extends Location {
  readonly unitCount: number;
}

const COLUMNS = [
  'l.id', 'l.districtId', 'l.code', 'l.kind', 'l.strongroomType', 'l.name', 'l.nameHi', 'l.acId', 'l.parentId',
  'l.lat', 'l.lon', 'l.psNumber', 'l.electors',
] as const;

type Row = Omit<Location, 'id' | 'districtId' | 'kind' | 'parentId'> & { id: number; districtId: number; kind: string; parentId: number | null };

function toLocation(row: Row): Location {
  return {
    ...row, id: row.id as LocationId, districtId: row.districtId as DistrictId, kind: row.kind as LocationKind,
    parentId: row.parentId as LocationId | null,
  };
}

/** Every location of a district (or of one AC) with the number of units there now. */
export async function listLocations(db: Queryable, districtId: number, acId?: number | null): Promise<LocationWithCount[]> {
  const counts = db
    .selectFrom('units')
    .select(['locationId', sql<number>`count(*)`.as('n')])
    .where('districtId', '=', districtId)
    .groupBy('locationId')
    .as('c');
  let query = db
    .selectFrom('locations as l')
    .leftJoin(counts, 'c.locationId', 'l.id')
    .select([...COLUMNS, sql<number>`coalesce(c.n, 0)`.as('unitCount')])
    .where('l.districtId', '=', districtId);
  if (acId != null) query = query.where('l.acId', '=', acId);
  const rows = await query.orderBy('l.kind').orderBy('l.code').execute();
  return rows.map((r) => ({ ...toLocation(r), unitCount: Number(r.unitCount) }));
}

/** One location with the name of the place it belongs to. */
export async function findLocationWithParent(
  db: Queryable,
  districtId: number,
  locationId: number,
): Promise<(Location & { parentName: string | null }) | undefined> {
  const row = await db
    .selectFrom('locations as l')
    .leftJoin('locations as p', (j) => j.onRef('p.districtId', '=', 'l.districtId').onRef('p.id', '=', 'l.parentId'))
    .select([...COLUMNS, 'p.name as parentName'])
    .where('l.districtId', '=', districtId)
    .where('l.id', '=', locationId)
    .executeTakeFirst();
  return row ? { ...toLocation(row), parentName: row.parentName } : undefined;
}
