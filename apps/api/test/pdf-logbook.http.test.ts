import type { Role, WireDomainError } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import { buildWorld, openStrongroomSessions, PASSWORD, type World } from './fixtures.ts';
import { pdfText } from './pdf/poppler.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/* The logbook and label PDFs through the real HTTP stack: session cookie, can() at the place. */

let tdb: TestDatabase;
let world: World;
let app: FastifyInstance;
const tokens = new Map<Role, string>();

async function signIn(role: Role): Promise<string> {
  const res = await app.inject({
    method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: world.users[role], password: PASSWORD }),
  });
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const token = cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0];
  if (!token) throw new Error(`sign-in as ${role} failed: ${res.statusCode} ${res.body}`);
  return token;
}

async function get(url: string, role: Role) {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${tokens.get(role) ?? ''}` } });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ['deo', 'ro']);
  await openStrongroomSessions(tdb.db, world, [world.locations.kothrudSr]);
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false, now: () => world.now });
  for (const role of ['deo', 'ro'] as const) tokens.set(role, await signIn(role));
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

describe('GET /pdf/logbooks/<districtId>/<locationId>.pdf', () => {
  test("a strongroom's logbook: open, its key-holders, the session's entries with witnesses", async () => {
    const res = await get(`/pdf/logbooks/${world.districts.pune}/${world.locations.kothrudSr}.pdf`, 'ro');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="logbook-SR-AC210-en.pdf"');
    const text = pdfText(res.body);
    expect(text).toContain('Logbook: AC 210 strongroom (SR-AC210)');
    expect(text).toContain('Strongroom status: OPEN');
    expect(text).toContain('Key-holder DEO (keyholder.deo)');
    // Table cells wrap, so poppler's layout text interleaves columns: look for the words.
    const words = text.split(/\s+/);
    for (const word of ['opened', 'recorded', 'Witnesses:', 'FX-0001)', 'keyholder.deo']) expect(words).toContain(word);
  });

  test('in Marathi on request; a warehouse logbook lists its receipts', async () => {
    const text = pdfText((await get(`/pdf/logbooks/${world.districts.pune}/${world.locations.puneWh}.pdf?lang=mr`, 'deo')).body);
    expect(text).toContain('लॉगबुक: District warehouse (WH-PUNE-01)');
    expect(text).toContain('प्राप्त केले');
    expect(text).not.toContain('स्ट्रॉंग रूमची स्थिती');
  });

  test("an RO may not read another AC's strongroom logbook; an unknown place is 404", async () => {
    const other = await get(`/pdf/logbooks/${world.districts.pune}/${world.locations.hadapsarSr}.pdf`, 'ro');
    expect(other.status).toBe(403);
    expect((JSON.parse(other.body.toString('utf8')) as { error: { domainError: WireDomainError } }).error.domainError).toMatchObject({ type: 'outside_jurisdiction', params: { locationCode: 'SR-AC213' } });
    expect((await get(`/pdf/logbooks/${world.districts.pune}/999999.pdf`, 'deo')).status).toBe(404);
  });
});

describe('GET /pdf/labels/<districtId>/<locationId>.pdf', () => {
  test('a label for the place and each place inside it', async () => {
    const rack = await tdb.db.insertInto('locations').values({
      districtId: world.districts.pune, code: 'WH-PUNE-01-RACK-A', kind: 'warehouse', name: 'Rack A', nameHi: null,
      acId: null, parentId: world.locations.puneWh, lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
    }).returning('id').executeTakeFirstOrThrow();
    await tdb.db.insertInto('locations').values({
      districtId: world.districts.pune, code: 'WH-PUNE-01-RACK-A-T1', kind: 'warehouse', name: 'Trunk 1', nameHi: null,
      acId: null, parentId: rack.id, lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
    }).execute();
    const res = await get(`/pdf/labels/${world.districts.pune}/${world.locations.puneWh}.pdf?lang=hi`, 'deo');
    expect(res.status).toBe(200);
    const text = pdfText(res.body);
    for (const code of ['WH-PUNE-01', 'WH-PUNE-01-RACK-A', 'WH-PUNE-01-RACK-A-T1']) expect(text).toContain(code);
    expect(text).toContain('3 लेबल');
    expect(text).not.toContain('SR-AC210');
  });
});
