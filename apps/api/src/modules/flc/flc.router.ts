import {
  CreateFlcCampaignInputSchema, FlcAttendanceInputSchema, FlcCampaignByIdInputSchema, FlcCampaignListInputSchema, FlcMockpollResultInputSchema, FlcUnitsInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import { recordMockpollResult } from './flc-mockpoll.service.ts';
import { closeFlcCampaign, createFlcCampaign, flcCampaignDetail, listFlcCampaigns, recordAttendance, startFlcCampaign, startUnitsFlc } from './flc.service.ts';

export const flcRouter = router({
  list: districtProcedure('unit.read', FlcCampaignListInputSchema)
    .query(({ ctx }) => listFlcCampaigns(ctx.db, ctx.place.districtId)),
  byId: districtProcedure('unit.read', FlcCampaignByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await flcCampaignDetail(ctx.db, ctx.place.districtId, input.campaignId))),
  create: districtProcedure('flc.run', CreateFlcCampaignInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await createFlcCampaign(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  start: districtProcedure('flc.run', FlcCampaignByIdInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await startFlcCampaign(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  attend: districtProcedure('flc.run', FlcAttendanceInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await recordAttendance(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  startUnits: districtProcedure('flc.run', FlcUnitsInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await startUnitsFlc(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  close: districtProcedure('flc.run', FlcCampaignByIdInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await closeFlcCampaign(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  // The engineer's mock-poll result for a sampled CU (the service lets only the engineer record it).
  mockpollResult: districtProcedure('unit.transition', FlcMockpollResultInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await recordMockpollResult(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
});
