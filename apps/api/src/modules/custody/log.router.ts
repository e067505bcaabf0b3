import {
  ConsistencyProofInputSchema,
  InclusionProofInputSchema,
  LogCheckpointInputSchema,
  LogExportInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { authorize, protectedProcedure, router } from '../../trpc.ts';
import { exportBundleBounded } from './export.service.ts';
import { consistencyProof, inclusionProof, signCheckpoint } from './log.service.ts';

function districtOf(place: { districtId: number } | null): number {
  if (!place) throw new Error('unreachable: district scope always resolves a place');
  return place.districtId;
}

export const logRouter = router({
  checkpoint: protectedProcedure
    .meta({ action: 'log.read', scope: 'district' })
    .input(LogCheckpointInputSchema)
    .use(authorize)
    .query(({ ctx }) => signCheckpoint(ctx.db, { districtId: districtOf(ctx.place), now: ctx.now() })),
  inclusionProof: protectedProcedure
    .meta({ action: 'log.read', scope: 'district' })
    .input(InclusionProofInputSchema)
    .use(authorize)
    .query(async ({ ctx, input }) => {
      const districtId = districtOf(ctx.place);
      const checkpoint = await signCheckpoint(ctx.db, { districtId, now: ctx.now() });
      const treeSize = input.treeSize ?? checkpoint.size;
      const proof = unwrapOrThrow(await inclusionProof(ctx.db, { districtId, index: input.index, treeSize }));
      return { index: input.index, treeSize, proof };
    }),
  consistencyProof: protectedProcedure
    .meta({ action: 'log.read', scope: 'district' })
    .input(ConsistencyProofInputSchema)
    .use(authorize)
    .query(async ({ ctx, input }) => {
      const districtId = districtOf(ctx.place);
      const checkpoint = await signCheckpoint(ctx.db, { districtId, now: ctx.now() });
      const toSize = input.toSize ?? checkpoint.size;
      const proof = unwrapOrThrow(await consistencyProof(ctx.db, { districtId, fromSize: input.fromSize, toSize }));
      return { fromSize: input.fromSize, toSize, proof };
    }),
  exportBundle: protectedProcedure
    .meta({ action: 'log.export', scope: 'district' })
    .input(LogExportInputSchema)
    .use(authorize)
    .query(async ({ ctx }) => unwrapOrThrow(await exportBundleBounded(ctx.db, { districtId: districtOf(ctx.place), now: ctx.now(), userId: ctx.actor.userId, username: ctx.actor.username }))),
});
