import { DistrictListInputSchema } from '@evmtrail/shared';

import { authorize, protectedProcedure, router } from '../../trpc.ts';
import { listDistrictsIn } from './district.repository.ts';

export const districtRouter = router({
  list: protectedProcedure
    .meta({ action: 'location.read', scope: 'jurisdiction' })
    .input(DistrictListInputSchema.optional())
    .use(authorize)
    .query(({ ctx }) => listDistrictsIn(ctx.db, ctx.actor.jurisdiction)),
});
