/** A throwaway PostgreSQL database for the bench on the local server (trust auth). */
import { createDb } from '@evmtrail/api/db';
import { sql } from 'kysely';

/** Admin connection; override with BENCH_POSTGRES_URL. */
export const PG_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function withAdmin<T>(fn: (db: Awaited<ReturnType<typeof createDb>>['db']) => Promise<T>): Promise<T> {
  const admin = await createDb({ kind: 'pg', connectionString: PG_ADMIN_URL, max: 1 });
  try {
    return await fn(admin.db);
  } finally {
    await admin.close();
  }
}

export type Reachability = { readonly ok: true; readonly version: string } | { readonly ok: false; readonly reason: string };

export async function postgresReachable(): Promise<Reachability> {
  try {
    const version = await withTimeout(
      withAdmin(async (db) => (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]?.v ?? '?'),
      5000, `connecting to ${PG_ADMIN_URL}`,
    );
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates `evmtrail_bench_<suffix>` (dropping a leftover of the same name first). */
export async function createBenchDatabase(suffix: string): Promise<BenchDatabase> {
  const name = `evmtrail_bench_${suffix}`.replace(/[^a-z0-9_]/g, '_');
  await withAdmin(async (db) => {
    await sql.raw(`drop database if exists ${name} with (force)`).execute(db);
    await sql.raw(`create database ${name}`).execute(db);
  });
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(async (db) => {
        await sql.raw(`drop database if exists ${name} with (force)`).execute(db);
      });
    },
  };
}
