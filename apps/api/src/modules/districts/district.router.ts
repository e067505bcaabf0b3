import { DistrictListInputSchema, type Jurisdiction } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { authorize, protectedProcedure, router } from '../../trpc.ts';

/** Districts inside a jurisdiction, by state then name. */
async function listDistricts(db: Kysely<DB>, jurisdiction: Jurisdiction) {
  let query = db
    .selectFrom('districts as d')
    .innerJoin('states as s', 's.id', 'd.stateId')
    .select(['d.id', 'd.code', 'd.name', 'd.nameHi', 'd.stateId', 's.name as stateName']);
  if (jurisdiction.level === 'state') query = query.where('d.stateId', '=', jurisdiction.stateId ?? -1);
  if (jurisdiction.level === 'district' || jurisdiction.level === 'ac') query = query.where('d.id', '=', jurisdiction.districtId ?? -1);
  return query.orderBy('s.name').orderBy('d.name').execute();
}

export const districtRouter = router({
  list: protectedProcedure
    .meta({ action: 'location.read', scope: 'jurisdiction' })
    .input(DistrictListInputSchema.optional())
    .use(authorize)
    .query(({ ctx }) => listDistricts(ctx.db, ctx.actor.jurisdiction)),
});
