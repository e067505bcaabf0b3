import { ROLES, STATION_STATUSES } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { applyUnitEvent, type Actor } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
const ps = { kothrud1: 0, kothrud2: 0, kothrud3: 0, hadapsar1: 0 };

async function station(code: string, acId: number, psNumber: number): Promise<number> {
  const row = await db.insertInto('locations').values({
    districtId: world.districts.pune, code, kind: 'polling_station', name: `Station ${code}`, nameHi: null, acId,
    parentId: null, lat: 18.5, lon: 73.8, psNumber, electors: 900, strongroomType: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A set (CU, BU, VVPAT) standing at a station in the given states (the fixture's way to place stock). */
async function set(prefix: string, locationId: number, states: [string, string, string]): Promise<string[]> {
  const serials = [`CU${prefix}`, `BU${prefix}`, `VV${prefix}`];
  await db.insertInto('units').values(serials.map((serial, i) => ({
    districtId: world.districts.pune, serial, kind: ['CU', 'BU', 'VVPAT'][i] ?? 'BU', maker: 'BEL', model: 'M3', year: 2023,
    ownerBodyId: 1, state: states[i] ?? 'in_poll', previousState: null, locationId, holdRef: null, flcCycle: null, updatedAt: world.now,
  }))).execute();
  return serials;
}

const statusOf = (answer: { statuses: readonly string[]; stations: { id: number[]; status: number[] } | null }) => {
  const out: Record<number, string> = {};
  answer.stations?.id.forEach((id, i) => { out[id] = answer.statuses[answer.stations?.status[i] ?? -1] ?? '?'; });
  return out;
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  ps.kothrud1 = await station('PS-AC210-001', world.acs.kothrud, 1);
  ps.kothrud2 = await station('PS-AC210-002', world.acs.kothrud, 2);
  ps.kothrud3 = await station('PS-AC210-003', world.acs.kothrud, 3);
  ps.hadapsar1 = await station('PS-AC213-001', world.acs.hadapsar, 1);
  await set('M0000001', ps.kothrud1, ['issued_to_polling_party', 'issued_to_polling_party', 'issued_to_polling_party']);
  await set('M0000002', ps.kothrud2, ['in_poll', 'mock_poll_ok', 'in_poll']);
  await set('M0000003', ps.hadapsar1, ['poll_closed_sealed', 'poll_closed_sealed', 'poll_closed_sealed']);
});

afterAll(async () => {
  await tdb.dispose();
});

describe('location.mapStatus', () => {
  test('every station with units has its derived status; the version is the log size', async () => {
    const deo = await callerFor(db, world.users.deo);
    const answer = await deo.location.mapStatus({ districtId: world.districts.pune });
    expect(answer.statuses).toEqual(STATION_STATUSES);
    expect(statusOf(answer)).toEqual({ [ps.kothrud1]: 'arrived', [ps.kothrud2]: 'mock_poll_done', [ps.hadapsar1]: 'closed' });
    // A station with no units is left out: the map shows it as 'no set yet'.
    expect(answer.stations?.id).not.toContain(ps.kothrud3);
    const log = await db.selectFrom('districtLogs').select('size').where('districtId', '=', world.districts.pune).executeTakeFirstOrThrow();
    expect(answer.version).toBe(Number(log.size));
  });

  test('unchanged since the version the caller holds: no statuses; a unit event makes them come again, changed', async () => {
    const deo = await callerFor(db, world.users.deo);
    const first = await deo.location.mapStatus({ districtId: world.districts.pune });
    const same = await deo.location.mapStatus({ districtId: world.districts.pune, since: first.version });
    expect(same).toEqual({ version: first.version, statuses: STATION_STATUSES, stations: null });

    const presiding: Actor = { userId: 0, username: 'presiding_officer.test', role: 'presiding_officer', jurisdiction: { level: 'nation' } };
    const started = await applyUnitEvent(db, { actor: presiding, districtId: world.districts.pune, serials: ['BUM0000002'], event: 'start_poll', now: world.now });
    expect(started.ok).toBe(true);

    const after = await deo.location.mapStatus({ districtId: world.districts.pune, since: first.version });
    expect(after.version).toBe(first.version + 1);
    expect(statusOf(after)[ps.kothrud2]).toBe('poll_on');
    expect(statusOf(after)[ps.kothrud1]).toBe('arrived');
  });

  test('an AC-level user sees only the stations of the AC', async () => {
    const ro = await callerFor(db, world.users.ro);
    const answer = await ro.location.mapStatus({ districtId: world.districts.pune });
    expect(Object.keys(statusOf(answer)).map(Number).sort()).toEqual([ps.kothrud1, ps.kothrud2].sort());
  });

  test('a negative or fractional version is refused', async () => {
    const deo = await callerFor(db, world.users.deo);
    await expect(deo.location.mapStatus({ districtId: world.districts.pune, since: -1 })).rejects.toThrow();
    await expect(deo.location.mapStatus({ districtId: world.districts.pune, since: 1.5 })).rejects.toThrow();
  });
});
