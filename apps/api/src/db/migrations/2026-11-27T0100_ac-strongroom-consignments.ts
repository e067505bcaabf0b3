import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time: never import app code here, never edit after merge.
 * Consignments to the AC strongrooms (issue 8 item 3): prepared from a finalised first
 * randomisation, one per AC, kind 'ac_strongroom'. ac_id is the AC whose allocated units alone may
 * be loaded; ceremony_id the randomisation it was prepared from (one per AC and ceremony).
 */
const UP: readonly string[] = [
  'alter table consignments drop constraint consignments_kind_check',
  `alter table consignments add constraint consignments_kind_check
     check (kind in ('inter_warehouse', 'inter_district', 'inter_state', 'repair_out', 'repair_back', 'loan', 'ac_strongroom'))`,
  'alter table consignments add column ac_id int references acs (id)',
  'alter table consignments add column ceremony_id bigint',
  'alter table consignments add constraint consignments_ceremony_fk foreign key (district_id, ceremony_id) references ceremonies (district_id, id)',
  `alter table consignments add constraint consignments_ac_strongroom_check
     check ((kind = 'ac_strongroom') = (ac_id is not null and ceremony_id is not null))`,
  `create unique index consignments_ceremony_ac_idx on consignments (ceremony_id, ac_id, from_location_id) where kind = 'ac_strongroom'`,
];

const DOWN: readonly string[] = [
  'drop index if exists consignments_ceremony_ac_idx',
  'alter table consignments drop constraint if exists consignments_ac_strongroom_check',
  'alter table consignments drop constraint if exists consignments_ceremony_fk',
  'alter table consignments drop column if exists ceremony_id',
  'alter table consignments drop column if exists ac_id',
  'alter table consignments drop constraint consignments_kind_check',
  `alter table consignments add constraint consignments_kind_check
     check (kind in ('inter_warehouse', 'inter_district', 'inter_state', 'repair_out', 'repair_back', 'loan')) not valid`,
];

async function runAll(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await runAll(db, UP);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runAll(db, DOWN);
}
