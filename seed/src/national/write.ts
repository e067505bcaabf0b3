import { createDb, migrateDownToZero, migrateToLatest } from '@evmtrail/api/db';
import {
  copyLogEntries, copyLogHeads, copyLogUnitRefs, currentKeyStore, hashPassword, moveKeysOutOfDatabase,
  type BulkDistrictLog, type CopyInto,
} from '@evmtrail/api/services';
import type { AppendedEntry } from '@evmtrail/shared';
import pg from 'pg';

import { Prng } from '../lib/prng.ts';
import { demoPassword } from '../demo/users.ts';
import type { LoginRow } from '../login-table.ts';
import { relaxForBulkLoad, restoreAfterBulkLoad } from './bulk.ts';
import { copyRows, type CopyValue } from './copy.ts';
import { buildDistrictLog } from './district-log.ts';
import { planNational, type NationalOptions, type NationalPlan } from './plan.ts';
import {
  LOCATION_COLUMNS, UNIT_COLUMNS, acRows, assignIds, districtRows, locationRows, pcRows,
  referenceRows, stateRows, unitRefs, unitRows,
} from './rows.ts';

export interface NationalSeedOptions extends NationalOptions {
  readonly connectionString: string;
  /** Migrate down to zero and up again first (drops all data). */
  readonly reset?: boolean;
  readonly onProgress?: (message: string) => void;
}

export interface NationalReport {
  readonly states: number;
  readonly districts: number;
  readonly acs: number;
  readonly pollingStations: number;
  readonly units: number;
  readonly logEntries: number;
  readonly rows: number;
  readonly ms: number;
  readonly users: readonly LoginRow[];
}

/** The big tables, whose secondary indexes are built after the load. */
const BULK_TABLES = ['locations', 'units', 'log_unit_refs'];

/** Tables whose ids the writer assigns, with their id column's sequence to move past them. */
const SEQUENCED_TABLES = ['states', 'election_bodies', 'districts', 'pcs', 'acs', 'elections', 'users', 'locations'] as const;

async function prepareSchema(connectionString: string, reset: boolean, progress: (m: string) => void): Promise<void> {
  const database = await createDb({ kind: 'pg', connectionString, max: 1 });
  try {
    if (reset) {
      progress('Resetting: migrating down to zero and up again');
      await migrateDownToZero(database.db);
    }
    await moveKeysOutOfDatabase(database.db, currentKeyStore());
    await migrateToLatest(database.db);
    const row = await database.db.selectFrom('districts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    if (Number(row.n) > 0) {
      throw new Error(`The database already has ${row.n} districts; pass --reset to wipe it and seed the national data set`);
    }
  } finally {
    await database.close();
  }
}

interface Counter {
  rows: number;
}

async function copyTable(
  client: pg.ClientBase,
  counter: Counter,
  progress: (m: string) => void,
  table: string,
  columns: readonly string[],
  rows: Iterable<CopyValue[]>,
): Promise<number> {
  const started = performance.now();
  let done = 0;
  let reported = 0;
  const n = await copyRows(client, {
    table, columns, rows,
    onRows: (k) => {
      done += k;
      if (done - reported >= 500_000) {
        reported = done;
        progress(`  ${table}: ${done.toLocaleString('en-IN')} rows`);
      }
    },
  });
  counter.rows += n;
  const seconds = (performance.now() - started) / 1000;
  progress(`${table}: ${n.toLocaleString('en-IN')} rows in ${seconds.toFixed(1)} s (${Math.round(n / Math.max(seconds, 0.001)).toLocaleString('en-IN')} rows/s)`);
  return n;
}

async function nationalUsers(plan: NationalPlan): Promise<Array<{ row: CopyValue[]; login: LoginRow }>> {
  const rng = new Prng(`evmtrail-national|${plan.seed}|users`);
  const first = plan.districts[0];
  const specs = [
    { username: 'eci.admin', display: 'ECI Administrator', role: 'eci_admin', level: 'nation', stateId: null, districtId: null, jurisdiction: 'India' },
    ...(first ? [{
      username: `deo.${first.code.toLowerCase()}`, display: `District Election Officer, ${first.name}`, role: 'deo', level: 'district',
      stateId: first.stateIndex + 1, districtId: first.index + 1, jurisdiction: first.name,
    }] : []),
  ];
  return Promise.all(specs.map(async (s, i) => {
    const password = demoPassword(rng.fork(s.username));
    const row: CopyValue[] = [i + 1, s.username, s.display, s.role, s.level, s.stateId, s.districtId, null, await hashPassword(password)];
    return { row, login: { username: s.username, password, role: s.role, jurisdiction: s.jurisdiction } };
  }));
}

/** Reference tables: states, bodies, models, districts, PCs, ACs, the election and two users. */
async function copyReference(client: pg.ClientBase, plan: NationalPlan, counter: Counter, progress: (m: string) => void) {
  const ids = assignIds(plan);
  await copyTable(client, counter, progress, 'states', ['id', 'code', 'name', 'name_hi'], stateRows(plan));
  for (const [table, columns, rows] of referenceRows()) await copyTable(client, counter, progress, table, columns, rows);
  await copyTable(client, counter, progress, 'districts', ['id', 'state_id', 'code', 'name', 'name_hi', 'lat', 'lon', 'log_origin'], districtRows(plan));
  await copyTable(client, counter, progress, 'pcs', ['id', 'state_id', 'number', 'name', 'name_hi'], pcRows(plan, ids));
  await copyTable(client, counter, progress, 'acs', ['id', 'state_id', 'district_id', 'pc_id', 'number', 'name', 'name_hi'], acRows(plan, ids));
  const users = await nationalUsers(plan);
  await copyTable(client, counter, progress, 'users', ['id', 'username', 'display_name', 'role', 'jurisdiction_level', 'state_id', 'district_id', 'ac_id', 'password_hash'], users.map((u) => u.row));
  return { ids, users };
}

/**
 * The custody logs, through the api's bulk log repository: entries (built per district by the
 * shared log writer and streamed), unit refs, then nodes, heads, keys, chains and checkpoints.
 */
async function copyLogs(client: pg.ClientBase, plan: NationalPlan, counter: Counter, progress: (m: string) => void): Promise<number> {
  const copy: CopyInto = (table, columns, rows) => copyTable(client, counter, progress, table, columns, rows);
  const logs: BulkDistrictLog[] = [];
  function* entries(): Generator<{ districtId: number; appended: AppendedEntry }> {
    for (const district of plan.districts) {
      const districtId = district.index + 1;
      const log = buildDistrictLog(plan.seed, district, districtId);
      for (const appended of log.entries) yield { districtId, appended };
      // Keep only the small parts; the entry texts have been streamed.
      logs.push(log.bulk);
    }
  }
  const logEntries = await copyLogEntries(copy, entries());
  await copyLogUnitRefs(copy, unitRefs(plan));
  // The private seeds go to the key store (a key file each), never into the database.
  await copyLogHeads(copy, logs, currentKeyStore());
  return logEntries;
}

/**
 * Writes the national data set into PostgreSQL with COPY, in one transaction. Refuses when the
 * database already has districts unless `reset` is set.
 */
export async function seedNational(options: NationalSeedOptions): Promise<NationalReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  await prepareSchema(options.connectionString, options.reset ?? false, progress);
  const plan = planNational(options);
  progress(`Plan: ${plan.districts.length} districts, ${plan.totals.acs} ACs, ${plan.totals.pollingStations.toLocaleString('en-IN')} polling stations, ${plan.totals.units.toLocaleString('en-IN')} units in ${plan.totals.lots.toLocaleString('en-IN')} consignments`);
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  const counter: Counter = { rows: 0 };
  try {
    await client.query('begin');
    const bulk = await relaxForBulkLoad(client, BULK_TABLES);
    progress(`Bulk load: ${bulk.indexDefinitions.length} secondary indexes deferred, foreign-key triggers ${bulk.foreignKeysSkipped ? 'skipped' : 'kept (not a superuser)'}`);
    const { ids, users } = await copyReference(client, plan, counter, progress);
    await copyTable(client, counter, progress, 'locations', LOCATION_COLUMNS, locationRows(plan, ids));
    await copyTable(client, counter, progress, 'units', UNIT_COLUMNS, unitRows(plan, ids));
    const logEntries = await copyLogs(client, plan, counter, progress);
    await restoreAfterBulkLoad(client, bulk, progress);
    for (const table of SEQUENCED_TABLES) {
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`);
    }
    await client.query('commit');
    progress('Committed; updating planner statistics');
    await client.query('analyze');
    return {
      states: plan.states.length, districts: plan.districts.length, acs: plan.totals.acs,
      pollingStations: plan.totals.pollingStations, units: plan.totals.units, logEntries, rows: counter.rows,
      ms: Math.round(performance.now() - started),
      users: users.map((u) => u.login),
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
