import { ROLES, verifyBundle } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import type { DB } from '../src/db/database.ts';
import { createExportLimiter, EXPORT_LIMITER } from '../src/modules/custody/export.service.ts';
import { MAX_BATCH_SIZE } from '../src/http/request-guards.ts';
import { appendEntries, exportBundle } from '../src/modules/custody/log.service.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/* The streamed export route (issue 6, item 5): same bytes as the bundle, bounded per user. */

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let app: FastifyInstance;
let cookie: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  // Enough entries for several pages, with quotes and a backslash and Hindi in the texts.
  const drafts = Array.from({ length: 2500 }, (_, i) => ({
    type: 'MOVE', units: [`BUT${String(3200000 + i)}`], from: 'WH "A"', to: 'SR\\AC210', actor: 'warehouse.test',
    ...(i % 7 === 0 ? { reason: 'सील जाँची गई' } : {}),
  }));
  const grown = await db.transaction().execute((tx) => appendEntries(tx, world.districts.pune, drafts, world.now));
  if (!grown.ok) throw new Error(grown.error.message);
  app = await buildApp({ db, sessionTtlHours: 1, cookieSecure: false });
  const signIn = await app.inject({
    method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: world.users.observer, password: PASSWORD }),
  });
  const set = String(signIn.headers['set-cookie']);
  cookie = set.slice(0, set.indexOf(';'));
  expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
}, 120_000);

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

function get(url: string, withCookie = true) {
  return app.inject({ method: 'GET', url, headers: withCookie ? { cookie } : {} });
}

async function observerId(): Promise<number> {
  const row = await db.selectFrom('users').select('id').where('username', '=', world.users.observer).executeTakeFirstOrThrow();
  return row.id;
}

describe('GET /export/districts/:districtId/bundle.json', () => {
  test('streams the same bytes as the bundle, with an exact Content-Length, and it verifies', async () => {
    const res = await get(`/export/districts/${world.districts.pune}/bundle.json`);
    expect(res.statusCode).toBe(200);
    const expected = await exportBundle(db, { districtId: world.districts.pune, now: world.now });
    expect(res.body).toBe(expected.bundle);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.headers['x-entry-count']).toBe('2502');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${expected.filename}"`);
    const verified = verifyBundle(res.body);
    expect(verified).toMatchObject({ ok: true, value: { size: 2502 } });
  });

  test('refuses without a session, outside the jurisdiction and for an unknown district, with a domainError', async () => {
    const anonymous = await get(`/export/districts/${world.districts.pune}/bundle.json`, false);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { domainError: { type: 'unauthenticated' } } });
    const outside = await get(`/export/districts/${world.districts.bengaluru}/bundle.json`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ error: { domainError: { type: 'outside_jurisdiction' } } });
    expect((await get('/export/districts/999/bundle.json')).statusCode).toBe(404);
    expect((await get('/export/districts/2147483648/bundle.json')).statusCode).toBe(400);
  });

  test('a user already running the limit of exports gets 429 export_limited, on the route and in tRPC', async () => {
    const id = await observerId();
    const held = [EXPORT_LIMITER.acquire(id), EXPORT_LIMITER.acquire(id)];
    try {
      const res = await get(`/export/districts/${world.districts.pune}/bundle.json`);
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ error: { domainError: { type: 'export_limited', params: { limit: 2 } } } });
      const input = encodeURIComponent(JSON.stringify({ districtId: world.districts.pune }));
      const trpc = await get(`/trpc/log.exportBundle?input=${input}`);
      expect(trpc.statusCode).toBe(429);
      expect(trpc.json()).toMatchObject({ error: { data: { domainError: { type: 'export_limited' } } } });
    } finally {
      for (const release of held) release?.();
    }
    expect((await get(`/export/districts/${world.districts.pune}/bundle.json`)).statusCode).toBe(200);
  });

  test('a batch over MAX_BATCH_SIZE tRPC exports is refused whole; a full batch builds at most two bundles at a time', async () => {
    const batch = (n: number) => {
      const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { districtId: world.districts.pune }]))));
      return get(`/trpc/${Array.from({ length: n }, () => 'log.exportBundle').join(',')}?batch=1&input=${input}`);
    };
    const flood = await batch(MAX_BATCH_SIZE + 1);
    expect(flood.statusCode).toBe(400);
    expect(flood.json()).toMatchObject({ error: { data: { domainError: { type: 'batch_too_large' } } } });
    const answers = (await batch(MAX_BATCH_SIZE)).json<Array<{ result?: unknown; error?: { data: { domainError: { type: string } } } }>>();
    expect(answers).toHaveLength(MAX_BATCH_SIZE);
    const built = answers.filter((a) => a.result).length;
    const refused = answers.filter((a) => a.error?.data.domainError.type === 'export_limited').length;
    // The calls of a batch start together; a slot frees only when a bundle is done.
    expect(built + refused).toBe(MAX_BATCH_SIZE);
    expect(refused).toBeGreaterThan(MAX_BATCH_SIZE / 2);
  });

  test('the limiter counts per user and frees a slot on release', () => {
    const limiter = createExportLimiter(2);
    const a = limiter.acquire(1);
    const b = limiter.acquire(1);
    expect(limiter.acquire(1)).toBeUndefined();
    expect(limiter.acquire(2)).toBeDefined();
    a?.();
    a?.(); // a second release is a no-op
    expect(limiter.acquire(1)).toBeDefined();
    expect(limiter.acquire(1)).toBeUndefined();
    b?.();
  });
});

describe('the streamed bundle (format /2) lets pnpm verify name a tampered stored hash', () => {
  /** Sets one stored hash as a superuser with the triggers off, as the probe did; returns the old one. */
  async function setStoredHash(target: { table: 'log_nodes' | 'log_entries'; level?: number; idx: number }, hex: string): Promise<string> {
    return db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      const pune = world.districts.pune;
      const rows = target.table === 'log_nodes'
        ? await sql<{ old: string }>`update log_nodes n set hash = decode(${hex}, 'hex') from log_nodes o
            where n.district_id = ${pune} and n.level = ${target.level ?? 0} and n.idx = ${target.idx}
              and o.district_id = n.district_id and o.level = n.level and o.idx = n.idx
            returning encode(o.hash, 'hex') as old`.execute(tx)
        : await sql<{ old: string }>`update log_entries n set leaf_hash = decode(${hex}, 'hex') from log_entries o
            where n.district_id = ${pune} and n.idx = ${target.idx} and o.district_id = n.district_id and o.idx = n.idx
            returning encode(o.leaf_hash, 'hex') as old`.execute(tx);
      expect(rows.rows).toHaveLength(1);
      return rows.rows[0]?.old ?? '';
    });
  }

  async function exportedFailure() {
    const res = await get(`/export/districts/${world.districts.pune}/bundle.json`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('"format":"evmtrail-log-bundle/2"');
    const result = verifyBundle(res.body);
    return result.ok ? undefined : result.error;
  }

  test('a changed Merkle node is named by level and index; a changed leaf hash by its entry', async () => {
    const old = await setStoredHash({ table: 'log_nodes', level: 3, idx: 7 }, 'ab'.repeat(32));
    expect(await exportedFailure()).toMatchObject({ kind: 'node', node: { level: 3, index: 7 } });
    await setStoredHash({ table: 'log_nodes', level: 3, idx: 7 }, old);
    await setStoredHash({ table: 'log_entries', idx: 11 }, 'cd'.repeat(32));
    expect(await exportedFailure()).toMatchObject({ kind: 'leaf_hash', index: 11 });
  });
});
