import { DistrictListInputSchema } from '@evmtrail/shared';

import { jurisdictionProcedure, router } from '../../trpc.ts';
import { listDistricts } from './district.service.ts';

export const districtRouter = router({
  list: jurisdictionProcedure('location.read', DistrictListInputSchema.optional())
    .query(({ ctx }) => listDistricts(ctx.db, ctx.actor.jurisdiction)),
});
