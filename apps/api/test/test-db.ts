import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import pg from 'pg';
import { inject } from 'vitest';

import { createDb, type Database } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrator.ts';

export interface TestDatabase extends Database {
  readonly kind: 'pglite' | 'pg';
  dispose(): Promise<void>;
}

export const TEST_DB_KIND: 'pglite' | 'pg' = process.env.EVMTRAIL_TEST_DB === 'pg' ? 'pg' : 'pglite';

function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database on the test server (whatever EVMTRAIL_TEST_DB says), and how to drop it. */
export async function createPostgresDatabase(): Promise<{ name: string; url: URL; drop: () => Promise<void> }> {
  const name = `evmtrail_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return { name, url, drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

/** Runs one statement on the test server as its admin (e.g. pg_terminate_backend). */
export { adminQuery };

/** A fresh, migrated database for one test file: PGlite by default, PostgreSQL with EVMTRAIL_TEST_DB=pg. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB_KIND === 'pg') {
    const { url, drop } = await createPostgresDatabase();
    const database = await createDb({ kind: 'pg', connectionString: url.toString(), max: 5 });
    await migrateToLatest(database.db);
    return {
      ...database,
      kind: 'pg',
      async dispose() {
        await database.close();
        await drop();
      },
    };
  }
  const template = readFileSync(inject('pgliteTemplatePath'));
  const database = await createDb({ kind: 'pglite', loadDataDir: new Blob([template]) });
  return { ...database, kind: 'pglite', dispose: () => database.close() };
}
