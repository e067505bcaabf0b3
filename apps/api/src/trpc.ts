import { can, type Action } from '@evmtrail/shared';
import { initTRPC } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError, z } from 'zod';

import type { Context } from './context.ts';
import { isDevelopment } from './env.ts';
import { DomainTRPCError, infrastructureError, unwrapOrThrow } from './errors.ts';
import { resolveDistrict, type Actor } from './modules/authority/authority.service.ts';
import { toJurisdiction } from './modules/auth/auth.service.ts';

/**
 * How a procedure's input names the place it touches:
 * - 'district': `input.districtId`, else the user's own district (AC users: their AC);
 * - 'unit': `input.serial`; the service judges every place the unit's rows say it touches;
 * - 'jurisdiction': the whole of the user's jurisdiction unless `input.districtId` narrows it.
 */
export type Scope = 'district' | 'unit' | 'jurisdiction';

/** Set by the scope builders below, never by hand; the permission-matrix test reads it. */
export interface Meta {
  readonly action?: Action;
  readonly scope?: Scope;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Stack traces only under NODE_ENV=development, never in production or tests.
    isDev: isDevelopment(),
    errorFormatter({ shape: base, error }) {
      // The database gone under a procedure: a 503 'database_unavailable', not a 500.
      const infra = infrastructureError(error);
      const shape = infra ? { ...base, data: { ...base.data, code: infra.code, httpStatus: getHTTPStatusCodeFromError(infra) } } : base;
      const zod = error.cause instanceof ZodError ? error.cause : null;
      // Bad input: a sentence per issue naming the field, not zod's raw JSON.
      const message = zod ? describeZodError(zod) : (infra?.message ?? shape.message);
      const domainError = error instanceof DomainTRPCError
        ? error.domainError
        : infra
          ? infra.domainError
          : zod ? { type: 'invalid_input' as const, message, params: { field: zod.issues[0]?.path.join('.') ?? '' } } : null;
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

/** A signed-in user; `ctx.actor` is who they are to the domain. */
export const sessionProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new DomainTRPCError({ type: 'unauthenticated', message: 'Sign in first', params: {} });
  const user = ctx.user;
  const actor: Actor = { userId: user.id, username: user.username, role: user.role as Actor['role'], jurisdiction: toJurisdiction(user) };
  return next({ ctx: { ...ctx, user, actor } });
});

interface DistrictScoped {
  readonly districtId?: number | undefined;
  readonly acId?: number | undefined;
}

/**
 * A procedure about one district: the input's `districtId` (else the user's own), narrowed to an
 * AC. The input is parsed first, so bad input is a BAD_REQUEST before any lookup; `ctx.place` is
 * the judged district (never null).
 */
export function districtProcedure<S extends z.ZodType<DistrictScoped>>(action: Action, schema: S) {
  return sessionProcedure
    .meta({ action, scope: 'district' })
    .input(schema)
    .use(async ({ ctx, input, next }) => {
      const place = unwrapOrThrow(await resolveDistrict(ctx.db, ctx.actor, action, input));
      return next({ ctx: { place } });
    });
}

/**
 * A procedure over the user's whole jurisdiction (`ctx.place` null) unless the input's
 * `districtId` narrows it to one judged district.
 */
export function jurisdictionProcedure<S extends z.ZodType<DistrictScoped | undefined>>(action: Action, schema: S) {
  return sessionProcedure
    .meta({ action, scope: 'jurisdiction' })
    .input(schema)
    .use(async ({ ctx, input, next }) => {
      const districtId = input?.districtId;
      if (districtId === undefined) {
        unwrapOrThrow(roleMay(ctx.actor, action));
        return next({ ctx: { place: null } });
      }
      const place = unwrapOrThrow(await resolveDistrict(ctx.db, ctx.actor, action, { districtId }));
      return next({ ctx: { place } });
    });
}

/**
 * A procedure about one unit named by `serial`. The role is checked here; the places are judged
 * once, by the service, on the rows it read or locked (the unit's AC, where it is, where it goes).
 */
export function unitProcedure<S extends z.ZodType<{ readonly serial: string }>>(action: Action, schema: S) {
  return sessionProcedure
    .meta({ action, scope: 'unit' })
    .input(schema)
    .use(({ ctx, input, next }) => {
      unwrapOrThrow(roleMay(ctx.actor, action, input.serial));
      return next();
    });
}

function roleMay(actor: Actor, action: Action, serial?: string) {
  const verdict = can(actor, action);
  if (verdict.ok) return verdict;
  const subject = serial ? `Unit ${serial}: the` : 'The';
  const params = { role: actor.role, action, ...(serial ? { serial } : {}) };
  return { ok: false as const, error: { type: 'forbidden' as const, message: `${subject} ${actor.role} role may not do '${action}'`, params } };
}
