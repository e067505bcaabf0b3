import {
  AbandonCeremonyInputSchema, CeremonyByIdInputSchema, CeremonyListInputSchema, CommitInputSchema, CreateCeremonyInputSchema,
  DiceInputSchema, FinaliseCeremonyInputSchema, ReplaceUnitInputSchema, RevealInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import * as svc from './ceremony.service.ts';
import { ceremonyList, ceremonyListCsv, ceremonyListFilename } from './ceremony-lists.service.ts';
import { ceremonyLogProof } from './ceremony-log.service.ts';

export const ceremonyRouter = router({
  list: districtProcedure('unit.read', CeremonyListInputSchema)
    .query(({ ctx, input }) => svc.listCeremonies(ctx.db, ctx.place.districtId, input.acId)),
  byId: districtProcedure('unit.read', CeremonyByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await svc.ceremonyDetail(ctx.db, ctx.place.districtId, input.ceremonyId))),
  files: districtProcedure('unit.read', CeremonyByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await svc.ceremonyFiles(ctx.db, ctx.place.districtId, input.ceremonyId))),
  /** The list for parties as CSV (AC-wise after a first randomisation, PS-wise after a second). */
  partyList: districtProcedure('unit.read', CeremonyByIdInputSchema)
    .query(async ({ ctx, input }) => {
      const list = unwrapOrThrow(await ceremonyList(ctx.db, ctx.place.districtId, input.ceremonyId, ctx.actor));
      return { filename: ceremonyListFilename(list, 'csv'), csv: ceremonyListCsv(list) };
    }),
  /** The ceremony's log entries with inclusion proofs under the newest signed checkpoint. */
  logProof: districtProcedure('log.read', CeremonyByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await ceremonyLogProof(ctx.db, ctx.place.districtId, input.ceremonyId, ctx.now()))),
  create: districtProcedure('ceremony.run', CreateCeremonyInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.createCeremony(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  commit: districtProcedure('ceremony.commit', CommitInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.registerCommitment(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  dice: districtProcedure('ceremony.run', DiceInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.enterDice(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  reveal: districtProcedure('ceremony.commit', RevealInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.openReveal(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  allocate: districtProcedure('ceremony.run', CeremonyByIdInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.computeAllocation(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  finalise: districtProcedure('ceremony.finalise', FinaliseCeremonyInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.finaliseCeremony(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  abandon: districtProcedure('ceremony.run', AbandonCeremonyInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.abandonCeremony(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  replace: districtProcedure('ceremony.run', ReplaceUnitInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await svc.replaceUnit(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
});
