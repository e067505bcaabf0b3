import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { listLogStatuses } from './checkpoint.service.ts';

export interface LogRoutesOptions {
  readonly db: Kysely<DB>;
}

/**
 * Plain-HTTP routes of the custody module. `GET /healthz` reports every district log's
 * self-check status: `logsVerified: false` and the districts at fault when a log was found
 * tampered (the api keeps running and serving reads, marked unverified).
 */
export async function logRoutes(app: FastifyInstance, options: LogRoutesOptions): Promise<void> {
  app.get('/healthz', async () => {
    const logs = await listLogStatuses(options.db);
    const unverified = logs.filter((l) => !l.verified);
    if (unverified.length > 0) {
      app.log.error({ unverified: unverified.map((l) => ({ origin: l.origin, problem: l.problem })) }, 'custody log unverified');
    }
    return { ok: true, logsVerified: unverified.length === 0, logs };
  });
  await Promise.resolve();
}
