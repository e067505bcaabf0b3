import { sql, type Kysely, type Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Bytes the entries [0, size) take as JSON strings inside a bundle: each canonical entry text
 * plus its two quotes and one backslash per `"` or `\` (canonical texts hold no raw control
 * characters and JSON leaves non-ASCII as UTF-8), so a streamed export can send Content-Length.
 */
export async function escapedEntryBytes(db: Db, districtId: number, size: number): Promise<number> {
  const result = await sql<{ n: string | number | null }>`
    select sum(octet_length(entry) + 2
               + (length(entry) - length(replace(entry, '"', '')))
               + (length(entry) - length(replace(entry, '\\', '')))) as n
    from log_entries where district_id = ${districtId} and idx < ${size}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export async function entryPage(db: Db, districtId: number, from: number, to: number): Promise<string[]> {
  const rows = await db
    .selectFrom('logEntries')
    .select('entry')
    .where('districtId', '=', districtId)
    .where('idx', '>=', from)
    .where('idx', '<', to)
    .orderBy('idx')
    .execute();
  return rows.map((r) => r.entry);
}

const MISSING_HASH_HEX = '0'.repeat(64);

/**
 * Stored hashes [from, to) as hex, one per index: log_entries.leaf_hash (`level` undefined)
 * or log_nodes at `level`. A missing row reads as 64 zeros, which the verifier names as changed.
 */
export async function storedHashPage(
  db: Db,
  input: { districtId: number; level?: number; from: number; to: number },
): Promise<string[]> {
  const { districtId, level, from, to } = input;
  const rows = level === undefined
    ? await db.selectFrom('logEntries').select(['idx', 'leafHash as hash'])
      .where('districtId', '=', districtId).where('idx', '>=', from).where('idx', '<', to).orderBy('idx').execute()
    : await db.selectFrom('logNodes').select(['idx', 'hash'])
      .where('districtId', '=', districtId).where('level', '=', level).where('idx', '>=', from).where('idx', '<', to)
      .orderBy('idx').execute();
  const byIdx = new Map(rows.map((r) => [Number(r.idx), Buffer.from(r.hash).toString('hex')]));
  return Array.from({ length: to - from }, (_, i) => byIdx.get(from + i) ?? MISSING_HASH_HEX);
}
