import type { DomainErrorType, WireDomainError, WireErrorParams } from '@evmtrail/shared';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Db } from '../db/handle.ts';
import { DomainTRPCError } from '../errors.ts';
import { toJurisdiction, userForSession } from '../modules/auth/auth.service.ts';
import type { Actor } from '../modules/authority/authority.service.ts';

/*
 * What every plain-HTTP route (a download, an export, a PDF: a link the browser opens rather
 * than a tRPC call) shares: who is signed in, by the session cookie, and how a refusal is sent,
 * with the status and the body shape of tRPC's own answers, so the web reads one
 * `domainError` wherever it came from.
 */

/** The session cookie (HttpOnly, SameSite=Strict), set by auth.signIn. */
export const SESSION_COOKIE = 'evmtrail_session';

export interface Refusal {
  readonly type: DomainErrorType;
  readonly message: string;
  readonly params?: WireErrorParams;
}

/** The HTTP status of a refusal: the one table of errors.ts, as tRPC answers it. */
export function statusOf(type: DomainErrorType): number {
  return getHTTPStatusCodeFromError(new DomainTRPCError({ type, message: type }));
}

/**
 * Sends a refusal: `{ error: { message, domainError } }`, with Retry-After when the refusal names
 * one. With `page`, a person who opened the link in a browser (Accept: text/html) gets that page
 * instead of JSON.
 */
export function refuse(req: FastifyRequest, reply: FastifyReply, refusal: Refusal, page?: (domainError: WireDomainError) => string): FastifyReply {
  const domainError: WireDomainError = { type: refusal.type, message: refusal.message, params: refusal.params ?? {} };
  const retry = domainError.params.retryAfterSeconds;
  if (retry !== undefined) void reply.header('retry-after', String(retry));
  void reply.code(statusOf(domainError.type));
  if (page && (req.headers.accept ?? '').includes('text/html')) {
    return reply.header('content-type', 'text/html; charset=utf-8').send(page(domainError));
  }
  return reply.send({ error: { message: domainError.message, domainError } });
}

/** The signed-in user of a plain-HTTP request as the domain sees them, or undefined. */
export async function sessionActor(db: Db, req: FastifyRequest, now: Date): Promise<Actor | undefined> {
  const user = await userForSession(db, req.cookies[SESSION_COOKIE], now);
  if (!user) return undefined;
  return { userId: user.id, username: user.username, role: user.role as Actor['role'], jurisdiction: toJurisdiction(user) };
}
