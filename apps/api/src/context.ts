import type { Kysely } from 'kysely';

import type { DB } from './db/database.ts';
import type { UserRow } from './modules/auth/auth.repository.ts';
import type { SignInLimiter } from './modules/auth/auth.service.ts';

/** Everything a procedure may use; built once per request by the HTTP adapter or by tests. */
export interface Context {
  readonly db: Kysely<DB>;
  readonly now: () => Date;
  readonly limiter: SignInLimiter;
  readonly sessionTtlHours: number;
  readonly address: string;
  readonly sessionToken: string | undefined;
  readonly user: UserRow | undefined;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}
