import type pg from 'pg';

/*
 * Bulk-load settings for the national COPY (PostgreSQL manual, "Populating a Database"):
 * build secondary indexes once at the end instead of row by row, and skip the per-row
 * foreign-key triggers when the role may (the generator writes consistent ids by
 * construction, and the tests check the relationships afterwards). Everything runs inside
 * the caller's transaction, so a failure leaves the schema as it was.
 */

export interface BulkLoadState {
  /** The secondary indexes that were dropped, as `create index` statements. */
  readonly indexDefinitions: readonly string[];
  readonly foreignKeysSkipped: boolean;
}

/** Drops the non-unique indexes of `tables` and, if allowed, turns off FK triggers. */
export async function relaxForBulkLoad(client: pg.ClientBase, tables: readonly string[]): Promise<BulkLoadState> {
  await client.query(`set local maintenance_work_mem = '256MB'`);
  const foreignKeysSkipped = await trySkippingTriggers(client);
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = any($1)
        and not x.indisunique and not x.indisprimary
      order by i.relname`,
    [tables],
  );
  for (const row of rows) await client.query(`drop index ${quoteIdent(row.name)}`);
  return { indexDefinitions: rows.map((r) => r.definition), foreignKeysSkipped };
}

/** Rebuilds the dropped indexes and turns the triggers back on. */
export async function restoreAfterBulkLoad(client: pg.ClientBase, state: BulkLoadState, progress: (m: string) => void): Promise<void> {
  for (const definition of state.indexDefinitions) {
    const started = performance.now();
    await client.query(definition);
    progress(`${definition.replace(/ USING btree/, '')}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (state.foreignKeysSkipped) await client.query('set local session_replication_role = origin');
}

async function trySkippingTriggers(client: pg.ClientBase): Promise<boolean> {
  await client.query('savepoint bulk_triggers');
  try {
    await client.query('set local session_replication_role = replica');
    await client.query('release savepoint bulk_triggers');
    return true;
  } catch {
    // Not a superuser: keep the checks, just slower.
    await client.query('rollback to savepoint bulk_triggers');
    return false;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
