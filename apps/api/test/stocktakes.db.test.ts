import { randomUUID } from 'node:crypto';

import { ROLES, verifyBundle, type ScanResult } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { exportBundle } from '../src/modules/custody/log.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let rack: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let warehouse: Caller;
let deo: Caller;
let observer: Caller;
let mumbaiDeo: Caller;

const RACK_UNIT = 'BUB3100001';

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  warehouse = await callerFor(db, world.users.warehouse);
  deo = await callerFor(db, world.users.deo);
  observer = await callerFor(db, world.users.observer);
  // A rack inside the district warehouse, holding one unit: it is counted with the warehouse.
  const inserted = await db.insertInto('locations').values({
    districtId: pune, code: 'WH-PUNE-01-R1', kind: 'warehouse', name: 'Rack R1', nameHi: null, acId: null, parentId: world.locations.puneWh,
    lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
  }).returning('id').executeTakeFirstOrThrow();
  rack = inserted.id;
  await db.insertInto('units').values({
    districtId: pune, serial: RACK_UNIT, kind: 'BU', maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1, state: 'in_warehouse',
    previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: rack,
  }).execute();
  const mumbaiUser = await db.insertInto('users').values({
    username: 'deo.mumbai', displayName: 'DEO Mumbai', role: 'deo', jurisdictionLevel: 'district', stateId: world.stateIds.mh,
    districtId: world.districts.mumbai, acId: null, passwordHash: 'x',
  }).returning('username').executeTakeFirstOrThrow();
  mumbaiDeo = await callerFor(db, mumbaiUser.username);
});

afterAll(async () => {
  await tdb.dispose();
});

function scan(stocktakeId: number, serial: string, key: string = randomUUID(), caller = warehouse): Promise<ScanResult> {
  return caller.scan.record({ districtId: pune, task: { kind: 'stocktake', id: stocktakeId }, serial, key, scannedAt: new Date().toISOString(), via: 'wedge' });
}

async function logSize(): Promise<number> {
  return (await db.selectFrom('districtLogs').select('size').where('districtId', '=', pune).executeTakeFirstOrThrow()).size;
}

async function entriesOfType(type: string): Promise<Array<{ type: string; units: string[]; reason: string }>> {
  const rows = await db.selectFrom('logEntries').select('entry').where('districtId', '=', pune).orderBy('idx').execute();
  return rows.map((r) => (typeof r.entry === 'string' ? JSON.parse(r.entry) : r.entry) as { type: string; units: string[]; reason: string }).filter((e) => e.type === type);
}

describe('a stocktake of the district warehouse', () => {
  let stocktakeId: number;
  const [first, second, third, fourth] = ['BUB3000001', 'BUB3000002', 'CUB3000001', 'VVB3000001'];

  test('start freezes the expected list: the warehouse and the rack under it, and logs STOCKTAKE_START', async () => {
    const before = await logSize();
    const started = await deo.stocktake.start({ districtId: pune, locationId: world.locations.puneWh, note: 'Quarterly verification' });
    stocktakeId = started.id;
    expect(started).toMatchObject({ status: 'open', expected: 5, found: 0, missing: 5, unexpected: 0, elsewhere: 0, location: { name: 'District warehouse' } });
    expect(await logSize()).toBe(before + 1);
    const [entry] = await entriesOfType('STOCKTAKE_START');
    expect(entry?.units).toEqual([]);
    expect(entry?.reason).toContain('5 unit(s) expected');
  });

  test('a second stocktake of the same place is refused while one is open, naming the place', async () => {
    const before = await logSize();
    const error = await trpcError(deo.stocktake.start({ districtId: pune, locationId: world.locations.puneWh }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'stocktake_open', params: { locationName: 'District warehouse' } });
    expect(await logSize()).toBe(before);
  });

  test('a unit brought in after the start is not expected: it belongs elsewhere by the frozen list', async () => {
    await db.insertInto('units').values({
      districtId: pune, serial: 'BUB3100002', kind: 'BU', maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1, state: 'in_warehouse',
      previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: world.locations.puneWh,
    }).execute();
    const result = await scan(stocktakeId, 'BUB3100002');
    expect(result.outcome).toBe('wrong_place');
    const detail = await deo.stocktake.byId({ districtId: pune, stocktakeId });
    expect(detail.expected).toBe(5);
    expect(detail.surprises.map((l) => [l.serial, l.outcome])).toEqual([['BUB3100002', 'elsewhere']]);
  });

  test('scans: expected → found, again → duplicate, another place\'s unit → elsewhere, unknown → unexpected; no unit moves', async () => {
    const logBefore = await logSize();
    const unitsBefore = await db.selectFrom('units').select(['serial', 'locationId', 'state', 'version']).orderBy('serial').execute();
    const found = await scan(stocktakeId, first ?? '');
    expect(found).toMatchObject({ outcome: 'accepted', replayed: false, tally: { expected: 5, accepted: 1, missing: 4 } });
    expect((await scan(stocktakeId, RACK_UNIT)).outcome).toBe('accepted');
    const again = await scan(stocktakeId, first ?? '');
    expect(again.outcome).toBe('duplicate');
    expect(again.tally.accepted).toBe(2);
    const elsewhere = await scan(stocktakeId, world.units.puneKothrud);
    expect(elsewhere.outcome).toBe('wrong_place');
    expect(elsewhere.detail).toContain('AC 210 strongroom');
    expect((await scan(stocktakeId, world.units.puneKothrud)).outcome).toBe('duplicate');
    const unknown = await scan(stocktakeId, 'BUB3199999');
    expect(unknown.outcome).toBe('unknown_serial');
    // Another district's unit answers exactly like an unknown serial.
    const foreign = await scan(stocktakeId, world.units.mumbai);
    expect(foreign.outcome).toBe('unknown_serial');
    expect(foreign.unit).toBeUndefined();
    expect(foreign.detail).not.toContain('Mumbai');
    expect(await logSize()).toBe(logBefore);
    expect(await db.selectFrom('units').select(['serial', 'locationId', 'state', 'version']).orderBy('serial').execute()).toEqual(unitsBefore);
  });

  test('a replayed key answers its stored result and counts nothing', async () => {
    const key = randomUUID();
    const one = await scan(stocktakeId, second ?? '', key);
    const two = await scan(stocktakeId, second ?? '', key);
    expect(one.outcome).toBe('accepted');
    expect(two).toMatchObject({ outcome: 'accepted', replayed: true });
    expect((await deo.stocktake.byId({ districtId: pune, stocktakeId })).found).toBe(3);
  });

  test('20 parallel scans of one serial with different keys count it found once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => scan(stocktakeId, third ?? '')));
    expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(19);
    const detail = await deo.stocktake.byId({ districtId: pune, stocktakeId });
    expect(detail).toMatchObject({ found: 4, missing: 1, unexpected: 2, elsewhere: 2 });
    expect(detail.notFound.map((l) => l.serial)).toEqual([fourth]);
  });

  test('an observer may read but not scan or close; another district does not find the stocktake', async () => {
    const before = await logSize();
    expect(domainErrorOf(await trpcError(scan(stocktakeId, fourth ?? '', randomUUID(), observer)))?.type).toBe('forbidden');
    expect(domainErrorOf(await trpcError(observer.stocktake.close({ districtId: pune, stocktakeId, unsyncedScans: 0 })))?.type).toBe('forbidden');
    expect(domainErrorOf(await trpcError(observer.stocktake.start({ districtId: pune, locationId: world.locations.kothrudSr })))?.type).toBe('forbidden');
    expect((await observer.stocktake.byId({ districtId: pune, stocktakeId })).id).toBe(stocktakeId);
    // The warehouse in-charge scans but does not close.
    expect(domainErrorOf(await trpcError(warehouse.stocktake.close({ districtId: pune, stocktakeId, unsyncedScans: 0 })))?.type).toBe('forbidden');
    const mumbai = world.districts.mumbai;
    expect(domainErrorOf(await trpcError(mumbaiDeo.stocktake.byId({ districtId: mumbai, stocktakeId })))?.type).toBe('not_found');
    expect(domainErrorOf(await trpcError(mumbaiDeo.stocktake.close({ districtId: mumbai, stocktakeId, unsyncedScans: 0 })))?.type).toBe('not_found');
    const foreignScan = mumbaiDeo.scan.record({ districtId: mumbai, task: { kind: 'stocktake', id: stocktakeId }, serial: fourth ?? '', key: randomUUID(), scannedAt: new Date().toISOString(), via: 'typed' });
    expect(domainErrorOf(await trpcError(foreignScan))?.type).toBe('not_found');
    expect(await logSize()).toBe(before);
    expect((await deo.stocktake.byId({ districtId: pune, stocktakeId })).found).toBe(4);
  });

  test('close is refused while scans are unsynced, naming the place; nothing changes', async () => {
    const before = await logSize();
    const error = await trpcError(deo.stocktake.close({ districtId: pune, stocktakeId, unsyncedScans: 2 }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'stocktake_unsynced', params: { locationName: 'District warehouse', count: 2 } });
    expect(await logSize()).toBe(before);
    expect((await deo.stocktake.byId({ districtId: pune, stocktakeId })).status).toBe('open');
  });

  test('close marks the unfound missing and logs STOCKTAKE_CLOSE naming missing and unexpected serials', async () => {
    const closed = await deo.stocktake.close({ districtId: pune, stocktakeId, unsyncedScans: 0 });
    expect(closed).toMatchObject({ status: 'closed', expected: 5, found: 4, missing: 1, unexpected: 2, elsewhere: 2 });
    const [entry] = await entriesOfType('STOCKTAKE_CLOSE');
    expect(entry?.units).toEqual([fourth]);
    expect(entry?.reason).toContain('1 missing');
    expect(entry?.reason).toContain('BUB3199999');
    expect(entry?.reason).toContain(world.units.mumbai);
    expect(entry?.reason).toContain(world.units.puneKothrud);
    const detail = await observer.stocktake.byId({ districtId: pune, stocktakeId });
    expect(detail.notFound).toEqual([expect.objectContaining({ serial: fourth, outcome: 'missing' })]);
  });

  test('a closed stocktake refuses scans and a second close', async () => {
    const before = await logSize();
    expect(domainErrorOf(await trpcError(scan(stocktakeId, fourth ?? '')))).toMatchObject({ type: 'stocktake_closed', params: { locationName: 'District warehouse' } });
    expect(domainErrorOf(await trpcError(deo.stocktake.close({ districtId: pune, stocktakeId, unsyncedScans: 0 })))?.type).toBe('stocktake_closed');
    expect(await logSize()).toBe(before);
  });

  test('lists by district and by location; a new stocktake may start once the last is closed', async () => {
    expect((await observer.stocktake.list({ districtId: pune })).map((s) => s.id)).toContain(stocktakeId);
    expect(await observer.stocktake.list({ districtId: pune, locationId: rack })).toEqual([]);
    const next = await deo.stocktake.start({ districtId: pune, locationId: rack });
    expect(next).toMatchObject({ expected: 1, status: 'open' });
  });

  test('bad input is refused and changes nothing', async () => {
    const before = await logSize();
    expect(domainErrorOf(await trpcError(deo.stocktake.start({ districtId: pune, locationId: 999_999 })))?.type).toBe('not_found');
    expect(domainErrorOf(await trpcError(deo.stocktake.start({ districtId: pune, locationId: world.locations.truck })))).toMatchObject({ type: 'invalid_input', params: { locationName: 'Truck MH12 0001' } });
    expect(domainErrorOf(await trpcError(scan(999_999, 'BUB3000001')))?.type).toBe('not_found');
    expect(await logSize()).toBe(before);
  });

  test('receipts still take scans through the same dispatcher, and another task kind is refused', async () => {
    const refused = await trpcError(warehouse.scan.record({ districtId: pune, task: { kind: 'session_move', id: 1 }, serial: 'BUB3000001', key: randomUUID(), scannedAt: new Date().toISOString(), via: 'typed' }));
    expect(domainErrorOf(refused)?.type).toBe('invalid_input');
  });

  test('a large place: the missing are listed 1000 to an entry, STOCKTAKE_MISSING after the close entry', async () => {
    const big = await db.insertInto('locations').values({
      districtId: pune, code: 'WH-PUNE-BIG', kind: 'warehouse', name: 'Big warehouse', nameHi: null, acId: null, parentId: null,
      lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
    }).returning('id').executeTakeFirstOrThrow();
    const serials = Array.from({ length: 1205 }, (_, i) => `BUB38${String(i).padStart(5, '0')}`);
    await db.insertInto('units').values(serials.map((serial) => ({
      districtId: pune, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1, state: 'in_warehouse',
      previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: big.id,
    }))).execute();
    const started = await deo.stocktake.start({ districtId: pune, locationId: big.id });
    expect((await scan(started.id, serials[0] ?? '')).outcome).toBe('accepted');
    const before = await logSize();
    const closed = await deo.stocktake.close({ districtId: pune, stocktakeId: started.id, unsyncedScans: 0 });
    expect(closed).toMatchObject({ expected: 1205, found: 1, missing: 1204 });
    expect(await logSize()).toBe(before + 2);
    const close = (await entriesOfType('STOCKTAKE_CLOSE')).at(-1);
    const rest = await entriesOfType('STOCKTAKE_MISSING');
    expect(close?.units).toHaveLength(1000);
    expect(rest.map((e) => e.units.length)).toEqual([204]);
    expect([...(close?.units ?? []), ...(rest[0]?.units ?? [])]).toEqual(serials.slice(1));
  });

  test('the district log still verifies after all of it', async () => {
    const bundle = await exportBundle(db, { districtId: pune, now: new Date(Date.now() + 60_000) });
    expect(verifyBundle(bundle.bundle)).toMatchObject({ ok: true });
  });
});
