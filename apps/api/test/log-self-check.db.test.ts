import { fromHex, leafHash, rootFromLeafHashes, toHex, utf8Encode } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { buildApp } from '../src/app.ts';
import type { DB } from '../src/db/database.ts';
import { appendEntries, ensureDistrictLog, signCheckpoint, type LogEntryDraft } from '../src/modules/custody/log.service.ts';
import { callerFor } from './caller.ts';
import { trpcError } from './errors.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * The log checks itself before it signs (issue 6, item 6). Each case tampers as a superuser with
 * the triggers off (session_replication_role = replica), the way the probe did, and asserts that
 * the api refuses to sign, records the district's log as unverified, names what is wrong,
 * refuses appends with `log_unverified`, and keeps serving the last good checkpoint.
 */

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
/** The district log under test: Pune for the first case, a fresh district for each other one. */
let pune: number;
let origin: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ['deo']);
});

afterAll(async () => {
  await tdb.dispose();
});

let districts = 0;
beforeEach(async () => {
  districts += 1;
  const code = `MH-T${districts}`;
  origin = `evmtrail.test/${code}`;
  const row = await db.insertInto('districts').values({ stateId: world.stateIds.mh, code, name: `Test ${districts}`, nameHi: null, lat: null, lon: null, logOrigin: origin }).returning('id').executeTakeFirstOrThrow();
  pune = row.id;
  await ensureDistrictLog(db, { districtId: pune, origin, keySeed: new Uint8Array(32).fill(districts), now: world.now });
  await grow(2);
});

function draft(n: number): LogEntryDraft {
  return { type: 'MOVE', event: 'test_event', units: [`BUT${String(3100000 + n)}`], from: 'WH-PUNE-01', to: 'SR-AC210', actor: 'warehouse.test' };
}

let next = 0;
async function grow(count: number): Promise<void> {
  const drafts = Array.from({ length: count }, () => draft(next++));
  const result = await db.transaction().execute((tx) => appendEntries(tx, pune, drafts, world.now));
  if (!result.ok) throw new Error(result.error.message);
}

/** Runs statements as a superuser with every trigger off, as an attacker with database access would. */
async function tamper(...statements: string[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    for (const statement of statements) await sql.raw(statement).execute(tx);
  });
}

async function checkpointSizes(): Promise<number[]> {
  const rows = await db.selectFrom('logCheckpoints').select('treeSize').where('districtId', '=', pune).orderBy('treeSize').execute();
  return rows.map((r) => r.treeSize);
}

async function unverifiedReason(): Promise<string | null> {
  const row = await db.selectFrom('districtLogs').select('unverifiedReason').where('districtId', '=', pune).executeTakeFirstOrThrow();
  return row.unverifiedReason;
}

/** Signing is refused, the log is recorded unverified, and reads get the last good checkpoint. */
async function expectRefusal(problem: RegExp, lastGood: number): Promise<void> {
  const before = await checkpointSizes();
  const signed = await signCheckpoint(db, { districtId: pune, now: world.now });
  expect(signed.verified).toBe(false);
  expect(signed.problem).toMatch(problem);
  expect(signed.size).toBe(lastGood);
  expect(await checkpointSizes()).toEqual(before);
  expect(await unverifiedReason()).toMatch(problem);

  const refused = await db.transaction().execute((tx) => appendEntries(tx, pune, [draft(9999)], world.now));
  expect(refused).toMatchObject({ ok: false, error: { type: 'log_unverified' } });
  expect(!refused.ok && refused.error.message).toContain(origin);
}

async function storedRoot(size: number): Promise<Uint8Array> {
  const rows = await db.selectFrom('logEntries').select('entry').where('districtId', '=', pune).where('idx', '<', size).orderBy('idx').execute();
  return rootFromLeafHashes(rows.map((r) => leafHash(utf8Encode(r.entry))));
}

describe('through the api', () => {
  test('a tampered Pune log: reads are served marked unverified, transitions refused with log_unverified', async () => {
    const deo = await callerFor(db, world.users.deo);
    const ok = await deo.log.checkpoint({ districtId: world.districts.pune });
    expect(ok).toMatchObject({ verified: true, size: 2 });
    const serial = world.units.puneWarehouse[0] ?? '';
    await deo.unit.transition({ serial, event: 'start_flc' }); // entry 2, not yet signed
    await tamper(`update log_entries set entry = replace(entry, 'deo.test', 'mallory') where district_id = ${world.districts.pune} and idx = 2`);
    const read = await deo.log.checkpoint({ districtId: world.districts.pune });
    expect(read).toMatchObject({ verified: false, size: 2, problem: expect.stringMatching(/text of entry 2 /) as unknown });
    const history = await deo.unit.bySerial({ serial });
    expect(history).toMatchObject({ checkpoint: { verified: false } });
    const error = await trpcError(deo.unit.transition({ serial: world.units.puneWarehouse[1] ?? '', event: 'start_flc' }));
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toContain('evmtrail.test/MH-PUNE is unverified');
    expect((error as unknown as { domainError?: unknown }).domainError).toMatchObject({ type: 'log_unverified', params: { districtName: 'Pune', event: 'start_flc' } });

    const app = await buildApp({ db, sessionTtlHours: 1, cookieSecure: false });
    const health = (await app.inject({ method: 'GET', url: '/healthz' })).json<{ logsVerified: boolean; logs: Array<{ origin: string; verified: boolean; problem?: string }> }>();
    await app.close();
    expect(health.logsVerified).toBe(false);
    expect(health.logs.find((l) => l.origin === 'evmtrail.test/MH-PUNE')).toMatchObject({ verified: false, problem: expect.stringMatching(/text of entry 2 /) as unknown });
    expect(health.logs.find((l) => l.origin === 'evmtrail.test/MH-MUMBAI-SUB')).toMatchObject({ verified: true });
  });
});

describe('an untampered log', () => {
  test('is signed, keeps its compact range, and the next checkpoint extends it', async () => {
    await grow(4);
    expect((await signCheckpoint(db, { districtId: pune, now: world.now })).verified).toBe(true);
    await grow(9);
    const signed = await signCheckpoint(db, { districtId: pune, now: world.now });
    expect(signed).toMatchObject({ verified: true, size: 15 });
    expect(signed.rootHex).toBe(toHex(await storedRoot(15)));
    const rows = await db.selectFrom('logCheckpoints').select(['treeSize', 'compactRange']).where('districtId', '=', pune).orderBy('treeSize').execute();
    // Size 6 = 4 + 2 (two frontier subtrees), size 15 = 8 + 4 + 2 + 1 (four).
    expect(rows.map((r) => [r.treeSize, r.compactRange?.length])).toEqual([[6, 64], [15, 128]]);
    expect(await unverifiedReason()).toBeNull();
  });
});

describe('tampering found before signing', () => {
  test('a flipped frontier node: the next append is checked and nothing is signed over it', async () => {
    await grow(4); // size 6: frontier (2,0) and (1,2)
    await signCheckpoint(db, { districtId: pune, now: world.now });
    await tamper(`update log_nodes set hash = sha256('x') where district_id = ${pune} and level = 2 and idx = 0`);
    await grow(1);
    await expectRefusal(/level 2 index 0/, 6);
  });

  test('a changed entry text after the last checkpoint names the entry', async () => {
    await grow(4);
    await signCheckpoint(db, { districtId: pune, now: world.now });
    await grow(3); // entries 6, 7, 8
    await tamper(`update log_entries set entry = replace(entry, 'warehouse.test', 'mallory.test') where district_id = ${pune} and idx = 7`);
    await expectRefusal(/text of entry 7 /, 6);
  });

  test('a changed stored leaf hash names the entry', async () => {
    await grow(5);
    await tamper(`update log_entries set leaf_hash = sha256('y') where district_id = ${pune} and idx = 4`);
    await expectRefusal(/leaf hash of entry 4 /, 0);
  });

  test('a changed leaf node names the node', async () => {
    await grow(5);
    await tamper(`update log_nodes set hash = sha256('z') where district_id = ${pune} and level = 0 and idx = 3`);
    await expectRefusal(/level 0 index 3 /, 0);
  });

  test('a changed head root names the head', async () => {
    await grow(3);
    await tamper(`update district_logs set root_hash = sha256('w') where district_id = ${pune}`);
    await expectRefusal(/head root of log evmtrail.test\/MH-T\d+ at size 5/, 0);
  });

  test('a head rolled back to an earlier checkpoint (with its root) is caught', async () => {
    await grow(2); // size 4
    await signCheckpoint(db, { districtId: pune, now: world.now });
    await grow(5); // size 9
    await signCheckpoint(db, { districtId: pune, now: world.now });
    const root4 = toHex(await storedRoot(4));
    await tamper(`update district_logs set size = 4, root_hash = '\\x${root4}' where district_id = ${pune}`);
    await expectRefusal(/says 4 entries, but 9 were already signed/, 4);
  });

  test('a head rolled back past unsigned entries refuses appends instead of a duplicate-key 500', async () => {
    await grow(6); // size 8, never signed
    const root5 = toHex(await storedRoot(5));
    await tamper(`update district_logs set size = 5, root_hash = '\\x${root5}' where district_id = ${pune}`);
    const refused = await db.transaction().execute((tx) => appendEntries(tx, pune, [draft(9998)], world.now));
    expect(refused).toMatchObject({ ok: false, error: { type: 'log_unverified' } });
    expect(!refused.ok && refused.error.message).toContain('entry 5 is stored');
  });

  test('a recorded fault stays: a later read does not sign even if the tampering is undone', async () => {
    await grow(3);
    const leaf = (await db.selectFrom('logNodes').select('hash').where('districtId', '=', pune).where('level', '=', 0).where('idx', '=', 2).executeTakeFirstOrThrow()).hash;
    await tamper(`update log_nodes set hash = sha256('v') where district_id = ${pune} and level = 0 and idx = 2`);
    await expectRefusal(/level 0 index 2 /, 0);
    await tamper(`update log_nodes set hash = '\\x${toHex(new Uint8Array(leaf))}' where district_id = ${pune} and level = 0 and idx = 2`);
    expect((await signCheckpoint(db, { districtId: pune, now: world.now })).verified).toBe(false);
    expect(fromHex(toHex(new Uint8Array(leaf)))).toHaveLength(32);
  });
});
