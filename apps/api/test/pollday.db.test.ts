import type { StationPollView } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildPollDayWorld, type PollDayWorld } from './pollday-world.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let w: PollDayWorld;
let pune: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let po: Caller;
let so: Caller;
let ro: Caller;
let po213: Caller;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  w = await buildPollDayWorld(db);
  pune = w.pune;
  po = await callerFor(db, w.world.users.presiding_officer);
  so = await callerFor(db, w.world.users.sector_officer);
  ro = await callerFor(db, w.world.users.ro);
  const row = await db.selectFrom('users').selectAll().where('username', '=', w.world.users.presiding_officer).executeTakeFirstOrThrow();
  const { id: _id, createdAt: _createdAt, ...rest } = row;
  await db.insertInto('users').values({ ...rest, username: 'presiding.hadapsar', acId: w.world.acs.hadapsar }).execute();
  po213 = await callerFor(db, 'presiding.hadapsar');
}, 180_000);

afterAll(async () => {
  await tdb.dispose();
});

const station = (n: number): number => w.stations.get(n) ?? 0;
const view = (n: number): Promise<StationPollView> => po.pollDay.byStation({ districtId: pune, stationId: station(n) });
async function logTypes(from = 0): Promise<string[]> {
  const rows = await db.selectFrom('logEntries').select('type').where('districtId', '=', pune).orderBy('idx').execute();
  return rows.map((r) => r.type).slice(from);
}
const logSize = async (): Promise<number> => (await logTypes()).length;
async function stateOf(serial: string): Promise<string> {
  return (await db.selectFrom('units').select('state').where('serial', '=', serial).executeTakeFirstOrThrow()).state;
}
const mockPoll = (n: number, over: Record<string, unknown> = {}) => ({
  districtId: pune, stationId: station(n), votes: 50, agents: [{ name: 'R. Kulkarni', party: 'Party A' }], seals: [`MP-${n}-1`, `MP-${n}-2`], ...over,
});
const member = (v: StationPollView, kind: 'CU' | 'BU' | 'VVPAT'): string => v.members.find((m) => m.kind === kind)?.serial ?? '';

describe('the mock poll certificate', () => {
  test('only the presiding officer, only in their AC; nothing changes on a refusal', async () => {
    const before = await logSize();
    expect(domainErrorOf(await trpcError(ro.pollDay.mockPoll(mockPoll(1))))?.type).toBe('forbidden');
    expect(domainErrorOf(await trpcError(so.pollDay.mockPoll(mockPoll(1))))?.type).toBe('forbidden');
    expect(domainErrorOf(await trpcError(po213.pollDay.mockPoll(mockPoll(1))))?.type).toBe('outside_jurisdiction');
    expect(domainErrorOf(await trpcError(po.pollDay.replace({ districtId: pune, stationId: station(1), failed: [{ serial: member(await view(1), 'BU'), faultCode: 'X' }], replacements: [w.reserve.a.BU[0] ?? ''], reason: 'test' })))?.type).toBe('forbidden');
    expect(await logSize()).toBe(before);
  });

  test('fewer than 50 votes, or neither the agents nor the wait, is refused naming the station', async () => {
    const before = await logSize();
    const few = await trpcError(po.pollDay.mockPoll(mockPoll(1, { votes: 49 })));
    expect(domainErrorOf(few)).toMatchObject({ type: 'mock_poll_certificate', params: { stationNumber: 1, stationName: 'Kothrud School 1', votes: 49, minVotes: 50, missing: 'votes' } });
    const nobody = await trpcError(po.pollDay.mockPoll(mockPoll(1, { agents: [] })));
    expect(domainErrorOf(nobody)).toMatchObject({ type: 'mock_poll_certificate', params: { missing: 'agents' } });
    expect(await logSize()).toBe(before);
    expect((await view(1)).members.every((m) => m.state === 'issued_to_polling_party')).toBe(true);
  });

  test('50 votes with the agents present passes the mock poll on every member, at the station, with the record', async () => {
    const before = await logSize();
    const v = await po.pollDay.mockPoll(mockPoll(1));
    expect(v.members.every((m) => m.state === 'mock_poll_ok')).toBe(true);
    expect(v.status).toBe('mock_poll_done');
    expect(v.records.at(-1)).toMatchObject({ kind: 'mock_poll', by: w.world.users.presiding_officer, record: { votes: 50, agents: [{ name: 'R. Kulkarni', party: 'Party A' }], seals: ['MP-1-1', 'MP-1-2'] } });
    expect(await logTypes(before)).toEqual(['MOCK_POLL']);
    // The wait recorded when no agent came is a certificate too.
    const waited = await po.pollDay.mockPoll(mockPoll(5, { agents: [], waitedMinutes: 15 }));
    expect(waited.records.at(-1)?.record).toMatchObject({ waitedMinutes: 15, agents: [] });
    // Twice is refused.
    expect(domainErrorOf(await trpcError(po.pollDay.mockPoll(mockPoll(1, { seals: ['MP-1-9'] }))))?.type).toBe('poll_step');
  });
});

describe('replacements by the rules, from the sector officer\'s reserve', () => {
  test('at mock poll a whole set is refused, and only the failed unit is replaced', async () => {
    const v = await view(2);
    expect(v.phase).toBe('mock_poll');
    expect(v.sector?.code).toBe('SEC-210-1');
    const bu = member(v, 'BU');
    const before = await logSize();
    const whole = await trpcError(so.pollDay.replace({
      districtId: pune, stationId: station(2), failed: [{ serial: bu, faultCode: 'BU_KEY' }],
      replacements: [w.reserve.a.CU[0] ?? '', w.reserve.a.BU[0] ?? '', w.reserve.a.VVPAT[0] ?? ''], reason: 'BU key stuck at mock poll',
    }));
    expect(domainErrorOf(whole)).toMatchObject({ type: 'replacement_rule', params: { rule: 'whole_set_at_mock_poll', stationNumber: 2, setCode: 'SET-210-002', need: '1 BU', offered: '1 CU, 1 BU, 1 VVPAT' } });
    expect(await logSize()).toBe(before);
    expect(await stateOf(bu)).toBe('issued_to_polling_party');

    const next = w.reserve.a.BU[0] ?? '';
    const done = await so.pollDay.replace({ districtId: pune, stationId: station(2), failed: [{ serial: bu, faultCode: 'BU_KEY' }], replacements: [next], reason: 'BU key stuck at mock poll' });
    expect(await stateOf(bu)).toBe('failed_mock_poll');
    expect(await stateOf(next)).toBe('issued_to_polling_party');
    expect(done.version).toBe(v.version === null ? null : v.version + 1);
    expect(done.members.map((m) => m.serial)).toContain(next);
    expect(done.members.map((m) => m.serial)).not.toContain(bu);
    expect(done.sector?.reserve.map((u) => u.serial)).not.toContain(next);
    expect(done.records.at(-1)).toMatchObject({ kind: 'replacement', record: { phase: 'mock_poll', mode: 'failed_units', pairs: [{ old: bu, new: next, kind: 'BU' }], reason: 'BU key stuck at mock poll', officerName: 'S. Patil' } });
    expect(await logTypes(before)).toEqual(['DEFECT', 'REPLACE', 'SET_REPAIR']);
    // The set's versioned members (the sets module) show the replacement.
    const set = await ro.sets.byStation({ districtId: pune, stationId: station(2) });
    expect(set.set?.replacements).toEqual([{ oldSerial: bu, newSerial: next, kind: 'BU', faultCode: 'BU_KEY', version: done.version }]);
    // The mock poll then passes the whole new set.
    const passed = await po.pollDay.mockPoll(mockPoll(2));
    expect(passed.members.every((m) => m.state === 'mock_poll_ok')).toBe(true);
  });

  test('a unit not from the reserve of the sector officer covering the station is refused, naming the serial, the station and the officer', async () => {
    const v = await view(3);
    const bu = member(v, 'BU');
    const before = await logSize();
    const otherSector = w.reserve.b.BU[0] ?? '';
    const refused = await trpcError(so.pollDay.replace({ districtId: pune, stationId: station(3), failed: [{ serial: bu, faultCode: 'BU_KEY' }], replacements: [otherSector], reason: 'BU fault' }));
    expect(domainErrorOf(refused)).toMatchObject({ type: 'not_sector_reserve', params: { serial: otherSector, stationNumber: 3, stationName: 'Kothrud School 3', officerName: 'S. Patil', acNumber: 210 } });
    expect(refused.message).toContain('reserve of A. Joshi (SEC-210-2)');
    // A member of another station's set is not a reserve either.
    const inSet = member(await view(4), 'BU');
    const notReserve = await trpcError(so.pollDay.replace({ districtId: pune, stationId: station(3), failed: [{ serial: bu, faultCode: 'BU_KEY' }], replacements: [inSet], reason: 'BU fault' }));
    expect(domainErrorOf(notReserve)).toMatchObject({ type: 'not_sector_reserve', params: { serial: inSet, officerName: 'S. Patil' } });
    expect(await logSize()).toBe(before);
    expect(await stateOf(otherSector)).toBe('with_sector_officer');
  });

  test('in the poll a failed BU replaces the whole set, and a fresh mock poll comes before the poll goes on', async () => {
    await po.pollDay.mockPoll(mockPoll(3));
    const on = await po.pollDay.start({ districtId: pune, stationId: station(3) });
    expect(on.members.every((m) => m.state === 'in_poll')).toBe(true);
    expect(on.status).toBe('poll_on');
    expect(on.phase).toBe('in_poll');
    const old = on.members.map((m) => m.serial);
    const bu = member(on, 'BU');
    const before = await logSize();
    const alone = await trpcError(so.pollDay.replace({ districtId: pune, stationId: station(3), failed: [{ serial: bu, faultCode: 'BU_DEAD' }], replacements: [w.reserve.a.BU[1] ?? ''], reason: 'BU dead' }));
    expect(domainErrorOf(alone)).toMatchObject({ type: 'replacement_rule', params: { rule: 'whole_set_in_poll', need: '1 CU, 1 BU, 1 VVPAT', offered: '1 BU' } });
    expect(await logSize()).toBe(before);
    const kit = [w.reserve.a.CU[0] ?? '', w.reserve.a.BU[1] ?? '', w.reserve.a.VVPAT[0] ?? ''];
    const done = await so.pollDay.replace({ districtId: pune, stationId: station(3), failed: [{ serial: bu, faultCode: 'BU_DEAD' }], replacements: kit, reason: 'BU display dead at 11:20' });
    for (const s of old) expect(await stateOf(s)).toBe('failed_in_poll');
    for (const s of kit) expect(await stateOf(s)).toBe('issued_to_polling_party');
    expect(done.members.map((m) => m.serial).sort()).toEqual([...kit].sort());
    expect(done.phase).toBe('mock_poll');
    expect(done.records.at(-1)?.record).toMatchObject({ phase: 'in_poll', mode: 'whole_set', freshMockPoll: true });
    expect(await logTypes(before)).toEqual(['DEFECT', 'REPLACE', 'SET_REPAIR']);
    // The poll does not go on before the fresh mock poll.
    expect(domainErrorOf(await trpcError(po.pollDay.start({ districtId: pune, stationId: station(3) }))))?.toMatchObject({ type: 'poll_step', params: { step: 'start' } });
    await po.pollDay.mockPoll(mockPoll(3, { seals: ['MP-3-3'] }));
    const again = await po.pollDay.start({ districtId: pune, stationId: station(3) });
    expect(again.members.every((m) => m.state === 'in_poll')).toBe(true);
  });

  test('in the poll a failed VVPAT alone is replaced by a VVPAT with no mock poll; a whole set for it is refused', async () => {
    await po.pollDay.mockPoll(mockPoll(4));
    const on = await po.pollDay.start({ districtId: pune, stationId: station(4) });
    const vv = member(on, 'VVPAT');
    const whole = await trpcError(so.pollDay.replace({ districtId: pune, stationId: station(4), failed: [{ serial: vv, faultCode: 'PAPER_JAM' }],
      replacements: [w.reserve.a.CU[1] ?? '', w.reserve.a.BU[2] ?? '', w.reserve.a.VVPAT[1] ?? ''], reason: 'paper jam' }));
    expect(domainErrorOf(whole)).toMatchObject({ type: 'replacement_rule', params: { rule: 'vvpat_alone_in_poll', need: '1 VVPAT' } });
    const before = await logSize();
    const next = w.reserve.a.VVPAT[1] ?? '';
    const done = await so.pollDay.replace({ districtId: pune, stationId: station(4), failed: [{ serial: vv, faultCode: 'PAPER_JAM' }], replacements: [next], reason: 'paper jam at 09:40' });
    expect(await stateOf(vv)).toBe('failed_in_poll');
    expect(await stateOf(next)).toBe('in_poll');
    expect(done.members.every((m) => m.state === 'in_poll')).toBe(true);
    expect(done.status).toBe('poll_on');
    expect(done.records.at(-1)?.record).toMatchObject({ mode: 'vvpat_alone', freshMockPoll: false });
    expect(await logTypes(before)).toEqual(['DEFECT', 'REPLACE', 'SET_REPAIR']);
  });
});

describe('close of poll', () => {
  test('records the unit serials and seals as on Form 17C Part I, with close_poll on the members; not before the poll is on', async () => {
    const notOn = await trpcError(po.pollDay.close({ districtId: pune, stationId: station(2), seals: ['CL-2-1'], votesRecorded: 10 }));
    expect(domainErrorOf(notOn)).toMatchObject({ type: 'poll_step', params: { step: 'close', stationNumber: 2 } });
    const v = await view(4);
    const before = await logSize();
    const closed = await po.pollDay.close({ districtId: pune, stationId: station(4), seals: ['CL-4-1', 'CL-4-2'], votesRecorded: 612 });
    expect(closed.members.every((m) => m.state === 'poll_closed_sealed')).toBe(true);
    expect(closed.status).toBe('closed');
    expect(closed.records.at(-1)).toMatchObject({ kind: 'poll_close', record: { cu: [member(v, 'CU')], bus: [member(v, 'BU')], vvpat: [member(v, 'VVPAT')], seals: ['CL-4-1', 'CL-4-2'], votesRecorded: 612 } });
    // One entry per group of units standing together (the VVPAT replaced in the poll came apart).
    const types = await logTypes(before);
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['POLL_CLOSE']));
    const entry = await db.selectFrom('logEntries').select('entry').where('districtId', '=', pune).orderBy('idx', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.entry).toContain('Form 17C Part I');
    expect(entry.entry).toContain(member(v, 'VVPAT'));
    expect(domainErrorOf(await trpcError(po.pollDay.close({ districtId: pune, stationId: station(4), seals: ['CL-4-3'], votesRecorded: 612 })))?.type).toBe('poll_step');
  });

  test('the AC list shows each station\'s poll-day status', async () => {
    const ac = await so.pollDay.byAc({ districtId: pune, acId: w.world.acs.kothrud });
    const status = (n: number) => ac.stations.find((s) => s.number === n)?.status;
    expect([status(1), status(3), status(4), status(6)]).toEqual(['mock_poll_done', 'poll_on', 'closed', 'in_transit']);
  });
});
