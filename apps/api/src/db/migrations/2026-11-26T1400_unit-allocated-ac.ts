import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time: never import app code here, never edit after merge.
 * A unit allocated to an AC carries that AC wherever it is, a district-level vehicle included,
 * so authority over it is judged at its AC (issue "The custody record defends itself", item 2).
 * Units standing at an AC's place today take that AC.
 */
const UP: readonly string[] = [
  `alter table units add column ac_id int references acs (id)`,
  `update units set ac_id = l.ac_id
     from locations l
    where l.district_id = units.district_id and l.id = units.location_id and l.ac_id is not null`,
  `create index units_ac_idx on units (district_id, ac_id, serial)`,
];

const DOWN: readonly string[] = [
  'drop index if exists units_ac_idx',
  'alter table units drop column if exists ac_id',
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
