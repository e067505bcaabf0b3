import type { DistrictId, LocationId, Role } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../src/db/database.ts';
import { createSignInLimiter } from '../src/modules/auth/auth.service.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { ensureDistrictLog } from '../src/modules/custody/log.service.ts';
import { openStrongroom, setKeyHolders } from '../src/modules/strongrooms/strongroom.service.ts';
import { applyUnitEvent, type Actor } from '../src/modules/units/unit.service.ts';

/**
 * A small world for api tests: Pune (the users' home), Mumbai in the same state and Bengaluru in
 * another state, so every role has something inside and something outside its jurisdiction.
 */
export const PASSWORD = 'correct horse battery';

export interface World {
  readonly stateIds: { mh: number; ka: number };
  readonly districts: { pune: number; mumbai: number; bengaluru: number };
  readonly acs: { kothrud: number; hadapsar: number; bandra: number };
  readonly locations: Readonly<Record<'mfr' | 'truck' | 'puneWh' | 'kothrudSr' | 'hadapsarSr' | 'mumbaiWh' | 'blrWh', number>>;
  /** One user per role, with the jurisdiction each role normally has, homed in Pune / AC Kothrud. */
  readonly users: Record<Role, string>;
  /** Serials by where they are. */
  readonly units: { puneWarehouse: string[]; puneKothrud: string; puneHadapsar: string; mumbai: string; bengaluru: string };
  readonly now: Date;
}

const AC_ROLES: readonly Role[] = ['ro', 'sector_officer', 'presiding_officer'];

async function insertLocation(db: Kysely<DB>, row: { districtId: number; code: string; kind: string; name: string; acId?: number; lat?: number; lon?: number; strongroomType?: string }): Promise<number> {
  const inserted = await db
    .insertInto('locations')
    .values({ nameHi: null, parentId: null, psNumber: null, electors: null, lat: row.lat ?? null, lon: row.lon ?? null, acId: row.acId ?? null, strongroomType: row.strongroomType ?? null, districtId: row.districtId, code: row.code, kind: row.kind, name: row.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

async function insertUnits(db: Kysely<DB>, rows: Array<{ districtId: number; serial: string; kind: string; state: string; locationId: number }>, now: Date): Promise<void> {
  await db
    .insertInto('units')
    .values(rows.map((r) => ({ ...r, maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1, previousState: null, holdRef: null, flcCycle: null, updatedAt: now })))
    .execute();
}

async function insertReference(db: Kysely<DB>) {
  await db.insertInto('electionBodies').values({ code: 'ECI', name: 'Election Commission of India', kind: 'eci', stateId: null }).execute();
  await db.insertInto('unitModels').values([
    { code: 'M2', candidatesPerBu: 16, maxBuPerCu: 4, maxVotesPerCu: 2000 },
    { code: 'M3', candidatesPerBu: 16, maxBuPerCu: 24, maxVotesPerCu: 2000 },
  ]).execute();
  const [mh, ka] = await db.insertInto('states').values([
    { code: 'MH', name: 'Maharashtra', nameHi: 'महाराष्ट्र' },
    { code: 'KA', name: 'Karnataka', nameHi: 'कर्नाटक' },
  ]).returning('id').execute();
  if (!mh || !ka) throw new Error('states not inserted');
  const district = (stateId: number, code: string, name: string) =>
    db.insertInto('districts').values({ stateId, code, name, nameHi: null, lat: 18.5, lon: 73.8, logOrigin: `evmtrail.test/${code}` }).returning('id').executeTakeFirstOrThrow();
  const pune = (await district(mh.id, 'MH-PUNE', 'Pune')).id;
  const mumbai = (await district(mh.id, 'MH-MUMBAI-SUB', 'Mumbai Suburban')).id;
  const bengaluru = (await district(ka.id, 'KA-BLR-URBAN', 'Bengaluru Urban')).id;
  const ac = (stateId: number, districtId: number, number: number, name: string) =>
    db.insertInto('acs').values({ stateId, districtId, number, name, nameHi: null, pcId: null }).returning('id').executeTakeFirstOrThrow();
  const acs = {
    kothrud: (await ac(mh.id, pune, 210, 'Kothrud')).id,
    hadapsar: (await ac(mh.id, pune, 213, 'Hadapsar')).id,
    bandra: (await ac(mh.id, mumbai, 176, 'Bandra West')).id,
  };
  return { stateIds: { mh: mh.id, ka: ka.id }, districts: { pune, mumbai, bengaluru }, acs };
}

async function insertUsers(db: Kysely<DB>, ref: Awaited<ReturnType<typeof insertReference>>, roles: readonly Role[]): Promise<Record<Role, string>> {
  const passwordHash = await hashPassword(PASSWORD);
  const users = {} as Record<Role, string>;
  const rows = roles.map((role) => {
    const username = `${role}.test`;
    users[role] = username;
    const level = role === 'eci_admin' ? 'nation' : role === 'ceo' ? 'state' : AC_ROLES.includes(role) ? 'ac' : 'district';
    return {
      username, displayName: `Test ${role}`, role, jurisdictionLevel: level, passwordHash,
      stateId: level === 'nation' ? null : ref.stateIds.mh,
      districtId: level === 'district' || level === 'ac' ? ref.districts.pune : null,
      acId: level === 'ac' ? ref.acs.kothrud : null,
    };
  });
  await db.insertInto('users').values(rows).execute();
  return users;
}

export async function buildWorld(db: Kysely<DB>, roles: readonly Role[]): Promise<World> {
  const now = new Date('2029-02-10T05:30:00Z');
  const ref = await insertReference(db);
  const { pune, mumbai, bengaluru } = ref.districts;
  const locations = {
    mfr: await insertLocation(db, { districtId: pune, code: 'MFR-BEL-BLR', kind: 'manufacturer', name: 'BEL Bengaluru' }),
    truck: await insertLocation(db, { districtId: pune, code: 'VEH-MH12-0001', kind: 'vehicle', name: 'Truck MH12 0001' }),
    puneWh: await insertLocation(db, { districtId: pune, code: 'WH-PUNE-01', kind: 'warehouse', name: 'District warehouse', lat: 18.53, lon: 73.87 }),
    kothrudSr: await insertLocation(db, { districtId: pune, code: 'SR-AC210', kind: 'strongroom', strongroomType: 'ac', name: 'AC 210 strongroom', acId: ref.acs.kothrud, lat: 18.5, lon: 73.8 }),
    hadapsarSr: await insertLocation(db, { districtId: pune, code: 'SR-AC213', kind: 'strongroom', strongroomType: 'ac', name: 'AC 213 strongroom', acId: ref.acs.hadapsar, lat: 18.5, lon: 73.93 }),
    mumbaiWh: await insertLocation(db, { districtId: mumbai, code: 'WH-MUMSUB-01', kind: 'warehouse', name: 'Mumbai Suburban warehouse' }),
    blrWh: await insertLocation(db, { districtId: bengaluru, code: 'WH-BLR-01', kind: 'warehouse', name: 'Bengaluru warehouse' }),
  };
  const puneWarehouse = ['BUB3000001', 'BUB3000002', 'CUB3000001', 'VVB3000001'];
  await insertUnits(db, puneWarehouse.map((serial) => ({ districtId: pune, serial, kind: serial.startsWith('BU') ? 'BU' : serial.startsWith('CU') ? 'CU' : 'VVPAT', state: 'manufactured', locationId: locations.mfr })), now);
  await insertUnits(db, [
    { districtId: pune, serial: 'BUB3000100', kind: 'BU', state: 'in_ac_strongroom', locationId: locations.kothrudSr },
    { districtId: pune, serial: 'BUB3000200', kind: 'BU', state: 'in_ac_strongroom', locationId: locations.hadapsarSr },
    { districtId: mumbai, serial: 'BUB3009001', kind: 'BU', state: 'in_warehouse', locationId: locations.mumbaiWh },
    { districtId: bengaluru, serial: 'BUE3009002', kind: 'BU', state: 'in_warehouse', locationId: locations.blrWh },
  ], now);
  for (const [districtId, code] of [[pune, 'MH-PUNE'], [mumbai, 'MH-MUMBAI-SUB'], [bengaluru, 'KA-BLR-URBAN']] as const) {
    await ensureDistrictLog(db, { districtId, origin: `evmtrail.test/${code}`, keySeed: new Uint8Array(32).fill(districtId), now });
  }
  const users = await insertUsers(db, ref, roles);
  await receiveIntoWarehouse(db, { pune, serials: puneWarehouse, truck: locations.truck, warehouse: locations.puneWh, now });
  return { ...ref, locations, users, units: { puneWarehouse, puneKothrud: 'BUB3000100', puneHadapsar: 'BUB3000200', mumbai: 'BUB3009001', bengaluru: 'BUE3009002' }, now };
}

/** The units' history goes through the real service, so the log has entries from index 0. */
async function receiveIntoWarehouse(db: Kysely<DB>, p: { pune: number; serials: string[]; truck: number; warehouse: number; now: Date }): Promise<void> {
  const system = (role: Role, username: string): Actor => ({ userId: 0, username, role, jurisdiction: { level: 'nation' } });
  const steps = [
    { actor: system('engineer', 'engineer.bel'), event: 'dispatch_from_factory' as const, toLocationId: p.truck },
    { actor: system('warehouse', 'warehouse.pune'), event: 'receive' as const, toLocationId: p.warehouse },
  ];
  for (const step of steps) {
    const result = await applyUnitEvent(db, { ...step, districtId: p.pune, serials: p.serials, now: p.now });
    if (!result.ok) throw new Error(`fixture: ${result.error.message}`);
  }
}

/** The two key-holders `openStrongroomSessions` names, district users of Pune. */
export const TEST_KEY_HOLDERS = { first: 'keyholder.deo', second: 'keyholder.dydeo' } as const;

async function keyHolderActors(db: Kysely<DB>, world: Pick<World, 'stateIds' | 'districts'>): Promise<{ first: Actor; second: Actor }> {
  const { pune } = world.districts;
  const jurisdiction = { level: 'district' as const, stateId: world.stateIds.mh, districtId: pune };
  const existing = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', Object.values(TEST_KEY_HOLDERS)).execute();
  if (existing.length < 2) {
    const passwordHash = await hashPassword(PASSWORD);
    await db.insertInto('users').values([
      { username: TEST_KEY_HOLDERS.first, displayName: 'Key-holder DEO', role: 'deo' },
      { username: TEST_KEY_HOLDERS.second, displayName: 'Key-holder Dy. DEO', role: 'dy_deo' },
    ].map((u) => ({ ...u, jurisdictionLevel: 'district', stateId: world.stateIds.mh, districtId: pune, acId: null, passwordHash }))).execute();
  }
  const rows = await db.selectFrom('users').select(['id', 'username', 'role']).where('username', 'in', Object.values(TEST_KEY_HOLDERS)).execute();
  const actor = (username: string): Actor => {
    const row = rows.find((r) => r.username === username);
    if (!row) throw new Error(`fixture: no user ${username}`);
    return { userId: row.id, username, role: row.role as Role, jurisdiction };
  };
  return { first: actor(TEST_KEY_HOLDERS.first), second: actor(TEST_KEY_HOLDERS.second) };
}

/**
 * Opens a session on each of Pune's strongrooms named, through the strongroom service (key-holders
 * recorded, the second key-holder's password, a witness), so tests about other rules can move
 * units in and out. Returns the session ids by location id.
 */
export async function openStrongroomSessions(db: Kysely<DB>, world: Pick<World, 'stateIds' | 'districts' | 'now'>, locationIds: readonly number[]): Promise<Map<number, number>> {
  const { first, second } = await keyHolderActors(db, world);
  const place = { stateId: world.stateIds.mh, districtId: world.districts.pune as DistrictId, acId: null, districtName: 'Pune' };
  const sessions = new Map<number, number>();
  for (const id of locationIds) {
    const locationId = id as LocationId;
    const keys = await setKeyHolders(db, { actor: first, place, now: world.now, input: { districtId: place.districtId, locationId, firstKeyHolderId: first.userId, secondKeyHolderId: second.userId } });
    if (!keys.ok) throw new Error(`fixture: ${keys.error.message}`);
    const opened = await openStrongroom(db, {
      actor: first, place, now: world.now, limiter: createSignInLimiter(), address: 'fixture',
      input: {
        districtId: place.districtId, locationId, secondKeyHolderId: second.userId, secondKeyHolderPassword: PASSWORD,
        witnesses: [{ name: 'Fixture Witness', party: 'Independent', idCard: 'FX-0001' }], sealsBroken: [],
      },
    });
    if (!opened.ok) throw new Error(`fixture: ${opened.error.message}`);
    sessions.set(id, opened.value.sessionId);
  }
  return sessions;
}
