import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { ROLES } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp } from '../src/app.ts';
import { contentSecurityPolicy, tileOrigin } from '../src/http/serving.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/* Serving the built web app and the api: compression, caching, security headers, 404s. */

const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body>${'<!-- app -->'.repeat(200)}</body></html>`;
const BUNDLE = `export const app = ${JSON.stringify('x'.repeat(50_000))};`;

let tdb: TestDatabase;
let dist: string;
let app: FastifyInstance;
let world: World;

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ROLES);
  dist = mkdtempSync(join(tmpdir(), 'evmtrail-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), BUNDLE);
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false, webDistDir: dist, tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
  rmSync(dist, { recursive: true, force: true });
});

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('compression', () => {
  test('a hashed asset in brotli, and in gzip for a client that only takes gzip', async () => {
    const br = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(BUNDLE.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BUNDLE);

    const gz = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(BUNDLE);
  });

  test('an api answer is compressed too', async () => {
    const res = await app.inject({ method: 'GET', url: '/trpc/auth.me,auth.me,auth.me?batch=1&input=%7B%7D', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    // Small answers stay plain (under the 1 kB threshold); the header must then be absent, not wrong.
    const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload).toString() : res.payload;
    expect(JSON.parse(body)).toEqual([{ result: { data: null } }, { result: { data: null } }, { result: { data: null } }]);
  });

  test('a large api answer arrives compressed', async () => {
    const signIn = await app.inject({
      method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: world.users.deo, password: PASSWORD }),
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    const input = encodeURIComponent(JSON.stringify({ districtId: world.districts.pune }));
    const res = await app.inject({ method: 'GET', url: `/trpc/unit.list?input=${input}`, headers: { 'accept-encoding': 'br', cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const body = brotliDecompressSync(res.rawPayload).toString();
    expect(body.length).toBeGreaterThan(1024);
    expect(res.rawPayload.length).toBeLessThan(body.length);
    expect(JSON.parse(body)).toMatchObject({ result: { data: { items: expect.any(Array) as unknown } } });
  });
});

describe('caching', () => {
  test('hashed /assets/* are immutable for a year; index.html and app routes are revalidated', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/units/BUB3000001']) {
      const res = await app.inject({ method: 'GET', url, headers: HTML });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.payload, url).toBe(INDEX);
    }
  });
});

describe('not found', () => {
  test.each(['/assets/x.js', '/assets/missing-123.css', '/favicon.ico', '/units/report.pdf'])('%s is a 404, not index.html', async (url) => {
    const res = await app.inject({ method: 'GET', url, headers: HTML });
    expect(res.statusCode).toBe(404);
    expect(res.payload).not.toContain('<!doctype html>');
  });

  test('an extension-less GET that does not accept HTML is a 404; so is an unknown api path', async () => {
    expect((await app.inject({ method: 'GET', url: '/units', headers: { accept: 'application/json' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/units', headers: HTML })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/trpc/no.such.procedure' })).statusCode).toBe(404);
  });
});

describe('security headers', () => {
  test.each([
    ['/', HTML],
    ['/units/BUB3000001', HTML],
    ['/assets/index-abc123.js', {}],
    ['/trpc/auth.me', {}],
    ['/assets/x.js', {}],
  ])('on %s', async (url, headers) => {
    const res = await app.inject({ method: 'GET', url, headers });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/\*\.tiles\.example\.org(;|$)/);
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  test('the tile origin comes from the configured template, and nothing else is allowed for images', () => {
    expect(tileOrigin('https://tiles.example.in/osm/{z}/{x}/{y}.png')).toBe('https://tiles.example.in');
    expect(tileOrigin('https://{s}.tile.example.org:8443/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org:8443');
    expect(tileOrigin(undefined)).toBeNull();
    expect(tileOrigin("javascript:alert(1)")).toBeNull();
    expect(tileOrigin("https://evil.example; script-src *")).toBeNull();
    expect(contentSecurityPolicy()).toContain("img-src 'self' data: blob:;");
  });
});
