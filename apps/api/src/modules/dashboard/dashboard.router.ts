import { DashboardUnitCountsInputSchema } from '@evmtrail/shared';

import { jurisdictionProcedure, router } from '../../trpc.ts';
import { unitCounts } from './dashboard.service.ts';

export const dashboardRouter = router({
  unitCounts: jurisdictionProcedure('dashboard.read', DashboardUnitCountsInputSchema)
    .query(({ ctx }) => unitCounts(ctx.db, ctx.actor, ctx.place)),
});
