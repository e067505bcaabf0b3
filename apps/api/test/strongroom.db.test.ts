import { ROLES, verifyBundle, type WireDomainError } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { applyUnitEvents } from '../src/modules/units/unit-batch.service.ts';
import type { Actor } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * Strongroom sessions under double lock: AC 210's strongroom is keyed by its RO and the DEO. An
 * opening needs both (the other confirms with their password), witnesses and the seals broken;
 * a closing, the seals applied. Units move in or out only while a session is open.
 */
let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let ids: { deo: number; dyDeo: number; ro: number; observer: number };
let mumbaiSr: number;

const WITNESSES = [{ name: 'Asha Patil', party: 'Independent', idCard: 'MH/PA/77' }];
const INTO = ['BUS5000001', 'BUS5000002', 'BUS5000003', 'BUS5000004'];
const INSIDE = 'BUS5000100';

type Caller = Awaited<ReturnType<typeof callerFor>>;
let deo: Caller;
let ro: Caller;
let dyDeo: Caller;

async function userId(username: string): Promise<number> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** Everything an refused call must leave as it was. */
async function snapshot() {
  const count = async (table: 'strongroomSessions' | 'strongroomKeys') => Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    log: Number((await db.selectFrom('districtLogs').select('size').where('districtId', '=', pune).executeTakeFirstOrThrow()).size),
    sessions: await count('strongroomSessions'),
    keys: await count('strongroomKeys'),
    sealed: (await db.selectFrom('locations').select('sealed').where('id', '=', world.locations.kothrudSr).executeTakeFirstOrThrow()).sealed,
    units: await db.selectFrom('units').select(['serial', 'state', 'locationId', 'version']).where('serial', 'in', [...INTO, INSIDE]).orderBy('serial').execute(),
  };
}

async function lastEntry(): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('logEntries').select('entry').where('districtId', '=', pune).orderBy('idx', 'desc').limit(1).executeTakeFirstOrThrow();
  return JSON.parse(row.entry) as Record<string, unknown>;
}

async function refusal(promise: Promise<unknown>): Promise<WireDomainError & { code: string }> {
  const error = await trpcError(promise);
  const domain = domainErrorOf(error);
  if (!domain) throw new Error(`no domain error: ${error.message}`);
  return { ...domain, code: error.code };
}

function openInput(over: Partial<{ secondKeyHolderId: number; secondKeyHolderPassword: string; sealsBroken: string[]; sealNote: string; locationId: number; districtId: number }> = {}) {
  return {
    districtId: pune, locationId: world.locations.kothrudSr, secondKeyHolderId: ids.deo, secondKeyHolderPassword: PASSWORD,
    witnesses: WITNESSES, sealsBroken: [] as string[], ...over,
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  ids = { deo: await userId(world.users.deo), dyDeo: await userId(world.users.dy_deo), ro: await userId(world.users.ro), observer: await userId(world.users.observer) };
  await db.insertInto('units').values([
    ...INTO.map((serial) => ({ serial, state: 'allocated_poll', locationId: world.locations.puneWh, acId: world.acs.kothrud })),
    { serial: INSIDE, state: 'in_ac_strongroom', locationId: world.locations.kothrudSr, acId: world.acs.kothrud },
  ].map((u) => ({ ...u, districtId: pune, kind: 'BU', maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1, previousState: null, holdRef: null, flcCycle: 1, updatedAt: world.now }))).execute();
  mumbaiSr = (await db.insertInto('locations').values({
    districtId: world.districts.mumbai, code: 'SR-MUMSUB-DIST', kind: 'strongroom', strongroomType: 'district_warehouse', name: 'Mumbai Suburban strongroom',
    nameHi: null, acId: null, parentId: null, lat: null, lon: null, psNumber: null, electors: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  [deo, ro, dyDeo] = await Promise.all([callerFor(db, world.users.deo), callerFor(db, world.users.ro), callerFor(db, world.users.dy_deo)]);
});

afterAll(async () => {
  await tdb.dispose();
});

describe('key-holders', () => {
  test('an observer may not hold a key, and the same person may not hold both: nothing is recorded', async () => {
    const before = await snapshot();
    const observer = await refusal(deo.strongroom.setKeyHolders({ districtId: pune, locationId: world.locations.kothrudSr, firstKeyHolderId: ids.ro, secondKeyHolderId: ids.observer }));
    expect(observer).toMatchObject({ type: 'invalid_input', code: 'BAD_REQUEST', params: { locationName: 'AC 210 strongroom', holderName: 'Test observer' } });
    const twice = await refusal(deo.strongroom.setKeyHolders({ districtId: pune, locationId: world.locations.kothrudSr, firstKeyHolderId: ids.ro, secondKeyHolderId: ids.ro }));
    expect(twice.type).toBe('invalid_input');
    expect(await snapshot()).toEqual(before);
  });

  test('the DEO records the RO and the DEO as the two key-holders of the AC strongroom, in the log', async () => {
    const before = await snapshot();
    await deo.strongroom.setKeyHolders({ districtId: pune, locationId: world.locations.kothrudSr, firstKeyHolderId: ids.ro, secondKeyHolderId: ids.deo });
    expect(await lastEntry()).toMatchObject({ type: 'STRONGROOM_KEYS', from: 'SR-AC210', to: 'SR-AC210', actor: 'deo.test' });
    expect((await lastEntry()).reason).toContain('Test ro (ro.test) and Test deo (deo.test)');
    expect((await snapshot()).log).toBe(before.log + 1);
    const status = await ro.strongroom.status({ districtId: pune, locationId: world.locations.kothrudSr });
    expect(status).toMatchObject({ open: false, openSession: null, lastClosed: null });
    expect(status.keyHolders.map((k) => k.username)).toEqual(['ro.test', 'deo.test']);
  });
});

describe('the move guard while the strongroom is sealed', () => {
  test('a single move into it is refused, naming the strongroom and the unit, and changes nothing', async () => {
    const before = await snapshot();
    const error = await refusal(ro.unit.transition({ serial: INTO[0] ?? '', event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr }));
    expect(error).toMatchObject({ type: 'strongroom_sealed', code: 'PRECONDITION_FAILED', params: { serial: INTO[0], locationName: 'AC 210 strongroom' } });
    expect(error.message).toContain('AC 210 strongroom (SR-AC210) is sealed');
    expect(error.message).toContain(INTO[0]);
    expect(await snapshot()).toEqual(before);
  });

  test('a move out of it is refused too', async () => {
    const before = await snapshot();
    const error = await refusal(ro.unit.transition({ serial: INSIDE, event: 'return_to_warehouse', toLocationId: world.locations.puneWh }));
    expect(error).toMatchObject({ type: 'strongroom_sealed', params: { serial: INSIDE } });
    expect(error.message).toContain('out of');
    expect(await snapshot()).toEqual(before);
  });

  test('a batch whose last event enters it is refused whole: its earlier events roll back', async () => {
    const before = await snapshot();
    const ro210: Actor = { userId: ids.ro, username: 'ro.test', role: 'ro', jurisdiction: { level: 'ac', stateId: world.stateIds.mh, districtId: pune, acId: world.acs.kothrud } };
    const result = await applyUnitEvents(db, pune, [
      { actor: ro210, districtId: pune, serials: [INSIDE], event: 'assign_ps', now: world.now },
      { actor: ro210, districtId: pune, serials: INTO.slice(0, 2), event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr, now: world.now },
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ type: 'strongroom_sealed', params: { serial: INTO[0] } });
    expect(await snapshot()).toEqual(before);
  });
});

describe('opening', () => {
  test('by someone who holds no key: refused, naming the key-holders', async () => {
    const before = await snapshot();
    const error = await refusal(dyDeo.strongroom.open(openInput({ secondKeyHolderId: ids.ro })));
    expect(error).toMatchObject({ type: 'not_key_holder', code: 'FORBIDDEN', params: { locationName: 'AC 210 strongroom' } });
    expect(error.message).toContain('Test ro (ro.test) and Test deo (deo.test)');
    expect(await snapshot()).toEqual(before);
  });

  test('naming as the second key-holder someone who holds no key: refused', async () => {
    const before = await snapshot();
    const error = await refusal(ro.strongroom.open(openInput({ secondKeyHolderId: ids.dyDeo })));
    expect(error).toMatchObject({ type: 'not_key_holder', params: { holderName: 'Test dy_deo' } });
    expect(await snapshot()).toEqual(before);
  });

  test("with the second key-holder's wrong password: refused, naming them, and nothing opens", async () => {
    const before = await snapshot();
    const error = await refusal(ro.strongroom.open(openInput({ secondKeyHolderPassword: 'not the password' })));
    expect(error).toMatchObject({ type: 'key_holder_password', code: 'FORBIDDEN', params: { holderName: 'Test deo', locationName: 'AC 210 strongroom' } });
    expect(error.message).toContain('nothing was opened');
    expect(await snapshot()).toEqual(before);
  });

  test('with no witness, or a malformed seal number: BAD_REQUEST naming the field', async () => {
    const before = await snapshot();
    const noWitness = await trpcError(ro.strongroom.open({ ...openInput(), witnesses: [] }));
    expect(noWitness.code).toBe('BAD_REQUEST');
    expect(noWitness.message).toContain('witness');
    const badSeal = await trpcError(ro.strongroom.open(openInput({ sealsBroken: ['SEAL 1; drop'] })));
    expect(badSeal.code).toBe('BAD_REQUEST');
    expect(badSeal.message).toContain("Seal number 'SEAL 1; DROP' may hold only letters, digits");
    expect(await snapshot()).toEqual(before);
  });

  test('by both key-holders: one transaction writes the session, clears the seal flag and logs STRONGROOM_OPEN', async () => {
    const before = await snapshot();
    const opened = await ro.strongroom.open(openInput());
    expect(opened.logIndex).toBe(before.log);
    expect(await lastEntry()).toMatchObject({
      type: 'STRONGROOM_OPEN', from: 'SR-AC210', to: 'SR-AC210', actor: 'ro.test', units: [], seals: [],
      witnesses: ['Asha Patil (Independent, ID MH/PA/77)'],
    });
    expect((await lastEntry()).reason).toBe(`Strongroom session ${opened.sessionId} opened by Test ro (ro.test) and Test deo (deo.test), the key-holders`);
    const after = await snapshot();
    expect(after).toMatchObject({ sessions: before.sessions + 1, log: before.log + 1, sealed: false });
    const status = await deo.strongroom.status({ districtId: pune, locationId: world.locations.kothrudSr });
    expect(status.open).toBe(true);
    expect(status.openSession).toMatchObject({ id: opened.sessionId, status: 'open', openedBy: { username: 'ro.test' }, secondKeyHolder: { username: 'deo.test' }, witnesses: WITNESSES });
  });

  test('again while it is open: refused with CONFLICT naming the open session', async () => {
    const before = await snapshot();
    const error = await refusal(deo.strongroom.open(openInput({ secondKeyHolderId: ids.ro })));
    expect(error).toMatchObject({ type: 'strongroom_open', code: 'CONFLICT', params: { locationName: 'AC 210 strongroom' } });
    expect(await snapshot()).toEqual(before);
  });
});

describe('the move guard while a session is open', () => {
  test('a single move in is recorded under the session', async () => {
    const status = await ro.strongroom.status({ districtId: pune, locationId: world.locations.kothrudSr });
    await ro.unit.transition({ serial: INTO[0] ?? '', event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr, reason: 'Receipt after randomisation' });
    expect(await lastEntry()).toMatchObject({ type: 'MOVE', units: [INTO[0]], to: 'SR-AC210', reason: `Receipt after randomisation; under strongroom session ${status.openSession?.id} of SR-AC210` });
  });

  test('a batch moves in and out', async () => {
    const ro210: Actor = { userId: ids.ro, username: 'ro.test', role: 'ro', jurisdiction: { level: 'ac', stateId: world.stateIds.mh, districtId: pune, acId: world.acs.kothrud } };
    const result = await applyUnitEvents(db, pune, [
      { actor: ro210, districtId: pune, serials: INTO.slice(1, 3), event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr, now: world.now },
      { actor: ro210, districtId: pune, serials: [INSIDE], event: 'return_to_warehouse', toLocationId: world.locations.puneWh, now: world.now },
    ]);
    expect(result.ok).toBe(true);
    const units = await db.selectFrom('units').select(['serial', 'locationId']).where('serial', 'in', [...INTO.slice(1, 3), INSIDE]).orderBy('serial').execute();
    expect(units).toEqual([
      { serial: INTO[1], locationId: world.locations.kothrudSr }, { serial: INTO[2], locationId: world.locations.kothrudSr },
      { serial: INSIDE, locationId: world.locations.puneWh },
    ]);
  });
});

describe('closing', () => {
  test('without a seal: BAD_REQUEST, still open', async () => {
    const before = await snapshot();
    const error = await trpcError(ro.strongroom.close({ districtId: pune, locationId: world.locations.kothrudSr, sealsApplied: [] }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('at least one seal');
    expect(await snapshot()).toEqual(before);
  });

  test('by someone who holds no key: refused', async () => {
    const before = await snapshot();
    expect((await refusal(dyDeo.strongroom.close({ districtId: pune, locationId: world.locations.kothrudSr, sealsApplied: ['AC210-0001'] }))).type).toBe('not_key_holder');
    expect(await snapshot()).toEqual(before);
  });

  test('with seals: logs STRONGROOM_CLOSE with the seals and the witnesses, seals the strongroom', async () => {
    const before = await snapshot();
    const closed = await deo.strongroom.close({ districtId: pune, locationId: world.locations.kothrudSr, sealsApplied: ['ac210-0001', 'AC210-0002'] });
    expect(await lastEntry()).toMatchObject({ type: 'STRONGROOM_CLOSE', actor: 'deo.test', seals: ['AC210-0001', 'AC210-0002'], witnesses: ['Asha Patil (Independent, ID MH/PA/77)'] });
    expect(await snapshot()).toMatchObject({ log: before.log + 1, sealed: true });
    const status = await ro.strongroom.status({ districtId: pune, locationId: world.locations.kothrudSr });
    expect(status).toMatchObject({ open: false, openSession: null, lastClosed: { id: closed.sessionId, status: 'closed', sealsApplied: ['AC210-0001', 'AC210-0002'], closedBy: { username: 'deo.test' } } });
  });

  test('when nothing is open: refused', async () => {
    const before = await snapshot();
    expect((await refusal(deo.strongroom.close({ districtId: pune, locationId: world.locations.kothrudSr, sealsApplied: ['AC210-0003'] }))).type).toBe('strongroom_not_open');
    expect(await snapshot()).toEqual(before);
  });

  test('and the guard is back: the last unit cannot go in', async () => {
    const before = await snapshot();
    expect((await refusal(ro.unit.transition({ serial: INTO[3] ?? '', event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr }))).type).toBe('strongroom_sealed');
    expect(await snapshot()).toEqual(before);
  });
});

describe('reopening checks the seals of the last close', () => {
  test('other seals without a note: refused, naming the seals expected', async () => {
    const before = await snapshot();
    const error = await refusal(ro.strongroom.open(openInput({ sealsBroken: ['AC210-0001', 'AC210-9999'] })));
    expect(error).toMatchObject({ type: 'seal_mismatch', params: { expected: 'AC210-0001, AC210-0002', given: 'AC210-0001, AC210-9999' } });
    expect(await snapshot()).toEqual(before);
  });

  test('other seals with a note: opens, and the log says which differ and why', async () => {
    await ro.strongroom.open(openInput({ sealsBroken: ['AC210-0001', 'AC210-9999'], sealNote: 'Seal 0002 replaced by 9999 after the monsoon inspection, see register p. 14' }));
    const entry = await lastEntry();
    expect(entry.seals).toEqual(['AC210-0001', 'AC210-9999']);
    expect(entry.reason).toContain('missing: AC210-0002; unexpected: AC210-9999');
    expect(entry.reason).toContain('register p. 14');
    await deo.strongroom.close({ districtId: pune, locationId: world.locations.kothrudSr, sealsApplied: ['AC210-0003'] });
  });

  test('the same seals, in any case and order: opens without a note', async () => {
    const opened = await ro.strongroom.open(openInput({ sealsBroken: ['ac210-0003'] }));
    expect(opened.sessionId).toBeGreaterThan(0);
    await ro.strongroom.close({ districtId: pune, locationId: world.locations.kothrudSr, sealsApplied: ['AC210-0004'] });
  });
});

describe('places and limits', () => {
  test("another district's strongroom is not found in Pune, and a DEO of Pune may not ask Mumbai", async () => {
    const before = await snapshot();
    const notFound = await refusal(ro.strongroom.open(openInput({ locationId: mumbaiSr })));
    expect(notFound).toMatchObject({ type: 'not_found', code: 'NOT_FOUND' });
    expect(notFound.message).toBe(`Location ${mumbaiSr} not found in Pune district`);
    expect((await refusal(deo.strongroom.status({ districtId: world.districts.mumbai, locationId: mumbaiSr }))).type).toBe('outside_jurisdiction');
    expect(await snapshot()).toEqual(before);
  });

  test('a location that is not a strongroom: refused, naming it', async () => {
    const error = await refusal(deo.strongroom.open(openInput({ locationId: world.locations.puneWh })));
    expect(error).toMatchObject({ type: 'invalid_input', params: { locationName: 'District warehouse' } });
  });

  test("an RO may not open another AC's strongroom", async () => {
    expect((await refusal(ro.strongroom.open(openInput({ locationId: world.locations.hadapsarSr })))).type).toBe('outside_jurisdiction');
  });

  test("guessing the second key-holder's password is rate-limited like sign-in", async () => {
    const guesser = await callerFor(db, world.users.ro);
    const before = await snapshot();
    const types: string[] = [];
    for (let i = 0; i < 6; i++) types.push((await refusal(guesser.strongroom.open(openInput({ secondKeyHolderPassword: `guess ${i}` })))).type);
    expect(types).toEqual(['key_holder_password', 'key_holder_password', 'key_holder_password', 'key_holder_password', 'key_holder_password', 'rate_limited']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the logbook', () => {
  test('lists the sessions and the entries in or out of the strongroom, newest first', async () => {
    const book = await deo.location.logbook({ districtId: pune, locationId: world.locations.kothrudSr });
    expect(book.sessions.map((s) => s.status)).toEqual(['closed', 'closed', 'closed']);
    expect(book.sessions[2]?.sealsApplied).toEqual(['AC210-0001', 'AC210-0002']);
    const types = book.entries.map((e) => e.type);
    expect(types.slice(0, 4)).toEqual(['STRONGROOM_CLOSE', 'STRONGROOM_OPEN', 'STRONGROOM_CLOSE', 'STRONGROOM_OPEN']);
    expect(types).toContain('MOVE');
    expect(types.at(-1)).toBe('STRONGROOM_KEYS');
    const indices = book.entries.map((e) => e.index);
    expect(indices).toEqual([...indices].sort((a, b) => b - a));
  });

  test('of a warehouse: its entries and no sessions', async () => {
    const book = await deo.location.logbook({ districtId: pune, locationId: world.locations.puneWh });
    expect(book.sessions).toEqual([]);
    expect(book.entries.some((e) => e.type === 'RECEIPT' && e.to === 'WH-PUNE-01')).toBe(true);
  });

  test('the exported custody log still verifies from entry 0', async () => {
    const exported = await deo.log.exportBundle({ districtId: pune });
    const verified = verifyBundle(exported.bundle);
    expect(verified.ok).toBe(true);
  });
});
