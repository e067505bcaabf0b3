import type { Role, WireDomainError } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import { signCheckpoint } from '../src/modules/custody/log.service.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { pdfText } from './pdf/poppler.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * The PDF routes through the real HTTP stack: session cookie, can() on the unit's or the
 * location's place, the district log's checkpoint printed on the page, and poppler reading it.
 */

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

async function get(url: string, role?: Role) {
  const token = role ? tokens.get(role) : undefined;
  const res = await app.inject({ method: 'GET', url, headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {} });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

function refusal(body: Buffer): WireDomainError {
  return (JSON.parse(body.toString('utf8')) as { error: { domainError: WireDomainError } }).error.domainError;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ['deo', 'ro', 'warehouse']);
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false, now: () => world.now });
  for (const role of ['deo', 'ro'] as const) tokens.set(role, await signIn(role));
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

describe('GET /pdf/units/<serial>.pdf', () => {
  test('a unit custody history in Marathi, with its log entries and the checkpoint it was made from', async () => {
    const serial = world.units.puneWarehouse[0] ?? '';
    const res = await get(`/pdf/units/${serial}.pdf?lang=mr`, 'deo');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="unit-${serial}-mr.pdf"`);
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const checkpoint = await signCheckpoint(tdb.db, { districtId: world.districts.pune, now: world.now });
    const text = pdfText(res.body);
    expect(text).toContain(serial);
    expect(text).toContain(checkpoint.rootHex);
    expect(text).toContain('evmtrail.test/MH-PUNE');
    expect(text).toContain('कारखान्यातून रवाना');
    expect(text).toContain('प्राप्त केले');
    expect(text).toContain('MFR-BEL-BLR › VEH-MH12-0001');
    expect(text).toContain('engineer.bel');
  });

  test('English by default, Hindi on request', async () => {
    const serial = world.units.puneKothrud;
    expect(pdfText((await get(`/pdf/units/${serial}.pdf`, 'deo')).body)).toContain(`Custody history of unit ${serial}`);
    expect(pdfText((await get(`/pdf/units/${serial}.pdf?lang=hi`, 'deo')).body)).toContain(`यूनिट ${serial} का अभिरक्षा इतिहास`);
  });

  test('refuses without a session', async () => {
    const res = await get(`/pdf/units/${world.units.puneKothrud}.pdf`);
    expect(res.status).toBe(401);
    expect(refusal(res.body).type).toBe('unauthenticated');
  });

  test('refuses a unit outside the jurisdiction and names it', async () => {
    const res = await get(`/pdf/units/${world.units.bengaluru}.pdf`, 'deo');
    expect(res.status).toBe(403);
    const error = refusal(res.body);
    expect(error.type).toBe('outside_jurisdiction');
    expect(error.params.serial).toBe(world.units.bengaluru);
    expect(error.params.districtName).toBe('Bengaluru Urban');
  });

  test('an RO reads units of their AC only', async () => {
    expect((await get(`/pdf/units/${world.units.puneKothrud}.pdf`, 'ro')).status).toBe(200);
    const res = await get(`/pdf/units/${world.units.puneHadapsar}.pdf`, 'ro');
    expect(res.status).toBe(403);
    expect(refusal(res.body).params).toMatchObject({ serial: world.units.puneHadapsar, acNumber: 213, acName: 'Hadapsar' });
  });

  test('an unknown serial is not found; a bad language is bad input', async () => {
    const missing = await get('/pdf/units/BUB9999999.pdf', 'deo');
    expect(missing.status).toBe(404);
    expect(refusal(missing.body)).toMatchObject({ type: 'not_found', params: { serial: 'BUB9999999' } });
    const bad = await get(`/pdf/units/${world.units.puneKothrud}.pdf?lang=fr`, 'deo');
    expect(bad.status).toBe(400);
    expect(refusal(bad.body).type).toBe('invalid_input');
  });
});

describe('GET /pdf/locations/<districtId>/<locationId>.pdf', () => {
  test('a stock list in Hindi: every unit there by kind, with its state, and the checkpoint', async () => {
    const res = await get(`/pdf/locations/${world.districts.pune}/${world.locations.puneWh}.pdf?lang=hi`, 'deo');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const checkpoint = await signCheckpoint(tdb.db, { districtId: world.districts.pune, now: world.now });
    const text = pdfText(res.body);
    for (const serial of world.units.puneWarehouse) expect(text).toContain(serial);
    expect(text).not.toContain(world.units.puneKothrud);
    expect(text).toContain(checkpoint.rootHex);
    expect(text).toContain('स्टॉक सूची: District warehouse (WH-PUNE-01)');
    expect(text).toContain('गोदाम में');
    expect(text).toMatch(/यहाँ यूनिट: 4 \(बैलेट यूनिट 2 · कंट्रोल यूनिट 1 · वीवीपैट 1\)/);
  });

  test('an RO gets their AC strongroom, not another AC, and a DEO not another district', async () => {
    const own = await get(`/pdf/locations/${world.districts.pune}/${world.locations.kothrudSr}.pdf?lang=mr`, 'ro');
    expect(own.status).toBe(200);
    expect(pdfText(own.body)).toContain(world.units.puneKothrud);
    const other = await get(`/pdf/locations/${world.districts.pune}/${world.locations.hadapsarSr}.pdf`, 'ro');
    expect(other.status).toBe(403);
    expect(refusal(other.body).params).toMatchObject({ locationCode: 'SR-AC213', acNumber: 213 });
    const mumbai = await get(`/pdf/locations/${world.districts.mumbai}/${world.locations.mumbaiWh}.pdf`, 'deo');
    expect(mumbai.status).toBe(403);
    expect(refusal(mumbai.body)).toMatchObject({ type: 'outside_jurisdiction', params: { districtName: 'Mumbai Suburban' } });
  });

  test('a location that is not in that district is not found', async () => {
    const res = await get(`/pdf/locations/${world.districts.pune}/${world.locations.mumbaiWh}.pdf`, 'deo');
    expect(res.status).toBe(404);
    expect(refusal(res.body).type).toBe('not_found');
    expect((await get(`/pdf/locations/${world.districts.pune}/abc.pdf`, 'deo')).status).toBe(404);
  });
});
