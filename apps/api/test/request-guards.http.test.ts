import { ROLES } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from '../src/http/request-guards.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/* Bounded requests, refused before tRPC sees them, each with a domainError the web can translate. */

let tdb: TestDatabase;
let world: World;
let app: FastifyInstance;
let cookie = '';

interface Refusal {
  readonly status: number;
  readonly code: string | undefined;
  readonly type: string | undefined;
  readonly params: Record<string, unknown> | undefined;
}

function refusal(res: { statusCode: number; json: <T>() => T }): Refusal {
  const body = res.json<{ error?: { data: { code: string; domainError?: { type: string; params: Record<string, unknown> } } } }>();
  return { status: res.statusCode, code: body.error?.data.code, type: body.error?.data.domainError?.type, params: body.error?.data.domainError?.params };
}

async function sessionCount(): Promise<number> {
  return (await tdb.db.selectFrom('sessions').select('tokenHash').execute()).length;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ROLES);
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false });
  await app.ready();
  const res = await app.inject({
    method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: world.users.observer, password: PASSWORD }),
  });
  cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
  expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

function batch(n: number): string {
  const paths = Array.from({ length: n }, () => 'auth.me').join(',');
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]));
  return `/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
}

describe('batch size', () => {
  test(`a batch of ${MAX_BATCH_SIZE} is answered; one more is a 400 batch_too_large naming the limit`, async () => {
    const ok = await app.inject({ method: 'GET', url: batch(MAX_BATCH_SIZE), headers: { cookie } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<unknown[]>()).toHaveLength(MAX_BATCH_SIZE);

    const big = refusal(await app.inject({ method: 'GET', url: batch(MAX_BATCH_SIZE + 1), headers: { cookie } }));
    expect(big).toEqual({ status: 400, code: 'BAD_REQUEST', type: 'batch_too_large', params: { limit: MAX_BATCH_SIZE } });
    expect(refusal(await app.inject({ method: 'GET', url: batch(40), headers: { cookie } })).type).toBe('batch_too_large');
  });
});

describe('request bodies', () => {
  test(`a body over ${MAX_BODY_BYTES} bytes is a 413 request_too_large`, async () => {
    const payload = JSON.stringify({ username: 'x', password: 'p'.repeat(MAX_BODY_BYTES) });
    const res = refusal(await app.inject({ method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' }, payload }));
    expect(res).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', type: 'request_too_large', params: { limit: MAX_BODY_BYTES } });
  });

  test.each([
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'],
    ['application/x-www-form-urlencoded', 'a=1'],
    ['text/plain', '{}'],
    ['application/octet-stream', '{}'],
  ])('a %s POST is a 415 and does not reach tRPC', async (type, payload) => {
    const before = await sessionCount();
    const res = refusal(await app.inject({ method: 'POST', url: '/trpc/auth.signOut', headers: { 'content-type': type, cookie }, payload }));
    expect(res).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', type: 'unsupported_media_type', params: {} });
    expect(await sessionCount()).toBe(before);
  });
});

describe('cross-site POSTs', () => {
  test.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', 'content-type': 'multipart/form-data; boundary=x' }],
    ['Sec-Fetch-Site: cross-site, even as JSON', { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }],
    ['an Origin of another host', { origin: 'https://evil.example', 'content-type': 'application/json' }],
    ['an opaque Origin', { origin: 'null', 'content-type': 'application/json' }],
  ])('%s to auth.signOut is refused and the session lives on', async (_name, headers) => {
    const before = await sessionCount();
    const res = refusal(await app.inject({ method: 'POST', url: '/trpc/auth.signOut', headers: { ...headers, cookie }, payload: '{}' }));
    expect(res.status).toBe(403);
    expect(res.type).toBe('cross_site_request');
    expect(await sessionCount()).toBe(before);
    expect((await app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { cookie } })).json()).toMatchObject({ result: { data: { username: 'observer.test' } } });
  });

  test('a same-origin JSON POST (browser headers) gets through', async () => {
    const res = await app.inject({
      method: 'POST', url: '/trpc/auth.signIn',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80', host: 'localhost:80' },
      payload: JSON.stringify({ username: world.users.deo, password: PASSWORD }),
    });
    expect(res.statusCode).toBe(200);
    const noFetchMetadata = await app.inject({
      method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json; charset=utf-8', origin: 'http://localhost:80', host: 'localhost:80' },
      payload: JSON.stringify({ username: world.users.deo, password: PASSWORD }),
    });
    expect(noFetchMetadata.statusCode).toBe(200);
  });
});
