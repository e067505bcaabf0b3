import { createHash } from 'node:crypto';

import { ROLES } from '@evmtrail/shared';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { buildApp, SESSION_COOKIE } from '../src/app.ts';
import type { DB } from '../src/db/database.ts';
import type { AppRouter } from '../src/router.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * Sign-in, sessions and the sign-in rate limit through the real HTTP stack: Fastify, the
 * cookie plugin and the tRPC adapter, spoken to in tRPC's wire format (no transformer):
 * queries are GET /trpc/<path>?input=<json>, mutations POST /trpc/<path> with the input as the
 * JSON body, batches /trpc/<a>,<b>?batch=1 with input {"0": ..., "1": ...}.
 */

const TTL_HOURS = 2;

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let app: FastifyInstance;

interface WireError {
  readonly message: string;
  readonly data: { readonly code: string; readonly httpStatus: number; readonly path?: string };
}
type Wire = { result: { data: unknown } } | { error: WireError };

interface Reply {
  readonly status: number;
  readonly body: Wire;
  readonly setCookie: string[];
}

interface CallOptions {
  readonly input?: unknown;
  readonly token?: string;
  readonly address?: string;
  readonly on?: FastifyInstance;
}

function cookieHeader(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { cookie: `${SESSION_COOKIE}=${token}` };
}

function setCookies(header: string | string[] | number | undefined): string[] {
  if (header === undefined) return [];
  return Array.isArray(header) ? header : [String(header)];
}

async function query(path: string, options: CallOptions = {}): Promise<Reply> {
  const input = options.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(options.input))}`;
  const res = await (options.on ?? app).inject({
    method: 'GET', url: `/trpc/${path}${input}`, headers: cookieHeader(options.token), remoteAddress: options.address ?? '127.0.0.1',
  });
  return { status: res.statusCode, body: res.json<Wire>(), setCookie: setCookies(res.headers['set-cookie']) };
}

async function mutation(path: string, options: CallOptions = {}): Promise<Reply> {
  const res = await (options.on ?? app).inject({
    method: 'POST', url: `/trpc/${path}`, headers: { 'content-type': 'application/json', ...cookieHeader(options.token) },
    payload: JSON.stringify(options.input ?? {}), remoteAddress: options.address ?? '127.0.0.1',
  });
  return { status: res.statusCode, body: res.json<Wire>(), setCookie: setCookies(res.headers['set-cookie']) };
}

function data(reply: Reply): unknown {
  if ('error' in reply.body) throw new Error(`expected a result, got ${reply.status} ${reply.body.error.data.code}: ${reply.body.error.message}`);
  return reply.body.result.data;
}

function failure(reply: Reply): WireError & { status: number } {
  if (!('error' in reply.body)) throw new Error(`expected an error, got ${reply.status} ${JSON.stringify(reply.body.result.data)}`);
  return { ...reply.body.error, status: reply.status };
}

function signIn(username: string, password: string, options: Omit<CallOptions, 'input'> = {}): Promise<Reply> {
  return mutation('auth.signIn', { ...options, input: { username, password } });
}

/** The session token from a Set-Cookie header. */
function sessionToken(reply: Reply): string {
  const cookie = reply.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const token = cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0];
  if (!token) throw new Error(`no session cookie in ${JSON.stringify(reply.setCookie)}`);
  return token;
}

function attributes(cookie: string): Map<string, string> {
  const [, ...parts] = cookie.split(';').map((p) => p.trim());
  return new Map(parts.map((p) => {
    const [key = '', ...value] = p.split('=');
    return [key.toLowerCase(), value.join('=')];
  }));
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  app = await buildApp({ db, sessionTtlHours: TTL_HOURS, cookieSecure: false });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

describe('sign-in', () => {
  test('sets an HttpOnly, SameSite=Strict session cookie with an expiry, and stores only the token hash', async () => {
    const before = Date.now();
    const reply = await signIn(world.users.deo, PASSWORD, { address: '10.0.1.1' });
    expect(reply.status).toBe(200);
    expect(data(reply)).toMatchObject({ user: { username: 'deo.test', role: 'deo', jurisdictionName: 'Pune district', jurisdictionNameHi: 'Pune ज़िला', homeDistrictId: world.districts.pune } });

    const cookie = reply.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    const attrs = attributes(cookie);
    expect(attrs.has('httponly')).toBe(true);
    expect(attrs.get('samesite')).toBe('Strict');
    expect(attrs.get('path')).toBe('/');
    expect(attrs.has('secure')).toBe(false); // cookieSecure: false
    const expires = Date.parse(attrs.get('expires') ?? '');
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + TTL_HOURS * 3_600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + TTL_HOURS * 3_600_000);

    const token = sessionToken(reply);
    expect(token.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    const sessions = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.userId').select(['tokenHash', 'expiresAt', 'username']).execute();
    const mine = sessions.find((s) => s.tokenHash === createHash('sha256').update(token).digest('hex'));
    expect(mine?.username).toBe('deo.test');
    // The cookie's Expires has second precision.
    expect(Math.floor(new Date(mine?.expiresAt ?? 0).getTime() / 1000) * 1000).toBe(expires);
    expect(sessions.some((s) => s.tokenHash.includes(token))).toBe(false);
  });

  test('a secure deployment marks the cookie Secure', async () => {
    const secure = await buildApp({ db, sessionTtlHours: TTL_HOURS, cookieSecure: true });
    try {
      const reply = await signIn(world.users.ceo, PASSWORD, { on: secure, address: '10.0.1.2' });
      expect(attributes(reply.setCookie[0] ?? '').has('secure')).toBe(true);
    } finally {
      await secure.close();
    }
  });

  test('passwords are stored as argon2id hashes, never as typed', async () => {
    const users = await db.selectFrom('users').select(['username', 'passwordHash']).execute();
    expect(users).toHaveLength(ROLES.length);
    for (const user of users) {
      expect(user.passwordHash, user.username).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
      expect(user.passwordHash).not.toContain(PASSWORD);
    }
  });

  test('a username is matched without case or surrounding spaces; the password is not trimmed', async () => {
    expect(data(await signIn('  DEO.Test ', PASSWORD, { address: '10.0.1.3' }))).toMatchObject({ user: { username: 'deo.test' } });
    expect(failure(await signIn('deo.test', ` ${PASSWORD}`, { address: '10.0.1.3' })).data.code).toBe('UNAUTHORIZED');
  });

  test('a wrong password is UNAUTHORIZED "Wrong username or password", and an unknown user gets the same answer', async () => {
    const wrong = failure(await signIn(world.users.deo, 'not the password', { address: '10.0.1.4' }));
    const unknown = failure(await signIn('nobody.test', PASSWORD, { address: '10.0.1.4' }));
    for (const error of [wrong, unknown]) {
      expect(error.status).toBe(401);
      expect(error.data.code).toBe('UNAUTHORIZED');
      expect(error.message).toBe('Wrong username or password');
    }
    expect({ ...unknown, data: { ...unknown.data } }).toEqual({ ...wrong, data: { ...wrong.data } });
  });

  test('a malformed sign-in is a BAD_REQUEST', async () => {
    expect(failure(await signIn('', PASSWORD)).data.code).toBe('BAD_REQUEST');
    expect(failure(await mutation('auth.signIn', { input: { username: 'deo.test', password: PASSWORD, role: 'eci_admin' } })).data.code).toBe('BAD_REQUEST');
  });
});

describe('the sign-in rate limit', () => {
  test('after 5 failures for a user from one address, the 6th attempt is refused even with the right password', async () => {
    const address = '10.0.2.1';
    for (let i = 0; i < 5; i += 1) {
      const error = failure(await signIn(world.users.ro, `wrong ${i}`, { address }));
      expect(error.data.code, `attempt ${i + 1}`).toBe('UNAUTHORIZED');
    }
    const sixth = failure(await signIn(world.users.ro, PASSWORD, { address }));
    expect(sixth.status).toBe(429);
    expect(sixth.data.code).toBe('TOO_MANY_REQUESTS');
    expect(sixth.message).toContain('ro.test');
    expect(sixth.message).toMatch(/try again in \d+ seconds/);
    // The same user typed differently is the same user.
    expect(failure(await signIn(' RO.TEST', PASSWORD, { address })).data.code).toBe('TOO_MANY_REQUESTS');
    expect(await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.userId').select('tokenHash').where('username', '=', 'ro.test').execute()).toEqual([]);

    // Other users from that address, and the user from another address, still get in.
    expect(data(await signIn(world.users.engineer, PASSWORD, { address }))).toMatchObject({ user: { username: 'engineer.test' } });
    expect(data(await signIn(world.users.ro, PASSWORD, { address: '10.0.2.2' }))).toMatchObject({ user: { username: 'ro.test' } });
  });

  test('unknown users are limited too', async () => {
    const address = '10.0.2.3';
    for (let i = 0; i < 5; i += 1) expect(failure(await signIn('ghost.test', 'x', { address })).data.code).toBe('UNAUTHORIZED');
    const sixth = failure(await signIn('ghost.test', 'x', { address }));
    expect(sixth.data.code).toBe('TOO_MANY_REQUESTS');
    expect(sixth.message).toContain('ghost.test');
  });

  test('a successful sign-in clears the failures counted for that user', async () => {
    const address = '10.0.2.4';
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 4; i += 1) expect(failure(await signIn(world.users.sector_officer, 'wrong', { address })).data.code).toBe('UNAUTHORIZED');
      expect(data(await signIn(world.users.sector_officer, PASSWORD, { address }))).toMatchObject({ user: { username: 'sector_officer.test' } });
    }
  });
});

describe('sessions', () => {
  let token = '';

  beforeAll(async () => {
    token = sessionToken(await signIn(world.users.dy_deo, PASSWORD, { address: '10.0.3.1' }));
  });

  test('auth.me with the cookie returns the user, and without it returns null', async () => {
    expect(data(await query('auth.me', { token }))).toMatchObject({
      username: 'dy_deo.test', role: 'dy_deo', jurisdiction: { level: 'district', districtId: world.districts.pune, stateId: world.stateIds.mh },
    });
    expect(data(await query('auth.me'))).toBeNull();
    expect(data(await query('auth.me', { input: {} }))).toBeNull();
    expect(data(await query('auth.me', { token: 'forged-token' }))).toBeNull();
  });

  test('a signed-in user can use protected procedures', async () => {
    const page = data(await query('unit.list', { token, input: { districtId: world.districts.pune } })) as { items: unknown[] };
    expect(page.items).toHaveLength(6);
  });

  test.each([
    ['a query without a cookie', () => query('unit.list', { input: { districtId: 1 } })],
    ['a query with a forged cookie', () => query('dashboard.unitCounts', { token: 'forged-token', input: {} })],
    ['a mutation without a cookie', () => mutation('unit.transition', { input: { serial: 'BUB3000001', event: 'start_flc' } })],
    ['sign-out without a cookie', () => mutation('auth.signOut')],
  ])('%s is UNAUTHORIZED', async (_name, call) => {
    const error = failure(await call());
    expect(error.status).toBe(401);
    expect(error.data.code).toBe('UNAUTHORIZED');
  });

  test('a batch request with two procedures answers both', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { districtId: world.districts.pune } }));
    const res = await app.inject({ method: 'GET', url: `/trpc/auth.me,dashboard.unitCounts?batch=1&input=${input}`, headers: cookieHeader(token) });
    expect(res.statusCode).toBe(200);
    const [me, counts] = res.json<Array<{ result: { data: Record<string, unknown> } }>>();
    expect(me?.result.data).toMatchObject({ username: 'dy_deo.test' });
    expect(counts?.result.data).toMatchObject({ total: 6 });

    // One failing call in a batch fails alone (207 Multi-Status).
    const mixed = encodeURIComponent(JSON.stringify({ 0: {}, 1: { serial: 'BUB9999999' } }));
    const res2 = await app.inject({ method: 'GET', url: `/trpc/auth.me,unit.bySerial?batch=1&input=${mixed}`, headers: cookieHeader(token) });
    expect(res2.statusCode).toBe(207);
    const [ok, notFound] = res2.json<Wire[]>();
    expect(ok && 'result' in ok).toBe(true);
    expect(notFound && 'error' in notFound && notFound.error.data.code).toBe('NOT_FOUND');
  });

  test('bad input over HTTP reads as a sentence naming the field and the value, not zod JSON', async () => {
    const error = failure(await query('unit.bySerial', { input: { serial: 'x y' }, token }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^serial: /);
    expect(error.message).toContain('X Y');
    expect(error.message).not.toContain('{');
  });

  test('sign-out deletes the session and clears the cookie; the old cookie no longer works', async () => {
    const own = sessionToken(await signIn(world.users.warehouse, PASSWORD, { address: '10.0.3.2' }));
    const hash = createHash('sha256').update(own).digest('hex');
    expect(await db.selectFrom('sessions').select('tokenHash').where('tokenHash', '=', hash).execute()).toHaveLength(1);

    const out = await mutation('auth.signOut', { token: own });
    expect(data(out)).toEqual({ ok: true });
    const cleared = out.setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cleared.startsWith(`${SESSION_COOKIE}=;`)).toBe(true);
    expect(Date.parse(attributes(cleared).get('expires') ?? '')).toBeLessThan(Date.now());
    expect(await db.selectFrom('sessions').select('tokenHash').where('tokenHash', '=', hash).execute()).toEqual([]);

    expect(data(await query('auth.me', { token: own }))).toBeNull();
    expect(failure(await query('unit.list', { token: own, input: {} })).data.code).toBe('UNAUTHORIZED');
    // Another user's session is untouched.
    expect(data(await query('auth.me', { token }))).toMatchObject({ username: 'dy_deo.test' });
  });

  test('an expired session is refused', async () => {
    let clock = new Date('2029-02-10T08:00:00Z');
    const timed = await buildApp({ db, sessionTtlHours: TTL_HOURS, cookieSecure: false, now: () => clock });
    try {
      const reply = await signIn(world.users.presiding_officer, PASSWORD, { on: timed, address: '10.0.3.3' });
      const own = sessionToken(reply);
      expect(Date.parse(attributes(reply.setCookie[0] ?? '').get('expires') ?? '')).toBe(clock.getTime() + TTL_HOURS * 3_600_000);

      clock = new Date(clock.getTime() + TTL_HOURS * 3_600_000 - 1_000);
      expect(data(await query('auth.me', { on: timed, token: own }))).toMatchObject({ username: 'presiding_officer.test', jurisdictionName: 'AC 210 Kothrud', jurisdictionNameHi: 'विधानसभा क्षेत्र 210 Kothrud' });
      expect(data(await query('unit.bySerial', { on: timed, token: own, input: { serial: 'BUB3000100' } }))).toMatchObject({ unit: { serial: 'BUB3000100' } });

      clock = new Date(clock.getTime() + 1_000);
      expect(data(await query('auth.me', { on: timed, token: own }))).toBeNull();
      const error = failure(await query('unit.bySerial', { on: timed, token: own, input: { serial: 'BUB3000100' } }));
      expect(error.data.code).toBe('UNAUTHORIZED');
    } finally {
      await timed.close();
    }
  });
});

describe('a real socket with @trpc/client', () => {
  test('sign-in, a batched pair of queries with the session cookie, and sign-out', async () => {
    const server = await buildApp({ db, sessionTtlHours: TTL_HOURS, cookieSecure: false });
    const address = await server.listen({ host: '127.0.0.1', port: 0 });
    try {
      let cookie: string | undefined;
      const requests: string[] = [];
      const client = createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: `${address}/trpc`,
            // A browser's cookie jar, for one cookie.
            fetch: async (url, init) => {
              requests.push(String(url));
              const headers = new Headers(init?.headers);
              if (cookie) headers.set('cookie', cookie);
              const res = await fetch(String(url), { ...init, headers });
              const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
              if (set) cookie = set.split(';')[0];
              return res;
            },
          }),
        ],
      });

      await expect(client.auth.me.query()).resolves.toBeNull();
      const error = await client.unit.list.query({ districtId: world.districts.pune }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');

      const { user } = await client.auth.signIn.mutate({ username: world.users.engineer, password: PASSWORD });
      expect(user.username).toBe('engineer.test');
      expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));

      requests.length = 0;
      const [me, page] = await Promise.all([client.auth.me.query(), client.unit.list.query({ districtId: world.districts.pune, kind: 'CU' })]);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toContain('auth.me,unit.list');
      expect(me?.username).toBe('engineer.test');
      expect(page.items.map((i) => i.serial)).toEqual(['CUB3000001']);

      await client.auth.signOut.mutate({});
      await expect(client.auth.me.query()).resolves.toBeNull();
    } finally {
      await server.close();
    }
  });
});
