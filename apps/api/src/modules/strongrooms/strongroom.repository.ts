import type { Witness } from '@evmtrail/shared';
import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';

/** A strongroom (or any location asked about as one) as the strongroom service needs it. */
export interface StrongroomRow {
  readonly id: number;
  readonly districtId: number;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly strongroomType: string | null;
  readonly acId: number | null;
  readonly sealed: boolean;
}

/** A user named on a strongroom record: who they are to a person reading it. */
export interface PersonRef {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
}

export interface KeyHolder extends PersonRef {
  readonly jurisdictionLevel: string;
  readonly stateId: number | null;
  readonly districtId: number | null;
  readonly acId: number | null;
  readonly active: boolean;
}

export interface StrongroomSession {
  readonly id: number;
  readonly locationId: number;
  readonly status: 'open' | 'closed';
  readonly openedAt: Date;
  readonly openedBy: PersonRef;
  readonly secondKeyHolder: PersonRef;
  readonly sealsBroken: readonly string[];
  readonly sealNote: string | null;
  readonly witnesses: readonly Witness[];
  readonly openLogIdx: number;
  readonly closedAt: Date | null;
  readonly closedBy: PersonRef | null;
  readonly sealsApplied: readonly string[] | null;
  readonly closeWitnesses: readonly Witness[] | null;
  readonly closeLogIdx: number | null;
}

export async function findStrongroom(db: Queryable, districtId: number, locationId: number): Promise<StrongroomRow | undefined> {
  return db.selectFrom('locations')
    .select(['id', 'districtId', 'code', 'name', 'kind', 'strongroomType', 'acId', 'sealed'])
    .where('districtId', '=', districtId).where('id', '=', locationId)
    .executeTakeFirst();
}

/** The strongroom row locked for an opening or a closing: they queue behind each other. */
export async function lockStrongroom(tx: Tx, districtId: number, locationId: number): Promise<StrongroomRow | undefined> {
  return tx.selectFrom('locations')
    .select(['id', 'districtId', 'code', 'name', 'kind', 'strongroomType', 'acId', 'sealed'])
    .where('districtId', '=', districtId).where('id', '=', locationId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setSealed(tx: Tx, districtId: number, locationId: number, sealed: boolean): Promise<void> {
  await tx.updateTable('locations').set({ sealed }).where('districtId', '=', districtId).where('id', '=', locationId).execute();
}

const KEY_HOLDER_COLUMNS = [
  'id', 'username', 'displayName', 'role', 'jurisdictionLevel', 'stateId', 'districtId', 'acId', 'active',
] as const;

export async function findUser(db: Queryable, userId: number): Promise<KeyHolder | undefined> {
  return db.selectFrom('users').select(KEY_HOLDER_COLUMNS).where('id', '=', userId).executeTakeFirst();
}

export async function passwordHashOf(db: Queryable, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirst();
  return row?.passwordHash;
}

/** The strongroom's two key-holders, first then second, if recorded. */
export async function findKeyHolders(db: Queryable, districtId: number, locationId: number): Promise<[KeyHolder, KeyHolder] | undefined> {
  const keys = await db.selectFrom('strongroomKeys').select(['firstHolderId', 'secondHolderId'])
    .where('districtId', '=', districtId).where('locationId', '=', locationId).executeTakeFirst();
  if (!keys) return undefined;
  const [first, second] = await Promise.all([findUser(db, keys.firstHolderId), findUser(db, keys.secondHolderId)]);
  return first && second ? [first, second] : undefined;
}

export async function saveKeyHolders(
  tx: Tx,
  row: { districtId: number; locationId: number; firstHolderId: number; secondHolderId: number; updatedAt: Date; updatedBy: number },
): Promise<void> {
  await tx.insertInto('strongroomKeys').values(row)
    .onConflict((oc) => oc.columns(['districtId', 'locationId']).doUpdateSet({
      firstHolderId: row.firstHolderId, secondHolderId: row.secondHolderId, updatedAt: row.updatedAt, updatedBy: row.updatedBy,
    }))
    .execute();
}

function sessionQuery(db: Queryable) {
  return db.selectFrom('strongroomSessions as s')
    .innerJoin('users as o', 'o.id', 's.openedBy')
    .innerJoin('users as k', 'k.id', 's.secondKeyHolderId')
    .leftJoin('users as c', 'c.id', 's.closedBy')
    .select([
      's.id', 's.locationId', 's.status', 's.openedAt', 's.sealsBroken', 's.sealNote', 's.witnesses', 's.openLogIdx',
      's.closedAt', 's.sealsApplied', 's.closeWitnesses', 's.closeLogIdx',
      'o.id as openedById', 'o.username as openedByUsername', 'o.displayName as openedByName', 'o.role as openedByRole',
      'k.id as keyId', 'k.username as keyUsername', 'k.displayName as keyName', 'k.role as keyRole',
      'c.id as closedById', 'c.username as closedByUsername', 'c.displayName as closedByName', 'c.role as closedByRole',
    ]);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;

/** jsonb arrives parsed from both drivers; a string would be JSON text. */
function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function toSession(r: SessionRow): StrongroomSession {
  const closedBy = r.closedById !== null && r.closedByUsername !== null && r.closedByName !== null && r.closedByRole !== null
    ? { id: r.closedById, username: r.closedByUsername, displayName: r.closedByName, role: r.closedByRole }
    : null;
  return {
    id: Number(r.id), locationId: Number(r.locationId), status: r.status, openedAt: new Date(r.openedAt),
    openedBy: { id: r.openedById, username: r.openedByUsername, displayName: r.openedByName, role: r.openedByRole },
    secondKeyHolder: { id: r.keyId, username: r.keyUsername, displayName: r.keyName, role: r.keyRole },
    sealsBroken: fromJson<string[]>(r.sealsBroken), sealNote: r.sealNote, witnesses: fromJson<Witness[]>(r.witnesses),
    openLogIdx: Number(r.openLogIdx), closedAt: r.closedAt === null ? null : new Date(r.closedAt), closedBy,
    sealsApplied: r.sealsApplied === null ? null : fromJson<string[]>(r.sealsApplied),
    closeWitnesses: r.closeWitnesses === null ? null : fromJson<Witness[]>(r.closeWitnesses),
    closeLogIdx: r.closeLogIdx === null ? null : Number(r.closeLogIdx),
  };
}

export async function findOpenSession(db: Queryable, districtId: number, locationId: number): Promise<StrongroomSession | undefined> {
  const row = await sessionQuery(db).where('s.districtId', '=', districtId).where('s.locationId', '=', locationId)
    .where('s.status', '=', 'open').executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function lastClosedSession(db: Queryable, districtId: number, locationId: number): Promise<StrongroomSession | undefined> {
  const row = await sessionQuery(db).where('s.districtId', '=', districtId).where('s.locationId', '=', locationId)
    .where('s.status', '=', 'closed').orderBy('s.id', 'desc').limit(1).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

export async function listSessions(db: Queryable, districtId: number, locationId: number, limit: number): Promise<StrongroomSession[]> {
  const rows = await sessionQuery(db).where('s.districtId', '=', districtId).where('s.locationId', '=', locationId)
    .orderBy('s.id', 'desc').limit(limit).execute();
  return rows.map(toSession);
}

export async function insertSession(
  tx: Tx,
  row: {
    districtId: number; id: number; locationId: number; openedAt: Date; openedBy: number; secondKeyHolderId: number;
    sealsBroken: readonly string[]; sealNote: string | null; witnesses: readonly Witness[]; openLogIdx: number;
  },
): Promise<number> {
  const inserted = await tx.insertInto('strongroomSessions')
    .values({ ...row, status: 'open', sealsBroken: JSON.stringify(row.sealsBroken), witnesses: JSON.stringify(row.witnesses) })
    .returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Guarded: only a session still open closes. Returns rows changed. */
export async function closeSession(
  tx: Tx,
  row: { districtId: number; id: number; closedAt: Date; closedBy: number; sealsApplied: readonly string[]; closeWitnesses: readonly Witness[]; closeLogIdx: number },
): Promise<number> {
  const result = await tx.updateTable('strongroomSessions')
    .set({
      status: 'closed', closedAt: row.closedAt, closedBy: row.closedBy, closeLogIdx: row.closeLogIdx,
      sealsApplied: JSON.stringify(row.sealsApplied), closeWitnesses: JSON.stringify(row.closeWitnesses),
    })
    .where('districtId', '=', row.districtId).where('id', '=', row.id).where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The open session of each strongroom named, share-locked so a closing waits until the moves
 * made under it commit. Strongrooms with no open session are absent from the map.
 */
export async function openSessionsOf(tx: Tx, districtId: number, locationIds: readonly number[]): Promise<Map<number, number>> {
  if (locationIds.length === 0) return new Map();
  const rows = await tx.selectFrom('strongroomSessions').select(['id', 'locationId'])
    .where('districtId', '=', districtId).where('locationId', 'in', locationIds).where('status', '=', 'open')
    .forShare().execute();
  return new Map(rows.map((r) => [Number(r.locationId), Number(r.id)]));
}

export interface LogbookEntry {
  readonly idx: number;
  readonly entry: string;
}

/**
 * The newest custody-log entries whose `from` or `to` is the location's code. Entries are
 * canonical JSON (RFC 8785: no spaces), so the code appears exactly as `"to":"<code>"`.
 */
export async function entriesTouching(db: Queryable, districtId: number, code: string, limit: number): Promise<LogbookEntry[]> {
  const quoted = JSON.stringify(code);
  const rows = await db.selectFrom('logEntries').select(['idx', 'entry'])
    .where('districtId', '=', districtId)
    .where((eb) => eb.or([
      eb(sql<number>`strpos(entry, ${`"from":${quoted}`})`, '>', 0),
      eb(sql<number>`strpos(entry, ${`"to":${quoted}`})`, '>', 0),
    ]))
    .orderBy('idx', 'desc').limit(limit).execute();
  return rows.map((r) => ({ idx: Number(r.idx), entry: r.entry }));
}

/** The id the next session will get, so its log entry can name it before the row is written. */
export async function nextSessionId(tx: Tx): Promise<number> {
  const result = await sql<{ id: string | number }>`select nextval(pg_get_serial_sequence('strongroom_sessions', 'id')) as id`.execute(tx);
  const id = result.rows[0]?.id;
  if (id === undefined) throw new Error('no session id from the sequence');
  return Number(id);
}
