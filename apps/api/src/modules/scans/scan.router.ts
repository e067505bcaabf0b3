import { ListScansInputSchema, RecordScanInputSchema } from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import { recordScanGrouped } from './scan-batcher.ts';
import { listScans } from './scan.service.ts';

export const scanRouter = router({
  record: districtProcedure('unit.transition', RecordScanInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await recordScanGrouped(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  list: districtProcedure('unit.read', ListScansInputSchema)
    .query(({ ctx, input }) => listScans(ctx.db, { districtId: ctx.place.districtId, taskKind: input.task.kind, taskId: input.task.id, limit: input.limit })),
});
