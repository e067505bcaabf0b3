/**
 * Figures: seconds to verify an exported district log of 100,000 entries (evmtrail-log-bundle/1),
 * in-process with verifyBundle and end to end with the `pnpm verify <file>` CLI, and the size
 * of the bundle. The bundle is built by the shared log writer (LogBuilder, makeBundle): real
 * EVMLOG/1 entries, per-device hash chains, the RFC 9162 root and a checkpoint signed with a
 * bench Ed25519 key.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import {
  LOG_BUNDLE_FORMAT,
  LogBuilder,
  MemoryNodeStore,
  checkpointKey,
  makeBundle,
  serverDevice,
  toHex,
  verifyBundle,
} from '@evmtrail/shared';

import { repoHas, REPO_ROOT } from './lib/paths.ts';
import { mib, signalGroup, treeMemory } from './lib/proc.ts';
import { Prng } from './lib/seed-adapter.ts';
import { round, seconds } from './lib/stats.ts';
import type { Bench, BenchContext } from './lib/types.ts';

const ORIGIN = 'bench.evmtrail.example/MH/PUNE';
const CLI = 'apps/api/src/cli/verify.ts';

/** Custody steps a unit goes through, as (type, event, state) of the entry. */
const STEPS = [
  ['DISPATCH', 'dispatch_from_factory', 'in_transit'],
  ['RECEIPT', 'receive', 'in_warehouse'],
  ['FLC_START', 'start_flc', 'flc_in_progress'],
  ['FLC_PASS', 'pass_flc', 'flc_ok'],
  ['RANDOMISATION_1', 'allocate_poll', 'allocated_poll'],
  ['MOVE', 'receive_at_ac_strongroom', 'in_ac_strongroom'],
  ['RANDOMISATION_2', 'assign_ps', 'assigned_ps'],
  ['COMMISSION', 'commission', 'commissioned'],
] as const;


interface BuiltBundle {
  readonly text: string;
  readonly entries: number;
  readonly rootHex: string;
  readonly unitsPerEntry: number;
  readonly devices: number;
  readonly logVkey: string;
}

/** A signed bundle of `count` valid entries (deterministic: same count, same bytes). */
function buildBundle(count: number): BuiltBundle {
  const random = new Prng('evmtrail-bench|verify-log');
  const key = checkpointKey(ORIGIN, new Uint8Array(createHash('sha256').update('evmtrail-bench-log-key').digest()));
  const devices = [serverDevice(ORIGIN), ...Array.from({ length: 8 }, (_, i) => `HHD-PUNE-${String(i + 1).padStart(2, '0')}`)];
  const builder = new LogBuilder({ origin: ORIGIN, size: 0, nodes: new MemoryNodeStore(), salt: () => random.bytes(16) });
  const texts: string[] = [];
  let units = 0;
  const start = Date.parse('2026-01-05T03:30:00Z');
  for (let i = 0; i < count; i++) {
    const [type, event, state] = STEPS[i % STEPS.length] ?? STEPS[0];
    // One entry in 20 is a consignment of 40 units; the rest record a single unit.
    const n = i % 20 === 0 ? 40 : 1;
    const first = random.int(0, 899_999);
    units += n;
    const appended = builder.append({
      type, event, state,
      units: Array.from({ length: n }, (_, k) => `${i % 3 === 0 ? 'CU' : 'BU'}-B-${String(first + k).padStart(6, '0')}`),
      from: `WH-PUNE-0${1 + (i % 3)}`, to: `STR-AC-${200 + (i % 21)}`,
      dev: random.pick(devices),
      actor: random.pick(['deo.pune', 'warehouse.pune', 'engineer.bel', 'ro.ac210']),
      witnesses: i % 4 === 0 ? ['OBS-PUNE-1', 'PARTY-INC-4'] : [],
      seals: i % 2 === 0 ? [`PS-${String(i).padStart(7, '0')}`] : [],
      ...(i % 10 === 0 ? { reason: `Consignment C-${i} checked against the supply order` } : {}),
    }, new Date(start + i * 30_000));
    texts.push(appended.text);
  }
  const root = builder.root();
  const text = makeBundle({ origin: ORIGIN, key, entries: texts });
  return { text, entries: count, rootHex: toHex(root), unitsPerEntry: round(units / count), devices: devices.length, logVkey: key.vkey };
}

interface CliRun {
  readonly ms: number;
  readonly code: number | null;
  readonly output: string[];
  readonly peakRssBytes: number;
}

/** `pnpm verify <file>` from the repo root; polls /proc for the peak RSS of its processes. */
async function runCli(ctx: BenchContext, args: readonly string[], timeoutMs: number): Promise<CliRun> {
  const started = performance.now();
  const child = spawn('pnpm', ['verify', ...args], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => {
    if (child.exitCode === null) signalGroup(child, 'SIGKILL');
  };
  ctx.onCleanup(kill);
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 30) output.shift();
  };
  createInterface({ input: child.stdout }).on('line', keep);
  createInterface({ input: child.stderr }).on('line', keep);
  let peak = 0;
  const poll = setInterval(() => {
    if (child.pid === undefined) return;
    for (const p of treeMemory(child.pid)) peak = Math.max(peak, p.peakRssBytes);
  }, 100);
  const timer = setTimeout(kill, timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('exit', (c) => resolve(c));
    child.once('error', reject);
  }).finally(() => {
    clearInterval(poll);
    clearTimeout(timer);
  });
  return { ms: performance.now() - started, code, output, peakRssBytes: peak };
}

async function measureCli(ctx: BenchContext, file: string, built: BuiltBundle, bytes: number): Promise<void> {
  const { entries } = built;
  if (!repoHas(CLI)) {
    ctx.note(`verify CLI figure skipped: ${CLI} does not exist yet (\`pnpm verify\` has nothing to run)`);
    return;
  }
  ctx.log(`pnpm verify ${file} --trust <bench log key>`);
  const run = await runCli(ctx, [file, '--trust', built.logVkey], Math.max(10_000, ctx.timeLeftMs() - 10_000));
  if (run.code !== 0 || !run.output.some((line) => line.startsWith('OK:'))) {
    throw new Error(`pnpm verify exited with ${String(run.code)} on a valid bundle:\n${run.output.join('\n')}`);
  }
  ctx.record({
    id: 'verify-log.cli.seconds',
    name: `pnpm verify, ${entries.toLocaleString('en-US')}-entry bundle`,
    value: seconds(run.ms),
    unit: 's',
    how: `wall time of \`pnpm verify <file> --trust <log vkey>\` from the repo root (pnpm + tsx start-up, reading the ${round(bytes / 1e6)} MB file, verifying) until it exits 0 having printed OK`,
    details: { entries, outputTail: run.output.slice(-5), peakRssMiB: mib(run.peakRssBytes) },
  });
  if (run.peakRssBytes > 0) {
    ctx.record({
      id: 'verify-log.cli.peak-rss',
      name: 'pnpm verify peak RSS (largest process)',
      value: mib(run.peakRssBytes),
      unit: 'MiB',
      how: 'largest VmHWM among the processes of `pnpm verify` (pnpm, tsx, node), polled every 100 ms from /proc',
    });
  }
}

export const verifyLog: Bench = {
  name: 'verify-log',
  title: 'verify a 100,000-entry district log bundle',
  budgetSeconds: { full: 240, quick: 120 },
  async run(ctx) {
    const entries = ctx.quick ? 10_000 : 100_000;
    ctx.log(`building a ${entries}-entry bundle`);
    const t0 = performance.now();
    const built = buildBundle(entries);
    const buildMs = performance.now() - t0;
    const file = join(ctx.tmpDir, `bench-${entries}.evmlog.json`);
    writeFileSync(file, built.text);
    const bytes = statSync(file).size;
    ctx.record({
      id: 'verify-log.bundle.megabytes',
      name: `bundle size, ${entries.toLocaleString('en-US')} entries`,
      value: round(bytes / 1e6),
      unit: 'MB',
      how: `file size of the ${LOG_BUNDLE_FORMAT} bundle in megabytes (10^6 bytes); entries mimic the api's (IST timestamps, 32-hex salts, `
        + `${built.devices} capture devices, one entry in 20 a 40-unit consignment)`,
      details: { bytes, bytesPerEntry: round(bytes / entries), unitsPerEntry: built.unitsPerEntry, buildSeconds: seconds(buildMs), rootHex: built.rootHex },
    });

    const t1 = performance.now();
    const text = readFileSync(file, 'utf8');
    const readMs = performance.now() - t1;
    const heapBefore = process.memoryUsage().heapUsed;
    const t2 = performance.now();
    const verified = verifyBundle(text);
    const verifyMs = performance.now() - t2;
    if (!verified.ok) throw new Error(`verifyBundle rejected the bench bundle: ${verified.error.reason} (entry ${String(verified.error.index)})`);
    if (verified.value.size !== entries || verified.value.rootHex !== built.rootHex) throw new Error('verifyBundle verified the wrong tree');
    ctx.record({
      id: 'verify-log.in-process.seconds',
      name: `verifyBundle in-process, ${entries.toLocaleString('en-US')} entries`,
      value: seconds(verifyMs),
      unit: 's',
      how: 'verifyBundle(text) from @evmtrail/shared on the file\'s text already in memory (canonical-JSON check of the whole bundle, '
        + 'schema, checkpoint signature, every entry parsed and chained, Merkle root); one run, wall time',
      details: {
        entries, readFileSeconds: seconds(readMs), entriesPerSecond: Math.round(entries / (verifyMs / 1000)),
        heapUsedBeforeMiB: mib(heapBefore), heapUsedAfterMiB: mib(process.memoryUsage().heapUsed),
      },
    });

    await measureCli(ctx, file, built, bytes);
  },
};
