import { ROLES } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { migrateDownToZero, migrateToLatest } from '../src/db/migrator.ts';
import { signCheckpoint } from '../src/modules/custody/log.service.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * The custody log tables accept INSERT only (evmlog-v1.md, "Database side"): a trigger refuses
 * UPDATE, DELETE and TRUNCATE whoever runs them, so these tests go around the api with raw SQL.
 */

const LOG_TABLES = ['log_entries', 'log_nodes', 'log_unit_refs', 'log_checkpoints', 'log_cosignatures'] as const;
type LogTable = (typeof LOG_TABLES)[number];

/** A harmless-looking change per table: each would rewrite history if it were allowed. */
const UPDATES: Record<LogTable, string> = {
  log_entries: `update log_entries set actor = 'mallory' where idx = 0`,
  log_nodes: `update log_nodes set hash = '\\x00'::bytea where level = 0 and idx = 0`,
  log_unit_refs: `update log_unit_refs set serial = 'BUB9999999' where idx = 0`,
  log_checkpoints: `update log_checkpoints set note = 'forged'`,
  log_cosignatures: `update log_cosignatures set signature_line = 'forged'`,
};

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;

/** Every row of a table in primary-key order, bytea as hex so rows compare by value. */
async function rowsOf(table: LogTable): Promise<unknown[]> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2, 3`.execute(db);
  return result.rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v])),
  );
}

async function errorOf(statement: string): Promise<Error & { code?: string }> {
  try {
    await sql.raw(statement).execute(db);
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error(`expected the database to refuse: ${statement}`);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  // Rows in every log table: entries 0 and 1 (with their nodes and unit refs) come from the
  // fixture; a checkpoint and a cosignature are added here.
  await signCheckpoint(db, { districtId: world.districts.pune, now: world.now });
  await db
    .insertInto('logCosignatures')
    .values({ districtId: world.districts.pune, treeSize: 2, witnessName: 'party.test', witnessVkey: 'party.test+00000000+AA==', signatureLine: '— party.test AAAA', createdAt: world.now })
    .execute();
});

afterAll(async () => {
  await tdb.dispose();
});

describe('custody log tables are append-only', () => {
  test('every log table has rows to protect', async () => {
    for (const table of LOG_TABLES) expect((await rowsOf(table)).length, table).toBeGreaterThan(0);
  });

  describe.each(LOG_TABLES)('%s', (table) => {
    test.each([
      ['UPDATE', UPDATES[table]],
      ['DELETE', `delete from ${table}`],
      ['TRUNCATE', `truncate ${table}`],
    ])('%s is refused by the trigger and changes nothing', async (op, statement) => {
      const before = await rowsOf(table);
      const error = await errorOf(statement);
      expect(error.message).toContain('append-only');
      expect(error.message).toContain(table);
      expect(error.message).toContain(op);
      expect(error.code).toBe('42501'); // insufficient_privilege
      expect(await rowsOf(table)).toEqual(before);
    });
  });

  test('a refused change inside a transaction rolls the whole transaction back', async () => {
    const before = await rowsOf('log_entries');
    const district = world.districts.pune;
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('logUnitRefs').values({ districtId: district, serial: 'BUB7777777', idx: 0 }).execute();
        await sql`delete from log_entries where district_id = ${district}`.execute(tx);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await rowsOf('log_entries')).toEqual(before);
    const refs = await db.selectFrom('logUnitRefs').select('serial').where('serial', '=', 'BUB7777777').execute();
    expect(refs).toEqual([]);
  });

  test('TRUNCATE ... CASCADE from a parent table is refused too', async () => {
    const before = await rowsOf('log_entries');
    const error = await errorOf('truncate districts cascade');
    expect(error.message).toMatch(/append-only|grow-only/);
    expect(await rowsOf('log_entries')).toEqual(before);
    expect(await db.selectFrom('districts').select('id').execute()).toHaveLength(3);
  });

  test('INSERT works on every log table', async () => {
    const districtId = world.districts.mumbai;
    const hash = new Uint8Array(32).fill(7);
    await db.insertInto('logEntries').values({ districtId, idx: 0, entry: '{}', leafHash: hash, type: 'MOVE', event: null, ts: world.now, actor: 'test', dev: 'TEST', devSeq: 1 }).execute();
    await db.insertInto('logNodes').values({ districtId, level: 0, idx: 0, hash }).execute();
    await db.insertInto('logUnitRefs').values({ districtId, serial: 'BUB3009001', idx: 0 }).execute();
    await db.insertInto('logCheckpoints').values({ districtId, treeSize: 1, rootHash: hash, note: 'note', keyId: 'k', createdAt: world.now }).execute();
    await db.insertInto('logCosignatures').values({ districtId, treeSize: 1, witnessName: 'w', witnessVkey: 'v', signatureLine: 's', createdAt: world.now }).execute();
    for (const table of LOG_TABLES) {
      const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where district_id = ${districtId}`.execute(db);
      expect(result.rows[0]?.n, table).toBe(1);
    }
  });
});

describe('head tables only grow', () => {
  const pune = () => world.districts.pune;

  test.each([
    ['a smaller district_logs size', () => `update district_logs set size = size - 1 where district_id = ${pune()}`, /size 2 cannot go back to 1/],
    ['a new root at the same size', () => `update district_logs set root_hash = sha256('x') where district_id = ${pune()}`, /root of size 2 cannot change/],
    ['a district_logs delete', () => `delete from district_logs where district_id = ${pune()}`, /grow-only: DELETE/],
    ['a district_logs truncate', () => 'truncate district_logs cascade', /grow-only: TRUNCATE/],
    ['a device_heads seq that does not grow', () => `update device_heads set seq = seq where district_id = ${pune()}`, /device_heads of .* is grow-only/],
    ['a device_heads delete', () => `delete from device_heads where district_id = ${pune()}`, /grow-only: DELETE/],
    ['a district_keys update', () => `update district_keys set active = false where district_id = ${pune()}`, /district_keys is append-only: UPDATE/],
    ['a district_keys delete', () => `delete from district_keys where district_id = ${pune()}`, /district_keys is append-only: DELETE/],
  ])('%s is refused', async (_what, statement, message) => {
    const heads = await sql`select * from district_logs order by 1`.execute(db);
    const error = await errorOf(statement());
    expect(error.message).toMatch(message);
    expect(error.code).toBe('42501');
    expect((await sql`select * from district_logs order by 1`.execute(db)).rows).toEqual(heads.rows);
  });

  test('growing heads and the status columns are still writable', async () => {
    await sql`update district_logs set unverified_reason = 'drill', unverified_at = now() where district_id = ${pune()}`.execute(db);
    await sql`update district_logs set unverified_reason = null, unverified_at = null where district_id = ${pune()}`.execute(db);
    await sql`update device_heads set seq = seq + 1 where district_id = ${pune()}`.execute(db);
    const row = await db.selectFrom('districtLogs').select(['size', 'unverifiedReason']).where('districtId', '=', pune()).executeTakeFirstOrThrow();
    expect(row).toEqual({ size: 2, unverifiedReason: null });
  });
});

// Runs last: it drops every table of this file's database.
describe('migrations', () => {
  async function publicTables(): Promise<string[]> {
    const result = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_migration%' order by 1`.execute(db);
    return result.rows.map((r) => r.name);
  }

  async function rejectFunctionExists(): Promise<boolean> {
    const result = await sql<{ n: number }>`select count(*)::int as n from pg_proc where proname = 'evmtrail_reject_log_change'`.execute(db);
    return result.rows[0]?.n === 1;
  }

  test('down to zero leaves no tables, and up again restores the schema and its triggers', async () => {
    const tablesBefore = await publicTables();
    expect(tablesBefore).toEqual(expect.arrayContaining([...LOG_TABLES, 'units', 'districts', 'users', 'sessions']));

    expect(await migrateDownToZero(db)).toEqual(['2026-11-27T0500_poll-day', '2026-11-27T0400_polling-sets', '2026-11-27T0300_flc-mockpoll-sample', '2026-11-27T0100_ac-strongroom-consignments', '2026-11-26T2020_flc', '2026-11-26T2010_ceremonies', '2026-11-26T2000_consignments', '2026-11-26T1720_stocktakes', '2026-11-26T1710_strongroom-sessions', '2026-11-26T1700_receipts-scans', '2026-11-26T1410_drop-private-seed', '2026-11-26T1400_unit-allocated-ac', '2026-11-26T1400_log-self-check', '2026-11-22T2300_foundation']);
    expect(await publicTables()).toEqual([]);
    expect(await rejectFunctionExists()).toBe(false);
    expect(await migrateDownToZero(db)).toEqual([]);

    expect(await migrateToLatest(db)).toEqual(['2026-11-22T2300_foundation', '2026-11-26T1400_log-self-check', '2026-11-26T1400_unit-allocated-ac', '2026-11-26T1410_drop-private-seed', '2026-11-26T1700_receipts-scans', '2026-11-26T1710_strongroom-sessions', '2026-11-26T1720_stocktakes', '2026-11-26T2000_consignments', '2026-11-26T2010_ceremonies', '2026-11-26T2020_flc', '2026-11-27T0100_ac-strongroom-consignments', '2026-11-27T0300_flc-mockpoll-sample', '2026-11-27T0400_polling-sets', '2026-11-27T0500_poll-day']);
    expect(await publicTables()).toEqual(tablesBefore);
    expect(await rejectFunctionExists()).toBe(true);
    expect(await migrateToLatest(db)).toEqual([]);

    // The new tables are empty and append-only again.
    expect(await db.selectFrom('logEntries').select('idx').execute()).toEqual([]);
    expect((await errorOf('truncate log_entries')).message).toContain('append-only');
    await buildWorld(db, ROLES);
    expect((await rowsOf('log_entries')).length).toBe(2);
    expect((await errorOf(UPDATES.log_entries)).message).toContain('append-only');
  });
});
