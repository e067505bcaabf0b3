import type { WireDomainError } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import { PdfRenderPool, pdfRenderPool, RENDER_LIMITS } from '../src/pdf/render-pool.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { pdfText } from './pdf/poppler.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * PDFs render on a worker thread: while a long stock list renders, the api still answers
 * /healthz and tRPC; a user's third concurrent PDF and a full queue are refused with 429.
 */

const BIG = 3000;
const HEALTH_CHECKS = 25;
let tdb: TestDatabase;
let world: World;
let app: FastifyInstance;
const tokens = new Map<string, string>();

async function signIn(role: 'deo' | 'ro'): Promise<string> {
  const res = await app.inject({
    method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: world.users[role], password: PASSWORD }),
  });
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const token = cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0];
  if (!token) throw new Error(`sign-in as ${role} failed: ${res.statusCode} ${res.body}`);
  return token;
}

async function get(url: string, role?: 'deo' | 'ro') {
  const token = role ? tokens.get(role) : undefined;
  const res = await app.inject({ method: 'GET', url, headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {} });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

/** Resolves once the shared pool has this many documents rendering and waiting, or `stop()` holds. */
async function poolReaches(rendering: number, queued: number, stop = () => false): Promise<void> {
  while (!stop()) {
    const status = pdfRenderPool().status();
    if (status.rendering === rendering && status.queued === queued) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function serial(i: number): string {
  return `BUB${String(5_000_000 + i)}`;
}

function bigList(): string {
  return `/pdf/locations/${world.districts.pune}/${world.locations.hadapsarSr}.pdf`;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ['deo', 'ro']);
  const rows = Array.from({ length: BIG }, (_, i) => ({
    districtId: world.districts.pune, serial: serial(i), kind: 'BU', state: 'in_ac_strongroom', locationId: world.locations.hadapsarSr,
    maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1, previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now,
  }));
  await tdb.db.insertInto('units').values(rows).execute();
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false, now: () => world.now });
  for (const role of ['deo', 'ro'] as const) tokens.set(role, await signIn(role));
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

describe('PDFs render off the main thread', () => {
  test(`${HEALTH_CHECKS} /healthz in a row and a tRPC query answer while a ${BIG}-row stock list renders`, async () => {
    // A small PDF first, so no first-time font or WebAssembly loading is left inside the big one.
    expect((await get(`/pdf/units/${world.units.puneKothrud}.pdf`, 'deo')).status).toBe(200);
    let pdfDone = false;
    const pdf = get(bigList(), 'deo').then((res) => {
      pdfDone = true;
      return res;
    });
    await poolReaches(1, 0, () => pdfDone);
    expect(pdfDone).toBe(false);
    // On the main thread the render would hold the event loop: at most a few answers could slip
    // in at its awaits. Off the main thread the api answers request after request meanwhile.
    let answered = 0;
    while (!pdfDone && answered < HEALTH_CHECKS) {
      const health = await get('/healthz');
      expect(health.status).toBe(200);
      if (!pdfDone) answered += 1;
    }
    const me = await get('/trpc/auth.me', 'deo');
    const meBeforePdf = !pdfDone;
    expect(JSON.parse(me.body.toString('utf8'))).toMatchObject({ result: { data: { username: world.users.deo } } });
    expect({ answered, meBeforePdf }).toEqual({ answered: HEALTH_CHECKS, meBeforePdf: true });
    const done = await pdf;
    expect(done.status).toBe(200);
    const text = pdfText(done.body);
    expect(text).toContain(serial(0));
    expect(text).toContain(serial(BIG - 1));
  });

  test('a third PDF for the same user while two are in hand is refused with 429; another user is served', async () => {
    const first = get(bigList(), 'deo');
    await poolReaches(1, 0);
    const second = get(`/pdf/units/${world.units.puneKothrud}.pdf`, 'deo');
    await poolReaches(1, 1);
    const third = await get(`/pdf/units/${world.units.puneKothrud}.pdf?lang=hi`, 'deo');
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('10');
    const error = (JSON.parse(third.body.toString('utf8')) as { error: { domainError: WireDomainError } }).error.domainError;
    expect(error).toMatchObject({ type: 'export_limited', params: { limit: RENDER_LIMITS.maxPerUser, scope: 'user' } });
    expect(error.message).toContain(world.users.deo);
    const other = await get(`/pdf/units/${world.units.puneKothrud}.pdf`, 'ro');
    expect(other.status).toBe(200);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect((await get(`/pdf/units/${world.units.puneKothrud}.pdf`, 'deo')).status).toBe(200);
  });
});

describe('PdfRenderPool', () => {
  const doc = (rows: number) => ({
    language: 'en' as const, title: 'Queue test', meta: [], columns: [{ header: 'Serial', width: 1 }],
    rows: Array.from({ length: rows }, (_, i) => [serial(i)]), emptyText: 'none',
    checkpoint: { origin: 'evmtrail.test/QUEUE', size: 1, rootHex: 'ab'.repeat(32) }, createdAt: world.now,
  });

  test('a full queue refuses the next document with export_limited; the rendering and queued ones finish', async () => {
    const pool = new PdfRenderPool({ maxQueued: 1, maxPerUser: 5 });
    try {
      const a = pool.render('a', doc(400));
      const b = pool.render('b', doc(1));
      const c = await pool.render('c', doc(1));
      expect(c).toMatchObject({ ok: false, error: { type: 'export_limited', params: { scope: 'queue', limit: 1 } } });
      expect(pool.status()).toEqual({ rendering: 1, queued: 1 });
      const [ra, rb] = await Promise.all([a, b]);
      expect(ra.ok && pdfText(Buffer.from(ra.value))).toContain(serial(399));
      expect(rb.ok && Buffer.from(rb.value).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pool.status()).toEqual({ rendering: 0, queued: 0 });
      expect((await pool.render('c', doc(1))).ok).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
