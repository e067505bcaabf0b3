/**
 * pnpm seed [--seed=<string>] [--scale demo|national] [--database-url=<url>] [--data-dir=<dir>]
 *           [--reset] [--districts=<n>] [--ps-per-district=<n>] [--serve]
 *
 * demo:     the Pune demo district (+ a small second district) on PGlite or PostgreSQL.
 * national: 767 districts, 10.5 lakh polling stations, 55 lakh units, PostgreSQL only.
 *
 * --serve (demo only; what `pnpm start` runs): after seeding, keep the database open and serve
 * the api on it from this process (its API_* environment), so a first start opens PGlite once.
 * Started by scripts/start.mjs with an IPC channel, it waits for the parent's 'web-built'
 * message before it listens, so "ready" means the web app is there too.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createDb, migrateDownToZero, migrateToLatest, type DbConfig } from '@evmtrail/api/db';
import { readEnv, serve } from '@evmtrail/api/serve';
import { currentKeyStore, fileKeyStore, moveKeysOutOfDatabase, useKeyStore } from '@evmtrail/api/services';

import { DEFAULT_SEED, demoLogins } from './demo/generate.ts';
import { isSeeded, seedDemo } from './demo/write.ts';
import { formatLoginTable } from './login-table.ts';
import { seedNational } from './national/write.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface CliOptions {
  readonly seed: string;
  readonly scale: 'demo' | 'national';
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** District signing keys, one file each (the api reads the same directory). */
  readonly keyDir: string;
  readonly reset: boolean;
  readonly districts: number | undefined;
  readonly psPerDistrict: number | undefined;
  /** Serve the api on the seeded database from this process. */
  readonly serve: boolean;
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer, got '${value}'`);
  return n;
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      seed: { type: 'string', default: DEFAULT_SEED },
      scale: { type: 'string', default: 'demo' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean', default: false },
      districts: { type: 'string' },
      'ps-per-district': { type: 'string' },
      serve: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.scale !== 'demo' && values.scale !== 'national') {
    throw new Error(`--scale must be 'demo' or 'national', got '${values.scale}'`);
  }
  // `pnpm seed` runs in seed/; paths the user typed are relative to where they typed them.
  const base = env.INIT_CWD ?? process.cwd();
  const dataDir = values['data-dir'] ? path.resolve(base, values['data-dir']) : path.join(REPO_ROOT, 'data', 'pglite');
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL || undefined);
  const defaultKeyDir = databaseUrl ? path.join(REPO_ROOT, 'data', 'keys') : path.join(path.dirname(dataDir), 'keys');
  return {
    seed: values.seed,
    scale: values.scale,
    databaseUrl,
    dataDir,
    keyDir: env.EVMTRAIL_KEY_DIR ? path.resolve(base, env.EVMTRAIL_KEY_DIR) : defaultKeyDir,
    reset: values.reset,
    districts: positiveInt(values.districts, 'districts'),
    psPerDistrict: positiveInt(values['ps-per-district'], 'ps-per-district'),
    serve: values.serve,
  };
}

function log(message: string): void {
  console.log(message);
}

async function runDemo(options: CliOptions): Promise<void> {
  const config: DbConfig = options.databaseUrl
    ? { kind: 'pg', connectionString: options.databaseUrl }
    : { kind: 'pglite', dataDir: options.dataDir };
  log(config.kind === 'pg' ? 'Database: PostgreSQL' : `Database: PGlite at ${options.dataDir}`);
  const database = await createDb(config);
  let serving = false;
  try {
    if (options.reset) {
      log('Resetting: migrating down to zero and up again');
      await migrateDownToZero(database.db);
    }
    await moveKeysOutOfDatabase(database.db, currentKeyStore());
    await migrateToLatest(database.db);
    if (await isSeeded(database.db)) {
      // `pnpm start` seeds on every run: a seeded database is not an error.
      log('The demo district is already in the database; nothing to seed (pass --reset to start over).');
      log(`\nLogins (username / password, as generated for seed '${options.seed}'):`);
      log(formatLoginTable(demoLogins(options.seed)));
    } else {
      const report = await seedDemo(database.db, { seed: options.seed, onProgress: log });
      log(`\nSeeded the demo (seed '${options.seed}') in ${(report.ms / 1000).toFixed(1)} s:`);
      log(`  ${report.districts} districts, ${report.acs} ACs, ${report.pollingStations.toLocaleString('en-IN')} polling stations, ${report.units.toLocaleString('en-IN')} units, ${report.logEntries} log entries`);
      log('\nLogins (username / password):');
      log(formatLoginTable(report.users));
    }
    if (options.serve) {
      await webBuilt();
      await serve(database, readEnv());
      serving = true;
    }
  } finally {
    if (!serving) await database.close();
  }
}

/** Under scripts/start.mjs (an IPC channel): waits until the parent says the web build is done. */
function webBuilt(): Promise<void> {
  if (!process.send) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== 'web-built') return;
      process.off('message', onMessage);
      process.channel?.unref();
      resolve();
    };
    process.on('message', onMessage);
  });
}

async function runNational(options: CliOptions): Promise<void> {
  if (!options.databaseUrl) {
    throw new Error('The national data set needs PostgreSQL (PGlite would take hours and gigabytes): pass --database-url=postgres://... or set DATABASE_URL');
  }
  const report = await seedNational({
    connectionString: options.databaseUrl,
    seed: options.seed,
    reset: options.reset,
    ...(options.districts ? { districts: options.districts } : {}),
    ...(options.psPerDistrict ? { psPerDistrict: options.psPerDistrict } : {}),
    onProgress: log,
  });
  const seconds = report.ms / 1000;
  log(`\nSeeded the national data set (seed '${options.seed}') in ${seconds.toFixed(1)} s:`);
  log(`  ${report.states} states/UTs, ${report.districts} districts, ${report.acs.toLocaleString('en-IN')} ACs, ${report.pollingStations.toLocaleString('en-IN')} polling stations, ${report.units.toLocaleString('en-IN')} units, ${report.logEntries.toLocaleString('en-IN')} log entries`);
  log(`  ${report.rows.toLocaleString('en-IN')} rows, ${Math.round(report.rows / seconds).toLocaleString('en-IN')} rows/s overall`);
  log('\nLogins (username / password):');
  log(formatLoginTable(report.users));
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2), process.env);
  useKeyStore(fileKeyStore(options.keyDir));
  log(`Signing keys: ${options.keyDir}`);
  if (options.scale === 'national') {
    if (options.serve) throw new Error('--serve is for the demo (what `pnpm start` runs); serve a national data set with `pnpm --filter @evmtrail/api start`');
    await runNational(options);
  }
  else await runDemo(options);
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
