import {
  AcSetsInputSchema, BuildSetsInputSchema, CommissionReservesInputSchema, CommissionSetInputSchema, CreateRouteInputSchema, DrawSampleInputSchema,
  IssueReservesInputSchema, IssueSetInputSchema, SetCandidatesInputSchema, StationSetInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import * as svc from './sets.service.ts';

export const setsRouter = router({
  byAc: districtProcedure('unit.read', AcSetsInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await svc.acSets(ctx.db, ctx.place.districtId, input.acId))),
  byStation: districtProcedure('unit.read', StationSetInputSchema)
    .query(({ ctx, input }) => svc.stationSet(ctx.db, ctx.place.districtId, input.stationId)),
  setCandidates: districtProcedure('set.manage', SetCandidatesInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.setCandidates(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  build: districtProcedure('set.manage', BuildSetsInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.buildSets(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  drawSample: districtProcedure('set.manage', DrawSampleInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.drawSample(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  commission: districtProcedure('set.commission', CommissionSetInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.commissionSet(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  commissionReserves: districtProcedure('set.commission', CommissionReservesInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.commissionReserves(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  createRoute: districtProcedure('set.manage', CreateRouteInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.createRoute(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  issue: districtProcedure('set.manage', IssueSetInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.issueSet(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  issueReserves: districtProcedure('set.manage', IssueReservesInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.issueReserves(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
});
