#!/usr/bin/env node
// `pnpm start`: build the web app, seed the demo district on first run, start the api (which
// serves the web app too) and print where to open it and how to sign in.
// Env: DATABASE_URL (PostgreSQL instead of PGlite), PGLITE_DATA_DIR (default ./data/pglite),
// PORT (default 3000), START_SKIP_BUILD=1 (reuse apps/web/dist), EVMTRAIL_KEY_DIR (default ./data/keys).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3000';
const dataDir = resolve(root, process.env.PGLITE_DATA_DIR ?? 'data/pglite');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
if (!process.env.DATABASE_URL) env.PGLITE_DATA_DIR = dataDir;
// District signing keys stay out of the database: one file per key (docs/keys.md).
env.EVMTRAIL_KEY_DIR = resolve(root, process.env.EVMTRAIL_KEY_DIR ?? resolve(dirname(dataDir), 'keys'));

function run(step, args) {
  console.log(`\n> ${step}`);
  const result = spawnSync('pnpm', args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${step} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

if (process.env.START_SKIP_BUILD !== '1' || !existsSync(resolve(root, 'apps/web/dist/index.html'))) {
  run('Building the web app', ['--filter', '@evmtrail/web', 'run', 'build']);
}
const where = process.env.DATABASE_URL ? ['--database-url', process.env.DATABASE_URL] : ['--data-dir', dataDir];
run('Preparing the database and the demo district', ['--filter', '@evmtrail/seed', 'run', 'seed', ...where]);

console.log('\n> Starting EVM Trail');
// The api runs as our direct child (node with tsx's loader, no pnpm in between), supervised: if it
// dies (a crash, kill -9) it is started again with backoff, 1 s doubling to 30 s, reset once it
// has stayed up a minute. Ctrl+C or SIGTERM stops it for good.
const apiDir = resolve(root, 'apps/api');
const apiEnv = { ...env, API_PORT: port, API_HOST: process.env.API_HOST ?? '127.0.0.1', NODE_ENV: process.env.NODE_ENV ?? 'production' };
let api = null;
let stopping = false;
let backoffMs = 1_000;
let announced = false;

function startApi() {
  const startedAt = Date.now();
  api = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: apiDir, env: apiEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  api.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!announced && String(chunk).includes('EVM Trail api ready')) {
      announced = true;
      console.log(`\nOpen http://127.0.0.1:${port}/ and sign in with one of the demo logins printed above`);
      console.log('(deo.pune is the District Election Officer of Pune). Stop with Ctrl+C.\n');
    }
  });
  api.on('exit', (code, signal) => {
    api = null;
    if (stopping) process.exit(code ?? 0);
    if (Date.now() - startedAt > 60_000) backoffMs = 1_000;
    console.error(`\nThe api stopped (${signal ?? `exit ${code}`}); starting it again in ${backoffMs / 1000} s`);
    setTimeout(startApi, backoffMs);
    backoffMs = Math.min(backoffMs * 2, 30_000);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    if (api) api.kill(signal);
    else process.exit(0);
  });
}
startApi();
