import { ROLES, UNIT_LIST_SORTS, type DistrictId } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/* The web's lists: unit.list sorted and counted, location.byId, and the CSV of a filtered list. */

let tdb: TestDatabase;
let world: World;
let app: FastifyInstance;
let pune: DistrictId;

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ROLES);
  pune = world.districts.pune as DistrictId;
  const extra = [
    { serial: 'VVB3000050', kind: 'VVPAT', state: 'flc_ok', at: world.locations.puneWh, minutes: 5 },
    { serial: 'CUB3000051', kind: 'CU', state: 'in_transit', at: world.locations.truck, minutes: -5 },
    { serial: 'BUB3000052', kind: 'BU', state: 'assigned_ps', at: world.locations.kothrudSr, minutes: 5 },
  ];
  await tdb.db.insertInto('units').values(extra.map((u) => ({
    districtId: pune, serial: u.serial, kind: u.kind, state: u.state, locationId: u.at, maker: 'ECIL', model: 'M3', year: 2024,
    ownerBodyId: 1, previousState: null, holdRef: null, flcCycle: 1, updatedAt: new Date(world.now.getTime() + u.minutes * 60_000),
  }))).execute();
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false, now: () => world.now });
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

describe('unit.list', () => {
  test.each(UNIT_LIST_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => ({ sort, dir }))))(
    'pages by $sort $dir in order, serial breaking ties, with the total',
    async ({ sort, dir }) => {
      const deo = await callerFor(tdb.db, world.users.deo);
      const all = await deo.unit.list({ districtId: pune, limit: 200 });
      expect(all.total).toBe(all.items.length);
      const keyOf = (u: (typeof all.items)[number]) => ({ serial: u.serial, state: u.state, kind: u.kind, location: u.locationName, updated: u.updatedAt })[sort];
      const sign = dir === 'asc' ? 1 : -1;
      const expected = [...all.items]
        .sort((a, b) => sign * (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : a.serial < b.serial ? -1 : 1))
        .map((u) => u.serial);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await deo.unit.list({ districtId: pune, sort, dir, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(all.total);
        seen.push(...page.items.map((u) => u.serial));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
    },
  );

  test('the total counts the filtered list, not the page', async () => {
    const deo = await callerFor(tdb.db, world.users.deo);
    const page = await deo.unit.list({ districtId: pune, kind: 'BU', limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(5);
    const ac = await deo.unit.list({ districtId: pune, acId: world.acs.kothrud });
    expect(ac.items.map((u) => [u.serial, u.acNumber, u.acName])).toEqual([['BUB3000052', 210, 'Kothrud'], ['BUB3000100', 210, 'Kothrud']]);
    expect(ac.total).toBe(2);
  });

  test('a cursor of another order is refused as invalid input', async () => {
    const deo = await callerFor(tdb.db, world.users.deo);
    const first = await deo.unit.list({ districtId: pune, sort: 'state', limit: 1 });
    const error = await trpcError(deo.unit.list({ districtId: pune, sort: 'kind', limit: 1, cursor: first.nextCursor ?? '' }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'invalid_input', params: { field: 'cursor' } });
  });
});

describe('location.byId', () => {
  test('a location with its AC by number and name, and its units counted by kind and state', async () => {
    const deo = await callerFor(tdb.db, world.users.deo);
    const sr = await deo.location.byId({ districtId: pune, locationId: world.locations.kothrudSr });
    expect(sr).toMatchObject({ id: world.locations.kothrudSr, name: 'AC 210 strongroom', kind: 'strongroom', ac: { number: 210, name: 'Kothrud' }, parentName: null });
    expect(sr.counts).toEqual({
      total: 2,
      byKind: { BU: 2 },
      byState: { assigned_ps: 1, in_ac_strongroom: 1 },
      cells: [{ kind: 'BU', state: 'assigned_ps', count: 1 }, { kind: 'BU', state: 'in_ac_strongroom', count: 1 }],
    });
    const wh = await deo.location.byId({ districtId: pune, locationId: world.locations.puneWh });
    expect(wh).toMatchObject({ ac: null, lat: 18.53, lon: 73.87, counts: { total: 5, byKind: { BU: 2, CU: 1, VVPAT: 2 } } });
  });

  test('an AC user may not open another AC\'s place; an unknown id names the district', async () => {
    const ro = await callerFor(tdb.db, world.users.ro);
    const error = await trpcError(ro.location.byId({ districtId: pune, locationId: world.locations.hadapsarSr }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'outside_jurisdiction', params: { acNumber: 213, acName: 'Hadapsar' } });
    const missing = await trpcError(ro.location.byId({ districtId: pune, locationId: 999_999 }));
    expect(domainErrorOf(missing)).toMatchObject({ type: 'not_found', params: { districtName: 'Pune' } });
  });
});

async function signIn(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.signIn', payload: { username, password: PASSWORD } });
  const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`no session for ${username}`);
  return cookie.split(';')[0] ?? '';
}

describe('GET /export/units.csv', () => {
  test('streams the filtered list in its order: a header row, then one row per unit', async () => {
    const cookie = await signIn(world.users.deo);
    const res = await app.inject({ method: 'GET', url: `/export/units.csv?districtId=${pune}&kind=BU&sort=state&dir=desc`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const deo = await callerFor(tdb.db, world.users.deo);
    const list = await deo.unit.list({ districtId: pune, kind: 'BU', sort: 'state', dir: 'desc' });
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('serial,kind,maker,model,year,state,location,ac');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(list.items.map((u) => u.serial));
    expect(lines).toContain('BUB3000052,BU,ECIL,M3,2024,assigned_ps,AC 210 strongroom,210 Kothrud');
  });

  test('refuses without a session, outside the jurisdiction, and on bad input, as the api does', async () => {
    const anonymous = await app.inject({ method: 'GET', url: `/export/units.csv?districtId=${pune}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { domainError: { type: 'unauthenticated' } } });
    const cookie = await signIn(world.users.ro);
    const outside = await app.inject({ method: 'GET', url: `/export/units.csv?districtId=${pune}&acId=${world.acs.hadapsar}`, headers: { cookie } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ error: { domainError: { type: 'outside_jurisdiction', params: { acNumber: 213, acName: 'Hadapsar' } } } });
    const bad = await app.inject({ method: 'GET', url: `/export/units.csv?districtId=${pune}&sort=colour`, headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { domainError: { type: 'invalid_input', params: { field: 'sort' } } } });
  });
});

describe('errors over HTTP', () => {
  test('carry the domainError and never a stack trace outside development', async () => {
    const cookie = await signIn(world.users.deo);
    const input = encodeURIComponent(JSON.stringify({ serial: world.units.mumbai }));
    const res = await app.inject({ method: 'GET', url: `/trpc/unit.bySerial?input=${input}`, headers: { cookie } });
    expect(res.statusCode).toBe(404);
    const body = res.json<{ error: { data: Record<string, unknown> } }>();
    expect(body.error.data.domainError).toEqual({ type: 'not_found', message: `Unit ${world.units.mumbai} not found`, params: { serial: world.units.mumbai } });
    expect(res.body).not.toContain('stack');
    expect(res.body).not.toContain('Mumbai');
  });
});
