/**
 * `pnpm bench`: runs each bench module in turn, each within its own time budget, prints every
 * figure as it is measured and a table at the end, and writes bench/results/<stamp>.json and
 * bench/results/latest.json. A bench that fails or times out is reported; the others still run.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { dbRecovery } from './db-recovery.ts';
import { demoSeed } from './demo-seed.ts';
import { logAppends } from './log-appends.ts';
import { nationalSeed } from './national-seed.ts';
import { pageWeight } from './page-weight.ts';
import { liveMap } from './live-map.ts';
import { receiptScans } from './receipt-scans.ts';
import { startToReady } from './start-to-ready.ts';
import { unitBySerial } from './unit-by-serial.ts';
import { exportLoad } from './export-load.ts';
import { evmrandOrder } from './evmrand-order.ts';
import { verifyLog } from './verify-log.ts';
import { parseArgs, USAGE, type BenchArgs } from './lib/args.ts';
import { Fixtures } from './lib/fixtures.ts';
import { machineFacts } from './lib/machine.ts';
import { RESULTS_DIR, REPO_ROOT } from './lib/paths.ts';
import { figureLine, RESULTS_FORMAT, summaryTable, writeResults, type Results } from './lib/report.ts';
import type { Bench, BenchContext, BenchOutcome, Figure, FixtureName } from './lib/types.ts';

/** In the order they run; the demo seed first, as the start and latency benches reuse it. */
const BENCHES: readonly Bench[] = [demoSeed, startToReady, unitBySerial, exportLoad, logAppends, receiptScans, verifyLog, evmrandOrder, dbRecovery, pageWeight, liveMap, nationalSeed];

/** Time limits of the shared fixtures (not counted in the budgets of the benches that need them). */
const FIXTURE_BUDGET_SECONDS: Readonly<Record<FixtureName, number>> = { 'seeded-pglite': 480 };
const CLEANUP_TIMEOUT_MS = 30_000;

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`${what} exceeded its ${Math.round(ms / 1000)} s budget`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function message(error: unknown): string {
  if (error instanceof Error) return error.stack && !(error instanceof Timeout) ? `${error.message}\n${error.stack.split('\n').slice(1, 4).join('\n')}` : error.message;
  return String(error);
}

function selectBenches(args: BenchArgs): Bench[] {
  const unknown = args.only.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`Unknown bench ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}`);
  if (args.only.length > 0) return BENCHES.filter((b) => args.only.includes(b.name));
  return BENCHES.filter((b) => b.optInFlag === undefined || (b.optInFlag === '--national' && args.national));
}

/**
 * Cleanups of the bench that is running. Once it has finished (or timed out), a cleanup
 * registered late by work still running in the background runs at once instead.
 */
class Cleanups {
  private readonly fns: Array<() => Promise<void> | void> = [];
  closed = false;

  add(fn: () => Promise<void> | void): void {
    if (this.closed) void Promise.resolve().then(fn).catch(() => undefined);
    else this.fns.push(fn);
  }

  async runAll(notes: string[]): Promise<void> {
    this.closed = true;
    for (const fn of this.fns.splice(0).reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), CLEANUP_TIMEOUT_MS, 'cleanup');
      } catch (error) {
        notes.push(`cleanup failed: ${message(error)}`);
      }
    }
  }
}

let current: Cleanups | undefined;
/** A fixture that failed or timed out is not waited for again by later benches. */
const fixtureErrors = new Map<FixtureName, string>();

async function runBench(bench: Bench, args: BenchArgs, fixtures: Fixtures, tmpRoot: string, figures: Figure[]): Promise<BenchOutcome> {
  const budgetMs = (args.quick ? bench.budgetSeconds.quick : bench.budgetSeconds.full) * 1000;
  const notes: string[] = [];
  const started = performance.now();
  const log = (text: string) => console.log(`  · ${text}`);
  console.log(`\n▶ ${bench.name}: ${bench.title} (budget ${budgetMs / 1000} s)`);
  const outcome = (status: BenchOutcome['status'], error?: string): BenchOutcome => ({
    name: bench.name, title: bench.title, status, seconds: Math.round((performance.now() - started) / 100) / 10, notes,
    ...(error ? { error } : {}),
  });
  for (const need of bench.needs ?? []) {
    const earlier = fixtureErrors.get(need);
    if (earlier) return outcome('failed', `fixture ${need} failed earlier in this run: ${earlier}`);
    try {
      const t = performance.now();
      await withTimeout(fixtures.ensure(need), FIXTURE_BUDGET_SECONDS[need] * 1000, `fixture ${need}`);
      const s = (performance.now() - t) / 1000;
      if (s > 1) log(`fixture ${need} ready in ${s.toFixed(1)} s`);
    } catch (error) {
      console.log(`  ✗ fixture ${need} failed: ${message(error)}`);
      fixtureErrors.set(need, message(error));
      return outcome('failed', `fixture ${need} failed: ${message(error)}`);
    }
  }
  const benchStarted = performance.now();
  const cleanups = new Cleanups();
  current = cleanups;
  const tmpDir = join(tmpRoot, bench.name);
  mkdirSync(tmpDir, { recursive: true });
  const ctx: BenchContext = {
    quick: args.quick,
    tmpDir,
    root: REPO_ROOT,
    fixtures,
    record(input) {
      // Work left running by a bench that timed out does not add figures to the results.
      if (cleanups.closed) return;
      const figure: Figure = { bench: bench.name, ...input };
      figures.push(figure);
      console.log(`  → ${figureLine(figure)}`);
    },
    note(text) {
      notes.push(text);
      console.log(`  ! ${text}`);
    },
    log,
    timeLeftMs: () => budgetMs - (performance.now() - benchStarted),
    onCleanup: (fn) => cleanups.add(fn),
  };
  let result: BenchOutcome;
  try {
    await withTimeout(bench.run(ctx), budgetMs, bench.name);
    result = outcome(figures.some((f) => f.bench === bench.name) ? 'ok' : 'skipped');
  } catch (error) {
    console.log(`  ✗ ${bench.name} ${error instanceof Timeout ? 'timed out' : 'failed'}: ${message(error)}`);
    result = outcome(error instanceof Timeout ? 'timeout' : 'failed', message(error));
  }
  await cleanups.runAll(notes);
  return { ...result, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

async function main(): Promise<number> {
  let args: BenchArgs;
  let benches: Bench[];
  try {
    args = parseArgs(process.argv.slice(2));
    benches = selectBenches(args);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    for (const b of BENCHES) console.log(`${b.name.padEnd(16)} ${b.title}${b.optInFlag ? ` (only with ${b.optInFlag})` : ''}`);
    return 0;
  }
  const startedAt = new Date();
  const started = performance.now();
  const machine = machineFacts();
  console.log(`EVM Trail bench${args.quick ? ' (--quick)' : ''}: ${benches.map((b) => b.name).join(', ')}`);
  console.log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, `
    + `load ${machine.loadAverageAtStart.join(' ')}, commit ${machine.git.commit?.slice(0, 10) ?? '?'}${machine.git.dirty ? ' (dirty)' : ''}`);

  const tmpRoot = mkdtempSync(join(os.tmpdir(), 'evmtrail-bench-'));
  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping servers and removing ${tmpRoot}`);
    void (current?.runAll([]) ?? Promise.resolve()).finally(() => {
      if (!args.keep) rmSync(tmpRoot, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  const fixtures = new Fixtures(tmpRoot, (text) => console.log(`  · ${text}`));
  const figures: Figure[] = [];
  const outcomes: BenchOutcome[] = [];
  for (const bench of benches) outcomes.push(await runBench(bench, args, fixtures, tmpRoot, figures));

  const results: Results = {
    format: RESULTS_FORMAT,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
    argv: process.argv.slice(2),
    options: { quick: args.quick, only: args.only, national: args.national },
    machine,
    loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100),
    benches: outcomes,
    figures,
  };
  console.log(`\n${summaryTable(results)}\n`);
  const written = writeResults(RESULTS_DIR, results);
  console.log(`Whole run: ${results.totalSeconds} s. Results: ${written.file} and ${written.latest}`);
  if (args.keep) console.log(`Kept temporary data in ${tmpRoot}`);
  else rmSync(tmpRoot, { recursive: true, force: true });
  return outcomes.some((o) => o.status === 'failed' || o.status === 'timeout') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
