#!/usr/bin/env node
// `pnpm test`: every check, in order, continuing past failures so one run shows everything:
// typecheck, lint, unit and api tests on PGlite, api tests on PostgreSQL (started or installed if
// needed), and the browser tests (Playwright in Debian's chromium). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.test-results');
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const baseEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const steps = [];

function step(name, command, args, env = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env: { ...baseEnv, ...env }, stdio: 'inherit' });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
  return ok;
}

function vitestArgs(label) {
  return ['--reporter=default', '--reporter=json', `--outputFile=${join(resultsDir, `${label}.json`)}`];
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

step('Typecheck', 'pnpm', ['turbo', 'run', 'typecheck']);
step('Lint', 'pnpm', ['turbo', 'run', 'lint']);
step('Poppler (pdftoppm, pdftotext)', 'bash', ['scripts/ensure-poppler.sh']);
const pgReady = step('PostgreSQL server', 'bash', ['scripts/ensure-postgres.sh']);
const pgEnv = pgReady ? { TEST_DATABASE_URL: pgUrl } : {};
for (const pkg of ['shared', 'web', 'seed', 'api']) {
  const label = pkg === 'api' ? 'api-pglite' : pkg;
  step(`Tests: ${pkg}${pkg === 'api' ? ' on PGlite' : ''}`, 'pnpm', ['--filter', `@evmtrail/${pkg}`, 'exec', 'vitest', 'run', ...vitestArgs(label)], pgEnv);
}
if (pgReady) {
  step('Tests: api on PostgreSQL', 'pnpm', ['--filter', '@evmtrail/api', 'exec', 'vitest', 'run', ...vitestArgs('api-postgres')], { ...pgEnv, EVMTRAIL_TEST_DB: 'pg' });
}
if (step('Chromium', 'bash', ['scripts/ensure-chromium.sh'])) {
  // Its JSON reporter writes .test-results/e2e.json (apps/web/playwright.config.ts).
  step('Browser tests (chromium)', 'pnpm', ['turbo', 'run', 'e2e']);
}

/** Passed and failed tests of one JSON report: vitest's, or Playwright's (`stats`). */
function countReport(report) {
  if (report.stats) {
    const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
    // Errors outside any test (the app did not start, say) count as one failure each.
    return { passed: expected + flaky, failed: unexpected + (report.errors?.length ?? 0) };
  }
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
  };
}

let passed = 0;
let failed = 0;
for (const file of existsSync(resultsDir) ? readdirSync(resultsDir) : []) {
  const counts = countReport(JSON.parse(readFileSync(join(resultsDir, file), 'utf8')));
  passed += counts.passed;
  failed += counts.failed;
}

console.log('\n━━ Summary ━━');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name} (${s.seconds} s)`);
const failedSteps = steps.filter((s) => !s.ok).length;
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
