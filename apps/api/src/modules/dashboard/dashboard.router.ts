import { DashboardUnitCountsInputSchema, UNIT_KINDS, type Jurisdiction } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { authorize, protectedProcedure, router } from '../../trpc.ts';
import { countUnitsByKindAndState } from '../units/unit.repository.ts';

async function districtsIn(db: Kysely<DB>, jurisdiction: Jurisdiction): Promise<number[] | undefined> {
  if (jurisdiction.level === 'nation') return undefined;
  if (jurisdiction.level === 'state') {
    const rows = await db.selectFrom('districts').select('id').where('stateId', '=', jurisdiction.stateId ?? -1).execute();
    return rows.map((r) => r.id);
  }
  return [jurisdiction.districtId ?? -1];
}

export const dashboardRouter = router({
  unitCounts: protectedProcedure
    .meta({ action: 'dashboard.read', scope: 'jurisdiction' })
    .input(DashboardUnitCountsInputSchema)
    .use(authorize)
    .query(async ({ ctx }) => {
      const own = ctx.actor.jurisdiction;
      const place = ctx.place;
      const districtIds = place ? [place.districtId] : await districtsIn(ctx.db, own);
      const acId = place?.acId ?? (own.level === 'ac' ? own.acId : undefined);
      const rows = (
        await countUnitsByKindAndState(ctx.db, {
          ...(districtIds ? { districtIds } : {}),
          ...(acId != null ? { acId } : {}),
        })
      ).filter((r) => (UNIT_KINDS as readonly string[]).includes(r.kind));
      return { rows, total: rows.reduce((sum, r) => sum + r.count, 0) };
    }),
});
