import { Readable } from 'node:stream';

import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { refuse, sessionActor } from '../../http/session-routes.ts';
import { resolveDistrict } from '../authority/authority.service.ts';
import { listLogStatuses } from './checkpoint.service.ts';
import { EXPORT_LIMITER, openBundleStream, type ExportLimiter } from './export.service.ts';

export interface LogRoutesOptions {
  readonly db: Kysely<DB>;
  readonly now?: () => Date;
  readonly limiter?: ExportLimiter;
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
    const actor = await sessionActor(options.db, req, now());
    if (!actor) return refuse(req, reply, { type: 'unauthenticated', message: 'Sign in first' });
    const districtId = Number(req.params.districtId);
    if (!Number.isInteger(districtId) || districtId < 1 || districtId > 2147483647) {
      return refuse(req, reply, { type: 'invalid_input', message: `'${req.params.districtId}' is not a district id` });
    }
    const judged = await resolveDistrict(options.db, actor, 'log.export', { districtId });
    if (!judged.ok) return refuse(req, reply, judged.error);
    const release = limiter.acquire(actor.userId);
    if (!release) {
      const message = `${actor.username} already runs ${limiter.limit} exports; wait for one to finish`;
      return refuse(req, reply, { type: 'export_limited', message, params: { limit: limiter.limit } });
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
