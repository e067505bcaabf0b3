import { sql, type Kysely, type Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

export interface LogHead {
  readonly districtId: number;
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Set when the log failed its self-check: appends and signing stop until someone repairs it. */
  readonly unverifiedReason?: string | null;
}

/** Reads the log head; `lock` takes the row lock that serialises appends to one district log. */
export async function getLogHead(db: Db, districtId: number, lock = false): Promise<LogHead | undefined> {
  let query = db
    .selectFrom('districtLogs')
    .select(['districtId', 'origin', 'size', 'rootHash', 'unverifiedReason'])
    .where('districtId', '=', districtId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { ...row, rootHash: new Uint8Array(row.rootHash) } : undefined;
}

export async function getNodes(db: Db, districtId: number, refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (refs.length === 0) return found;
  const rows = await db
    .selectFrom('logNodes')
    .select(['level', 'idx', 'hash'])
    .where('districtId', '=', districtId)
    .where((eb) => eb.or(refs.map((r) => eb.and([eb('level', '=', r.level), eb('idx', '=', r.index)]))))
    .execute();
  for (const row of rows) found.set(nodeKey(row.level, row.idx), new Uint8Array(row.hash));
  return found;
}

export function nodeKey(level: number, index: number): string {
  return `${level}:${index}`;
}

export interface DeviceHead {
  readonly dev: string;
  readonly seq: number;
  readonly lastLeafHash: Uint8Array;
}

export async function getDeviceHeads(db: Db, districtId: number, devs: readonly string[]): Promise<Map<string, DeviceHead>> {
  const heads = new Map<string, DeviceHead>();
  if (devs.length === 0) return heads;
  const rows = await db
    .selectFrom('deviceHeads')
    .select(['dev', 'seq', 'lastLeafHash'])
    .where('districtId', '=', districtId)
    .where('dev', 'in', devs)
    .forUpdate()
    .execute();
  for (const row of rows) heads.set(row.dev, { ...row, lastLeafHash: new Uint8Array(row.lastLeafHash) });
  return heads;
}

export interface NewEntryRow {
  readonly idx: number;
  readonly entry: string;
  readonly leafHash: Uint8Array;
  readonly type: string;
  readonly event: string | null;
  readonly ts: Date;
  readonly actor: string;
  readonly dev: string;
  readonly devSeq: number;
  readonly units: readonly string[];
}

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function insertEntries(
  db: Db,
  districtId: number,
  entries: readonly NewEntryRow[],
  nodes: ReadonlyArray<NodeRef & { hash: Uint8Array }>,
): Promise<void> {
  for (const part of chunks(entries)) {
    await db
      .insertInto('logEntries')
      .values(part.map(({ units: _units, ...e }) => ({ ...e, districtId })))
      .execute();
  }
  // One row per unit an entry names, sent as two arrays (a 10,000-unit receipt is one parameter
  // pair, not 30,000 parameters).
  const serials = entries.flatMap((e) => [...new Set(e.units)]);
  const indices = entries.flatMap((e) => [...new Set(e.units)].map(() => e.idx));
  if (serials.length > 0) {
    await sql`insert into log_unit_refs (district_id, serial, idx)
      select ${districtId}::int, r.serial, r.idx from unnest(${sql.val(serials)}::text[], ${sql.val(indices)}::bigint[]) as r(serial, idx)`.execute(db);
  }
  for (const part of chunks(nodes)) {
    await db
      .insertInto('logNodes')
      .values(part.map((n) => ({ districtId, level: n.level, idx: n.index, hash: n.hash })))
      .execute();
  }
}

export async function saveDeviceHeads(db: Db, districtId: number, heads: Iterable<DeviceHead>): Promise<void> {
  for (const head of heads) {
    await db
      .insertInto('deviceHeads')
      .values({ districtId, dev: head.dev, seq: head.seq, lastLeafHash: head.lastLeafHash })
      .onConflict((oc) =>
        oc.columns(['districtId', 'dev']).doUpdateSet({ seq: head.seq, lastLeafHash: head.lastLeafHash }),
      )
      .execute();
  }
}

/** Whether entry `idx` is stored: one past the head means the head was rolled back. */
export async function hasEntry(db: Db, districtId: number, idx: number): Promise<boolean> {
  const row = await db.selectFrom('logEntries').select('idx').where('districtId', '=', districtId).where('idx', '=', idx).executeTakeFirst();
  return row !== undefined;
}

export async function saveLogHead(db: Db, head: LogHead, now: Date): Promise<void> {
  await db
    .updateTable('districtLogs')
    .set({ size: head.size, rootHash: head.rootHash, updatedAt: now })
    .where('districtId', '=', head.districtId)
    .execute();
}

export interface EntryRow {
  readonly districtId: number;
  readonly idx: number;
  readonly entry: string;
  readonly leafHash: Uint8Array;
}

export async function getEntriesForUnit(db: Db, serial: string): Promise<EntryRow[]> {
  const rows = await db
    .selectFrom('logUnitRefs as r')
    .innerJoin('logEntries as e', (join) =>
      join.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'),
    )
    .select(['e.districtId', 'e.idx', 'e.entry', 'e.leafHash'])
    .where('r.serial', '=', serial)
    .orderBy('e.districtId')
    .orderBy('e.idx')
    .execute();
  return rows.map((r) => ({ ...r, leafHash: new Uint8Array(r.leafHash) }));
}

export async function getEntryRange(db: Db, districtId: number, from: number, to: number): Promise<string[]> {
  const rows = await db
    .selectFrom('logEntries')
    .select(['entry'])
    .where('districtId', '=', districtId)
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
  return rows.map((r) => r.entry);
}

export interface CheckpointRow {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  readonly note: string;
}

export async function getLatestCheckpoint(db: Db, districtId: number): Promise<CheckpointRow | undefined> {
  const row = await db
    .selectFrom('logCheckpoints')
    .select(['treeSize', 'rootHash', 'note'])
    .where('districtId', '=', districtId)
    .orderBy('treeSize', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, rootHash: new Uint8Array(row.rootHash) } : undefined;
}

export async function insertCheckpoint(
  db: Db,
  row: { districtId: number; treeSize: number; rootHash: Uint8Array; note: string; keyId: string; createdAt: Date; compactRange?: Uint8Array },
): Promise<void> {
  await db
    .insertInto('logCheckpoints')
    .values(row)
    .onConflict((oc) => oc.columns(['districtId', 'treeSize']).doNothing())
    .execute();
}

/** The public half of a district's signing key; the private seed is in the KeyStore. */
export interface DistrictKey {
  readonly keyId: string;
  readonly keyName: string;
  readonly vkey: string;
}

export async function getActiveKey(db: Db, districtId: number): Promise<DistrictKey | undefined> {
  const row = await db
    .selectFrom('districtKeys')
    .select(['keyId', 'keyName', 'vkey'])
    .where('districtId', '=', districtId)
    .where('active', '=', true)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row;
}

export async function createLogHead(
  db: Db,
  head: LogHead & { key: DistrictKey },
  now: Date,
): Promise<void> {
  await db
    .insertInto('districtLogs')
    .values({ districtId: head.districtId, origin: head.origin, size: 0, rootHash: head.rootHash, updatedAt: now })
    .execute();
  await db
    .insertInto('districtKeys')
    .values({ districtId: head.districtId, ...head.key, createdAt: now })
    .execute();
}
