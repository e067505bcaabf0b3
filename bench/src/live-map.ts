/**
 * Figures for the live map (issue 10 item 4): the map data's size on the wire (location.tree and
 * location.mapStatus, raw and brotli) and the map page's time to ready in chromium, for the demo
 * district (8,363 polling stations) and with Pune grown to 30,000 polling stations.
 * Ready = the page's first poll of the statuses has answered and the clusters are drawn.
 */
import { existsSync } from 'node:fs';

import type { buildApp } from '@evmtrail/api/app';
import { chromium } from 'playwright-core';

import { seededApp } from './lib/seeded-app.ts';
import type { Bench, BenchContext } from './lib/types.ts';

type App = Awaited<ReturnType<typeof buildApp>>;
const TARGET = 30_000;

async function size(app: App, url: string, cookie: string, encoding: string): Promise<number> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie, 'accept-encoding': encoding } });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
  return res.rawPayload.length;
}

async function weighMapData(ctx: BenchContext, app: App, cookie: string, districtId: number, label: string, id: string): Promise<void> {
  const input = encodeURIComponent(JSON.stringify({ districtId }));
  for (const [path, what] of [['location.tree', 'map data (location.tree)'], ['location.mapStatus', 'station statuses (location.mapStatus, first poll)']] as const) {
    const url = `/trpc/${path}?input=${input}`;
    const [raw, br] = [await size(app, url, cookie, 'identity'), await size(app, url, cookie, 'br')];
    // The statuses are small (only stations holding units are listed): count them in bytes.
    const inBytes = path === 'location.mapStatus';
    ctx.record({ id: `live-map.${id}.${path}.br`, name: `${label}: ${what}, brotli`, value: inBytes ? br : Math.round(br / 1024), unit: inBytes ? 'B' : 'KiB', how: 'fastify inject, signed in as deo.pune', details: { raw, br } });
  }
}

/** Opens /map in a fresh chromium page and times it to first contentful paint and to ready. */
async function timeMapPage(baseUrl: string, username: string, password: string): Promise<{ fcp: number; ready: number }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: baseUrl });
    const signIn = await context.request.post('/trpc/auth.signIn', { data: { username, password } });
    if (!signIn.ok()) throw new Error(`sign in: ${signIn.status()}`);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto('/map');
    await page.locator('.map-live[data-version]').waitFor({ timeout: 120_000 });
    await page.locator('.cluster-icon').first().waitFor({ timeout: 120_000 });
    const ready = Date.now() - t0;
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    return { fcp: Math.round(fcp), ready };
  } finally {
    await browser.close();
  }
}

export const liveMap: Bench = {
  name: 'live-map',
  title: 'live map: data size and page ready in chromium, 8,363 and 30,000 polling stations',
  budgetSeconds: { full: 300, quick: 240 },
  needs: ['seeded-pglite'],
  async run(ctx) {
    const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(chromiumPath)) {
      ctx.note(`live-map: no chromium at ${chromiumPath}; skipped`);
      return;
    }
    const { login, db, app } = await seededApp(ctx);
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    const signIn = await app.inject({
      method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: login.username, password: login.password }),
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    const pune = await db.selectFrom('districts').select('id').where('name', '=', 'Pune').executeTakeFirstOrThrow();
    const count = async () => Number((await db.selectFrom('locations').select((eb) => eb.fn.countAll<number>().as('n')).where('districtId', '=', pune.id).where('kind', '=', 'polling_station').executeTakeFirstOrThrow()).n);

    const demo = await count();
    await weighMapData(ctx, app, cookie, pune.id, `Pune, ${demo} polling stations`, 'demo');
    const small = await timeMapPage(baseUrl, login.username, login.password);
    ctx.record({ id: 'live-map.demo.ready', name: `map page ready, ${demo} polling stations`, value: small.ready, unit: 'ms', how: 'chromium, 1280x800: goto /map until the first status poll answered and clusters are drawn', details: { ...small } });

    // Grow Pune to 30,000 polling stations: copies of its stations, jittered about 2 km.
    const existing = await db.selectFrom('locations').select(['acId', 'lat', 'lon', 'name', 'nameHi', 'electors']).where('districtId', '=', pune.id).where('kind', '=', 'polling_station').orderBy('id').execute();
    const rows = [];
    for (let i = 0; rows.length < TARGET - demo; i++) {
      const s = existing[i % existing.length];
      if (!s) break;
      const jitter = (k: number) => (Math.sin(i * 12.9898 + k * 78.233) * 0.02);
      rows.push({
        districtId: pune.id, code: `PS-BENCH-${String(i + 1).padStart(5, '0')}`, kind: 'polling_station', strongroomType: null,
        name: `${s.name} (bench ${i + 1})`, nameHi: s.nameHi, acId: s.acId, parentId: null,
        lat: s.lat === null ? null : s.lat + jitter(1), lon: s.lon === null ? null : s.lon + jitter(2), psNumber: 10_000 + i, electors: s.electors,
      });
    }
    for (let i = 0; i < rows.length; i += 2000) await db.insertInto('locations').values(rows.slice(i, i + 2000)).execute();
    const large = await count();
    await weighMapData(ctx, app, cookie, pune.id, `Pune grown to ${large} polling stations`, 'grown');
    const big = await timeMapPage(baseUrl, login.username, login.password);
    ctx.record({ id: 'live-map.grown.ready', name: `map page ready, ${large} polling stations`, value: big.ready, unit: 'ms', how: 'chromium, 1280x800: goto /map until the first status poll answered and clusters are drawn', details: { ...big } });
    ctx.record({ id: 'live-map.grown.fcp', name: `map page first contentful paint, ${large} polling stations`, value: big.fcp, unit: 'ms', how: 'performance first-contentful-paint entry' });
  },
};
