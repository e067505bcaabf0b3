import { AcPollInputSchema, ClosePollInputSchema, MockPollInputSchema, ReplaceUnitsInputSchema, StartPollInputSchema, StationPollInputSchema } from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import * as svc from './pollday.service.ts';

export const pollDayRouter = router({
  byAc: districtProcedure('unit.read', AcPollInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await svc.acPoll(ctx.db, ctx.place.districtId, input.acId))),
  byStation: districtProcedure('unit.read', StationPollInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await svc.stationPoll(ctx.db, ctx.place.districtId, input.stationId))),
  mockPoll: districtProcedure('poll.preside', MockPollInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.recordMockPoll(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  start: districtProcedure('poll.preside', StartPollInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.startPoll(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  close: districtProcedure('poll.preside', ClosePollInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.closePoll(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  replace: districtProcedure('poll.replace', ReplaceUnitsInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.replaceUnits(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
});
