import { Readable } from 'node:stream';

import type { DomainErrorType, WireErrorParams } from '@evmtrail/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { toJurisdiction, userForSession } from '../auth/auth.service.ts';
import { resolveDistrict, type Actor } from '../authority/authority.service.ts';
import { listLogStatuses } from './checkpoint.service.ts';
import { EXPORT_LIMITER, openBundleStream, type ExportLimiter } from './export.service.ts';

export interface LogRoutesOptions {
  readonly db: Kysely<DB>;
  /** Name of the session cookie (app.ts). */
  readonly sessionCookie: string;
  readonly now?: () => Date;
  readonly limiter?: ExportLimiter;
}

const STATUS: Partial<Record<DomainErrorType, number>> = {
  unauthenticated: 401, forbidden: 403, outside_jurisdiction: 403, not_found: 404, invalid_input: 400, export_limited: 429,
};

/** Plain-HTTP failures carry the same `domainError` as tRPC's `error.data.domainError`. */
function refuse(reply: FastifyReply, type: DomainErrorType, message: string, params: WireErrorParams = {}) {
  return reply.code(STATUS[type] ?? 400).send({ domainError: { type, message, params } });
}

/**
 * Plain-HTTP routes of the custody module.
 * - `GET /healthz`: every district log's self-check status (`logsVerified: false` when one is
 *   unverified; the api keeps running and serving reads, marked unverified).
 * - `GET /export/districts/:districtId/bundle.json`: the export bundle, streamed with its
 *   Content-Length and `X-Entry-Count`, for the session's user if `can(…, 'log.export', …)`;
 *   at most `limiter.limit` exports at a time per user (429 `export_limited`).
 */
export async function logRoutes(app: FastifyInstance, options: LogRoutesOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const limiter = options.limiter ?? EXPORT_LIMITER;
  app.get('/healthz', async () => {
    const logs = await listLogStatuses(options.db);
    const unverified = logs.filter((l) => !l.verified);
    if (unverified.length > 0) {
      app.log.error({ unverified: unverified.map((l) => ({ origin: l.origin, problem: l.problem })) }, 'custody log unverified');
    }
    return { ok: true, logsVerified: unverified.length === 0, logs };
  });

  app.get<{ Params: { districtId: string } }>('/export/districts/:districtId/bundle.json', async (req, reply) => {
    const user = await userForSession(options.db, req.cookies[options.sessionCookie], now());
    if (!user) return refuse(reply, 'unauthenticated', 'Sign in first');
    const districtId = Number(req.params.districtId);
    if (!Number.isInteger(districtId) || districtId < 1 || districtId > 2147483647) {
      return refuse(reply, 'invalid_input', `'${req.params.districtId}' is not a district id`);
    }
    const actor: Actor = { userId: user.id, username: user.username, role: user.role as Actor['role'], jurisdiction: toJurisdiction(user) };
    const denied = await permissionError(options.db, actor, districtId);
    if (denied) return refuse(reply, denied.type, denied.message, denied.params);
    const release = limiter.acquire(user.id);
    if (!release) {
      return refuse(reply, 'export_limited', `${user.username} already runs ${limiter.limit} exports; wait for one to finish`, { limit: limiter.limit });
    }
    try {
      const bundle = await openBundleStream(options.db, { districtId, now: now() });
      const body = Readable.from(bundle.chunks(), { objectMode: false });
      reply.raw.once('close', release);
      return await reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-length', String(bundle.contentLength))
        .header('content-disposition', `attachment; filename="${bundle.filename}"`)
        .header('x-entry-count', String(bundle.size))
        .header('x-log-verified', String(bundle.verified))
        .send(body);
    } catch (error) {
      release();
      throw error;
    }
  });
  await Promise.resolve();
}

async function permissionError(db: Kysely<DB>, actor: Actor, districtId: number): Promise<{ type: DomainErrorType; message: string; params: WireErrorParams } | undefined> {
  const judged = await resolveDistrict(db, actor, 'log.export', { districtId });
  return judged.ok ? undefined : judged.error;
}
