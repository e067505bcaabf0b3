import { DashboardUnitCountsInputSchema, UNIT_KINDS, type Jurisdiction } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { authorize, protectedProcedure, router } from '../../trpc.ts';
import { listDistrictsIn } from '../districts/district.repository.ts';
import { countUnitsByKindAndState } from '../units/unit.repository.ts';

/** Districts to count over: all of them for a nation-level user (no filter). */
async function districtIdsIn(db: Kysely<DB>, jurisdiction: Jurisdiction): Promise<number[] | undefined> {
  if (jurisdiction.level === 'nation') return undefined;
  return (await listDistrictsIn(db, jurisdiction)).map((d) => d.id);
}

export const dashboardRouter = router({
  unitCounts: protectedProcedure
    .meta({ action: 'dashboard.read', scope: 'jurisdiction' })
    .input(DashboardUnitCountsInputSchema)
    .use(authorize)
    .query(async ({ ctx }) => {
      const own = ctx.actor.jurisdiction;
      const place = ctx.place;
      const districtIds = place ? [place.districtId] : await districtIdsIn(ctx.db, own);
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
