import { randomUUID } from 'node:crypto';

import { orderByTicket, sha256Hex, type AcSetsView } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildSetsWorld, type SetsWorld } from './sets-world.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let w: SetsWorld;
let pune: number;
let kothrud: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let ro: Caller;
let engineer: Caller;
let deo: Caller;
let ro213: Caller;

const STATIONS = 13;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  w = await buildSetsWorld(db, { stations: STATIONS, reserve: 4 });
  pune = w.pune;
  kothrud = w.world.acs.kothrud;
  ro = await callerFor(db, w.world.users.ro);
  engineer = await callerFor(db, w.world.users.engineer);
  deo = await callerFor(db, w.world.users.deo);
  const row = await db.selectFrom('users').selectAll().where('username', '=', w.world.users.ro).executeTakeFirstOrThrow();
  const { id: _id, createdAt: _createdAt, ...rest } = row;
  await db.insertInto('users').values({ ...rest, username: 'ro.hadapsar', acId: w.world.acs.hadapsar }).execute();
  ro213 = await callerFor(db, 'ro.hadapsar');
}, 120_000);

afterAll(async () => {
  await tdb.dispose();
});

async function logTypes(from = 0): Promise<string[]> {
  const rows = await db.selectFrom('logEntries').select('type').where('districtId', '=', pune).orderBy('idx').execute();
  return rows.map((r) => r.type).slice(from);
}
async function logSize(): Promise<number> {
  return (await logTypes()).length;
}
async function stateOf(serial: string): Promise<string> {
  return (await db.selectFrom('units').select('state').where('serial', '=', serial).executeTakeFirstOrThrow()).state;
}
const view = (): Promise<AcSetsView> => ro.sets.byAc({ districtId: pune, acId: kothrud });
const record = (over: Record<string, unknown> = {}) => ({
  districtId: pune, ballotPaper: 'BP-210-A', sluId: 'SLU-BEL-0007', sluContainerSeal: 'SLUC-210-01', vvpatBatteryId: 'BAT-1', paperRollId: 'ROLL-1',
  pinkSeals: ['PK-1'], greenSeals: ['GR-1'], addressTags: ['AT-1', 'AT-2', 'AT-3'], mockPollVotes: 11, mockPollSlips: 11, ...over,
});

describe('candidate setting', () => {
  test('the RO only, in the AC only; past the BU-per-CU limit the AC is named and nothing changes', async () => {
    const before = await logSize();
    expect(domainErrorOf(await trpcError(deo.sets.setCandidates({ districtId: pune, acId: kothrud, candidates: 10 })))?.type).toBe('forbidden');
    expect(domainErrorOf(await trpcError(ro213.sets.setCandidates({ districtId: pune, acId: kothrud, candidates: 10 })))?.type).toBe('outside_jurisdiction');
    // 384 candidates + NOTA = 385 slots = 25 BUs: one more than an M3 CU takes.
    const over = await trpcError(ro.sets.setCandidates({ districtId: pune, acId: kothrud, candidates: 384 }));
    expect(domainErrorOf(over)).toMatchObject({ type: 'bu_per_cu_limit', params: { acNumber: 210, acName: 'Kothrud', bus: 25, limit: 24 } });
    expect(over.message).toContain('AC 210 Kothrud');
    expect(await logSize()).toBe(before);
    const ok = await ro.sets.setCandidates({ districtId: pune, acId: kothrud, candidates: 383 });
    expect(ok.busPerStation).toBe(24);
    expect(await logTypes(before)).toEqual(['CANDIDATES']);
  });

  test('more BUs per station than the second randomisation gave: building is refused naming the station, and the extra BUs are counted', async () => {
    const v = await ro.sets.setCandidates({ districtId: pune, acId: kothrud, candidates: 16 });
    expect(v.busPerStation).toBe(2);
    expect(v.busAssignedPerStation).toBe(1);
    expect(v.extraBusNeeded).toBe(STATIONS);
    const before = await logSize();
    const error = await trpcError(ro.sets.build({ districtId: pune, acId: kothrud }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'set_incomplete', params: { stationNumber: 1, stationName: 'Kothrud School 1', kind: 'BU', need: 2, have: 1 } });
    expect(error.message).toContain('supplementary randomisation');
    expect(await logSize()).toBe(before);
    expect((await view()).sets).toEqual([]);
    await ro.sets.setCandidates({ districtId: pune, acId: kothrud, candidates: 10 });
  });
});

describe('building the sets', () => {
  test('a station that lacks a unit refuses the whole build, naming it and the kind; the rest build as one', async () => {
    const v0 = await view();
    expect(v0.ceremony?.id).toBe(w.secondCeremonyId);
    const cuOf13 = (await db.selectFrom('ceremonyUnits').select(['serial', 'kind']).where('ceremonyId', '=', w.secondCeremonyId).where('target', '=', 'PS-013').where('kind', '=', 'CU').executeTakeFirstOrThrow()).serial;
    const r = await ro.unit.transition({ serial: cuOf13, event: 'report_damaged', reason: 'dropped in the strongroom' });
    expect(r.count).toBe(1);
    const before = await logSize();
    const error = await trpcError(ro.sets.build({ districtId: pune, acId: kothrud }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'set_incomplete', params: { stationNumber: 13, stationName: 'Kothrud School 13', kind: 'CU' } });
    expect(await logSize()).toBe(before);
    expect(domainErrorOf(await trpcError(engineer.sets.build({ districtId: pune, acId: kothrud })))?.type).toBe('forbidden');
    const built = await ro.sets.build({ districtId: pune, acId: kothrud, stationNumbers: Array.from({ length: 12 }, (_, i) => i + 1) });
    expect(built.sets).toHaveLength(12);
    const first = built.sets[0];
    expect(first).toMatchObject({ code: 'SET-210-001', station: { number: 1, name: 'Kothrud School 1' }, version: 1, status: 'built' });
    expect(first?.members.map((m) => m.kind).sort()).toEqual(['BU', 'CU', 'VVPAT']);
    const assigned = await db.selectFrom('ceremonyUnits').select('serial').where('ceremonyId', '=', w.secondCeremonyId).where('target', '=', 'PS-001').execute();
    expect(first?.members.map((m) => m.serial).sort()).toEqual(assigned.map((a) => a.serial).sort());
    expect(await logTypes(before)).toEqual(Array.from({ length: 12 }, () => 'SET_BUILD'));
    // Built once.
    expect(domainErrorOf(await trpcError(ro.sets.build({ districtId: pune, acId: kothrud, stationNumbers: [1] })))?.type).toBe('set_status');
  });
});

describe('the mock-poll sample', () => {
  test('drawn once by EVMRAND/1 tickets over the set codes with published inputs', async () => {
    expect(domainErrorOf(await trpcError(engineer.sets.drawSample({ districtId: pune, acId: kothrud, dice: '27182818284590452353' })))?.type).toBe('forbidden');
    const v = await ro.sets.drawSample({ districtId: pune, acId: kothrud, dice: '27182818284590452353' });
    const codes = v.sets.map((s) => s.code).sort();
    // 5% of 12 sets, rounded up: 1.
    expect(v.sample?.codes).toHaveLength(1);
    const poolHash = sha256Hex(codes.map((c) => `${c}\n`).join(''));
    expect(v.sample?.seed).toBe(`EVMRAND/1|E=MH-AE-2029|R=MOCKPOLL|U=AC-210|P=${poolHash}|K=1|D=27182818284590452353`);
    const order = orderByTicket(codes, v.sample?.seed ?? '');
    expect(order.ok && order.value.ids.slice(0, 1)).toEqual(v.sample?.codes);
    expect(v.sample?.votes).toBe(1000);
    expect(domainErrorOf(await trpcError(ro.sets.drawSample({ districtId: pune, acId: kothrud, dice: '11111111111111111111' })))?.type).toBe('set_status');
  });
});

describe('commissioning', () => {
  test('a bad record is refused and changes nothing', async () => {
    const v = await view();
    const set = v.sets.find((s) => !s.sampled);
    if (!set) throw new Error('no unsampled set');
    const before = await logSize();
    expect((await trpcError(engineer.sets.commission({ ...record({ mockPollVotes: 5, mockPollSlips: 5 }), setId: set.id }))).message).toContain('10 candidates and NOTA (11)');
    expect((await trpcError(engineer.sets.commission({ ...record({ mockPollSlips: 10 }), setId: set.id }))).message).toContain('do not tally');
    const sampled = v.sets.find((s) => s.sampled);
    expect((await trpcError(engineer.sets.commission({ ...record(), setId: sampled?.id ?? 0 }))).message).toContain('1000-vote mock poll');
    expect(domainErrorOf(await trpcError(deo.sets.commission({ ...record(), setId: set.id })))?.type).toBe('forbidden');
    expect(domainErrorOf(await trpcError(ro213.sets.commission({ ...record(), setId: set.id })))?.type).toBe('outside_jurisdiction');
    expect(await logSize()).toBe(before);
  });

  test('commission fires on every member with the record; a failed unit is replaced from the AC reserve in ticket order', async () => {
    const v = await view();
    const set = v.sets.find((s) => s.station.number === 2);
    if (!set) throw new Error('no set 2');
    const bu = set.members.find((m) => m.kind === 'BU')?.serial ?? '';
    const reserveBus = await db.selectFrom('ceremonyUnits').select('serial').where('ceremonyId', '=', w.secondCeremonyId).where('reserve', '=', true).where('kind', '=', 'BU').orderBy('position').execute();
    const next = reserveBus[0]?.serial ?? '';
    // A replacement not from the AC reserve: a unit of another set cannot be named, and the rule chooses, not the caller.
    const other = v.sets.find((s) => s.station.number === 3)?.members.find((m) => m.kind === 'BU')?.serial ?? '';
    const notMember = await trpcError(engineer.sets.commission({ ...record({ pinkSeals: ['PK-2'], greenSeals: ['GR-2'], addressTags: ['AT-4'] }), setId: set.id, failures: [{ serial: other, faultCode: 'DISPLAY' }] }));
    expect(notMember.message).toContain(`Unit ${other} is not a member of set SET-210-002`);
    const before = await logSize();
    const done = await engineer.sets.commission({ ...record({ pinkSeals: ['PK-2'], greenSeals: ['GR-2'], addressTags: ['AT-4', 'AT-5', 'AT-6'] }), setId: set.id, failures: [{ serial: bu, faultCode: 'DISPLAY' }] });
    expect(done.status).toBe('commissioned');
    expect(done.version).toBe(2);
    expect(done.replacements).toEqual([{ oldSerial: bu, newSerial: next, kind: 'BU', faultCode: 'DISPLAY', version: 2 }]);
    expect(done.members.map((m) => m.serial)).toContain(next);
    expect(done.members.every((m) => m.state === 'commissioned')).toBe(true);
    expect(await stateOf(bu)).toBe('commissioning_failed');
    expect(await stateOf(next)).toBe('commissioned');
    expect(done.commissioning).toMatchObject({ ballotPaper: 'BP-210-A', sluId: 'SLU-BEL-0007', vvpatBatteryId: 'BAT-1', paperRollId: 'ROLL-1', pinkSeals: ['PK-2'], mockPollVotes: 11 });
    const types = await logTypes(before);
    expect(types).toEqual(['DEFECT', 'RAND_REPLACE', 'SET_REPAIR', 'COMMISSION', 'COMMISSION']);
    const rep = await db.selectFrom('ceremonyReplacements').select(['oldSerial', 'newSerial']).where('ceremonyId', '=', w.secondCeremonyId).execute();
    expect(rep).toEqual([{ oldSerial: bu, newSerial: next }]);
    // Twice: refused.
    expect(domainErrorOf(await trpcError(engineer.sets.commission({ ...record({ pinkSeals: ['PK-9'] }), setId: set.id })))?.type).toBe('set_status');
    // A seal serial is used once.
    const third = v.sets.find((s) => s.station.number === 3);
    const reused = await trpcError(ro.sets.commission({ ...record({ pinkSeals: ['PK-2'], greenSeals: ['GR-3'], addressTags: ['AT-7'] }), setId: third?.id ?? 0 }));
    expect(reused.message).toBe('Seal PK-2 was already used on set SET-210-002');
  });

  test('the rest are commissioned (the sample with its 1,000 votes) and the reserve too', async () => {
    const v = await view();
    let n = 10;
    for (const set of v.sets.filter((s) => s.status === 'built')) {
      n += 1;
      await ro.sets.commission({ ...record({ pinkSeals: [`PK-${n}`], greenSeals: [`GR-${n}`], addressTags: [`AT-${n}`], ...(set.sampled ? { sampleVotes: 1000 } : {}) }), setId: set.id });
    }
    const after = await ro.sets.commissionReserves({ districtId: pune, acId: kothrud, ballotPaper: 'BP-210-A', sluId: 'SLU-BEL-0007' });
    expect(after.sets.every((s) => s.status === 'commissioned')).toBe(true);
    expect(after.reserves.length).toBeGreaterThan(0);
    expect(after.reserves.every((u) => u.state === 'commissioned')).toBe(true);
  });
});

describe('the distribution centre', () => {
  let routeId = 0;
  test('a route names stations with sets, each on one route', async () => {
    const bad = await trpcError(ro.sets.createRoute({ districtId: pune, acId: kothrud, name: 'Route A', vehicleId: 'MH12-AB-1001', stops: [{ stationNumber: 13, partyId: 'PP-013' }] }));
    expect(bad.message).toContain('PS 13 Kothrud School 13 has no set yet');
    const route = await ro.sets.createRoute({ districtId: pune, acId: kothrud, name: 'Route A', vehicleId: 'MH12-AB-1001', stops: [{ stationNumber: 1, partyId: 'PP-001' }, { stationNumber: 2, partyId: 'PP-002' }] });
    expect(route.code).toBe('RT-210-1');
    routeId = route.id;
    const twice = await trpcError(ro.sets.createRoute({ districtId: pune, acId: kothrud, name: 'Route B', vehicleId: 'MH12-AB-1002', stops: [{ stationNumber: 2, partyId: 'PP-002' }] }));
    expect(twice.message).toContain('already on route RT-210-1');
    await ro.sets.createRoute({ districtId: pune, acId: kothrud, name: 'Route B', vehicleId: 'MH12-AB-1002', stops: [{ stationNumber: 3, partyId: 'PP-003' }] });
  });

  test('a scan of one member issues the whole set to its party; a second scan is a duplicate; a set of another route is the wrong place', async () => {
    const v = await view();
    const set2 = v.sets.find((s) => s.station.number === 2);
    const vvpat = set2?.members.find((m) => m.kind === 'VVPAT')?.serial ?? '';
    const scan = (serial: string) => ro.scan.record({ districtId: pune, task: { kind: 'set_issue', id: routeId }, serial, key: randomUUID(), scannedAt: new Date().toISOString(), via: 'typed' });
    const before = await logSize();
    const first = await scan(vvpat);
    expect(first.outcome).toBe('accepted');
    expect(first.tally).toMatchObject({ expected: 2, accepted: 1, missing: 1 });
    for (const m of set2?.members ?? []) expect(await stateOf(m.serial)).toBe('issued_to_polling_party');
    expect(await logTypes(before)).toEqual(['MOVE']);
    const again = await scan(set2?.members.find((m) => m.kind === 'CU')?.serial ?? '');
    expect(again.outcome).toBe('duplicate');
    const of3 = v.sets.find((s) => s.station.number === 3)?.members[0]?.serial ?? '';
    expect((await scan(of3)).outcome).toBe('wrong_place');
    expect(await stateOf(of3)).toBe('commissioned');
    // The desk form refuses a twice-issued set, naming the party and the route.
    const twice = await trpcError(ro.sets.issue({ districtId: pune, routeId, serial: vvpat }));
    expect(domainErrorOf(twice)).toMatchObject({ type: 'set_status', params: { setCode: 'SET-210-002', partyId: 'PP-002', routeCode: 'RT-210-1' } });
    const after = await view();
    expect(after.sets.find((s) => s.station.number === 2)?.issue).toMatchObject({ routeCode: 'RT-210-1', vehicleId: 'MH12-AB-1001', partyId: 'PP-002' });
    // The map's station panel shows the set and its members.
    const station = await ro.sets.byStation({ districtId: pune, stationId: w.stations.get(2) ?? 0 });
    expect(station.set?.code).toBe('SET-210-002');
    expect(station.set?.members).toHaveLength(3);
  });

  test('reserves go to sector officers covering 10 to 12 stations', async () => {
    const v = await view();
    const reserve = v.reserves.filter((u) => u.state === 'commissioned').map((u) => u.serial);
    const member = v.sets[0]?.members[0]?.serial ?? '';
    const before = await logSize();
    const nine = await trpcError(ro.sets.issueReserves({ districtId: pune, acId: kothrud, officerName: 'S. Patil', vehicleId: 'MH12-SO-01', stationNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9], serials: reserve.slice(0, 2) }));
    expect(domainErrorOf(nine)).toMatchObject({ type: 'sector_station_count', params: { officerName: 'S. Patil', count: 9, min: 10, max: 12 } });
    const thirteen = await trpcError(ro.sets.issueReserves({ districtId: pune, acId: kothrud, officerName: 'S. Patil', vehicleId: 'MH12-SO-01', stationNumbers: Array.from({ length: 13 }, (_, i) => i + 1), serials: reserve.slice(0, 2) }));
    expect(domainErrorOf(thirteen)?.type).toBe('sector_station_count');
    const inSet = await trpcError(ro.sets.issueReserves({ districtId: pune, acId: kothrud, officerName: 'S. Patil', vehicleId: 'MH12-SO-01', stationNumbers: Array.from({ length: 10 }, (_, i) => i + 1), serials: [member] }));
    expect(inSet.message).toContain('(it is in a set)');
    expect(await logSize()).toBe(before);
    const done = await ro.sets.issueReserves({ districtId: pune, acId: kothrud, officerName: 'S. Patil', vehicleId: 'MH12-SO-01', stationNumbers: Array.from({ length: 10 }, (_, i) => i + 1), serials: reserve.slice(0, 2) });
    expect(done.sectors.map(({ id: _id, ...rest }) => rest)).toEqual([{ code: 'SEC-210-1', officerName: 'S. Patil', vehicleId: 'MH12-SO-01', stationNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], serials: reserve.slice(0, 2) }]);
    for (const s of reserve.slice(0, 2)) expect(await stateOf(s)).toBe('with_sector_officer');
  });
});
