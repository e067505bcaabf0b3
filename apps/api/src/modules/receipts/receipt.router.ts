import {
  AcceptReceiptInputSchema, CompleteReceiptInputSchema, CreateReceiptInputSchema, MarkMissingInputSchema,
  ReceiptByIdInputSchema, ReceiptListInputSchema, ResolveIssueInputSchema, UploadManifestChunkInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import { completeReceipt, receiptDetail, reportOutstandingMissing, resolveIssue } from './receipt-close.service.ts';
import { acceptManifest, createReceipt, uploadManifestChunk, validateManifest } from './receipt.service.ts';
import { listReceipts } from './receipt.repository.ts';

export const receiptRouter = router({
  list: districtProcedure('unit.read', ReceiptListInputSchema)
    .query(({ ctx }) => listReceipts(ctx.db, ctx.place.districtId)),
  byId: districtProcedure('unit.read', ReceiptByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await receiptDetail(ctx.db, ctx.place.districtId, input.receiptId))),
  create: districtProcedure('receipt.manage', CreateReceiptInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await createReceipt(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  uploadChunk: districtProcedure('receipt.manage', UploadManifestChunkInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await uploadManifestChunk(ctx.db, { ...input, districtId: ctx.place.districtId }))),
  validate: districtProcedure('unit.read', ReceiptByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await validateManifest(ctx.db, { ...input, districtId: ctx.place.districtId, now: ctx.now() }))),
  accept: districtProcedure('receipt.manage', AcceptReceiptInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await acceptManifest(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  reportMissing: districtProcedure('receipt.manage', MarkMissingInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await reportOutstandingMissing(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  complete: districtProcedure('receipt.manage', CompleteReceiptInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await completeReceipt(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
  resolveIssue: districtProcedure('receipt.resolve', ResolveIssueInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await resolveIssue(ctx.db, { ...input, districtId: ctx.place.districtId, actor: ctx.actor, now: ctx.now() }))),
});
