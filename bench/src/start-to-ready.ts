/**
 * Figures: wall time of a first `pnpm start` on a fresh data dir (web build, migrations, demo
 * seed, api) to ready, with its phases; wall time from starting the api like `pnpm start`
 * does to a ready server, on an empty PGlite dir (initdb + migrations) and on a dir already
 * seeded with the demo district; peak RSS of the server process.
 */
import { join } from 'node:path';

import { createDb, migrateToLatest } from '@evmtrail/api/db';

import { freshDir } from './lib/fs.ts';
import { fullStart } from './lib/full-start.ts';
import { once } from './lib/once.ts';
import { mib } from './lib/proc.ts';
import { ApiServer, describeMemory, READY_TEXT } from './lib/server.ts';
import { median, seconds } from './lib/stats.ts';
import type { Bench, BenchContext } from './lib/types.ts';

const HOW = `spawn \`pnpm --filter @evmtrail/api start\` (tsx src/server.ts) with PGLITE_DATA_DIR and API_PORT=0, `
  + `until stdout has the line "${READY_TEXT}" and GET /healthz answers 200; includes pnpm and tsx start-up`;

const RSS_HOW = 'VmHWM from /proc/<pid>/status of the node process running src/server.ts (the child node tsx spawns, not pnpm or tsx\'s launcher), read right after /healthz answered';

interface StartSample {
  readonly readyLineMs: number;
  readonly healthzMs: number;
  readonly stopMs: number;
  readonly stoppedCleanly: boolean;
  readonly memory: Record<string, unknown>;
  readonly serverPeakRssBytes: number | null;
}

async function startOnce(ctx: BenchContext, dataDir: string): Promise<StartSample> {
  const server = await ApiServer.start({ dataDir, timeoutMs: Math.min(180_000, ctx.timeLeftMs()), onCleanup: ctx.onCleanup });
  const memory = server.memory();
  const stopped = await server.stop();
  return {
    readyLineMs: server.timings.readyLineMs,
    healthzMs: server.timings.healthzMs,
    stopMs: stopped.ms,
    stoppedCleanly: stopped.clean,
    memory: describeMemory(memory),
    serverPeakRssBytes: memory.server?.peakRssBytes ?? null,
  };
}

function sampleDetails(s: StartSample): Record<string, unknown> {
  return {
    readyLineSeconds: seconds(s.readyLineMs), healthzSeconds: seconds(s.healthzMs),
    stopSeconds: seconds(s.stopMs), stoppedCleanly: s.stoppedCleanly,
  };
}

/** How much of a seeded start is PGlite itself: open the dir and run the (no-op) migrations in-process. */
async function measureOpen(ctx: BenchContext, dataDir: string): Promise<void> {
  const t0 = performance.now();
  const database = await createDb({ kind: 'pglite', dataDir });
  const close = once(() => database.close());
  ctx.onCleanup(close);
  const openMs = performance.now() - t0;
  await migrateToLatest(database.db);
  const migrateMs = performance.now() - t0 - openMs;
  await close();
  ctx.record({
    id: 'start-to-ready.pglite.seeded.open-in-process.seconds',
    name: 'open seeded PGlite dir in-process (part of a start)',
    value: seconds(openMs + migrateMs),
    unit: 's',
    how: 'createDb({ kind: \'pglite\', dataDir }) + migrateToLatest (nothing to run) on the seeded dir in the already warm bench process: '
      + 'the database part of a seeded start, without pnpm, tsx, module loading or Fastify',
    details: { openSeconds: seconds(openMs), migrateNoopSeconds: seconds(migrateMs) },
  });
}

/** The first start a new user makes: `pnpm start` on a freshly installed clone with no data dir. */
async function measureFirstStart(ctx: BenchContext): Promise<void> {
  ctx.log('pnpm start on a fresh data dir (web build, migrations, demo seed, api)');
  const run = await fullStart(ctx, join(ctx.tmpDir, 'first-start'), 0);
  ctx.record({
    id: 'start-to-ready.first-start.seconds',
    name: 'pnpm start to ready on a fresh data dir (build, seed, api)',
    value: seconds(run.readyMs),
    unit: 's',
    how: `\`pnpm start\` (scripts/start.mjs) from the repo root with PGLITE_DATA_DIR set to a directory that does not exist, `
      + `until its output has the line "${READY_TEXT}": web build and demo seed (side by side), then the api; stopped with SIGTERM`,
    details: { phasesSeconds: Object.fromEntries(Object.entries(run.marks).map(([phase, ms]) => [phase, seconds(ms)])) },
  });
}

export const startToReady: Bench = {
  name: 'start-to-ready',
  title: 'start to ready: first pnpm start on a fresh data dir; api on PGlite (cold and seeded)',
  budgetSeconds: { full: 480, quick: 420 },
  needs: ['seeded-pglite'],
  async run(ctx) {
    await measureFirstStart(ctx);
    ctx.log('cold start on an empty data dir (initdb + migrations)');
    const cold = await startOnce(ctx, freshDir(join(ctx.tmpDir, 'cold')));
    ctx.record({
      id: 'start-to-ready.pglite.cold.seconds',
      name: 'start to ready, empty PGlite dir (cold, migrations)',
      value: seconds(cold.healthzMs),
      unit: 's',
      how: `${HOW}; fresh empty data dir, so PGlite creates the cluster and the api runs every migration`,
      details: { ...sampleDetails(cold), memory: cold.memory },
    });

    if (cold.serverPeakRssBytes) {
      ctx.record({
        id: 'start-to-ready.pglite.cold.server-peak-rss',
        name: 'api server peak RSS at ready, empty PGlite dir (cold)',
        value: mib(cold.serverPeakRssBytes),
        unit: 'MiB',
        how: `${RSS_HOW}; cold start (PGlite creates the cluster, the api migrates)`,
      });
    }

    const warmDir = join(ctx.tmpDir, 'seeded');
    await ctx.fixtures.copySeeded(warmDir);
    const runs = ctx.quick ? 1 : 3;
    const warm: StartSample[] = [];
    for (let i = 0; i < runs; i++) {
      if (i > 0 && ctx.timeLeftMs() < 60_000) {
        ctx.note(`seeded start: stopped after ${i} of ${runs} starts to stay in the time budget`);
        break;
      }
      ctx.log(`start ${i + 1} of ${runs} on a copy of the seeded demo dir`);
      warm.push(await startOnce(ctx, warmDir));
    }
    const first = warm[0];
    if (!first) throw new Error('no seeded start measured');
    ctx.record({
      id: 'start-to-ready.pglite.seeded.seconds',
      name: 'start to ready, seeded PGlite dir (warm)',
      value: seconds(median(warm.map((s) => s.healthzMs))),
      unit: 's',
      how: `${HOW}; data dir is a fresh copy of a dir seeded with the demo district (no migrations left to run); `
        + `median of ${warm.length} start(s) of the same dir, each stopped with SIGTERM before the next`,
      details: { samples: warm.map(sampleDetails), firstStartSeconds: seconds(first.healthzMs) },
    });
    await measureOpen(ctx, warmDir);

    const peak = Math.max(...warm.map((s) => s.serverPeakRssBytes ?? 0));
    if (peak > 0) {
      ctx.record({
        id: 'start-to-ready.pglite.seeded.server-peak-rss',
        name: 'api server peak RSS at ready, seeded PGlite',
        value: mib(peak),
        unit: 'MiB',
        how: `${RSS_HOW}; largest of the seeded starts`,
        details: { memory: first.memory },
      });
    } else {
      ctx.note('could not read the server process memory from /proc');
    }
  },
};
