import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A signed checkpoint as stored, with the compact range kept when it was signed (if any). */
export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
  readonly compactRange: Uint8Array | null;
}

function toCheckpoint(row: { treeSize: number; rootHash: Uint8Array; note: string; compactRange: Uint8Array | null }): StoredCheckpoint {
  return {
    treeSize: row.treeSize,
    rootHash: new Uint8Array(row.rootHash),
    note: row.note,
    compactRange: row.compactRange ? new Uint8Array(row.compactRange) : null,
  };
}

/** The largest signed tree size of a district log, or 0. */
export async function getLargestSignedSize(db: Db, districtId: number): Promise<number> {
  const row = await db
    .selectFrom('logCheckpoints')
    .select((eb) => eb.fn.max('treeSize').as('size'))
    .where('districtId', '=', districtId)
    .executeTakeFirst();
  return Number(row?.size ?? 0);
}

/** The newest checkpoint that kept its compact range: where a self-check starts. */
export async function getLatestCheckpointWithRange(db: Db, districtId: number): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('logCheckpoints')
    .select(['treeSize', 'rootHash', 'note', 'compactRange'])
    .where('districtId', '=', districtId)
    .where('compactRange', 'is not', null)
    .orderBy('treeSize', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

/** The newest checkpoint of at most `maxSize` entries (what reads fall back on). */
export async function getCheckpointAtMost(db: Db, districtId: number, maxSize: number): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('logCheckpoints')
    .select(['treeSize', 'rootHash', 'note', 'compactRange'])
    .where('districtId', '=', districtId)
    .where('treeSize', '<=', maxSize)
    .orderBy('treeSize', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toCheckpoint(row) : undefined;
}

export interface StoredEntry {
  readonly idx: number;
  readonly entry: string;
  readonly leafHash: Uint8Array;
}

export async function getEntriesWithHashes(db: Db, districtId: number, from: number, to: number): Promise<StoredEntry[]> {
  const rows = await db
    .selectFrom('logEntries')
    .select(['idx', 'entry', 'leafHash'])
    .where('districtId', '=', districtId)
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
  return rows.map((r) => ({ idx: r.idx, entry: r.entry, leafHash: new Uint8Array(r.leafHash) }));
}

/** Stored nodes of one level with index in [from, to], keyed by index. */
export interface LevelSpan {
  readonly level: number;
  readonly from: number;
  readonly to: number;
}

export async function getNodeSpans(db: Db, districtId: number, spans: readonly LevelSpan[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (spans.length === 0) return found;
  const rows = await db
    .selectFrom('logNodes')
    .select(['level', 'idx', 'hash'])
    .where('districtId', '=', districtId)
    .where((eb) => eb.or(spans.map((s) => eb.and([eb('level', '=', s.level), eb('idx', '>=', s.from), eb('idx', '<=', s.to)]))))
    .execute();
  for (const row of rows) found.set(`${row.level}:${row.idx}`, new Uint8Array(row.hash));
  return found;
}

/** Records that a district log failed its self-check; appends and signing stop until cleared. */
export async function markUnverified(db: Db, districtId: number, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('districtLogs')
    .set({ unverifiedReason: reason, unverifiedAt: now })
    .where('districtId', '=', districtId)
    .where('unverifiedReason', 'is', null)
    .execute();
}

export interface LogStatusRow {
  readonly districtId: number;
  readonly districtName: string;
  readonly origin: string;
  readonly size: number;
  readonly signedSize: number;
  readonly unverifiedReason: string | null;
  readonly unverifiedAt: Date | null;
}

/** Every district log with its recorded status and largest signed size, for /healthz. */
export async function listLogStatuses(db: Db): Promise<LogStatusRow[]> {
  const rows = await db
    .selectFrom('districtLogs as l')
    .innerJoin('districts as d', 'd.id', 'l.districtId')
    .select(['l.districtId', 'd.name as districtName', 'l.origin', 'l.size', 'l.unverifiedReason', 'l.unverifiedAt'])
    .select((eb) =>
      eb.selectFrom('logCheckpoints as c')
        .select((e) => e.fn.coalesce(e.fn.max('c.treeSize'), e.lit(0)).as('m'))
        .whereRef('c.districtId', '=', 'l.districtId')
        .as('signedSize'),
    )
    .orderBy('l.districtId')
    .execute();
  return rows.map((r) => ({ ...r, signedSize: Number(r.signedSize ?? 0) }));
}
