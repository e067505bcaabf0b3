import { createDb, type Database } from '@evmtrail/api/db';
import { applyUnitEvent, exportBundle } from '@evmtrail/api/services';
import { newCompleteNodes, toHex, verifyBundle, type TreeNode } from '@evmtrail/shared';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedNational, type NationalReport } from '../src/national/write.ts';

const BASE_URL = process.env.TEST_DATABASE_URL;
const DB_NAME = `evmtrail_seed_test_${process.pid}`;

function urlFor(database: string): string {
  const url = new URL(BASE_URL ?? 'postgres://127.0.0.1/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  // Any database of the server will do for create/drop database: use the one CI gave us.
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(!BASE_URL)('seedNational on PostgreSQL (small scale)', () => {
  const options = { connectionString: urlFor(DB_NAME), seed: 'national-test', districts: 3, psPerDistrict: 50 };
  let report: NationalReport;
  let database: Database;

  beforeAll(async () => {
    await admin(`drop database if exists ${DB_NAME}`);
    await admin(`create database ${DB_NAME}`);
    report = await seedNational(options);
    database = await createDb({ kind: 'pg', connectionString: options.connectionString });
  });
  afterAll(async () => {
    await database.close();
    await admin(`drop database if exists ${DB_NAME}`);
  });

  it('writes the planned shape', async () => {
    const { db } = database;
    const count = async (table: 'districts' | 'acs' | 'units' | 'logEntries' | 'logUnitRefs') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(report.districts).toBe(3);
    expect(await count('districts')).toBe(3);
    expect(await count('acs')).toBe(report.acs);
    expect(await count('units')).toBe(report.units);
    expect(await count('logUnitRefs')).toBe(report.units);
    expect(await count('logEntries')).toBe(report.logEntries);
    const ps = await db.selectFrom('locations').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'polling_station').executeTakeFirstOrThrow();
    expect(Number(ps.n)).toBe(150);
    expect(report.pollingStations).toBe(150);
    // 1.75 units of each kind per polling station.
    expect(report.units).toBe(3 * 3 * Math.round(50 * 1.75));
  });

  it('writes consistent references even with the foreign-key triggers skipped during the load', async () => {
    const { db } = database;
    const orphans = await db
      .selectFrom('units as u')
      .leftJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where('l.id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(orphans.n)).toBe(0);
    const badAcs = await db
      .selectFrom('locations as l')
      .leftJoin('acs as a', 'a.id', 'l.acId')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('l.kind', '=', 'polling_station')
      .where((eb) => eb.or([eb('a.id', 'is', null), eb('a.districtId', '!=', eb.ref('l.districtId'))]))
      .executeTakeFirstOrThrow();
    expect(Number(badAcs.n)).toBe(0);
    const refs = await db
      .selectFrom('logUnitRefs as r')
      .leftJoin('units as u', (j) => j.onRef('u.districtId', '=', 'r.districtId').onRef('u.serial', '=', 'r.serial'))
      .leftJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([eb('u.serial', 'is', null), eb('e.idx', 'is', null)]))
      .executeTakeFirstOrThrow();
    expect(Number(refs.n)).toBe(0);
    // ...and each ref points at the entry that names the unit.
    const misplaced = await db
      .selectFrom('logUnitRefs as r')
      .innerJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where(sql<boolean>`strpos(e.entry, '"' || r.serial || '"') = 0`)
      .executeTakeFirstOrThrow();
    expect(Number(misplaced.n)).toBe(0);
    // The deferred secondary indexes are back: primary key + 4 on units (units_ac_idx included).
    const indexes = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where tablename = 'units'`.execute(db);
    expect(indexes.rows[0]?.n).toBe(5);
    const acIndex = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where tablename = 'units' and indexname = 'units_ac_idx'`.execute(db);
    expect(acIndex.rows[0]?.n).toBe(1);
  });

  it('stores every complete Merkle subtree of each district log', async () => {
    const { db } = database;
    for (const { districtId } of await db.selectFrom('districtLogs').select('districtId').execute()) {
      const leaves = await db.selectFrom('logEntries').select(['idx', 'leafHash']).where('districtId', '=', districtId).orderBy('idx').execute();
      const expected = new Map<string, string>();
      leaves.forEach((leaf, i) => {
        const nodes: TreeNode[] = newCompleteNodes(i, new Uint8Array(leaf.leafHash), (level, index) => {
          const hex = expected.get(`${level}:${index}`);
          if (!hex) throw new Error(`missing ${level}:${index}`);
          return Uint8Array.from(Buffer.from(hex, 'hex'));
        });
        for (const n of nodes) expected.set(`${n.level}:${n.index}`, toHex(n.hash));
      });
      const stored = await db.selectFrom('logNodes').select(['level', 'idx', 'hash']).where('districtId', '=', districtId).execute();
      expect(new Map(stored.map((n) => [`${n.level}:${n.idx}`, toHex(new Uint8Array(n.hash))]))).toEqual(expected);
    }
  });

  it('exports logs that the offline verifier accepts, also after the api appends to them', async () => {
    const { db } = database;
    const now = new Date('2026-11-01T00:00:00Z');
    const district = await db.selectFrom('districts').select(['id', 'stateId']).orderBy('id').executeTakeFirstOrThrow();
    const before = await exportBundle(db, { districtId: district.id, now });
    expect(verifyBundle(before.bundle).ok).toBe(true);
    const deo = await db.selectFrom('users').select(['id', 'username']).where('role', '=', 'deo').executeTakeFirstOrThrow();
    const unit = await db.selectFrom('units').select('serial').where('districtId', '=', district.id).orderBy('serial').executeTakeFirstOrThrow();
    const result = await applyUnitEvent(db, {
      actor: { userId: deo.id, username: deo.username, role: 'deo', jurisdiction: { level: 'district', stateId: district.stateId, districtId: district.id } },
      districtId: district.id, serials: [unit.serial], event: 'start_flc', now,
    });
    expect(result).toMatchObject({ ok: true, value: { logIndex: before.size } });
    const after = await exportBundle(db, { districtId: district.id, now });
    const verified = verifyBundle(after.bundle);
    expect(verified.ok && verified.value.size).toBe(before.size + 1);
  });

  it('lets the app add locations after the seeded ids', async () => {
    const { db } = database;
    const row = await db.insertInto('locations')
      .values({ districtId: 1, code: 'WH-TEST-99', kind: 'warehouse', name: 'Test warehouse' })
      .returning('id').executeTakeFirstOrThrow();
    expect(row.id).toBeGreaterThan(153);
  });

  it('refuses to run on a database that has districts, unless reset', async () => {
    await expect(seedNational(options)).rejects.toThrow(/--reset/);
    const again = await seedNational({ ...options, reset: true });
    expect(again.units).toBe(report.units);
  });
});
