import { createHash, randomBytes } from 'node:crypto';

import { err, ok, type Jurisdiction, type JurisdictionLevel, type Result, type Role } from '@evmtrail/shared';
import { addHours } from 'date-fns';
import type { Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

import type { DB } from '../../db/database.ts';
import * as repo from './auth.repository.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';

export interface Me {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
  readonly jurisdictionName: string;
  readonly jurisdictionNameHi: string;
  readonly homeDistrictId: number | null;
}

export type AuthError =
  | { readonly type: 'bad_credentials'; readonly message: string }
  | {
    readonly type: 'rate_limited'; readonly message: string; readonly retryAfterSeconds: number;
    readonly params: { readonly username: string; readonly retryAfterSeconds: number };
  }
  | {
    readonly type: 'address_rate_limited'; readonly message: string; readonly retryAfterSeconds: number;
    readonly params: { readonly address: string; readonly retryAfterSeconds: number };
  };

/** Sign-in attempts allowed per username and address, and per address, in a 15-minute window (a success refunds its attempt). */
export const SIGN_IN_LIMITS = { perUser: 5, perAddress: 50, windowSeconds: 15 * 60 } as const;

export interface SignInLimiter {
  readonly perUser: RateLimiterMemory;
  readonly perAddress: RateLimiterMemory;
}

export function createSignInLimiter(): SignInLimiter {
  return {
    perUser: new RateLimiterMemory({ points: SIGN_IN_LIMITS.perUser, duration: SIGN_IN_LIMITS.windowSeconds }),
    perAddress: new RateLimiterMemory({ points: SIGN_IN_LIMITS.perAddress, duration: SIGN_IN_LIMITS.windowSeconds }),
  };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toJurisdiction(user: repo.UserRow): Jurisdiction {
  return {
    level: user.jurisdictionLevel as JurisdictionLevel,
    ...(user.stateId !== null ? { stateId: user.stateId } : {}),
    ...(user.districtId !== null ? { districtId: user.districtId } : {}),
    ...(user.acId !== null ? { acId: user.acId } : {}),
  };
}

export async function toMe(db: Kysely<DB>, user: repo.UserRow): Promise<Me> {
  const names = await repo.jurisdictionNames(db, user);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    jurisdiction: toJurisdiction(user),
    jurisdictionName: names.en,
    jurisdictionNameHi: names.hi,
    homeDistrictId: user.districtId,
  };
}

function secondsLeft(refusal: unknown): number {
  return refusal instanceof RateLimiterRes ? Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) : SIGN_IN_LIMITS.windowSeconds;
}

/**
 * Takes one attempt from the user's and the address's allowance BEFORE the password is checked,
 * so parallel guesses cannot all pass a check made before any of them is counted. A refusal says
 * which limit was hit; the address limit names the address, since it holds for every user there.
 */
async function takeAttempt(limiter: SignInLimiter, username: string, userKey: string, address: string): Promise<AuthError | null> {
  const [user, addr] = await Promise.allSettled([limiter.perUser.consume(userKey), limiter.perAddress.consume(address)]);
  if (addr.status === 'rejected') {
    const wait = secondsLeft(addr.reason);
    return {
      type: 'address_rate_limited', retryAfterSeconds: wait, params: { address, retryAfterSeconds: wait },
      message: `Too many failed sign-ins from address ${address}; try again in ${wait} seconds`,
    };
  }
  if (user.status === 'rejected') {
    const wait = secondsLeft(user.reason);
    return {
      type: 'rate_limited', retryAfterSeconds: wait, params: { username, retryAfterSeconds: wait },
      message: `Too many failed sign-ins for ${username}; try again in ${wait} seconds`,
    };
  }
  return null;
}

export async function signIn(
  db: Kysely<DB>,
  limiter: SignInLimiter,
  input: { username: string; password: string; address: string; now: Date; ttlHours: number },
): Promise<Result<{ token: string; expiresAt: Date; me: Me }, AuthError>> {
  const username = input.username.trim().toLowerCase();
  const userKey = `${username}|${input.address}`;
  const refused = await takeAttempt(limiter, username, userKey, input.address);
  if (refused) return err(refused);
  const user = await repo.findUserByUsername(db, username);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user?.active || !valid) {
    return err({ type: 'bad_credentials', message: 'Wrong username or password' });
  }
  // A success clears the user's failures and gives the address its attempt back.
  await Promise.all([limiter.perUser.delete(userKey), limiter.perAddress.reward(input.address)]);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = addHours(input.now, input.ttlHours);
  await repo.deleteExpiredSessions(db, input.now);
  await repo.insertSession(db, { tokenHash: hashToken(token), userId: user.id, now: input.now, expiresAt });
  return ok({ token, expiresAt, me: await toMe(db, user) });
}

/**
 * A second person confirms an act with their own password (the strongroom's second key-holder):
 * counted against the same limiter as sign-in, keyed by their username and the address.
 */
export async function confirmPassword(
  limiter: SignInLimiter,
  input: { username: string; passwordHash: string | undefined; password: string; address: string },
): Promise<Result<true, AuthError>> {
  const userKey = `${input.username}|${input.address}`;
  const refused = await takeAttempt(limiter, input.username, userKey, input.address);
  if (refused) return err(refused);
  const valid = await verifyPassword(input.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!input.passwordHash || !valid) return err({ type: 'bad_credentials', message: 'Wrong password' });
  await Promise.all([limiter.perUser.delete(userKey), limiter.perAddress.reward(input.address)]);
  return ok(true);
}

export async function userForSession(db: Kysely<DB>, token: string | undefined, now: Date): Promise<repo.UserRow | undefined> {
  if (!token) return undefined;
  return repo.findUserBySession(db, hashToken(token), now);
}

export async function signOut(db: Kysely<DB>, token: string | undefined): Promise<void> {
  if (token) await repo.deleteSession(db, hashToken(token));
}
