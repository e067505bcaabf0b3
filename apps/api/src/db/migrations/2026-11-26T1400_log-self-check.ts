import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time: never import app code here, never edit after merge.
 * The custody log checks itself before it signs (issue 6, item 6):
 * - each checkpoint keeps its compact range (the frontier subtree hashes, 32 bytes each,
 *   concatenated left to right), so the next signer extends a range it checked against a
 *   signed root instead of trusting the stored nodes;
 * - a district log found inconsistent is recorded as unverified, and appends are refused;
 * - the head tables only grow: district_logs never shrinks and its root changes only with its
 *   size, device_heads sequences only grow, district_keys rows are never changed or removed.
 */
const UP: readonly string[] = [
  `alter table log_checkpoints add column compact_range bytea`,
  `alter table district_logs add column unverified_reason text,
     add column unverified_at timestamptz`,
  `create function evmtrail_head_only_grows() returns trigger language plpgsql as $fn$
   begin
     if tg_op <> 'UPDATE' then
       raise exception '% is grow-only: % is not allowed', tg_table_name, tg_op
         using errcode = 'insufficient_privilege';
     end if;
     if tg_table_name = 'district_logs' then
       if new.size < old.size then
         raise exception 'district_logs of % is grow-only: size % cannot go back to %',
           old.origin, old.size, new.size using errcode = 'insufficient_privilege';
       end if;
       if new.size = old.size and new.root_hash <> old.root_hash then
         raise exception 'district_logs of % is grow-only: the root of size % cannot change',
           old.origin, old.size using errcode = 'insufficient_privilege';
       end if;
       if new.district_id <> old.district_id or new.origin <> old.origin then
         raise exception 'district_logs of % cannot change its district or origin', old.origin
           using errcode = 'insufficient_privilege';
       end if;
     elsif tg_table_name = 'device_heads' then
       if new.seq <= old.seq or new.dev <> old.dev or new.district_id <> old.district_id then
         raise exception 'device_heads of % is grow-only: seq % cannot become %',
           old.dev, old.seq, new.seq using errcode = 'insufficient_privilege';
       end if;
     end if;
     return new;
   end
   $fn$`,
  ...['district_logs', 'device_heads'].flatMap((table) => [
    `create trigger ${table}_grow_only before update or delete on ${table}
       for each row execute function evmtrail_head_only_grows()`,
    `create trigger ${table}_no_truncate before truncate on ${table}
       for each statement execute function evmtrail_head_only_grows()`,
  ]),
  `create trigger district_keys_append_only before update or delete on district_keys
     for each row execute function evmtrail_reject_log_change()`,
  `create trigger district_keys_no_truncate before truncate on district_keys
     for each statement execute function evmtrail_reject_log_change()`,
];

const DOWN: readonly string[] = [
  'drop trigger if exists district_keys_no_truncate on district_keys',
  'drop trigger if exists district_keys_append_only on district_keys',
  ...['district_logs', 'device_heads'].flatMap((table) => [
    `drop trigger if exists ${table}_no_truncate on ${table}`,
    `drop trigger if exists ${table}_grow_only on ${table}`,
  ]),
  'drop function if exists evmtrail_head_only_grows()',
  'alter table district_logs drop column unverified_at, drop column unverified_reason',
  'alter table log_checkpoints drop column compact_range',
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
