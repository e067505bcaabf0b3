import { UnitBySerialInputSchema, UnitListInputSchema, UnitTransitionInputSchema } from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router, unitProcedure } from '../../trpc.ts';
import { getUnitWithTimeline, listUnitsPage } from './unit-read.service.ts';
import { transitionUnit } from './unit.service.ts';

export const unitRouter = router({
  list: districtProcedure('unit.read', UnitListInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await listUnitsPage(ctx.db, ctx.place, input))),
  bySerial: unitProcedure('unit.read', UnitBySerialInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await getUnitWithTimeline(ctx.db, ctx.actor, input.serial, ctx.now()))),
  transition: unitProcedure('unit.transition', UnitTransitionInputSchema)
    .mutation(async ({ ctx, input }) => {
      const { serial, event, toLocationId, toAcId, reason, witnesses, seals } = input;
      const result = await transitionUnit(ctx.db, {
        actor: ctx.actor, serial, event, now: ctx.now(),
        ...(toLocationId !== undefined ? { toLocationId } : {}),
        ...(toAcId !== undefined ? { toAcId } : {}),
        ...(reason !== undefined ? { reason } : {}),
        ...(witnesses ? { witnesses } : {}),
        ...(seals ? { seals } : {}),
      });
      return unwrapOrThrow(result);
    }),
});
