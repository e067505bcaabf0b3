import { can, type Action, type Place } from '@evmtrail/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError, z } from 'zod';

import type { Context } from './context.ts';
import { DomainTRPCError, infrastructureError } from './errors.ts';
import { toJurisdiction } from './modules/auth/auth.service.ts';
import type { Actor } from './modules/units/unit.service.ts';
import { resolveScope, type Scope } from './scope.ts';

/**
 * Every protected procedure declares the action it needs and how its input names a place;
 * one middleware (authorize) checks role and jurisdiction for all of them.
 */
export interface Meta {
  readonly action?: Action;
  readonly scope?: Scope;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape: base, error }) {
      const infra = infrastructureError(error);
      const shape = infra ? { ...base, data: { ...base.data, code: infra.code, httpStatus: getHTTPStatusCodeFromError(infra) } } : base;
      const domainError = error instanceof DomainTRPCError ? error.domainError : (infra?.domainError ?? null);
      const zod = error.cause instanceof ZodError ? error.cause : null;
      // Bad input: a sentence per issue naming the field, not zod's raw JSON.
      const message = zod ? describeZodError(zod) : (infra?.message ?? shape.message);
      return { ...shape, message, data: { ...shape.data, domainError, zodError: zod ? z.flattenError(zod) : null } };
    },
  });

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Sign-in and `auth.me` only. */
export const publicProcedure = t.procedure;

const authed = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  const user = ctx.user;
  const actor: Actor = { userId: user.id, username: user.username, role: user.role as Actor['role'], jurisdiction: toJurisdiction(user) };
  return next({ ctx: { ...ctx, user, actor } });
});

/** For procedures that act on the signed-in user only (sign-out). */
export const sessionProcedure = authed;

/**
 * Base for every data procedure: `.meta({ action, scope }).input(schema).use(authorize)`.
 * authorize runs after input parsing, so bad input is a BAD_REQUEST before any lookup. It
 * refuses a procedure without meta; the permission-matrix test catches one that forgets
 * `.use(authorize)` (its outside-the-jurisdiction cases would then be allowed).
 */
export const protectedProcedure = authed;

export const authorize = t.middleware(async ({ ctx, meta, input, next }) => {
  if (!meta?.action || !meta.scope) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Procedure declares no permission' });
  }
  const c = ctx as Context & { actor: Actor };
  const places = await resolveScope(c.db, meta.scope, input, c.actor);
  for (const place of places.length > 0 ? places : [undefined]) {
    const verdict = can(c.actor, meta.action, place);
    if (verdict.ok) continue;
    // Name the unit refused, not only the place (design.md: an error names the thing and the id).
    const serial = meta.scope === 'unit' ? (input as { serial?: string }).serial : undefined;
    throw new DomainTRPCError(serial ? { ...verdict.error, message: `Unit ${serial}: ${verdict.error.message}` } : verdict.error);
  }
  // The place the call is about: where the unit is, or the district asked for (null: whole jurisdiction).
  const place: Place | null = places[0] ?? null;
  return next({ ctx: { place } });
});

