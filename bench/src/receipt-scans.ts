/**
 * Figures (issue 7 item 9), on PostgreSQL:
 * (a) a 50,000-line maker's manifest uploaded in chunks and validated (then accepted), through
 *     the receipt services;
 * (b) receipt scans per second through the api over HTTP with concurrent clients, each scan a
 *     guarded update + its custody-log entry acknowledged after its commit, with p50/p99;
 * (c) beside it, pgbench on the same server in the same run: one row update + one insert per
 *     transaction, the same number of clients.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createDb, migrateToLatest, type DB } from '@evmtrail/api/db';
import {
  acceptManifest, createReceipt, ensureDistrictLog, exportBundle, hashPassword, uploadManifestChunk, validateManifest, type Actor,
} from '@evmtrail/api/services';
import { MANIFEST_CHUNK_LINES, verifyBundle } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';

import { once } from './lib/once.ts';
import { createBenchDatabase, postgresReachable } from './lib/postgres.ts';
import { ApiServer } from './lib/server.ts';
import { round, seconds, summarize } from './lib/stats.ts';
import type { Bench, BenchContext } from './lib/types.ts';

const run = promisify(execFile);
const PASSWORD = 'bench receipt scans';
const CLIENTS = 8;
/** A second run with many scanners at once (docks of a big warehouse): bigger groups per commit. */
const MANY_CLIENTS = 32;

interface World { readonly districtId: number; readonly warehouseId: number; readonly actor: Actor }

async function setUp(db: Kysely<DB>): Promise<World> {
  const now = new Date();
  const state = await db.insertInto('states').values({ code: 'BN', name: 'Bench State', nameHi: null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('electionBodies').values({ code: 'ECI', name: 'Election Commission of India', kind: 'eci', stateId: null }).execute();
  await db.insertInto('unitModels').values([{ code: 'M2', candidatesPerBu: 16, maxBuPerCu: 4, maxVotesPerCu: 2000 }, { code: 'M3', candidatesPerBu: 16, maxBuPerCu: 24, maxVotesPerCu: 2000 }]).execute();
  const origin = 'bench.evmtrail.example/BN/R';
  const district = await db.insertInto('districts').values({ stateId: state.id, code: 'BN-R', name: 'Bench R', nameHi: null, lat: null, lon: null, logOrigin: origin }).returning('id').executeTakeFirstOrThrow();
  const warehouse = await db.insertInto('locations').values({ districtId: district.id, code: 'WH-BN-R', kind: 'warehouse', name: 'Bench warehouse' }).returning('id').executeTakeFirstOrThrow();
  const user = await db.insertInto('users').values({
    username: 'bench.warehouse', displayName: 'Bench warehouse', role: 'warehouse', jurisdictionLevel: 'district',
    stateId: state.id, districtId: district.id, acId: null, passwordHash: await hashPassword(PASSWORD),
  }).returning('id').executeTakeFirstOrThrow();
  await ensureDistrictLog(db, { districtId: district.id, origin, keySeed: new Uint8Array(32).fill(9), now });
  const actor: Actor = { userId: user.id, username: 'bench.warehouse', role: 'warehouse', jurisdiction: { level: 'district', stateId: state.id, districtId: district.id } };
  return { districtId: district.id, warehouseId: warehouse.id, actor };
}

function manifestLines(count: number): { serials: string[]; text: string[] } {
  const serials = Array.from({ length: count }, (_, i) => `BUB3${String(100_000 + i).padStart(6, '0')}`);
  return { serials, text: ['kind,model,serial,year', ...serials.map((s) => `BU,M3,${s},2024`)] };
}

async function importManifest(ctx: BenchContext, db: Kysely<DB>, world: World, count: number) {
  const { serials, text } = manifestLines(count);
  const receipt = await createReceipt(db, { actor: world.actor, districtId: world.districtId, maker: 'BEL', orderRef: 'SO-BENCH-1', destinationId: world.warehouseId, now: new Date() });
  if (!receipt.ok) throw new Error(receipt.error.message);
  const receiptId = receipt.value.id;
  const t0 = performance.now();
  for (let i = 0; i < text.length; i += MANIFEST_CHUNK_LINES) {
    const uploaded = await uploadManifestChunk(db, { districtId: world.districtId, receiptId, firstLine: i + 1, text: text.slice(i, i + MANIFEST_CHUNK_LINES).join('\n') });
    if (!uploaded.ok) throw new Error(uploaded.error.message);
  }
  const uploadMs = performance.now() - t0;
  const report = await validateManifest(db, { districtId: world.districtId, receiptId, now: new Date() });
  if (!report.ok || report.value.total !== 0 || report.value.clean !== count) throw new Error(`the bench manifest does not validate clean: ${JSON.stringify(report)}`);
  const validatedMs = performance.now() - t0;
  const t1 = performance.now();
  const accepted = await acceptManifest(db, { actor: world.actor, districtId: world.districtId, receiptId, excludeProblemLines: false, now: new Date() });
  if (!accepted.ok) throw new Error(accepted.error.message);
  const acceptMs = performance.now() - t1;
  ctx.log(`manifest of ${count} lines: uploaded in ${seconds(uploadMs)} s, validated by ${seconds(validatedMs)} s, accepted in ${seconds(acceptMs)} s`);
  return { receiptId, serials, uploadMs, validatedMs, acceptMs };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.warehouse', password: PASSWORD }) });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/** CLIENTS workers post scans of the next serials until the cap; each answer is awaited (after its commit). */
async function scanLoad(p: { url: string; cookie: string; districtId: number; receiptId: number; serials: readonly string[]; capMs: number; clients: number }) {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const until = performance.now() + p.capMs;
  const worker = async () => {
    while (performance.now() < until && next < p.serials.length) {
      const serial = p.serials[next++] ?? '';
      const body = JSON.stringify({ districtId: p.districtId, task: { kind: 'receipt', id: p.receiptId }, serial, key: randomUUID(), scannedAt: new Date().toISOString(), via: 'wedge' });
      const t = performance.now();
      const res = await fetch(`${p.url}/trpc/scan.record`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: p.cookie }, body });
      const json = (await res.json()) as { result?: { data?: { outcome?: string } }; error?: { message?: string } };
      latencies.push(performance.now() - t);
      const outcome = json.result?.data?.outcome ?? `error: ${json.error?.message ?? res.status}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: p.clients }, worker));
  return { count: latencies.length, ms: performance.now() - started, latency: summarize(latencies), outcomes: Object.fromEntries(outcomes) };
}

const PGBENCH_SCRIPT = `\\set id random(1, 100000)
begin;
update pgb_units set state = 'in_warehouse', version = version + 1 where id = :id and state <> 'retired';
insert into pgb_log (unit, at, body) values (:id, now(), 'scan of unit ' || :id);
commit;
`;

async function pgbench(ctx: BenchContext, db: Kysely<DB>, url: string, durationS: number): Promise<{ tps: number; output: string }> {
  await sql`create table pgb_units (id int primary key, state text not null, version int not null default 0)`.execute(db);
  await sql`insert into pgb_units (id, state) select g, 'in_transit' from generate_series(1, 100000) g`.execute(db);
  await sql`create table pgb_log (id bigserial primary key, unit int not null, at timestamptz not null, body text not null)`.execute(db);
  const script = join(ctx.tmpDir, 'receipt-scan.sql');
  writeFileSync(script, PGBENCH_SCRIPT);
  const { stdout } = await run('pgbench', ['-n', '-f', script, '-c', String(CLIENTS), '-j', '2', '-T', String(durationS), url], { timeout: (durationS + 30) * 1000 });
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps: ${stdout}`);
  return { tps, output: stdout.trim().split('\n').slice(-3).join(' | ') };
}

export const receiptScans: Bench = {
  name: 'receipt-scans',
  title: 'receipt scans per second through the api, beside pgbench; 50,000-line manifest import (PostgreSQL)',
  budgetSeconds: { full: 300, quick: 150 },
  async run(ctx) {
    const reachable = await postgresReachable();
    if (!reachable.ok) {
      ctx.note(`skipped: PostgreSQL not reachable (${reachable.reason})`);
      return;
    }
    const lines = ctx.quick ? 10_000 : 50_000;
    const capMs = ctx.quick ? 8_000 : 15_000;
    const bench = await createBenchDatabase(`receipts_${process.pid}`);
    ctx.onCleanup(() => bench.drop());
    const database = await createDb({ kind: 'pg', connectionString: bench.url, max: 4 });
    const close = once(() => database.close());
    ctx.onCleanup(close);
    await migrateToLatest(database.db);
    const world = await setUp(database.db);
    const manifest = await importManifest(ctx, database.db, world, lines);
    ctx.record({
      id: 'receipt-scans.manifest-import.seconds', name: `manifest import + validation, ${lines} lines, PostgreSQL`,
      value: seconds(manifest.validatedMs), unit: 's',
      how: `${Math.ceil((lines + 1) / MANIFEST_CHUNK_LINES)} chunks of ${MANIFEST_CHUNK_LINES} CSV lines through uploadManifestChunk, then validateManifest `
        + '(every line checked, duplicates in the file, serials known anywhere in the country); acceptance (units made and dispatched, logged) timed apart',
      details: { uploadSeconds: seconds(manifest.uploadMs), validateSeconds: seconds(manifest.validatedMs - manifest.uploadMs), acceptSeconds: seconds(manifest.acceptMs) },
    });

    const server = await ApiServer.start({ databaseUrl: bench.url, timeoutMs: Math.min(120_000, ctx.timeLeftMs()), onCleanup: ctx.onCleanup });
    const cookie = await signIn(server.url);
    const load = await scanLoad({ url: server.url, cookie, districtId: world.districtId, receiptId: manifest.receiptId, serials: manifest.serials, capMs, clients: CLIENTS });
    const many = await scanLoad({ url: server.url, cookie, districtId: world.districtId, receiptId: manifest.receiptId, serials: manifest.serials.slice(load.count), capMs, clients: MANY_CLIENTS });
    await server.stop();
    for (const run of [load, many]) {
      if ((run.outcomes.accepted ?? 0) !== run.count) throw new Error(`not every scan was accepted: ${JSON.stringify(run.outcomes)}`);
    }
    const tps = round(load.count / (load.ms / 1000));
    const { tps: pgbenchTps, output } = await pgbench(ctx, database.db, bench.url, ctx.quick ? 5 : 10);
    ctx.record({
      id: 'receipt-scans.http.per-second', name: `receipt scans/s through the api, ${CLIENTS} clients, PostgreSQL`,
      value: tps, unit: 'scans/s',
      how: `${load.count} scan.record calls over HTTP from ${CLIENTS} concurrent clients (one session), each a new idempotency key for the next `
        + 'unit of an accepted manifest: key claimed, receipt row locked, guarded update, RECEIPT log entry, answer after the commit',
      details: { latencyMs: load.latency, outcomes: load.outcomes, seconds: seconds(load.ms), pgbenchTps, ratioToPgbench: round(tps / pgbenchTps) },
    });
    ctx.record({
      id: 'receipt-scans.http.many-clients.per-second', name: `receipt scans/s through the api, ${MANY_CLIENTS} clients, PostgreSQL`,
      value: round(many.count / (many.ms / 1000)), unit: 'scans/s',
      how: `as above with ${MANY_CLIENTS} concurrent clients: more scans wait for each commit, so each group is bigger`,
      details: { latencyMs: many.latency, outcomes: many.outcomes, seconds: seconds(many.ms) },
    });
    ctx.record({ id: 'receipt-scans.http.p50', name: 'receipt scan latency p50', value: round(load.latency.p50), unit: 'ms', how: 'per scan.record request, client side' });
    ctx.record({ id: 'receipt-scans.http.p99', name: 'receipt scan latency p99', value: round(load.latency.p99), unit: 'ms', how: 'per scan.record request, client side' });
    ctx.record({
      id: 'receipt-scans.pgbench.tps', name: `pgbench, 1 update + 1 insert per tx, ${CLIENTS} clients`, value: round(pgbenchTps), unit: 'tps',
      how: `pgbench -n -c ${CLIENTS} -j 2 -T ${ctx.quick ? 5 : 10} with a custom script (a guarded update of one of 100,000 rows and one log-row insert per transaction) on the same server, same run`,
      details: { output },
    });
    const { bundle } = await exportBundle(database.db, { districtId: world.districtId, now: new Date() });
    const verified = verifyBundle(bundle);
    if (!verified.ok) throw new Error(`the receipt log does not verify: ${verified.error.reason}`);
    await close();
    await bench.drop();
  },
};
