import { CloseStocktakeInputSchema, StartStocktakeInputSchema, StocktakeByIdInputSchema, StocktakeListInputSchema } from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import { listStocktakes } from './stocktake.repository.ts';
import { closeStocktake, startStocktake, stocktakeDetail } from './stocktake.service.ts';

export const stocktakeRouter = router({
  list: districtProcedure('unit.read', StocktakeListInputSchema)
    .query(({ ctx, input }) => listStocktakes(ctx.db, ctx.place.districtId, input.locationId)),
  byId: districtProcedure('unit.read', StocktakeByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await stocktakeDetail(ctx.db, ctx.place.districtId, input.stocktakeId))),
  start: districtProcedure('stocktake.run', StartStocktakeInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await startStocktake(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  close: districtProcedure('stocktake.run', CloseStocktakeInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await closeStocktake(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
});
