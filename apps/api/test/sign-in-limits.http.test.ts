import { ROLES } from '@evmtrail/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

import { buildApp } from '../src/app.ts';
import * as password from '../src/modules/auth/password.ts';
import { SIGN_IN_LIMITS } from '../src/modules/auth/auth.service.ts';
import { buildWorld, PASSWORD, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/*
 * The sign-in limits under parallel attempts, over HTTP: an attempt is counted before its
 * password is checked, so a burst cannot slip past a check made before any of it was counted.
 */

let tdb: TestDatabase;
let world: World;
let app: FastifyInstance;

interface Answer {
  readonly status: number;
  readonly type: string | null;
  readonly message: string;
  readonly params: Record<string, unknown>;
}

async function signIn(username: string, pass: string, address: string, on = app): Promise<Answer> {
  const res = await on.inject({
    method: 'POST', url: '/trpc/auth.signIn', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password: pass }), remoteAddress: address,
  });
  const body = res.json<{ error?: { message: string; data: { domainError: { type: string; params?: Record<string, unknown> } | null } } }>();
  return {
    status: res.statusCode, type: body.error?.data.domainError?.type ?? null,
    message: body.error?.message ?? '', params: body.error?.data.domainError?.params ?? {},
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ROLES);
  app = await buildApp({ db: tdb.db, sessionTtlHours: 2, cookieSecure: false });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await tdb.dispose();
});

describe('sign-in limits under parallel attempts', () => {
  test('100 parallel wrong passwords for one user: at most 5 passwords are checked, the rest are refused', async () => {
    const verify = vi.spyOn(password, 'verifyPassword');
    try {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(world.users.ro, `wrong ${i}`, '10.9.0.1')));
      expect(verify.mock.calls.length).toBe(SIGN_IN_LIMITS.perUser);
      expect(answers.filter((a) => a.status === 401)).toHaveLength(SIGN_IN_LIMITS.perUser);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(100 - SIGN_IN_LIMITS.perUser);
      expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    } finally {
      verify.mockRestore();
    }
  });

  test('a burst of 20 with the right password at position 17 does not sign in', async () => {
    const burst = Array.from({ length: 20 }, (_, i) => (i === 16 ? PASSWORD : `guess ${i}`));
    const answers = await Promise.all(burst.map((p) => signIn(world.users.engineer, p, '10.9.0.2')));
    expect(answers.some((a) => a.status === 200)).toBe(false);
    expect(answers[16]?.status).toBe(429);
    expect(answers[16]?.type).toBe('rate_limited');
    expect(answers[16]?.message).toContain('engineer.test');
    const sessions = await tdb.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.userId').select('username').where('username', '=', 'engineer.test').execute();
    expect(sessions).toEqual([]);
  });

  test('the per-address lockout names the address, not a user, and holds for every user there', async () => {
    const address = '10.9.0.3';
    // Spread over many usernames so that no per-user limit is hit first.
    const guesses = Array.from({ length: SIGN_IN_LIMITS.perAddress }, (_, i) => signIn(`spray${i}.test`, 'x', address));
    expect((await Promise.all(guesses)).every((a) => a.status === 401)).toBe(true);

    for (const username of [world.users.deo, 'someone.else']) {
      const refused = await signIn(username, PASSWORD, address);
      expect(refused.status).toBe(429);
      expect(refused.type).toBe('address_rate_limited');
      expect(refused.params.address).toBe(address);
      expect(refused.message).toContain(address);
      expect(refused.message).not.toContain(username);
    }
    // Another address is not affected.
    expect((await signIn(world.users.deo, PASSWORD, '10.9.0.4')).status).toBe(200);
  });

  test('successful sign-ins give the address its attempts back', async () => {
    const address = '10.9.0.5';
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress + 5; i += 1) {
      expect((await signIn(world.users.dy_deo, PASSWORD, address)).status, `sign-in ${i + 1}`).toBe(200);
    }
  });
});
