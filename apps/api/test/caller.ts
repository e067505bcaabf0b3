import type { Kysely } from 'kysely';

import type { Context } from '../src/context.ts';
import type { DB } from '../src/db/database.ts';
import { findUserByUsername } from '../src/modules/auth/auth.repository.ts';
import { createSignInLimiter } from '../src/modules/auth/auth.service.ts';
import { appRouter } from '../src/router.ts';
import { createCallerFactory } from '../src/trpc.ts';

const createCaller = createCallerFactory(appRouter);

export interface CookieJar {
  token: string | undefined;
  cleared: boolean;
}

/** Context as the HTTP adapter builds it, for in-process calls (tRPC's createCaller). */
export function testContext(db: Kysely<DB>, user: Context['user'], jar: CookieJar = { token: undefined, cleared: false }, now = () => new Date()): Context {
  return {
    db, now, limiter: createSignInLimiter(), sessionTtlHours: 12, address: '127.0.0.1',
    sessionToken: jar.token, user,
    setSessionCookie(token) { jar.token = token; },
    clearSessionCookie() { jar.cleared = true; jar.token = undefined; },
  };
}

/** A caller signed in as `username` (or anonymous with null). */
export async function callerFor(db: Kysely<DB>, username: string | null) {
  const user = username ? await findUserByUsername(db, username) : undefined;
  if (username && !user) throw new Error(`no test user ${username}`);
  return createCaller(testContext(db, user));
}

export { createCaller };
