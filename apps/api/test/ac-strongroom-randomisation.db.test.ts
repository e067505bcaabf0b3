import { randomUUID } from 'node:crypto';

import { commit, ROLES } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import type { Actor } from '../src/modules/authority/authority.service.ts';
import { receiveScannedLoad } from '../src/modules/consignments/consignment.service.ts';
import { applyUnitEvent } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, openStrongroomSessions, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * Issue 8 carried through: the first randomisation's allocation becomes consignments to the AC
 * strongrooms (loaded only with each AC's allocated units, dispatched with the allocation kept,
 * received there by scan under a strongroom session), and the second randomisation draws from
 * the AC strongroom to the polling stations; replacement and supplementary draws from its reserve.
 */

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let deo: Caller;
let ro: Caller;
let warehouse: Caller;
let observer: Caller;
let party: Caller;
let roHadapsar: Caller;

const REJECTED = 'BUT4000099';
const serials = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(7, '0')}`);
const BUS = serials('BUT', 10);
const CUS = serials('CUT', 6);
const VVS = serials('VVT', 6);
const VALUE = '0123456789abcdef0123456789abcdef';
const DICE = '31415926535897932384';
const HALF = { BU: 50, CU: 50, VVPAT: 50 };

let first: { id: number; code: string; to210: string[]; to213: string[] };

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  deo = await callerFor(db, world.users.deo);
  ro = await callerFor(db, world.users.ro);
  warehouse = await callerFor(db, world.users.warehouse);
  observer = await callerFor(db, world.users.observer);
  party = await callerFor(db, world.users.party_rep);
  const other = await db.insertInto('users').values({
    username: 'ro.ac213', displayName: 'RO Hadapsar', role: 'ro', jurisdictionLevel: 'ac', stateId: world.stateIds.mh,
    districtId: pune, acId: world.acs.hadapsar, passwordHash: 'x',
  }).returning('username').executeTakeFirstOrThrow();
  roHadapsar = await callerFor(db, other.username);
  await db.insertInto('locations').values([
    [world.acs.kothrud, 1, 'PS-210-001', 'Kothrud Primary School'], [world.acs.kothrud, 2, 'PS-210-002', 'Karve Road Hall'], [world.acs.hadapsar, 1, 'PS-213-001', 'Hadapsar Library'],
  ].map(([acId, ps, code, name]) => ({
    districtId: pune, code: String(code), kind: 'polling_station', name: String(name), nameHi: null, acId: Number(acId), parentId: null,
    lat: null, lon: null, psNumber: Number(ps), electors: 900, strongroomType: null,
  }))).execute();
  const all = [...BUS, ...CUS, ...VVS, REJECTED];
  await db.insertInto('units').values(all.map((serial) => ({
    districtId: pune, serial, kind: serial.startsWith('BU') ? 'BU' : serial.startsWith('CU') ? 'CU' : 'VVPAT', maker: 'BEL', model: 'M3', year: 2022,
    ownerBodyId: 1, state: 'in_warehouse', previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: world.locations.puneWh,
  }))).execute();
  const system = (role: Actor['role'], username: string): Actor => ({ userId: 0, username, role, jurisdiction: { level: 'nation' } });
  for (const step of [
    { actor: system('deo', 'deo.pune'), event: 'start_flc' as const, serials: all },
    { actor: system('engineer', 'engineer.bel'), event: 'pass_flc' as const, serials: all.filter((s) => s !== REJECTED) },
    { actor: system('engineer', 'engineer.bel'), event: 'fail_flc' as const, serials: [REJECTED] },
  ]) {
    const r = await applyUnitEvent(db, { ...step, districtId: pune, reason: 'FLC', now: world.now });
    if (!r.ok) throw new Error(r.error.message);
  }
  // The first randomisation, 50 % reserve per AC: AC 210 gets 3 of each kind, AC 213 two.
  const c = await deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: HALF });
  const id = { districtId: pune, ceremonyId: c.id };
  const made = commit({ party: 'INC', value: VALUE });
  if (!made.ok) throw new Error(made.error.message);
  await party.ceremony.commit({ ...id, party: 'INC', commitment: made.value });
  await deo.ceremony.dice({ ...id, dice: DICE });
  await party.ceremony.reveal({ ...id, party: 'INC', reveal: VALUE });
  const allocated = await deo.ceremony.allocate(id);
  await observer.ceremony.finalise({ ...id, password: PASSWORD });
  const of = (target: string) => allocated.allocation.filter((r) => !r.reserve && r.target === target).map((r) => r.serial);
  first = { id: c.id, code: c.code, to210: of('AC-210'), to213: of('AC-213') };
});

afterAll(async () => {
  await tdb.dispose();
});

const scan = (caller: Caller, kind: 'consignment_load' | 'consignment_receive', id: number, serial: string) =>
  caller.scan.record({ districtId: pune, task: { kind, id }, serial, key: randomUUID(), scannedAt: new Date().toISOString(), via: 'wedge' });

const unit = (serial: string) => db.selectFrom('units as u').innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
  .select(['u.state', 'u.acId', 'l.code', 'l.kind']).where('u.serial', '=', serial).executeTakeFirstOrThrow();

const logSize = async () => Number((await db.selectFrom('logEntries').select((eb) => eb.fn.countAll<number>().as('n')).where('districtId', '=', pune).executeTakeFirstOrThrow()).n);

describe('consignments to the AC strongrooms, prepared from the first randomisation', () => {
  let c210: number;
  let c213: number;

  test('the DEO prepares one per AC listing exactly its allocated units; not twice, not by the RO', async () => {
    expect(first.to210).toHaveLength(9);
    expect(first.to213).toHaveLength(6);
    const byRo = await trpcError(ro.consignment.prepareFromCeremony({ districtId: pune, ceremonyId: first.id }));
    expect(domainErrorOf(byRo)?.type).toBe('outside_jurisdiction');
    const made = await deo.consignment.prepareFromCeremony({ districtId: pune, ceremonyId: first.id });
    expect(made.map((m) => [m.kind, m.ac?.number, m.toName, m.ceremonyCode])).toEqual([
      ['ac_strongroom', 210, 'AC 210 strongroom', first.code], ['ac_strongroom', 213, 'AC 213 strongroom', first.code],
    ]);
    c210 = made[0]?.id ?? 0;
    c213 = made[1]?.id ?? 0;
    const pickable = await warehouse.consignment.pickable({ districtId: pune, consignmentId: c210 });
    expect(pickable.map((u) => u.serial).sort()).toEqual([...first.to210].sort());
    const before = await logSize();
    const again = await trpcError(deo.consignment.prepareFromCeremony({ districtId: pune, ceremonyId: first.id }));
    expect(domainErrorOf(again)).toMatchObject({ type: 'consignment_status', params: { code: first.code } });
    expect(await logSize()).toBe(before);
    // Never by hand.
    const byHand = await trpcError(deo.consignment.create({ districtId: pune, kind: 'ac_strongroom' as never, fromLocationId: world.locations.puneWh, toLocationId: world.locations.kothrudSr }));
    expect(byHand.code).toBe('BAD_REQUEST');
  });

  test('loading takes only units allocated to that AC: another AC\'s unit and a pool unit are refused, naming serial and AC', async () => {
    const before = await logSize();
    const wrongAc = first.to213[0] ?? '';
    const e1 = await trpcError(scan(warehouse, 'consignment_load', c210, wrongAc));
    expect(domainErrorOf(e1)).toMatchObject({ type: 'consignment_not_allocated', params: { serial: wrongAc, acNumber: 210, acName: 'Kothrud' } });
    const inPool = (await db.selectFrom('units').select('serial').where('state', '=', 'flc_ok').where('districtId', '=', pune).executeTakeFirstOrThrow()).serial;
    const e2 = await trpcError(warehouse.consignment.pick({ districtId: pune, consignmentId: c210, serials: [first.to210[0] ?? '', inPool] }));
    expect(domainErrorOf(e2)).toMatchObject({ type: 'consignment_not_allocated', params: { serial: inPool, acNumber: 210 } });
    expect(e2.message).toContain(`Unit ${inPool} is not allocated to AC 210 Kothrud`);
    expect(await logSize()).toBe(before);
    expect((await warehouse.consignment.byId({ districtId: pune, consignmentId: c210 })).loaded).toBe(0);
    // Loaded by scan and by picking the rest.
    expect(await scan(warehouse, 'consignment_load', c210, first.to210[0] ?? '')).toMatchObject({ outcome: 'accepted' });
    await warehouse.consignment.pick({ districtId: pune, consignmentId: c210, serials: first.to210.slice(1) });
    await warehouse.consignment.pick({ districtId: pune, consignmentId: c213, serials: first.to213 });
  });

  test('dispatch keeps the allocation: the units ride the vehicle still allocated to their AC (dispatch_to_ac)', async () => {
    const sent = await warehouse.consignment.dispatch({ districtId: pune, consignmentId: c210, vehicleNumber: 'MH12AB1234', driver: 'S. Pawar', escort: 'HC Shinde', seals: ['VS-1'] });
    expect(sent.status).toBe('dispatched');
    await warehouse.consignment.dispatch({ districtId: pune, consignmentId: c213, vehicleNumber: 'MH12AB1235', driver: 'S. Pawar', escort: 'HC Shinde', seals: ['VS-2'] });
    for (const serial of first.to210) expect(await unit(serial)).toMatchObject({ state: 'allocated_poll', acId: world.acs.kothrud, kind: 'vehicle' });
    const entry = await db.selectFrom('logEntries').select('entry').where('districtId', '=', pune).where('type', '=', 'DISPATCH').orderBy('idx', 'desc').executeTakeFirstOrThrow();
    expect(String(entry.entry)).toContain('dispatch_to_ac');
  });

  test('receipt by scan at the AC strongroom needs an open session, and the RO of another AC cannot receive', async () => {
    const serial = first.to210[0] ?? '';
    const before = await logSize();
    const sealed = await trpcError(scan(ro, 'consignment_receive', c210, serial));
    expect(domainErrorOf(sealed)).toMatchObject({ type: 'strongroom_sealed' });
    expect(await unit(serial)).toMatchObject({ state: 'allocated_poll', kind: 'vehicle' });
    expect(await logSize()).toBe(before);
    await openStrongroomSessions(db, world, [world.locations.kothrudSr, world.locations.hadapsarSr]);
    const other = await trpcError(scan(roHadapsar, 'consignment_receive', c210, serial));
    expect(domainErrorOf(other)?.type).toBe('outside_jurisdiction');
    const got = await scan(ro, 'consignment_receive', c210, serial);
    expect(got).toMatchObject({ outcome: 'accepted', unit: { state: 'in_ac_strongroom' } });
    expect(await unit(serial)).toMatchObject({ state: 'in_ac_strongroom', acId: world.acs.kothrud, code: 'SR-AC210' });
    const entry = await db.selectFrom('logEntries').select(['type', 'entry']).where('districtId', '=', pune).orderBy('idx', 'desc').executeTakeFirstOrThrow();
    expect(String(entry.entry)).toContain('receive_at_ac_strongroom');
    expect(String(entry.entry)).toContain('strongroom session');
    // The rest: the warehouse staff scan them in; the RO of AC 213 takes theirs.
    for (const s of first.to210.slice(1)) expect(await scan(warehouse, 'consignment_receive', c210, s)).toMatchObject({ outcome: 'accepted' });
    const [one213, ...rest213] = first.to213;
    expect(await scan(roHadapsar, 'consignment_receive', c213, one213 ?? '')).toMatchObject({ outcome: 'accepted' });
    // The rest of AC 213's load as one uploaded batch of scans: a serial not in transit on it refuses the whole batch.
    const wh = await db.selectFrom('users').select(['id', 'username']).where('username', '=', world.users.warehouse).executeTakeFirstOrThrow();
    const whActor: Actor = { userId: wh.id, username: wh.username, role: 'warehouse', jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };
    const batch = { districtId: pune, consignmentId: c213, via: 'handheld batch', actor: whActor, now: new Date() };
    const before213 = await logSize();
    const stray = await receiveScannedLoad(db, { ...batch, serials: [...rest213, one213 ?? ''] });
    expect(!stray.ok && stray.error).toMatchObject({ type: 'invalid_input', params: { serial: one213 } });
    expect(await logSize()).toBe(before213);
    expect((await unit(rest213[0] ?? '')).state).toBe('allocated_poll');
    const got213 = await receiveScannedLoad(db, { ...batch, serials: rest213 });
    expect(got213.ok && got213.value.received).toBe(6);
    for (const s of first.to213) expect(await unit(s)).toMatchObject({ state: 'in_ac_strongroom', code: 'SR-AC213' });
    expect((await ro.consignment.complete({ districtId: pune, consignmentId: c210, unsyncedScans: 0 })).status).toBe('completed');
  });
});

describe('the second randomisation of AC 210, from its AC strongroom to its polling stations', () => {
  let id: { districtId: number; ceremonyId: number };
  let code: string;

  test('guards at freeze: another AC refused, an ineligible unit never in the pool, too many BUs per CU refused', async () => {
    const before = await logSize();
    expect(domainErrorOf(await trpcError(ro.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.hadapsar, candidates: 5 })))?.type).toBe('outside_jurisdiction');
    expect(domainErrorOf(await trpcError(deo.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.kothrud, candidates: 5 })))?.type).toBe('forbidden');
    const otherAcs = first.to213[0] ?? '';
    const sneaked = await trpcError(ro.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.kothrud, candidates: 5, serials: [...first.to210, otherAcs] }));
    expect(domainErrorOf(sneaked)).toMatchObject({ type: 'ceremony_ineligible', params: { serial: otherAcs } });
    const rejected = await trpcError(ro.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.kothrud, candidates: 5, serials: [...first.to210, REJECTED] }));
    expect(domainErrorOf(rejected)).toMatchObject({ type: 'ceremony_ineligible', params: { serial: REJECTED } });
    const limit = await trpcError(ro.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.kothrud, candidates: 384 }));
    expect(domainErrorOf(limit)).toMatchObject({ type: 'bu_per_cu_limit', params: { candidates: 384, bus: 25, limit: 24, model: 'M3', most: 383 } });
    expect(await logSize()).toBe(before);
  });

  test('the RO freezes it (pool: AC 210\'s units in its strongroom), the parties commit, the RO throws the dice and allocates', async () => {
    const c = await ro.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.kothrud, candidates: 5 });
    expect(c.poolCounts).toEqual({ BU: 3, CU: 3, VVPAT: 3 });
    code = c.code;
    id = { districtId: pune, ceremonyId: c.id };
    const files = await ro.ceremony.files(id);
    expect(files.demandCsv).toBe('BU,PS-001,1\nBU,PS-002,1\nCU,PS-001,1\nCU,PS-002,1\nVVPAT,PS-001,1\nVVPAT,PS-002,1\n');
    const made = commit({ party: 'BJP', value: VALUE });
    if (!made.ok) throw new Error(made.error.message);
    await party.ceremony.commit({ ...id, party: 'BJP', commitment: made.value });
    expect(domainErrorOf(await trpcError(deo.ceremony.dice({ ...id, dice: DICE })))?.type).toBe('forbidden');
    await ro.ceremony.dice({ ...id, dice: DICE });
    await party.ceremony.reveal({ ...id, party: 'BJP', reveal: VALUE });
    expect(domainErrorOf(await trpcError(ro.ceremony.dice({ ...id, dice: '11111111111111111111' })))).toMatchObject({ type: 'ceremony_state', params: { code } });
    const allocated = await ro.ceremony.allocate(id);
    expect(allocated.allocation.filter((r) => r.reserve)).toHaveLength(3);
    expect(allocated.stations).toEqual([
      { target: 'PS-001', number: 1, name: 'Kothrud Primary School' }, { target: 'PS-002', number: 2, name: 'Karve Road Hall' },
    ]);
  });

  test('the observer finalises: units assigned to their stations, the reserve kept; not twice; the RO of AC 213 cannot step it', async () => {
    const finalised = await observer.ceremony.finalise({ ...id, password: PASSWORD });
    expect(finalised.status).toBe('finalised');
    for (const r of finalised.allocation) expect((await unit(r.serial)).state).toBe(r.reserve ? 'ac_reserve' : 'assigned_ps');
    const twice = await trpcError(observer.ceremony.finalise({ ...id, password: PASSWORD }));
    expect(domainErrorOf(twice)).toMatchObject({ type: 'ceremony_state', params: { code } });
    expect(domainErrorOf(await trpcError(roHadapsar.ceremony.replace({ ...id, serial: first.to210[0] ?? '', reason: 'not mine' })))?.type).toBe('outside_jurisdiction');
  });

  test('replacement: the next unused reserve unit of the kind; a unit not in the allocation and an empty reserve are refused', async () => {
    const detail = await ro.ceremony.byId(id);
    const bu = detail.allocation.find((r) => r.kind === 'BU' && !r.reserve)?.serial ?? '';
    const reserveBu = detail.allocation.find((r) => r.kind === 'BU' && r.reserve)?.serial ?? '';
    const stranger = first.to213[0] ?? '';
    const notHere = await trpcError(ro.ceremony.replace({ ...id, serial: stranger, reason: 'wrong unit' }));
    expect(domainErrorOf(notHere)).toMatchObject({ type: 'ceremony_not_in_allocation', params: { serial: stranger, code, acNumber: 210, acName: 'Kothrud' } });
    const replaced = await ro.ceremony.replace({ ...id, serial: bu, reason: 'display fault at commissioning' });
    expect(replaced.replacements).toMatchObject([{ oldSerial: bu, newSerial: reserveBu }]);
    const other = detail.allocation.filter((r) => r.kind === 'BU' && !r.reserve)[1]?.serial ?? '';
    const empty = await trpcError(ro.ceremony.replace({ ...id, serial: other, reason: 'second fault' }));
    expect(domainErrorOf(empty)).toMatchObject({ type: 'rand_pool_too_small', params: { kind: 'BU', code } });
  });

  test('a supplementary randomisation for the AC draws from what it holds unassigned', async () => {
    const s = await ro.ceremony.create({ districtId: pune, stage: 'supplementary', acId: world.acs.kothrud, extra: { BU: 0, CU: 1, VVPAT: 0 } });
    expect(s.poolCounts).toEqual({ BU: 1, CU: 1, VVPAT: 1 });
    const tooMany = await trpcError(ro.ceremony.create({ districtId: pune, stage: 'supplementary', acId: world.acs.kothrud, extra: { BU: 0, CU: 2, VVPAT: 0 } }));
    expect(domainErrorOf(tooMany)).toMatchObject({ type: 'rand_pool_too_small', params: { kind: 'CU' } });
  });
});
