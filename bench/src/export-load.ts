/**
 * Figures: the api's memory and export latency while 20 clients download the Pune export
 * bundle at once from the streamed route (GET /export/districts/:id/bundle.json), each client
 * signed in as one of the seeded users who may export Pune (at most 2 exports per user at a
 * time, so 20 clients need 10 users; a client past the limit gets 429 and is counted).
 */
import { join } from 'node:path';

import { mib } from './lib/proc.ts';
import { ApiServer, describeMemory } from './lib/server.ts';
import { summarize } from './lib/stats.ts';
import type { Bench } from './lib/types.ts';

const CLIENTS = 20;
const PUNE = 1;

async function signIn(url: string, username: string, password: string): Promise<string | undefined> {
  const res = await fetch(`${url}/trpc/auth.signIn`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers.get('set-cookie');
  return res.ok && cookie ? cookie.slice(0, cookie.indexOf(';')) : undefined;
}

/** One export: status, bytes and wall time from request to last byte. */
async function download(url: string, cookie: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/export/districts/${PUNE}/bundle.json`, { headers: { cookie } });
  const bytes = (await res.arrayBuffer()).byteLength;
  return { status: res.status, bytes, ms: performance.now() - started };
}

export const exportLoad: Bench = {
  name: 'export-load',
  title: 'api memory and latency while 20 clients export bundles',
  budgetSeconds: { full: 300, quick: 180 },
  needs: ['seeded-pglite'],
  async run(ctx) {
    const rounds = ctx.quick ? 2 : 5;
    const dataDir = join(ctx.tmpDir, 'seeded');
    const seeded = await ctx.fixtures.copySeeded(dataDir);
    const server = await ApiServer.start({ dataDir, timeoutMs: Math.min(180_000, ctx.timeLeftMs()), onCleanup: ctx.onCleanup });
    const cookies: string[] = [];
    for (const user of seeded.users) {
      const cookie = await signIn(server.url, user.username, user.password);
      if (cookie && (await download(server.url, cookie)).status === 200) cookies.push(cookie, cookie);
    }
    if (cookies.length === 0) throw new Error('no seeded user may export the Pune log');
    const before = server.memory();
    ctx.log(`${CLIENTS} clients x ${rounds} exports, ${cookies.length / 2} users`);
    const results = await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
      const done: Array<{ status: number; bytes: number; ms: number }> = [];
      for (let r = 0; r < rounds; r++) done.push(await download(server.url, cookies[i % cookies.length] ?? ''));
      return done;
    }));
    const after = server.memory();
    await server.stop();
    const all = results.flat();
    const ok = all.filter((r) => r.status === 200);
    const latency = summarize(ok.map((r) => r.ms));
    const how = `${CLIENTS} concurrent clients, each ${rounds} sequential GET /export/districts/${PUNE}/bundle.json `
      + `(session cookie of one of ${cookies.length / 2} seeded users allowed to export Pune), body read to the end; time from request to last byte`;
    const details = { ...latency, ok: ok.length, refused429: all.filter((r) => r.status === 429).length, bundleBytes: ok[0]?.bytes ?? 0 };
    for (const stat of ['p50', 'p90', 'max'] as const) {
      ctx.record({ id: `export-load.${stat}`, name: `export bundle under ${CLIENTS} clients ${stat}`, value: latency[stat], unit: 'ms', how, ...(stat === 'p50' ? { details } : {}) });
    }
    if (after.server) {
      ctx.record({
        id: 'export-load.server-peak-rss',
        name: `api server peak RSS while ${CLIENTS} clients export`,
        value: mib(after.server.peakRssBytes),
        unit: 'MiB',
        how: 'VmHWM of the node process running src/server.ts after the exports (before: details.before)',
        details: { before: describeMemory(before), after: describeMemory(after) },
      });
    }
  },
};
