import { sql, type Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';

export async function listAcs(db: Kysely<DB>, districtId: number, acId?: number | null) {
  let query = db.selectFrom('acs').select(['id', 'number', 'name', 'nameHi', 'pcId']).where('districtId', '=', districtId);
  if (acId != null) query = query.where('id', '=', acId);
  return query.orderBy('number').execute();
}

/** Every location of a district (or of one AC) with the number of units there now. */
export async function listLocations(db: Kysely<DB>, districtId: number, acId?: number | null) {
  const counts = db
    .selectFrom('units')
    .select(['locationId', sql<number>`count(*)`.as('n')])
    .where('districtId', '=', districtId)
    .groupBy('locationId')
    .as('c');
  let query = db
    .selectFrom('locations as l')
    .leftJoin(counts, 'c.locationId', 'l.id')
    .select([
      'l.id', 'l.code', 'l.kind', 'l.strongroomType', 'l.name', 'l.nameHi', 'l.acId', 'l.parentId',
      'l.lat', 'l.lon', 'l.psNumber', 'l.electors', sql<number>`coalesce(c.n, 0)`.as('unitCount'),
    ])
    .where('l.districtId', '=', districtId);
  if (acId != null) query = query.where('l.acId', '=', acId);
  const rows = await query.orderBy('l.kind').orderBy('l.code').execute();
  return rows.map((r) => ({ ...r, unitCount: Number(r.unitCount) }));
}
