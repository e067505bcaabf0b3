import { sql, type Kysely } from 'kysely';

import type { KeyStore } from './key-store.ts';

/**
 * Before the migration that drops `district_keys.private_seed`: copies any seeds still in the
 * database into the key store, so a data dir made by an older version keeps signing. Returns
 * how many keys were moved; a no-op once the column is gone.
 */
export async function moveKeysOutOfDatabase<T>(db: Kysely<T>, store: KeyStore): Promise<number> {
  const column = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and table_name = 'district_keys' and column_name = 'private_seed'`.execute(db);
  if (column.rows[0]?.n !== 1) return 0;
  const keys = await sql<{ keyId: string; seed: Uint8Array | null }>`
    select key_id as "keyId", private_seed as seed from district_keys`.execute(db);
  let moved = 0;
  for (const key of keys.rows) {
    if (!key.seed) continue;
    await store.put(key.keyId, new Uint8Array(key.seed));
    moved += 1;
  }
  return moved;
}
