import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface UserRow {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly jurisdictionLevel: string;
  readonly stateId: number | null;
  readonly districtId: number | null;
  readonly acId: number | null;
  readonly passwordHash: string;
  readonly active: boolean;
}

const USER_COLUMNS = [
  'users.id', 'users.username', 'users.displayName', 'users.role', 'users.jurisdictionLevel',
  'users.stateId', 'users.districtId', 'users.acId', 'users.passwordHash', 'users.active',
] as const;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('username', '=', username).executeTakeFirst();
}

export async function findUserBySession(db: Db, tokenHash: string, now: Date): Promise<UserRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select(USER_COLUMNS)
    .where('sessions.tokenHash', '=', tokenHash)
    .where('sessions.expiresAt', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function insertSession(db: Db, row: { tokenHash: string; userId: number; now: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ tokenHash: row.tokenHash, userId: row.userId, createdAt: row.now, lastSeenAt: row.now, expiresAt: row.expiresAt })
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now).execute();
}

/** The jurisdiction's name in English and Hindi, e.g. 'AC 210 Kothrud' / 'विधानसभा क्षेत्र 210 कोथरूड'. */
export async function jurisdictionNames(db: Db, user: UserRow): Promise<{ en: string; hi: string }> {
  if (user.acId !== null) {
    const ac = await db.selectFrom('acs').select(['number', 'name', 'nameHi']).where('id', '=', user.acId).executeTakeFirst();
    if (ac) return { en: `AC ${ac.number} ${ac.name}`, hi: `विधानसभा क्षेत्र ${ac.number} ${ac.nameHi ?? ac.name}` };
  }
  if (user.districtId !== null) {
    const d = await db.selectFrom('districts').select(['name', 'nameHi']).where('id', '=', user.districtId).executeTakeFirst();
    if (d) return { en: `${d.name} district`, hi: `${d.nameHi ?? d.name} ज़िला` };
  }
  if (user.stateId !== null) {
    const s = await db.selectFrom('states').select(['name', 'nameHi']).where('id', '=', user.stateId).executeTakeFirst();
    if (s) return { en: s.name, hi: s.nameHi ?? s.name };
  }
  return { en: 'India', hi: 'भारत' };
}
