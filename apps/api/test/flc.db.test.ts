import { randomUUID } from 'node:crypto';

import { ROLES, type FlcScanResult, type ScanResult } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { flcEligibleUnits } from '../src/modules/flc/flc-eligibility.ts';
import { istDay } from '../src/modules/flc/flc.service.ts';
import { applyUnitEvent, type Actor } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let hall: number;
let electionId: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let deo: Caller;
let engineer: Caller;
let warehouse: Caller;

const DAY = 24 * 60 * 60 * 1000;
const [BU1, BU2, CU1, VV1] = ['BUB3000001', 'BUB3000002', 'CUB3000001', 'VVB3000001'] as const;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  deo = await callerFor(db, world.users.deo);
  engineer = await callerFor(db, world.users.engineer);
  warehouse = await callerFor(db, world.users.warehouse);
  hall = (await db.insertInto('locations').values({
    districtId: pune, code: 'FLC-HALL-PUNE', kind: 'flc_hall', name: 'FLC hall, Pune', nameHi: null, acId: null, parentId: null,
    lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  electionId = (await db.insertInto('elections').values({
    bodyId: 1, code: 'MH-LA-2029', name: 'Maharashtra Assembly 2029', kind: 'assembly', stateId: world.stateIds.mh, rules: JSON.stringify({ flcPartyNoticeDays: 7 }),
  }).returning('id').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await tdb.dispose();
});

const today = (): string => istDay(new Date());
const daysFromToday = (n: number): string => istDay(new Date(Date.now() + n * DAY));

function plan(noticeDate: string) {
  return deo.flc.create({
    districtId: pune, electionId, hallLocationId: hall, startsOn: today(), endsOn: daysFromToday(10),
    supervisorName: 'Shri A. Kulkarni, Dy. DEO', noticeDate, parties: ['BJP', 'INC', 'NCP', 'SS'],
  });
}

function scan(campaignId: number, serial: string, flc: FlcScanResult, caller = engineer): Promise<ScanResult> {
  return caller.scan.record({ districtId: pune, task: { kind: 'flc', id: campaignId }, serial, key: randomUUID(), scannedAt: new Date().toISOString(), via: 'camera', flc });
}

async function stateOf(serial: string): Promise<string> {
  return (await db.selectFrom('units').select('state').where('serial', '=', serial).executeTakeFirstOrThrow()).state;
}

async function logSize(): Promise<number> {
  const row = await db.selectFrom('logEntries').select((eb) => eb.fn.countAll<number>().as('n')).where('districtId', '=', pune).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('FLC campaign', () => {
  let campaignId: number;

  test('starting before the parties have had 7 days of notice is refused, naming the campaign and the first day it may start; nothing changes', async () => {
    const early = await plan(daysFromToday(-3));
    const before = await logSize();
    const error = await trpcError(deo.flc.start({ districtId: pune, campaignId: early.id }));
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(domainErrorOf(error)).toMatchObject({ type: 'flc_notice_period', params: { campaign: early.code, date: daysFromToday(4) } });
    expect(error.message).toContain(early.code);
    expect(error.message).toContain(daysFromToday(4));
    expect(await logSize()).toBe(before);
    expect((await deo.flc.byId({ districtId: pune, campaignId: early.id })).status).toBe('planned');
  });

  test('a campaign noticed 7 days before starts, with its entries in the log; only the DEO side may plan it', async () => {
    const before = await logSize();
    const c = await plan(daysFromToday(-7));
    expect(c.mayStartOn).toBe(today());
    const started = await deo.flc.start({ districtId: pune, campaignId: c.id });
    expect(started.status).toBe('running');
    campaignId = c.id;
    const entries = await db.selectFrom('logEntries').select('type').where('districtId', '=', pune).where('idx', '>=', before).orderBy('idx').execute();
    expect(entries.map((e) => e.type)).toEqual(['FLC_CAMPAIGN', 'FLC_CAMPAIGN_START']);
    const refused = await trpcError(engineer.flc.create({
      districtId: pune, electionId, hallLocationId: hall, startsOn: today(), endsOn: today(), supervisorName: 'X Y', noticeDate: today(), parties: ['BJP'],
    }));
    expect(refused.code).toBe('FORBIDDEN');
  });

  test('the attendance register takes party representatives, engineers and officials', async () => {
    await deo.flc.attend({ districtId: pune, campaignId, day: today(), name: 'Smt. R. Patil', role: 'party_rep', affiliation: 'INC' });
    await deo.flc.attend({ districtId: pune, campaignId, day: today(), name: 'K. Rao', role: 'engineer', affiliation: 'BEL' });
    const detail = await deo.flc.byId({ districtId: pune, campaignId });
    expect(detail.attendance.map((a) => [a.name, a.role, a.affiliation])).toEqual([['Smt. R. Patil', 'party_rep', 'INC'], ['K. Rao', 'engineer', 'BEL']]);
  });

  test('an engineer records a pass (pink seal) and a fail (fault code) by scan; the log holds both', async () => {
    await deo.flc.startUnits({ districtId: pune, campaignId, serials: [BU1, BU2, CU1, VV1] });
    expect(await stateOf(BU1)).toBe('flc_in_progress');
    const before = await logSize();
    const pass = await scan(campaignId, BU1, { result: 'pass', pinkSeal: 'PK-000451' });
    expect(pass).toMatchObject({ outcome: 'accepted', unit: { state: 'flc_ok' }, tally: { accepted: 1, rejected: 0, missing: 3 } });
    const fail = await scan(campaignId, BU2, { result: 'fail', faultCode: 'KEYPAD', note: 'Button 7 does not register' });
    expect(fail).toMatchObject({ outcome: 'accepted', unit: { state: 'flc_rejected' }, tally: { accepted: 1, rejected: 1, missing: 2 } });
    const entries = await db.selectFrom('logEntries').select(['type', 'entry']).where('districtId', '=', pune).where('idx', '>=', before).orderBy('idx').execute();
    expect(entries.map((e) => e.type)).toEqual(['FLC_PASS', 'FLC_FAIL']);
    expect(JSON.stringify(entries[0]?.entry)).toContain('PK-000451');
    expect(JSON.stringify(entries[1]?.entry)).toContain('KEYPAD');
    const again = await scan(campaignId, BU1, { result: 'pass', pinkSeal: 'PK-000452' });
    expect(again.outcome).toBe('wrong_state');
    const progress = (await deo.flc.byId({ districtId: pune, campaignId })).progress;
    expect(progress.rejectionsByFault).toEqual([{ faultCode: 'KEYPAD', count: 1 }]);
    expect(progress.perDay).toEqual([{ day: today(), kind: 'BU', passed: 1, failed: 1 }]);
    expect(progress.remaining).toEqual([{ kind: 'CU', count: 1 }, { kind: 'VVPAT', count: 1 }]);
  });

  test('a fault code off the election list, or a scan by anyone but an engineer, is refused and changes nothing', async () => {
    const before = await logSize();
    const bad = await trpcError(scan(campaignId, CU1, { result: 'fail', faultCode: 'GREMLINS' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toContain('GREMLINS');
    expect(bad.message).toContain(CU1);
    const wrongRole = await trpcError(scan(campaignId, CU1, { result: 'pass', pinkSeal: 'PK-000460' }, warehouse));
    expect(wrongRole.code).toBe('FORBIDDEN');
    expect(wrongRole.message).toContain(CU1);
    expect(await stateOf(CU1)).toBe('flc_in_progress');
    expect(await logSize()).toBe(before);
  });

  test('only FLC-OK units of the current cycle are eligible for randomisation; a unit back from repair needs a fresh FLC', async () => {
    await scan(campaignId, CU1, { result: 'pass', pinkSeal: 'PK-000461' });
    expect(await flcEligibleUnits(db, { districtId: pune })).toEqual([BU1, CU1]);
    expect(await flcEligibleUnits(db, { districtId: pune, kinds: ['CU'] })).toEqual([CU1]);
    // A unit FLC-OK in an earlier cycle never counts.
    await db.updateTable('elections').set({ flcCycle: 2 }).where('id', '=', electionId).execute();
    expect(await flcEligibleUnits(db, { districtId: pune })).toEqual([]);
    await db.updateTable('elections').set({ flcCycle: 1 }).where('id', '=', electionId).execute();
    // The rejected unit goes to the maker and comes back repaired.
    const deoActor = await actorOf('deo');
    const engineerActor = await actorOf('engineer');
    const sent = await applyUnitEvent(db, { actor: deoActor, districtId: pune, serials: [BU2], event: 'send_for_repair', toLocationId: world.locations.mfr, reason: 'FLC reject KEYPAD', now: new Date() });
    expect(sent.ok).toBe(true);
    const back = await applyUnitEvent(db, { actor: engineerActor, districtId: pune, serials: [BU2], event: 'return_from_repair', toLocationId: world.locations.puneWh, reason: 'Repaired: keypad replaced', now: new Date() });
    expect(back.ok).toBe(true);
    expect(await stateOf(BU2)).toBe('in_warehouse');
    expect(await flcEligibleUnits(db, { districtId: pune, serials: [BU2] })).toEqual([]);
    // A pass scanned before the fresh FLC starts records nothing.
    expect((await scan(campaignId, BU2, { result: 'pass', pinkSeal: 'PK-000470' })).outcome).toBe('wrong_state');
    expect(await flcEligibleUnits(db, { districtId: pune, serials: [BU2] })).toEqual([]);
    await deo.flc.startUnits({ districtId: pune, campaignId, serials: [BU2] });
    await scan(campaignId, BU2, { result: 'pass', pinkSeal: 'PK-000471' });
    expect(await flcEligibleUnits(db, { districtId: pune })).toEqual([BU1, BU2, CU1]);
    const attempts = await db.selectFrom('flcResults').select(['attempt', 'result']).where('serial', '=', BU2).orderBy('attempt').execute();
    expect(attempts).toEqual([{ attempt: 1, result: 'fail' }, { attempt: 2, result: 'pass' }]);
  });
});

async function actorOf(role: 'deo' | 'engineer'): Promise<Actor> {
  const user = await db.selectFrom('users').select('id').where('username', '=', world.users[role]).executeTakeFirstOrThrow();
  return { userId: user.id, username: world.users[role], role, jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };
}
