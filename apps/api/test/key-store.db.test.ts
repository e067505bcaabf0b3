import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROLES, verifyNote } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { moveKeysOutOfDatabase } from '../src/modules/custody/key-migration.repository.ts';
import { currentKeyStore, fileKeyStore, keyDirFor, memoryKeyStore, useKeyStore } from '../src/modules/custody/key-store.ts';
import { appendEntries, signCheckpoint } from '../src/modules/custody/log.service.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/* The district signing keys live outside the database (issue 6, item 6): a key file per key. */

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evmtrail-keys-'));
  useKeyStore(fileKeyStore(join(dir, 'keys')));
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
});

afterAll(async () => {
  useKeyStore(memoryKeyStore());
  await tdb.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('signing keys out of the database', () => {
  test('district_keys holds no private seed column', async () => {
    const columns = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = 'district_keys' order by 1`.execute(db);
    expect(columns.rows.map((c) => c.name)).toEqual(['active', 'created_at', 'district_id', 'key_id', 'key_name', 'vkey']);
  });

  test('each district key is a file readable by its owner only, and signs checkpoints that verify', async () => {
    const files = readdirSync(join(dir, 'keys')).sort();
    const keys = await db.selectFrom('districtKeys').select(['keyId', 'vkey']).where('districtId', '=', world.districts.pune).execute();
    expect(files).toContain(`${keys[0]?.keyId ?? ''}.ed25519`);
    expect(files).toHaveLength(3);
    expect(statSync(join(dir, 'keys', files[0] ?? '')).mode & 0o777).toBe(0o600);
    const signed = await signCheckpoint(db, { districtId: world.districts.pune, now: world.now });
    expect(verifyNote(signed.note, [keys[0]?.vkey ?? '']).ok).toBe(true);
  });

  test('without its key file the api refuses to sign and names the log and the key store', async () => {
    useKeyStore(memoryKeyStore());
    try {
      const grown = await db.transaction().execute((tx) => appendEntries(tx, world.districts.pune, [{ type: 'MOVE', units: ['BUB3000001'], from: 'A', to: 'B', actor: 'x' }], world.now));
      expect(grown.ok).toBe(true);
      await expect(signCheckpoint(db, { districtId: world.districts.pune, now: world.now })).rejects.toThrow(/evmtrail.test\/MH-PUNE is not in the key store \(memory\)/);
    } finally {
      useKeyStore(fileKeyStore(join(dir, 'keys')));
    }
  });

  test('keys left in an older database are moved to the store before the column is dropped', async () => {
    const store = memoryKeyStore();
    await sql`alter table district_keys add column private_seed bytea`.execute(db);
    try {
      await db.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await sql`update district_keys set private_seed = sha256(key_id::bytea)`.execute(tx);
      });
      expect(await moveKeysOutOfDatabase(db, store)).toBe(3);
      const key = await db.selectFrom('districtKeys').select('keyId').where('districtId', '=', world.districts.pune).executeTakeFirstOrThrow();
      expect((await store.get(key.keyId))?.length).toBe(32);
    } finally {
      await sql`alter table district_keys drop column private_seed`.execute(db);
    }
    expect(await moveKeysOutOfDatabase(db, store)).toBe(0);
  });

  test('the key directory: EVMTRAIL_KEY_DIR, else keys beside the PGlite data dir, else none', () => {
    expect(keyDirFor({ keyDir: '/secrets/keys', pgliteDataDir: '/srv/data/pglite' })).toBe('/secrets/keys');
    expect(keyDirFor({ pgliteDataDir: '/srv/data/pglite' })).toBe('/srv/data/keys');
    expect(keyDirFor({})).toBeUndefined();
    expect(currentKeyStore().description).toBe(`files in ${join(dir, 'keys')}`);
  });
});
