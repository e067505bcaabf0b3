import {
  ConsistencyProofInputSchema,
  InclusionProofInputSchema,
  LogCheckpointInputSchema,
  LogExportInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import { exportBundleBounded } from './export.service.ts';
import { consistencyProof, inclusionProof, signCheckpoint } from './log.service.ts';

export const logRouter = router({
  checkpoint: districtProcedure('log.read', LogCheckpointInputSchema)
    .query(({ ctx }) => signCheckpoint(ctx.db, { districtId: ctx.place.districtId, now: ctx.now() })),
  inclusionProof: districtProcedure('log.read', InclusionProofInputSchema)
    .query(async ({ ctx, input }) => {
      const districtId = ctx.place.districtId;
      const checkpoint = await signCheckpoint(ctx.db, { districtId, now: ctx.now() });
      const treeSize = input.treeSize ?? checkpoint.size;
      const proof = unwrapOrThrow(await inclusionProof(ctx.db, { districtId, index: input.index, treeSize }));
      return { index: input.index, treeSize, proof };
    }),
  consistencyProof: districtProcedure('log.read', ConsistencyProofInputSchema)
    .query(async ({ ctx, input }) => {
      const districtId = ctx.place.districtId;
      const checkpoint = await signCheckpoint(ctx.db, { districtId, now: ctx.now() });
      const toSize = input.toSize ?? checkpoint.size;
      const proof = unwrapOrThrow(await consistencyProof(ctx.db, { districtId, fromSize: input.fromSize, toSize }));
      return { fromSize: input.fromSize, toSize, proof };
    }),
  exportBundle: districtProcedure('log.export', LogExportInputSchema)
    .query(async ({ ctx }) => unwrapOrThrow(await exportBundleBounded(ctx.db, { districtId: ctx.place.districtId, now: ctx.now(), userId: ctx.actor.userId, username: ctx.actor.username }))),
});
