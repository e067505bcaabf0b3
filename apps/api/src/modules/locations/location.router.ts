import { LocationByIdInputSchema, LocationMapStatusInputSchema, LocationTreeInputSchema } from '@evmtrail/shared';

import { unwrapOrThrow } from '../../errors.ts';
import { districtProcedure, router } from '../../trpc.ts';
import { locationLogbook } from '../strongrooms/strongroom-read.service.ts';
import { locationById, locationTree, mapStatus } from './location.service.ts';

export const locationRouter = router({
  tree: districtProcedure('location.read', LocationTreeInputSchema)
    .query(({ ctx }) => locationTree(ctx.db, ctx.place)),
  /** Poll-day status of every polling station; `since` makes an unchanged answer one row read. */
  mapStatus: districtProcedure('location.read', LocationMapStatusInputSchema)
    .query(({ ctx, input }) => mapStatus(ctx.db, ctx.place, input.since)),
  byId: districtProcedure('location.read', LocationByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await locationById(ctx.db, ctx.actor, ctx.place, input.locationId))),
  /** Strongroom sessions and the custody-log entries in or out of the location, newest first. */
  logbook: districtProcedure('location.read', LocationByIdInputSchema)
    .query(async ({ ctx, input }) => unwrapOrThrow(await locationLogbook(ctx.db, ctx.actor, ctx.place, input.locationId))),
});
