/**
 * Figures: latency of `unit.bySerial` (a unit, its custody timeline and inclusion proofs
 * against a signed checkpoint) for random demo-district serials, over HTTP against the
 * running api, and in-process through tRPC's createCaller to separate the HTTP cost.
 */
import { join } from 'node:path';

import { appRouter } from '@evmtrail/api';
import { createDb } from '@evmtrail/api/db';

import { once } from './lib/once.ts';
import { mib } from './lib/proc.ts';
import { Prng } from './lib/seed-adapter.ts';
import { ApiServer, describeMemory } from './lib/server.ts';
import { seconds, summarize, type LatencySummary } from './lib/stats.ts';
import { createApiClient } from './lib/trpc-client.ts';
import type { Bench, BenchContext } from './lib/types.ts';

const USERNAME = 'deo.pune';
const WARMUP = 20;
/** Label of the seeded stream that picks the serials (the same picks every run). */
const PICK_SEED = 'evmtrail-bench|unit-by-serial';

type CallerContext = Exclude<Parameters<typeof appRouter.createCaller>[0], (...args: never[]) => unknown>;

function recordLatency(ctx: BenchContext, kind: 'http' | 'in-process', summary: LatencySummary, how: string, details: Record<string, unknown>): void {
  const label = kind === 'http' ? 'over HTTP' : 'in-process (createCaller)';
  for (const stat of ['p50', 'p90', 'p99', 'max'] as const) {
    ctx.record({
      id: `unit-by-serial.${kind}.${stat}`,
      name: `unit.bySerial ${label} ${stat}`,
      value: summary[stat],
      unit: 'ms',
      how,
      ...(stat === 'p50' ? { details: { ...summary, ...details } } : {}),
    });
  }
}

/** Times `call` for each serial in sequence; stops early if the budget runs low. */
async function timeCalls(ctx: BenchContext, serials: readonly string[], call: (serial: string) => Promise<unknown>): Promise<number[]> {
  for (const serial of serials.slice(0, WARMUP)) await call(serial);
  const samples: number[] = [];
  for (const serial of serials) {
    if (ctx.timeLeftMs() < 30_000) {
      ctx.note(`stopped after ${samples.length} of ${serials.length} calls to stay in the time budget`);
      break;
    }
    const started = performance.now();
    await call(serial);
    samples.push(performance.now() - started);
  }
  return samples;
}

export const unitBySerial: Bench = {
  name: 'unit-by-serial',
  title: 'unit.bySerial latency (HTTP and in-process)',
  budgetSeconds: { full: 300, quick: 180 },
  needs: ['seeded-pglite'],
  async run(ctx) {
    const calls = ctx.quick ? 100 : 500;
    const dataDir = join(ctx.tmpDir, 'seeded');
    const seeded = await ctx.fixtures.copySeeded(dataDir);
    const login = seeded.users.find((u) => u.username === USERNAME);
    if (!login) throw new Error(`the seed made no user ${USERNAME}`);

    ctx.log('starting the api on a copy of the seeded demo dir');
    const server = await ApiServer.start({ dataDir, timeoutMs: Math.min(180_000, ctx.timeLeftMs()), onCleanup: ctx.onCleanup });
    const client = createApiClient(server.url);
    await client.auth.signIn.mutate({ username: USERNAME, password: login.password });

    const listStarted = performance.now();
    const serials: string[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await client.unit.list.query({ limit: 200, ...(cursor ? { cursor } : {}) });
      serials.push(...page.items.map((u) => u.serial));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    const listMs = performance.now() - listStarted;
    ctx.log(`${serials.length} serials in ${pages} unit.list pages (${seconds(listMs)} s)`);
    if (serials.length === 0) throw new Error(`unit.list returned no units for ${USERNAME}`);

    const random = new Prng(PICK_SEED);
    const picks = Array.from({ length: calls }, () => random.pick(serials));
    const first = await client.unit.bySerial.query({ serial: picks[0] ?? '' });
    const timelineEntries = first.timeline.length;
    if (first.unit.serial !== picks[0]) throw new Error(`unit.bySerial(${picks[0]}) answered ${first.unit.serial}`);

    ctx.log(`${calls} sequential unit.bySerial calls over HTTP`);
    const http = await timeCalls(ctx, picks, (serial) => client.unit.bySerial.query({ serial }));
    const memory = server.memory();
    const stopped = await server.stop();
    const common = {
      districtUnits: serials.length, listPages: pages, listAllPagesSeconds: seconds(listMs),
      timelineEntriesOfFirstUnit: timelineEntries, warmupCalls: WARMUP, seed: PICK_SEED,
    };
    recordLatency(ctx, 'http', summarize(http),
      `${http.length} sequential unit.bySerial queries (tRPC httpLink, keep-alive fetch, session cookie) for serials picked at random `
      + `from all ${serials.length} units deo.pune sees via unit.list; each call timed from request to parsed response; ${WARMUP} warm-up calls first`,
      { ...common, serverStopSeconds: seconds(stopped.ms) });
    if (memory.server) {
      ctx.record({
        id: 'unit-by-serial.http.server-peak-rss',
        name: `api server peak RSS after ${http.length} bySerial calls`,
        value: mib(memory.server.peakRssBytes),
        unit: 'MiB',
        how: 'VmHWM of the node process running src/server.ts, read after the HTTP calls, before stopping it',
        details: describeMemory(memory),
      });
    }

    ctx.log(`${calls} sequential unit.bySerial calls in-process (createCaller) on the same data dir`);
    const database = await createDb({ kind: 'pglite', dataDir });
    const close = once(() => database.close());
    ctx.onCleanup(close);
    const user = await database.db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'role', 'jurisdictionLevel', 'stateId', 'districtId', 'acId', 'passwordHash', 'active'])
      .where('username', '=', USERNAME)
      .executeTakeFirstOrThrow();
    const context: CallerContext = {
      db: database.db,
      now: () => new Date(),
      // unit.bySerial never signs in, so the sign-in rate limiter is never touched.
      limiter: {} as CallerContext['limiter'],
      sessionTtlHours: 12,
      address: '127.0.0.1',
      sessionToken: undefined,
      user,
      setSessionCookie: () => undefined,
      clearSessionCookie: () => undefined,
    };
    const inProcess = await timeCalls(ctx, picks, (serial) => appRouter.createCaller(context).unit.bySerial({ serial }));
    await close();
    recordLatency(ctx, 'in-process', summarize(inProcess),
      `the same ${inProcess.length} serials through appRouter.createCaller(ctx).unit.bySerial in the bench process on the same `
      + `PGlite data dir (server stopped); same middleware and queries, no HTTP, no JSON, and no per-request session lookup `
      + `(the user row is preloaded); ${WARMUP} warm-up calls first`,
      common);
  },
};
