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

/** The size of the district's custody log: every unit change grows it, so it versions the map. */
export async function districtLogSize(db: Queryable, districtId: number): Promise<number> {
  const row = await db.selectFrom('districtLogs').select('size').where('districtId', '=', districtId).executeTakeFirst();
  return Number(row?.size ?? 0);
}

/**
 * The units at polling stations now, one row each: the station and the unit's state. Units are
 * placed by where they are; once the second randomisation records the station a unit is assigned
 * to, that station joins here too (`atStation` false while the unit is elsewhere, e.g. in transit).
 */
export async function listStationUnits(db: Queryable, districtId: number, acId?: number | null): Promise<Array<{ stationId: number; state: string; atStation: boolean }>> {
  let query = db
    .selectFrom('units as u')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
    .select(['l.id as stationId', 'u.state'])
    .where('u.districtId', '=', districtId)
    .where('l.kind', '=', 'polling_station');
  if (acId != null) query = query.where('l.acId', '=', acId);
  const rows = await query.execute();
  return rows.map((r) => ({ stationId: Number(r.stationId), state: r.state, atStation: true }));
}
