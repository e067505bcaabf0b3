import { ROLES } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import { createDb, type Database } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { DatabaseUnavailableError } from '../src/db/resilient-pool.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
import { adminQuery, createPostgresDatabase } from './test-db.ts';

/*
 * The database going away under the api, always on PostgreSQL (PGlite cannot go away): the api
 * talks to its own database through a TCP proxy that the test cuts and restores, and the test
 * also ends the api's sessions on the server with pg_terminate_backend. The shared server is
 * never stopped. During an outage every request is a 503 'database_unavailable'; afterwards the
 * api answers again by itself, and this process never sees an unhandled 'error' event.
 */

let target: Awaited<ReturnType<typeof createPostgresDatabase>>;
let direct: Database;
let viaProxy: Database;
let proxy: TcpProxy;
let app: FastifyInstance;
let world: World;
let token = '';
const poolErrors: string[] = [];

interface Answer {
  readonly status: number;
  readonly domainError: { type: string; message: string } | null;
}

async function unitCounts(): Promise<Answer> {
  const input = encodeURIComponent(JSON.stringify({ districtId: world.districts.pune }));
  const res = await app.inject({ method: 'GET', url: `/trpc/dashboard.unitCounts?input=${input}`, headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  const body = res.json<{ error?: { data: { domainError: Answer['domainError'] } } }>();
  return { status: res.statusCode, domainError: body.error?.data.domainError ?? null };
}

async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within ${ms} ms`);
}

async function terminateApiSessions(): Promise<void> {
  await adminQuery(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${target.name}' and pid <> pg_backend_pid()`);
}

beforeAll(async () => {
  target = await createPostgresDatabase();
  direct = await createDb({ kind: 'pg', connectionString: target.url.toString(), max: 2 });
  await migrateToLatest(direct.db);
  world = await buildWorld(direct.db, ROLES);
  await direct.close();

  proxy = await startTcpProxy({ host: target.url.hostname, port: Number(target.url.port || 5432) });
  const proxied = new URL(target.url);
  proxied.host = `127.0.0.1:${proxy.port}`;
  viaProxy = await createDb({
    kind: 'pg', connectionString: proxied.toString(), max: 4, connectionTimeoutMillis: 1_000,
    onPoolError: (error) => poolErrors.push(error.message),
  });
  app = await buildApp({ db: viaProxy.db, sessionTtlHours: 2, cookieSecure: false });
  const signIn = await app.inject({
    method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: world.users.deo, password: PASSWORD }),
  });
  token = /evmtrail_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))?.[1] ?? '';
  expect(token).not.toBe('');
});

afterAll(async () => {
  await app.close();
  await viaProxy.close();
  await proxy.close();
  await target.drop();
});

describe('the database going away', () => {
  test('a cut connection: 503 database_unavailable while it lasts, 200 again after, by itself', async () => {
    expect((await unitCounts()).status).toBe(200);
    expect(proxy.open).toBeGreaterThan(0);

    proxy.cut();
    for (let i = 0; i < 3; i += 1) {
      const answer = await unitCounts();
      expect(answer.status).toBe(503);
      expect(answer.domainError?.type).toBe('database_unavailable');
      expect(answer.domainError?.message).toMatch(/database is unavailable/);
    }

    proxy.restore();
    await eventually(async () => (await unitCounts()).status === 200);
    expect(await unitCounts()).toEqual({ status: 200, domainError: null });
  });

  test('a transaction whose connection dies rejects as DatabaseUnavailableError, and the process lives on', async () => {
    let cut: () => void = () => undefined;
    const cutDone = new Promise<void>((resolve) => { cut = resolve; });
    const tx = viaProxy.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      proxy.cut(); // the client is checked out: pg-pool has no 'error' listener on it
      cut();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql`select 1`.execute(trx);
    });
    await cutDone;
    await expect(tx).rejects.toBeInstanceOf(DatabaseUnavailableError);
    proxy.restore();
    await eventually(async () => (await unitCounts()).status === 200);
  });

  test('pg_terminate_backend on every api connection: no 500, then 200 again', async () => {
    // Open a few connections at once so the pool holds several idle clients.
    const warm = await Promise.all([unitCounts(), unitCounts(), unitCounts()]);
    expect(warm.map((a) => a.status)).toEqual([200, 200, 200]);
    poolErrors.length = 0;

    await terminateApiSessions();
    const during = await Promise.all([unitCounts(), unitCounts(), unitCounts(), unitCounts()]);
    for (const answer of during) {
      expect([200, 503]).toContain(answer.status);
      if (answer.status === 503) expect(answer.domainError?.type).toBe('database_unavailable');
    }
    await eventually(async () => (await unitCounts()).status === 200);
    expect((await unitCounts()).status).toBe(200);
  });

  test('a session terminated in the middle of a transaction: a 503 or a rollback, never a crash', async () => {
    const tx = viaProxy.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await terminateApiSessions();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql`select 1`.execute(trx);
    });
    await expect(tx).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await eventually(async () => (await unitCounts()).status === 200);
  });
});
