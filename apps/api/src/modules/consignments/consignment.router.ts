import {
  CompleteConsignmentInputSchema, ConsignmentByIdInputSchema, ConsignmentListInputSchema, CreateConsignmentInputSchema,
  DispatchConsignmentInputSchema, PickUnitsInputSchema, PrepareAcConsignmentsInputSchema, ResolveConsignmentIssueInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import {
  approveConsignment, completeConsignment, consignmentDetail, createConsignment, dispatchConsignment, listConsignments,
  pickableUnits, pickUnits, prepareAcConsignments, reportShortfall, resolveConsignmentIssue,
} from './consignment.service.ts';

export const consignmentRouter = router({
  list: districtProcedure('unit.read', ConsignmentListInputSchema)
    .query(({ ctx }) => listConsignments(ctx.db, ctx.place.districtId)),
  byId: districtProcedure('unit.read', ConsignmentByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await consignmentDetail(ctx.db, ctx.place.districtId, input.consignmentId))),
  create: districtProcedure('consignment.manage', CreateConsignmentInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await createConsignment(ctx.db, {
      kind: input.kind, fromLocationId: input.fromLocationId, toLocationId: input.toLocationId,
      ...(input.toDistrictId !== undefined ? { toDistrictId: input.toDistrictId } : {}),
      ...(input.reference !== undefined ? { reference: input.reference } : {}),
      ...(input.serials !== undefined ? { serials: input.serials } : {}),
      districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now(),
    }))),
  prepareFromCeremony: districtProcedure('consignment.manage', PrepareAcConsignmentsInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await prepareAcConsignments(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  approve: districtProcedure('consignment.approve', ConsignmentByIdInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await approveConsignment(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  pickable: districtProcedure('unit.read', ConsignmentByIdInputSchema)
    .query(({ ctx, input }) => pickableUnits(ctx.db, ctx.place.districtId, input.consignmentId)),
  pick: districtProcedure('consignment.manage', PickUnitsInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await pickUnits(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  dispatch: districtProcedure('consignment.manage', DispatchConsignmentInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await dispatchConsignment(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  reportShortfall: districtProcedure('consignment.manage', ConsignmentByIdInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await reportShortfall(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  resolveIssue: districtProcedure('consignment.manage', ResolveConsignmentIssueInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await resolveConsignmentIssue(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  complete: districtProcedure('consignment.manage', CompleteConsignmentInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await completeConsignment(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
});
