import { mkdirSync } from 'node:fs';

import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { DB } from './database.ts';
import { createResilientPool } from './resilient-pool.ts';

export type DbConfig =
  | { readonly kind: 'pglite'; readonly dataDir?: string; readonly loadDataDir?: Blob | File }
  | {
    readonly kind: 'pg';
    readonly connectionString: string;
    readonly max?: number;
    readonly connectionTimeoutMillis?: number;
    /** Connection errors of idle clients (the database went away); logged, never thrown. */
    readonly onPoolError?: (error: Error) => void;
  };

export interface Database {
  readonly db: Kysely<DB>;
  readonly config: DbConfig;
  /** The embedded instance, when running on PGlite (tests use it to snapshot a migrated template). */
  readonly pglite: PGlite | null;
  close(): Promise<void>;
}

// pg returns int8 (bigint, count(*)) as strings; PGlite returns numbers. Our int8 values
// (log indices, counts) stay far below 2^53, so read them as numbers on both.
pg.types.setTypeParser(20, Number);

export async function createDb(config: DbConfig): Promise<Database> {
  if (config.kind === 'pg') {
    const pool = createResilientPool({
      connectionString: config.connectionString,
      ...(config.max !== undefined ? { max: config.max } : {}),
      ...(config.connectionTimeoutMillis !== undefined ? { connectionTimeoutMillis: config.connectionTimeoutMillis } : {}),
      onError: config.onPoolError ?? ((error) => console.error(`database connection lost: ${error.message}`)),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return { db, config, pglite: null, close: () => db.destroy() };
  }
  // PGlite's NodeFS mkdir is not recursive (toolchain gotcha 10).
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), plugins: [new CamelCasePlugin()] });
  return { db, config, pglite, close: () => db.destroy() };
}

/** DATABASE_URL selects PostgreSQL; otherwise PGlite in PGLITE_DATA_DIR (or in memory). */
export function dbConfigFromEnv(env: { DATABASE_URL?: string; PGLITE_DATA_DIR?: string }): DbConfig {
  if (env.DATABASE_URL) return { kind: 'pg', connectionString: env.DATABASE_URL };
  return env.PGLITE_DATA_DIR ? { kind: 'pglite', dataDir: env.PGLITE_DATA_DIR } : { kind: 'pglite' };
}
