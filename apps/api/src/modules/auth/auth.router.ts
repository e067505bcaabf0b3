import { SignInInputSchema } from '@evmtrail/shared';
import { z } from 'zod';

import { DomainTRPCError } from '../../errors.ts';
import { publicProcedure, router, sessionProcedure } from '../../trpc.ts';
import { signIn, signOut, toMe, type AuthError, type Me } from './auth.service.ts';

/** The numbers a person needs to act on a refused sign-in. */
function paramsOf(error: AuthError) {
  return error.type === 'rate_limited' ? { retryAfterSeconds: error.retryAfterSeconds } : {};
}

export const authRouter = router({
  signIn: publicProcedure.input(SignInInputSchema).mutation(async ({ ctx, input }): Promise<{ user: Me }> => {
    const result = await signIn(ctx.db, ctx.limiter, {
      ...input, address: ctx.address, now: ctx.now(), ttlHours: ctx.sessionTtlHours,
    });
    if (!result.ok) throw new DomainTRPCError({ ...result.error, params: paramsOf(result.error) });
    const session = result.value;
    ctx.setSessionCookie(session.token, session.expiresAt);
    return { user: session.me };
  }),
  signOut: sessionProcedure.input(z.object({}).optional()).mutation(async ({ ctx }) => {
    await signOut(ctx.db, ctx.sessionToken);
    ctx.clearSessionCookie();
    return { ok: true as const };
  }),
  me: publicProcedure.input(z.object({}).optional()).query(async ({ ctx }): Promise<Me | null> => {
    return ctx.user ? toMe(ctx.db, ctx.user) : null;
  }),
});
