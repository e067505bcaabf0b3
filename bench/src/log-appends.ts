/**
 * Figures: custody-log appends per second on PGlite and on PostgreSQL,
 * (a) one `applyUnitEvent` transaction per unit (row lock, guarded update, one log entry,
 *     its Merkle nodes, device chain and head), in sequence;
 * (b) raw `appendEntries`, 100 entries per transaction.
 * Each backend starts from a fresh migrated database with units inserted directly.
 */
import { join } from 'node:path';

import { createDb, migrateToLatest, type Database, type DB } from '@evmtrail/api/db';
import { appendEntries, applyUnitEvent, ensureDistrictLog, exportBundle, type Actor, type LogEntryDraft } from '@evmtrail/api/services';
import { verifyBundle } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import { freshDir } from './lib/fs.ts';
import { once } from './lib/once.ts';
import { createBenchDatabase, postgresReachable } from './lib/postgres.ts';
import { round, seconds, summarize } from './lib/stats.ts';
import type { Bench, BenchContext } from './lib/types.ts';

const BATCH = 100;
const KEY_SEED = new Uint8Array(32).fill(7);

interface Sizes {
  readonly units: number;
  readonly batches: number;
  /** Per phase (a or b) per backend. */
  readonly phaseCapMs: number;
}

interface District {
  readonly id: number;
  readonly origin: string;
  readonly vehicleId: number;
}

interface Setup {
  readonly unitDistrict: District;
  readonly rawDistrict: District;
  readonly serials: string[];
  readonly setupMs: number;
}

const ACTOR: Actor = { userId: 1, username: 'bench.eci', role: 'eci_admin', jurisdiction: { level: 'nation' } };

async function setUp(db: Kysely<DB>, units: number): Promise<Setup> {
  const started = performance.now();
  const now = new Date();
  const state = await db.insertInto('states').values({ code: 'BN', name: 'Bench State', nameHi: null }).returning('id').executeTakeFirstOrThrow();
  const body = await db.insertInto('electionBodies').values({ code: 'ECI', name: 'Election Commission of India', kind: 'eci', stateId: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('unitModels').values({ code: 'M3', candidatesPerBu: 16, maxBuPerCu: 24, maxVotesPerCu: 2000 }).execute();
  const districts: District[] = [];
  const manufacturers: number[] = [];
  for (const code of ['A', 'B']) {
    const origin = `bench.evmtrail.example/BN/${code}`;
    const d = await db.insertInto('districts')
      .values({ stateId: state.id, code: `BN-${code}`, name: `Bench ${code}`, nameHi: null, lat: null, lon: null, logOrigin: origin })
      .returning('id').executeTakeFirstOrThrow();
    const [mfr, vehicle] = await db.insertInto('locations')
      .values([
        { districtId: d.id, code: 'MFR-BEL-BLR', kind: 'manufacturer', name: 'BEL Bengaluru' },
        { districtId: d.id, code: 'VEH-BN-0001', kind: 'vehicle', name: 'Container truck 1' },
      ])
      .returning('id').execute();
    if (!mfr || !vehicle) throw new Error('locations not inserted');
    await ensureDistrictLog(db, { districtId: d.id, origin, keySeed: KEY_SEED, now });
    districts.push({ id: d.id, origin, vehicleId: vehicle.id });
    manufacturers.push(mfr.id);
  }
  const [unitDistrict, rawDistrict] = districts;
  if (!unitDistrict || !rawDistrict || manufacturers[0] === undefined) throw new Error('districts not inserted');
  const serials = Array.from({ length: units }, (_, i) => `BU-B-${String(i + 1).padStart(6, '0')}`);
  for (let i = 0; i < serials.length; i += 1000) {
    await db.insertInto('units').values(serials.slice(i, i + 1000).map((serial) => ({
      districtId: unitDistrict.id, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2025,
      ownerBodyId: body.id, state: 'manufactured', locationId: manufacturers[0] ?? 0, updatedAt: now,
    }))).execute();
  }
  return { unitDistrict, rawDistrict, serials, setupMs: performance.now() - started };
}

async function unitEvents(ctx: BenchContext, db: Kysely<DB>, setup: Setup, capMs: number) {
  const until = performance.now() + capMs;
  const latencies: number[] = [];
  const started = performance.now();
  for (const serial of setup.serials) {
    if (performance.now() > until || ctx.timeLeftMs() < 20_000) break;
    const t = performance.now();
    const result = await applyUnitEvent(db, {
      actor: ACTOR, districtId: setup.unitDistrict.id, serials: [serial], event: 'dispatch_from_factory',
      toLocationId: setup.unitDistrict.vehicleId, seals: [`TS-${serial}`], reason: 'bench', now: new Date(),
    });
    if (!result.ok) throw new Error(`applyUnitEvent(${serial}) failed: ${result.error.type}: ${result.error.message}`);
    latencies.push(performance.now() - t);
  }
  return { count: latencies.length, ms: performance.now() - started, latency: summarize(latencies) };
}

const DEVICES = [undefined, 'HHD-BN-01', 'HHD-BN-02', 'HHD-BN-03', 'HHD-BN-04'] as const;

function draft(i: number): LogEntryDraft {
  const dev = DEVICES[i % DEVICES.length];
  return {
    type: 'MOVE', event: 'receive_at_ac_strongroom', state: 'in_ac_strongroom',
    units: [`CU-B-${String(i % 50_000).padStart(6, '0')}`], from: 'STR-BN-DIST', to: 'STR-BN-AC-001',
    actor: 'bench.ro', witnesses: ['OBS-1'], seals: [`PS-${i}`], ...(dev ? { dev } : {}),
  };
}

async function rawBatches(ctx: BenchContext, db: Kysely<DB>, setup: Setup, batches: number, capMs: number) {
  const until = performance.now() + capMs;
  const latencies: number[] = [];
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    if (performance.now() > until || ctx.timeLeftMs() < 20_000) break;
    const drafts = Array.from({ length: BATCH }, (_, i) => draft(b * BATCH + i));
    const t = performance.now();
    const result = await db.transaction().execute((tx) => appendEntries(tx, setup.rawDistrict.id, drafts, new Date()));
    if (!result.ok) throw new Error(`appendEntries failed: ${result.error.message}`);
    latencies.push(performance.now() - t);
  }
  return { count: latencies.length * BATCH, batches: latencies.length, ms: performance.now() - started, latency: summarize(latencies) };
}

/** Exports each district's log and verifies it, so the figures count real, valid entries. */
async function verifyLogs(db: Kysely<DB>, setup: Setup): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [label, district] of [['unitEvents', setup.unitDistrict], ['rawBatches', setup.rawDistrict]] as const) {
    const { bundle, size } = await exportBundle(db, { districtId: district.id, now: new Date() });
    const verified = verifyBundle(bundle);
    if (!verified.ok) throw new Error(`the ${label} log does not verify: ${verified.error.reason}`);
    out[label] = { entries: size, verified: true };
  }
  return out;
}

async function benchBackend(ctx: BenchContext, label: 'PGlite' | 'PostgreSQL', database: Database, sizes: Sizes, openMs: number): Promise<void> {
  const key = label === 'PGlite' ? 'pglite' : 'postgres';
  const t0 = performance.now();
  await migrateToLatest(database.db);
  const migrateMs = performance.now() - t0;
  const setup = await setUp(database.db, sizes.units);
  ctx.log(`${label}: migrated in ${seconds(migrateMs)} s, ${setup.serials.length} units inserted in ${seconds(setup.setupMs)} s`);

  const a = await unitEvents(ctx, database.db, setup, sizes.phaseCapMs);
  if (a.count === 0) throw new Error(`${label}: no unit event recorded`);
  ctx.log(`${label}: ${a.count} applyUnitEvent transactions in ${seconds(a.ms)} s`);
  const b = await rawBatches(ctx, database.db, setup, sizes.batches, sizes.phaseCapMs);
  if (b.count === 0) throw new Error(`${label}: no batch appended`);
  const verified = await verifyLogs(database.db, setup);
  const backend = label === 'PGlite' ? 'file-backed PGlite data dir in the bench process' : 'local PostgreSQL server (pg pool, 127.0.0.1)';
  const common = { openSeconds: seconds(openMs), migrateSeconds: seconds(migrateMs), setupSeconds: seconds(setup.setupMs), verified };
  ctx.record({
    id: `log-appends.${key}.unit-events.per-second`,
    name: `log appends/s, applyUnitEvent per unit, ${label}`,
    value: round(a.count / (a.ms / 1000)),
    unit: 'entries/s',
    how: `${a.count} sequential applyUnitEvent(dispatch_from_factory) calls, one unit each (one transaction: row lock, `
      + `guarded update, one log entry + Merkle nodes + device head + log head) on a fresh migrated ${backend}; `
      + `entries / wall seconds${a.count < sizes.units ? ` (stopped at the ${sizes.phaseCapMs / 1000} s cap)` : ''}`,
    details: { entries: a.count, seconds: seconds(a.ms), perTransactionMs: a.latency, ...common },
  });
  ctx.record({
    id: `log-appends.${key}.batches-of-100.per-second`,
    name: `log appends/s, appendEntries x${BATCH} per tx, ${label}`,
    value: round(b.count / (b.ms / 1000)),
    unit: 'entries/s',
    how: `${b.batches} transactions of appendEntries(tx, district, ${BATCH} drafts) into a second, empty district log `
      + `(5 capture devices) on the same ${backend}; entries / wall seconds`
      + `${b.batches < sizes.batches ? ` (stopped at the ${sizes.phaseCapMs / 1000} s cap)` : ''}`,
    details: { entries: b.count, batches: b.batches, seconds: seconds(b.ms), perTransactionMs: b.latency, ...common },
  });
}

export const logAppends: Bench = {
  name: 'log-appends',
  title: 'custody log appends per second (PGlite, PostgreSQL)',
  budgetSeconds: { full: 360, quick: 150 },
  async run(ctx) {
    const sizes: Sizes = ctx.quick
      ? { units: 300, batches: 10, phaseCapMs: 20_000 }
      : { units: 2000, batches: 200, phaseCapMs: 75_000 };
    const failures: string[] = [];

    ctx.log('PGlite: fresh file-backed data dir');
    try {
      const t = performance.now();
      const pglite = await createDb({ kind: 'pglite', dataDir: freshDir(join(ctx.tmpDir, 'pglite')) });
      const close = once(() => pglite.close());
      ctx.onCleanup(close);
      await benchBackend(ctx, 'PGlite', pglite, sizes, performance.now() - t);
      await close();
    } catch (error) {
      failures.push(`PGlite: ${error instanceof Error ? error.message : String(error)}`);
    }

    const reachable = await postgresReachable();
    if (!reachable.ok) {
      ctx.note(`PostgreSQL figures skipped: server not reachable (${reachable.reason})`);
    } else {
      ctx.log(`PostgreSQL ${reachable.version}: fresh database`);
      try {
        const bench = await createBenchDatabase(`appends_${process.pid}`);
        // Registered first, so it runs after the pool is closed (cleanups run in reverse).
        ctx.onCleanup(() => bench.drop());
        const t = performance.now();
        const pg = await createDb({ kind: 'pg', connectionString: bench.url, max: 4 });
        const close = once(() => pg.close());
        ctx.onCleanup(close);
        await benchBackend(ctx, 'PostgreSQL', pg, sizes, performance.now() - t);
        await close();
        await bench.drop();
        ctx.note(`PostgreSQL ${reachable.version}; database ${bench.name} created and dropped`);
      } catch (error) {
        failures.push(`PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(failures.join('; '));
  },
};
