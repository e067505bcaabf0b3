import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time: never import app code here, never edit after merge.
 * District signing keys leave the database (issue 6, item 6): the private seed column goes.
 * The api and the seed move existing seeds to the key store before migrating
 * (moveKeysOutOfDatabase); down restores an empty column, not the keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table district_keys drop column private_seed`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table district_keys add column private_seed bytea`.execute(db);
}
