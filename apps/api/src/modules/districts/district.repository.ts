import type { Jurisdiction } from '@evmtrail/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function findDistrict(db: Db, districtId: number) {
  return db
    .selectFrom('districts')
    .select(['id', 'stateId', 'code', 'name', 'nameHi', 'lat', 'lon'])
    .where('id', '=', districtId)
    .executeTakeFirst();
}

/** The districts inside a jurisdiction, by state then name. */
export async function listDistrictsIn(db: Db, jurisdiction: Jurisdiction) {
  let query = db
    .selectFrom('districts as d')
    .innerJoin('states as s', 's.id', 'd.stateId')
    .select(['d.id', 'd.code', 'd.name', 'd.nameHi', 'd.stateId', 's.name as stateName']);
  if (jurisdiction.level === 'state') query = query.where('d.stateId', '=', jurisdiction.stateId ?? -1);
  if (jurisdiction.level === 'district' || jurisdiction.level === 'ac') query = query.where('d.id', '=', jurisdiction.districtId ?? -1);
  return query.orderBy('s.name').orderBy('d.name').execute();
}
