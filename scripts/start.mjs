#!/usr/bin/env node
// `pnpm start`: build the web app, seed the demo district on first run, serve the api from the
// seed's process (it serves the web app too) and print where to open it and how to sign in.
// Env: DATABASE_URL (PostgreSQL instead of PGlite), PGLITE_DATA_DIR (default ./data/pglite),
// PORT (default 3000), START_SKIP_BUILD=1 (reuse apps/web/dist), EVMTRAIL_KEY_DIR (default ./data/keys).
import { spawn } from 'node:child_process';
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

/** Runs a step as a child process; resolves with its exit code and (if quiet) its output. */
function step(command, args, options) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd ?? root, env, stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let output = '';
  if (options.quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => { output += chunk; });
  return new Promise((resolvePromise) => {
    child.on('error', (error) => resolvePromise({ code: 1, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on('exit', (code) => resolvePromise({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
  });
}

function failed(name, result) {
  if (result.output) process.stderr.write(result.output);
  console.error(`\n${name} failed (exit ${result.code}).`);
  process.exit(result.code || 1);
}

// The web build and the database (migrations, first-run seed) run side by side, so the start
// waits for the longer of the two, not their sum. Build output is shown only if it fails. The
// seed's process then serves the api on the database it has just written (PGlite opened once),
// as soon as the build is done (it waits for our 'web-built').
const buildWeb = process.env.START_SKIP_BUILD !== '1' || !existsSync(resolve(root, 'apps/web/dist/index.html'));
const where = process.env.DATABASE_URL ? ['--database-url', process.env.DATABASE_URL] : ['--data-dir', dataDir];
console.log(`\n> ${buildWeb ? 'Building the web app and preparing' : 'Preparing'} the database and the demo district`);
const build = buildWeb ? step('pnpm', ['--filter', '@evmtrail/web', 'run', 'build'], { quiet: true }) : Promise.resolve(undefined);
let webReady = false;
void build.then((built) => {
  if (built && built.code !== 0) {
    stopping = true;
    if (api) api.kill('SIGTERM');
    failed('Building the web app', built);
  }
  if (built) console.log(`\nBuilt the web app in ${built.seconds.toFixed(1)} s.`);
  webReady = true;
  if (api?.connected) api.send('web-built');
});

const seedDir = resolve(root, 'seed');
const apiEnv = { ...env, API_PORT: port, API_HOST: process.env.API_HOST ?? '127.0.0.1', NODE_ENV: process.env.NODE_ENV ?? 'production' };
let api = null;
let stopping = false;
let backoffMs = 1_000;
let announced = false;

function startApi() {
  const startedAt = Date.now();
  api = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...where, '--serve'], { cwd: seedDir, env: apiEnv, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  if (webReady) api.send('web-built');
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
    // Before the first "ready" this is the seed failing: say so and stop, do not loop.
    if (!announced) {
      console.error(`\nPreparing the database failed (${signal ?? `exit ${code}`}).`);
      process.exit(code || 1);
    }
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
console.log('\n> Starting EVM Trail');
startApi();
