import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time: never import app code here, never edit after merge.
 * FLC mock-poll sample (issue 9 item 3): a ceremony may be an FLC sample draw ('flc_sample'),
 * tied to its campaign; one row per sampled unit's mock-poll result (votes cast, the CU's total,
 * the VVPAT slips; matched or mismatch), at most one per unit and campaign; the attendance
 * register gets its times in and out; a campaign records who closed it and when.
 */
const UP: readonly string[] = [
  'alter table ceremonies drop constraint if exists ceremonies_stage_check',
  `alter table ceremonies add constraint ceremonies_stage_check check (stage in ('first', 'second', 'supplementary', 'flc_sample'))`,
  'alter table ceremonies add column flc_campaign_id bigint',
  `alter table ceremonies add constraint ceremonies_flc_campaign_fk foreign key (district_id, flc_campaign_id) references flc_campaigns (district_id, id)`,
  `create table flc_mockpoll_results (
     district_id int not null, campaign_id bigint not null, ceremony_id bigint not null,
     serial text collate "C" not null, tier text not null,
     votes_cast int not null check (votes_cast >= 0), cu_total int not null check (cu_total >= 0), slips int not null check (slips >= 0),
     status text not null check (status in ('matched', 'mismatch')),
     recorded_by int not null references users (id), recorded_at timestamptz not null,
     primary key (district_id, campaign_id, serial),
     foreign key (district_id, campaign_id) references flc_campaigns (district_id, id),
     foreign key (district_id, ceremony_id) references ceremonies (district_id, id))`,
  `alter table flc_attendance add column time_in text check (time_in ~ '^\\d{2}:\\d{2}$')`,
  `alter table flc_attendance add column time_out text check (time_out ~ '^\\d{2}:\\d{2}$')`,
  'alter table flc_campaigns add column closed_by int references users (id)',
  'alter table flc_campaigns add column closed_at timestamptz',
];

const DOWN: readonly string[] = [
  'alter table flc_campaigns drop column if exists closed_at',
  'alter table flc_campaigns drop column if exists closed_by',
  'alter table flc_attendance drop column if exists time_out',
  'alter table flc_attendance drop column if exists time_in',
  'drop table if exists flc_mockpoll_results',
  'alter table ceremonies drop constraint if exists ceremonies_flc_campaign_fk',
  'alter table ceremonies drop column if exists flc_campaign_id',
  'alter table ceremonies drop constraint if exists ceremonies_stage_check',
  `alter table ceremonies add constraint ceremonies_stage_check check (stage in ('first', 'second', 'supplementary'))`,
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
