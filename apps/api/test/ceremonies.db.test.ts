import { createHash } from 'node:crypto';

import { commit, redrawFromFiles, ROLES } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import type { Actor } from '../src/modules/authority/authority.service.ts';
import { applyUnitEvent } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let deo: Caller;
let ro: Caller;
let observer: Caller;
let party: Caller;
let mumbaiDeo: Caller;

const REJECTED = 'BUT4000099';
const serials = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(7, '0')}`);
const BUS = serials('BUT', 10);
const CUS = serials('CUT', 6);
const VVS = serials('VVT', 6);
const VALUE_A = '0123456789abcdef0123456789abcdef';
const VALUE_B = 'fedcba9876543210fedcba9876543210';
const DICE = '31415926535897932384';
const NO_RESERVE = { BU: 0, CU: 0, VVPAT: 0 };

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  deo = await callerFor(db, world.users.deo);
  ro = await callerFor(db, world.users.ro);
  observer = await callerFor(db, world.users.observer);
  party = await callerFor(db, world.users.party_rep);
  const mumbaiUser = await db.insertInto('users').values({
    username: 'deo.mumbai', displayName: 'DEO Mumbai', role: 'deo', jurisdictionLevel: 'district', stateId: world.stateIds.mh,
    districtId: world.districts.mumbai, acId: null, passwordHash: 'x',
  }).returning('username').executeTakeFirstOrThrow();
  mumbaiDeo = await callerFor(db, mumbaiUser.username);
  // Polling stations: two in Kothrud (AC 210), one in Hadapsar (AC 213).
  await db.insertInto('locations').values([
    [world.acs.kothrud, 1, 'PS-210-001'], [world.acs.kothrud, 2, 'PS-210-002'], [world.acs.hadapsar, 1, 'PS-213-001'],
  ].map(([acId, ps, code]) => ({
    districtId: pune, code: String(code), kind: 'polling_station', name: `Polling station ${String(code)}`, nameHi: null, acId: Number(acId), parentId: null,
    lat: null, lon: null, psNumber: Number(ps), electors: 900, strongroomType: null,
  }))).execute();
  // Units in the district warehouse; all pass FLC through the unit service but one, rejected.
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
});

afterAll(async () => {
  await tdb.dispose();
});

async function logSize(): Promise<number> {
  const row = await db.selectFrom('logEntries').select((eb) => eb.fn.countAll<number>().as('n')).where('districtId', '=', pune).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function logTypes(): Promise<string[]> {
  const rows = await db.selectFrom('logEntries').select('type').where('districtId', '=', pune).orderBy('idx').execute();
  return rows.map((r) => r.type);
}

const commitmentOf = (p: string, value: string) => {
  const c = commit({ party: p, value });
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
};

describe('guards', () => {
  test('an FLC-rejected unit sneaked into a pool is refused, naming it, and nothing changes', async () => {
    const before = await logSize();
    const error = await trpcError(deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: NO_RESERVE, serials: [BUS[0] ?? '', REJECTED] }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'ceremony_ineligible', params: { serial: REJECTED } });
    expect(error.message).toContain(`Unit ${REJECTED}`);
    expect(error.message).toContain('rejected at FLC');
    expect(await logSize()).toBe(before);
    expect(await deo.ceremony.list({ districtId: pune })).toEqual([]);
  });

  test('another district\'s officer cannot run or step a ceremony of this district', async () => {
    const error = await trpcError(mumbaiDeo.ceremony.create({ districtId: pune, stage: 'first', reservePct: NO_RESERVE }));
    expect(domainErrorOf(error)?.type).toBe('outside_jurisdiction');
    const c = await deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: NO_RESERVE });
    const dice = await trpcError(mumbaiDeo.ceremony.dice({ districtId: pune, ceremonyId: c.id, dice: DICE }));
    expect(domainErrorOf(dice)?.type).toBe('outside_jurisdiction');
    // The RO may not run the district's first randomisation.
    const byRo = await trpcError(ro.ceremony.dice({ districtId: pune, ceremonyId: c.id, dice: DICE }));
    expect(domainErrorOf(byRo)?.type).toBe('outside_jurisdiction');
    const abandoned = await deo.ceremony.abandon({ districtId: pune, ceremonyId: c.id, reason: 'test of jurisdiction' });
    expect(abandoned.status).toBe('abandoned');
    // Abandoned stays abandoned: no dice, no second abandon.
    expect(domainErrorOf(await trpcError(deo.ceremony.dice({ districtId: pune, ceremonyId: c.id, dice: DICE })))?.type).toBe('ceremony_state');
    expect(await logTypes()).toContain('RAND_ABANDON');
  });
});

describe('a first randomisation from freeze to finalise', () => {
  test('runs every step, each logged; stored allocation.csv is the redraw of the stored files', async () => {
    const before = await logSize();
    const created = await deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: NO_RESERVE, training: { BU: 1, CU: 0, VVPAT: 0 } });
    expect(created.status).toBe('committing');
    expect(created.poolCounts).toEqual({ BU: 10, CU: 6, VVPAT: 6 });
    const files0 = await deo.ceremony.files({ districtId: pune, ceremonyId: created.id });
    expect(files0.poolCsv).not.toContain(REJECTED);
    expect(createHash('sha256').update(files0.poolCsv).digest('hex')).toBe(files0.poolHash);
    expect(files0.demandCsv).toBe('BU,AC-210,2\nBU,AC-213,1\nBU,TRAINING,1\nCU,AC-210,2\nCU,AC-213,1\nVVPAT,AC-210,2\nVVPAT,AC-213,1\n');
    const id = { districtId: pune, ceremonyId: created.id };

    await party.ceremony.commit({ ...id, party: 'INC', commitment: commitmentOf('INC', VALUE_A) });
    await party.ceremony.commit({ ...id, party: 'BJP', commitment: commitmentOf('BJP', VALUE_B) });
    expect(domainErrorOf(await trpcError(party.ceremony.commit({ ...id, party: 'INC', commitment: commitmentOf('INC', VALUE_B) })))?.type).toBe('rand_duplicate');
    // The dice: fewer than 20 digits are refused by the schema.
    await expect(deo.ceremony.dice({ ...id, dice: '1234' })).rejects.toThrow();
    await deo.ceremony.dice({ ...id, dice: DICE });
    // Commitments are closed by the dice.
    expect(domainErrorOf(await trpcError(party.ceremony.commit({ ...id, party: 'SS', commitment: commitmentOf('SS', VALUE_A) })))?.type).toBe('ceremony_state');
    // A wrong reveal does not open the commitment.
    expect(domainErrorOf(await trpcError(party.ceremony.reveal({ ...id, party: 'BJP', reveal: VALUE_A })))).toMatchObject({ type: 'rand_reveal_mismatch', params: { party: 'BJP' } });
    await party.ceremony.reveal({ ...id, party: 'INC', reveal: VALUE_A });
    // Dice after a reveal: refused, the dice stay.
    const diceAgain = await trpcError(deo.ceremony.dice({ ...id, dice: '99999999999999999999' }));
    expect(domainErrorOf(diceAgain)).toMatchObject({ type: 'ceremony_state', params: { code: created.code } });
    // BJP never reveals: WITHHELD.
    const allocated = await deo.ceremony.allocate(id);
    expect(allocated.status).toBe('allocated');
    expect(allocated.diceDigits).toBe(DICE);
    expect(allocated.seed).toContain(`|D=${DICE}|C=BJP:WITHHELD,INC:${VALUE_A}`);
    expect(allocated.allocation.filter((r) => !r.reserve)).toHaveLength(10);

    const files = await observer.ceremony.files(id);
    const redrawn = redrawFromFiles({ poolCsv: files.poolCsv, demandCsv: files.demandCsv, seed: files.seed ?? '' });
    expect(redrawn.ok && redrawn.value.csv).toBe(files.allocationCsv);
    expect(createHash('sha256').update(files.allocationCsv ?? '').digest('hex')).toBe(files.allocationHash);

    // The cosignature needs the observer's password; the DEO cannot finalise.
    expect(domainErrorOf(await trpcError(deo.ceremony.finalise({ ...id, password: PASSWORD })))?.type).toBe('forbidden');
    expect(domainErrorOf(await trpcError(observer.ceremony.finalise({ ...id, password: 'wrong password' })))?.type).toBe('ceremony_password');
    const finalised = await observer.ceremony.finalise({ ...id, password: PASSWORD });
    expect(finalised.status).toBe('finalised');
    expect(finalised.finalised?.by).toBe(world.users.observer);
    // Finalising drove the units: AC-210's units are allocated to Kothrud, the training unit for training.
    const to210 = allocated.allocation.filter((r) => r.target === 'AC-210').map((r) => r.serial);
    const units = await db.selectFrom('units').select(['serial', 'state', 'acId']).where('serial', 'in', to210).execute();
    expect(units.every((u) => u.state === 'allocated_poll' && u.acId === world.acs.kothrud)).toBe(true);
    const trainee = allocated.allocation.find((r) => r.target === 'TRAINING')?.serial ?? '';
    expect((await db.selectFrom('units').select('state').where('serial', '=', trainee).executeTakeFirstOrThrow()).state).toBe('allocated_training');
    const reserveUnit = allocated.allocation.find((r) => r.reserve)?.serial ?? '';
    expect((await db.selectFrom('units').select('state').where('serial', '=', reserveUnit).executeTakeFirstOrThrow()).state).toBe('flc_ok');

    // Finalising twice is refused.
    const twice = await trpcError(observer.ceremony.finalise({ ...id, password: PASSWORD }));
    expect(domainErrorOf(twice)).toMatchObject({ type: 'ceremony_state', params: { code: created.code } });
    expect(twice.message).toContain('twice');
    // A finalised allocation does not change: no new allocation, no abandon.
    expect(domainErrorOf(await trpcError(deo.ceremony.allocate(id)))?.type).toBe('ceremony_state');
    expect(domainErrorOf(await trpcError(deo.ceremony.abandon({ ...id, reason: 'try again' })))?.type).toBe('ceremony_state');

    // Replacement: the next unused BU reserve in ticket order, logged.
    const firstBu = allocated.allocation.find((r) => r.kind === 'BU' && r.target === 'AC-210')?.serial ?? '';
    const reserveBus = allocated.allocation.filter((r) => r.kind === 'BU' && r.reserve).map((r) => r.serial);
    const replaced = await deo.ceremony.replace({ ...id, serial: firstBu, reason: 'display fault at commissioning' });
    expect(replaced.replacements).toMatchObject([{ oldSerial: firstBu, newSerial: reserveBus[0], target: 'AC-210' }]);
    const again = await deo.ceremony.replace({ ...id, serial: reserveBus[0] ?? '', reason: 'second fault' });
    expect(again.replacements[1]).toMatchObject({ oldSerial: reserveBus[0], newSerial: reserveBus[1] });

    const types = (await logTypes()).slice(before);
    for (const t of ['RAND_FREEZE', 'RAND_COMMIT', 'RAND_DICE', 'RAND_REVEAL', 'RAND_ALLOCATE', 'RAND_FINALISE', 'RAND_REPLACE']) expect(types).toContain(t);
    // A new draw of the district needs a new ceremony: the allocated units are no longer in a pool.
    const next = await deo.ceremony.create({ districtId: pune, stage: 'supplementary', extra: { BU: 1, CU: 0, VVPAT: 0 } });
    expect(next.poolCounts.BU).toBe(10 - 4);
  });
});
