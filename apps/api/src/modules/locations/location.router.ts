import { LocationTreeInputSchema } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';

import { authorize, protectedProcedure, router } from '../../trpc.ts';
import { findDistrict } from '../districts/district.repository.ts';
import { listAcs, listLocations } from './location.repository.ts';

export const locationRouter = router({
  tree: protectedProcedure
    .meta({ action: 'location.read', scope: 'district' })
    .input(LocationTreeInputSchema)
    .use(authorize)
    .query(async ({ ctx }) => {
      const place = ctx.place;
      if (!place) throw new Error('unreachable: district scope always resolves a place');
      const found = await findDistrict(ctx.db, place.districtId);
      if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: `District ${place.districtId} not found` });
      const [acs, locations] = await Promise.all([
        listAcs(ctx.db, place.districtId, place.acId),
        listLocations(ctx.db, place.districtId, place.acId),
      ]);
      const { stateId: _stateId, ...district } = found;
      return { district, acs, locations };
    }),
});
