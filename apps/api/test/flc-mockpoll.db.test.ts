/**
 * The parties' FLC mock-poll sample (issue 9 item 3) and the campaign's close: the sample drawn
 * in an EVMRAND/1 ceremony of the campaign's FLC-OK CUs, recomputed by `pnpm verify`; the
 * engineer's results, a mismatch blocking its unit; the refusals; closing; the FLC hall check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { commit, ROLES } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { exportRandBundle } from '../src/modules/audit/rand-bundle.service.ts';
import { actorOf } from '../src/modules/ceremonies/ceremony.repository.ts';
import { flcEligibleUnits } from '../src/modules/flc/flc-eligibility.ts';
import { istDay, recordFlcResults } from '../src/modules/flc/flc.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const DAY = 24 * 60 * 60 * 1000;
const serials = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(7, '0')}`);
const CUS = serials('CUM', 30);
const FAILED_CU = 'CUM9000001';
const BU = 'BUM0000001';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let campaignId: number;
let campaignCode: string;
let ceremonyId: number;
let sampleCode: string;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let deo: Caller;
let engineer: Caller;
let observer: Caller;
let party: Caller;
let ro: Caller;
const dir = mkdtempSync(join(tmpdir(), 'evmtrail-mockpoll-'));

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  deo = await callerFor(db, world.users.deo);
  engineer = await callerFor(db, world.users.engineer);
  observer = await callerFor(db, world.users.observer);
  party = await callerFor(db, world.users.party_rep);
  ro = await callerFor(db, world.users.ro);
  const hall = (await db.insertInto('locations').values({
    districtId: pune, code: 'FLC-HALL-PUNE', kind: 'flc_hall', name: 'FLC hall, Pune', nameHi: null, acId: null, parentId: null,
    lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const electionId = (await db.insertInto('elections').values({
    bodyId: 1, code: 'MH-LA-2029', name: 'Maharashtra Assembly 2029', kind: 'assembly', stateId: world.stateIds.mh, rules: JSON.stringify({ flcPartyNoticeDays: 7 }),
  }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('units').values([...CUS, FAILED_CU, BU].map((serial) => ({
    districtId: pune, serial, kind: serial.startsWith('BU') ? 'BU' : 'CU', maker: 'BEL', model: 'M3', year: 2022,
    ownerBodyId: 1, state: 'in_warehouse', previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: world.locations.puneWh,
  }))).execute();
  const c = await deo.flc.create({
    districtId: pune, electionId, hallLocationId: hall, startsOn: istDay(new Date()), endsOn: istDay(new Date(Date.now() + 10 * DAY)),
    supervisorName: 'Shri A. Kulkarni, Dy. DEO', noticeDate: istDay(new Date(Date.now() - 7 * DAY)), parties: ['BJP', 'INC'],
  });
  campaignId = c.id;
  campaignCode = c.code;
  await deo.flc.start({ districtId: pune, campaignId });
  await deo.flc.startUnits({ districtId: pune, campaignId, serials: [...CUS, FAILED_CU, BU] });
  const engineerRow = await db.selectFrom('users').select('id').where('username', '=', world.users.engineer).executeTakeFirstOrThrow();
  const actor = await actorOf(db, engineerRow.id);
  const r = await recordFlcResults(db, {
    actor, districtId: pune, campaignId, now: new Date(),
    results: [...CUS.map((serial, i) => ({ serial, result: { result: 'pass' as const, pinkSeal: `PK-${String(i).padStart(6, '0')}` } })),
      { serial: BU, result: { result: 'pass' as const, pinkSeal: 'PK-BU0001' } }, { serial: FAILED_CU, result: { result: 'fail' as const, faultCode: 'DISPLAY' } }],
  });
  if (!r.ok) throw new Error(r.error.message);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await tdb.dispose();
});

async function logTypesSince(idx: number): Promise<string[]> {
  const rows = await db.selectFrom('logEntries').select('type').where('districtId', '=', pune).where('idx', '>=', idx).orderBy('idx').execute();
  return rows.map((r) => r.type);
}

async function logSize(): Promise<number> {
  const row = await db.selectFrom('logEntries').select((eb) => eb.fn.countAll<number>().as('n')).where('districtId', '=', pune).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function stateOf(serial: string): Promise<string> {
  return (await db.selectFrom('units').select('state').where('serial', '=', serial).executeTakeFirstOrThrow()).state;
}

function runVerify(path: string) {
  const { INIT_CWD: _inherited, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/verify.ts', path], { cwd: API_DIR, env, encoding: 'utf8', timeout: 60_000 });
}

describe('the mock-poll sample ceremony', () => {
  test('the DEO draws it from the campaign\'s FLC-OK CUs only, one block per tier, counts rounded up; the RO may not; once per campaign', async () => {
    const refused = await trpcError(ro.ceremony.create({ districtId: pune, stage: 'flc_sample', flcCampaignId: campaignId }));
    expect(domainErrorOf(refused)?.type).toMatch(/forbidden|outside_jurisdiction/);
    const created = await deo.ceremony.create({ districtId: pune, stage: 'flc_sample', flcCampaignId: campaignId });
    ceremonyId = created.id;
    sampleCode = created.code;
    expect(created).toMatchObject({ stage: 'flc_sample', status: 'committing', flcCampaignId: campaignId, poolCounts: { BU: 0, CU: 30, VVPAT: 0 } });
    const files = await deo.ceremony.files({ districtId: pune, ceremonyId });
    // 1% x 30 = 0.3 -> 1; 2% x 30 = 0.6 -> 1 (rounded up: every tier is checked).
    expect(files.demandCsv).toBe('CU,MP-1200,1\nCU,MP-1000,1\nCU,MP-500,1\n');
    expect(files.poolCsv).not.toContain(FAILED_CU);
    expect(files.poolCsv).not.toContain(BU);
    const twice = await trpcError(deo.ceremony.create({ districtId: pune, stage: 'flc_sample', flcCampaignId: campaignId }));
    expect(domainErrorOf(twice)).toMatchObject({ type: 'flc_sample_drawn', params: { campaign: campaignCode, code: sampleCode } });
  });

  test('commitments, dice, reveal, allocation and the observer\'s cosignature finalise it; no unit moves; pnpm verify recomputes it', async () => {
    const id = { districtId: pune, ceremonyId };
    const value = '0123456789abcdef0123456789abcdef';
    const c = commit({ party: 'INC', value });
    if (!c.ok) throw new Error(c.error.message);
    await party.ceremony.commit({ ...id, party: 'INC', commitment: c.value });
    await deo.ceremony.dice({ ...id, dice: '27182818284590452353' });
    await party.ceremony.reveal({ ...id, party: 'INC', reveal: value });
    const allocated = await deo.ceremony.allocate(id);
    expect(allocated.allocation.filter((r) => !r.reserve).map((r) => r.target)).toEqual(['MP-1200', 'MP-1000', 'MP-500']);
    const finalised = await observer.ceremony.finalise({ ...id, password: PASSWORD });
    expect(finalised.status).toBe('finalised');
    for (const serial of CUS) expect(await stateOf(serial)).toBe('flc_ok');

    const { bundle } = await exportRandBundle(db, pune);
    writeFileSync(join(dir, 'bundle.json'), bundle);
    const ok = runVerify(join(dir, 'bundle.json'));
    expect(ok.stdout).toContain(`OK: randomisation ${sampleCode} recomputed, allocation.csv identical`);
    expect(ok.status).toBe(0);
    const parsed = JSON.parse(bundle) as { files: Record<string, string>; format: string };
    const path = `randomisations/${sampleCode}/allocation.csv`;
    const lines = (parsed.files[path] ?? '').split('\n');
    // Swap the 1,200-vote unit with the first reserve unit: the redraw names the line.
    const [first = '', reserveAt] = [lines[0], lines.findIndex((l) => l.includes('RESERVE'))];
    const reserve = lines[reserveAt] ?? '';
    lines[0] = `CU,MP-1200,${reserve.split(',')[2] ?? ''}`;
    lines[reserveAt] = `${reserve.split(',').slice(0, 2).join(',')},${first.split(',')[2] ?? ''}`;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...parsed, files: { ...parsed.files, [path]: lines.join('\n') } }));
    const bad = runVerify(join(dir, 'bad.json'));
    expect(bad.stdout).toContain(`FAIL: randomisation ${sampleCode}: allocation.csv differs from the redraw`);
    expect(bad.status).toBe(1);
  });
});

describe('the engineer\'s mock-poll results', () => {
  const sampled = async () => (await deo.flc.byId({ districtId: pune, campaignId })).sample?.rows ?? [];

  test('the campaign page lists the sample by tier, all pending', async () => {
    const rows = await sampled();
    expect(rows.map((r) => [r.tier, r.votes, r.status])).toEqual([['MP-1200', 1200, 'pending'], ['MP-1000', 1000, 'pending'], ['MP-500', 500, 'pending']]);
  });

  test('refused, naming serial and campaign, changing nothing: a unit not sampled, a wrong-tier vote count, anyone but the engineer', async () => {
    const rows = await sampled();
    const inSample = new Set(rows.map((r) => r.serial));
    const outside = CUS.find((s) => !inSample.has(s)) ?? '';
    const [top] = rows;
    const before = await logSize();
    const notIn = await trpcError(engineer.flc.mockpollResult({ districtId: pune, campaignId, serial: outside, votesCast: 1200, cuTotal: 1200, slips: 1200 }));
    expect(domainErrorOf(notIn)).toMatchObject({ type: 'flc_not_sampled', params: { serial: outside, campaign: campaignCode } });
    const tier = await trpcError(engineer.flc.mockpollResult({ districtId: pune, campaignId, serial: top?.serial ?? '', votesCast: 1000, cuTotal: 1000, slips: 1000 }));
    expect(domainErrorOf(tier)).toMatchObject({ type: 'flc_sample_votes', params: { serial: top?.serial, campaign: campaignCode, expected: '1200', given: '1000' } });
    const byDeo = await trpcError(deo.flc.mockpollResult({ districtId: pune, campaignId, serial: top?.serial ?? '', votesCast: 1200, cuTotal: 1200, slips: 1200 }));
    expect(domainErrorOf(byDeo)?.type).toBe('forbidden');
    expect(await logSize()).toBe(before);
  });

  test('a matching result is logged and recorded once; a second entry is refused', async () => {
    const [top] = await sampled();
    const serial = top?.serial ?? '';
    const before = await logSize();
    const row = await engineer.flc.mockpollResult({ districtId: pune, campaignId, serial, votesCast: 1200, cuTotal: 1200, slips: 1200 });
    expect(row).toMatchObject({ serial, status: 'matched', votesCast: 1200, cuTotal: 1200, slips: 1200 });
    expect(await logTypesSince(before)).toEqual(['FLC_MOCKPOLL']);
    expect(await stateOf(serial)).toBe('flc_ok');
    const twice = await trpcError(engineer.flc.mockpollResult({ districtId: pune, campaignId, serial, votesCast: 1200, cuTotal: 1200, slips: 1200 }));
    expect(domainErrorOf(twice)).toMatchObject({ type: 'flc_sample_recorded', params: { serial, campaign: campaignCode } });
  });

  test('a mismatch (slips differ from the CU total) is flagged and blocks the unit: rejected at FLC, out of every pool, in the register', async () => {
    const rows = await sampled();
    const serial = rows[1]?.serial ?? '';
    const before = await logSize();
    const row = await engineer.flc.mockpollResult({ districtId: pune, campaignId, serial, votesCast: 1000, cuTotal: 1000, slips: 999 });
    expect(row.status).toBe('mismatch');
    expect(await stateOf(serial)).toBe('flc_rejected');
    expect(await logTypesSince(before)).toEqual(['FLC_FAIL']);
    expect(await flcEligibleUnits(db, { districtId: pune, kinds: ['CU'] })).not.toContain(serial);
    const register = await db.selectFrom('flcResults').select(['result', 'faultCode', 'note']).where('serial', '=', serial).orderBy('attempt', 'desc').executeTakeFirstOrThrow();
    expect(register).toMatchObject({ result: 'fail', faultCode: 'MOCKPOLL_MISMATCH', note: 'votes cast 1000, CU total 1000, VVPAT slips 999' });
  });
});

describe('closing the campaign', () => {
  test('refused while a sampled unit has no result, naming how many; closed once the sample is complete', async () => {
    const rows = (await deo.flc.byId({ districtId: pune, campaignId })).sample?.rows ?? [];
    const last = rows.find((r) => r.status === 'pending');
    const refused = await trpcError(deo.flc.close({ districtId: pune, campaignId }));
    expect(domainErrorOf(refused)).toMatchObject({ type: 'flc_close_outstanding', params: { campaign: campaignCode, count: 0, pending: 1 } });
    expect(refused.message).toContain('1 sampled unit(s) without a mock-poll result');
    await engineer.flc.mockpollResult({ districtId: pune, campaignId, serial: last?.serial ?? '', votesCast: 500, cuTotal: 500, slips: 500 });
    const before = await logSize();
    const closed = await deo.flc.close({ districtId: pune, campaignId });
    expect(closed.status).toBe('closed');
    expect(await logTypesSince(before)).toEqual(['FLC_CAMPAIGN_CLOSE']);
    const again = await trpcError(deo.flc.close({ districtId: pune, campaignId }));
    expect(domainErrorOf(again)?.type).toBe('flc_campaign_status');
  });

  test('a campaign in a place that is not an FLC hall is refused, naming the place', async () => {
    const election = await db.selectFrom('elections').select('id').where('code', '=', 'MH-LA-2029').executeTakeFirstOrThrow();
    const error = await trpcError(deo.flc.create({
      districtId: pune, electionId: election.id, hallLocationId: world.locations.puneWh, startsOn: istDay(new Date()), endsOn: istDay(new Date()),
      supervisorName: 'Shri A. Kulkarni', noticeDate: istDay(new Date()), parties: ['BJP'],
    }));
    expect(domainErrorOf(error)?.type).toBe('flc_not_hall');
    expect(error.message).toContain('is not an FLC hall');
  });
});
