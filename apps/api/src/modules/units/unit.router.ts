import { UnitBySerialInputSchema, UnitListInputSchema, UnitTransitionInputSchema } from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { authorize, protectedProcedure, router } from '../../trpc.ts';
import { getUnitWithTimeline, listUnitsPage } from './unit.queries.ts';
import { applyUnitEvent } from './unit.service.ts';

export const unitRouter = router({
  list: protectedProcedure
    .meta({ action: 'unit.read', scope: 'district' })
    .input(UnitListInputSchema)
    .use(authorize)
    .query(({ ctx, input }) => listUnitsPage(ctx.db, ctx.place, input)),
  bySerial: protectedProcedure
    .meta({ action: 'unit.read', scope: 'unit' })
    .input(UnitBySerialInputSchema)
    .use(authorize)
    .query(({ ctx, input }) => getUnitWithTimeline(ctx.db, input.serial, ctx.now())),
  transition: protectedProcedure
    .meta({ action: 'unit.transition', scope: 'unit' })
    .input(UnitTransitionInputSchema)
    .use(authorize)
    .mutation(async ({ ctx, input }) => {
      const place = ctx.place;
      if (!place) throw new Error('unreachable: unit scope always resolves a place');
      const result = await applyUnitEvent(ctx.db, {
        actor: ctx.actor,
        districtId: place.districtId,
        serials: [input.serial],
        event: input.event,
        now: ctx.now(),
        ...(input.toLocationId !== undefined ? { toLocationId: input.toLocationId } : {}),
        ...(input.reason !== undefined ? { reason: input.reason } : {}),
        ...(input.witnesses ? { witnesses: input.witnesses } : {}),
        ...(input.seals ? { seals: input.seals } : {}),
      });
      return unwrapOrThrow(result);
    }),
});
