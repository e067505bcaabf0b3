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
const api = spawn('pnpm', ['--filter', '@evmtrail/api', 'run', 'start'], {
  cwd: root,
  env: { ...env, API_PORT: port, API_HOST: process.env.API_HOST ?? '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
api.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (String(chunk).includes('EVM Trail api ready')) {
    console.log(`\nOpen http://127.0.0.1:${port}/ and sign in with one of the demo logins printed above`);
    console.log('(deo.pune is the District Election Officer of Pune). Stop with Ctrl+C.\n');
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
