import {
  StrongroomCloseInputSchema,
  StrongroomKeyHoldersInputSchema,
  StrongroomOpenInputSchema,
  StrongroomRefInputSchema,
} from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import { strongroomStatus } from './strongroom-read.service.ts';
import { closeStrongroom, openStrongroom, setKeyHolders } from './strongroom.service.ts';

export const strongroomRouter = router({
  /** Open or sealed, the key-holders, the open session and the seals of the last close. */
  status: districtProcedure('location.read', StrongroomRefInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await strongroomStatus(ctx.db, ctx.actor, ctx.place, input.locationId))),
  open: districtProcedure('strongroom.session', StrongroomOpenInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await openStrongroom(ctx.db, {
      actor: ctx.actor, place: ctx.place, input, now: ctx.now(), limiter: ctx.limiter, address: ctx.address,
    }))),
  close: districtProcedure('strongroom.session', StrongroomCloseInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await closeStrongroom(ctx.db, { actor: ctx.actor, place: ctx.place, input, now: ctx.now() }))),
  setKeyHolders: districtProcedure('location.manage', StrongroomKeyHoldersInputSchema)
    .mutation(async ({ ctx, input }) => unwrapOrThrow(await setKeyHolders(ctx.db, { actor: ctx.actor, place: ctx.place, input, now: ctx.now() }))),
});
