/**
 * Figures: how long the api takes to answer again after its database comes back. The api talks
 * to a bench database through a TCP proxy; the bench cuts the proxy for a while (a database
 * restart, as the api sees it) or ends the api's sessions with pg_terminate_backend, then times
 * from the database's return to the api's first answer that needed it. The real server is never
 * stopped.
 */
import { buildApp } from '@evmtrail/api/app';
import { createDb, migrateToLatest } from '@evmtrail/api/db';
import { startTcpProxy } from '@evmtrail/api/testing/tcp-proxy';
import { sql } from 'kysely';

import { createBenchDatabase, postgresReachable, PG_ADMIN_URL } from './lib/postgres.ts';
import type { Bench } from './lib/types.ts';

const OUTAGE_MS = 3_000;
const POLL_MS = 25;

export const dbRecovery: Bench = {
  name: 'db-recovery',
  title: 'api recovery after a database restart (via a TCP proxy)',
  budgetSeconds: { full: 120, quick: 60 },
  async run(ctx) {
    const reachable = await postgresReachable();
    if (!reachable.ok) {
      ctx.note(`PostgreSQL not reachable (${reachable.reason}); skipped`);
      return;
    }
    const target = await createBenchDatabase(`recovery_${process.pid}`);
    ctx.onCleanup(() => target.drop());
    const direct = await createDb({ kind: 'pg', connectionString: target.url, max: 1 });
    await migrateToLatest(direct.db);
    await direct.close();

    const url = new URL(target.url);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    ctx.onCleanup(() => proxy.close());
    url.host = `127.0.0.1:${proxy.port}`;
    const database = await createDb({ kind: 'pg', connectionString: url.toString(), max: 4, connectionTimeoutMillis: 1_000, onPoolError: () => undefined });
    ctx.onCleanup(() => database.close());
    const app = await buildApp({ db: database.db, sessionTtlHours: 1, cookieSecure: false });
    ctx.onCleanup(() => app.close());

    // An unknown user's sign-in reads the users table: 401 when the database answers, 503 when not.
    let attempt = 0;
    const status = async (): Promise<number> => {
      attempt += 1;
      const res = await app.inject({
        method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: `probe${attempt}`, password: 'x' }), remoteAddress: `10.${(attempt >> 16) & 255}.${(attempt >> 8) & 255}.${attempt & 255}`,
      });
      return res.statusCode;
    };
    const untilAnswered = async (): Promise<number> => {
      const started = performance.now();
      while ((await status()) !== 401) {
        if (performance.now() - started > 60_000) throw new Error('the api did not recover within 60 s');
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      return performance.now() - started;
    };
    if ((await status()) !== 401) throw new Error('the api does not answer before the outage');

    const rounds = ctx.quick ? 2 : 5;
    const cut: number[] = [];
    const terminated: number[] = [];
    const during = new Set<number>();
    for (let i = 0; i < rounds; i++) {
      proxy.cut();
      during.add(await status());
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      proxy.restore();
      cut.push(await untilAnswered());

      const admin = await createDb({ kind: 'pg', connectionString: PG_ADMIN_URL, max: 1 });
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${target.name}`.execute(admin.db);
      await admin.close();
      terminated.push(await untilAnswered());
    }
    const worst = (xs: number[]) => Math.round(Math.max(...xs));
    ctx.record({
      id: 'db-recovery.after-restart.max', name: 'api answering again after the database returns (worst)', value: worst(cut), unit: 'ms',
      how: `${rounds} outages of ${OUTAGE_MS} ms cut at a TCP proxy; time from restore to the first 401 (a users-table read), polling every ${POLL_MS} ms`,
      details: { samplesMs: cut.map(Math.round), statusesDuringOutage: [...during] },
    });
    ctx.record({
      id: 'db-recovery.after-terminate.max', name: 'api answering again after pg_terminate_backend (worst)', value: worst(terminated), unit: 'ms',
      how: `${rounds} rounds of pg_terminate_backend on every connection of the api's database`,
      details: { samplesMs: terminated.map(Math.round) },
    });
  },
};
