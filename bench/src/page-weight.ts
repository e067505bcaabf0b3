/**
 * Figures: bytes on the wire with and without compression for the sign-in page (index.html and
 * the assets it loads), the whole built bundle, and Pune's map data (`location.tree`), as the api
 * serves them (brotli and gzip via @fastify/compress), through fastify inject.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { buildApp } from '@evmtrail/api/app';

import { seededApp } from './lib/seeded-app.ts';
import type { Bench, BenchContext } from './lib/types.ts';

type App = Awaited<ReturnType<typeof buildApp>>;
interface Weight { readonly raw: number; readonly br: number; readonly gzip: number }

async function weigh(app: App, url: string, headers: Record<string, string> = {}): Promise<Weight> {
  const sizes = await Promise.all(['identity', 'br', 'gzip'].map(async (encoding) => {
    const res = await app.inject({ method: 'GET', url, headers: { ...headers, 'accept-encoding': encoding } });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
    return res.rawPayload.length;
  }));
  return { raw: sizes[0] ?? 0, br: sizes[1] ?? 0, gzip: sizes[2] ?? 0 };
}

function sum(weights: readonly Weight[]): Weight {
  return weights.reduce((a, b) => ({ raw: a.raw + b.raw, br: a.br + b.br, gzip: a.gzip + b.gzip }), { raw: 0, br: 0, gzip: 0 });
}

function record(ctx: BenchContext, id: string, name: string, weight: Weight, how: string): void {
  ctx.record({ id: `page-weight.${id}.br`, name: `${name}, brotli`, value: Math.round(weight.br / 1024), unit: 'KiB', how, details: { ...weight } });
  ctx.record({ id: `page-weight.${id}.raw`, name: `${name}, uncompressed`, value: Math.round(weight.raw / 1024), unit: 'KiB', how });
}

export const pageWeight: Bench = {
  name: 'page-weight',
  title: 'page weight on the wire with compression',
  budgetSeconds: { full: 180, quick: 120 },
  needs: ['seeded-pglite'],
  async run(ctx) {
    const { dist, login, db, app } = await seededApp(ctx);

    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const entry = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    const page = sum([await weigh(app, '/', { accept: 'text/html' }), ...(await Promise.all(entry.map((url) => weigh(app, url))))]);
    record(ctx, 'sign-in', 'sign-in page (index.html and the assets it loads)', page, `${entry.length} assets named in index.html`);

    const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    const bundle = sum(await Promise.all(assets.map((f) => weigh(app, `/assets/${f}`))));
    record(ctx, 'bundle', 'whole app bundle (every JS and CSS asset, dashboard included)', bundle, `${assets.length} files in apps/web/dist/assets`);

    const signIn = await app.inject({
      method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: login.username, password: login.password }),
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    const pune = await db.selectFrom('districts').select('id').where('name', '=', 'Pune').executeTakeFirstOrThrow();
    const tree = await weigh(app, `/trpc/location.tree?input=${encodeURIComponent(JSON.stringify({ districtId: pune.id }))}`, { cookie });
    record(ctx, 'pune-map', "Pune's map data (location.tree)", tree, 'signed in as deo.pune');
  },
};
