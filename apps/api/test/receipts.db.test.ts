import { randomUUID } from 'node:crypto';

import { ROLES, verifyBundle, type DistrictId, type ScanResult, type UnitSerial } from '@evmtrail/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { DomainTRPCError } from '../src/errors.ts';
import { exportBundle } from '../src/modules/custody/log.service.ts';
import { recordScanGrouped } from '../src/modules/scans/scan-batcher.ts';
import type { Actor } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let warehouse: Caller;
let deo: Caller;
let observer: Caller;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  warehouse = await callerFor(db, world.users.warehouse);
  deo = await callerFor(db, world.users.deo);
  observer = await callerFor(db, world.users.observer);
});

afterAll(async () => {
  await tdb.dispose();
});

const CLEAN = ['kind,model,serial,year', 'BU,M3,BUB3500001,2023', 'BU,M3,BUB3500002,2023', 'CU,M3,CUB3500001,2024', 'VVPAT,M3,VVB3500001,2022'].join('\n');

async function newReceipt(orderRef: string, csv: string, caller = warehouse) {
  const receipt = await caller.receipt.create({ districtId: pune, maker: 'BEL', orderRef, destinationId: world.locations.puneWh });
  await caller.receipt.uploadChunk({ districtId: pune, receiptId: receipt.id, firstLine: 1, text: csv });
  return receipt.id;
}

function scan(receiptId: number, serial: string, key: string = randomUUID(), caller = warehouse): Promise<ScanResult> {
  return caller.scan.record({ districtId: pune, task: { kind: 'receipt', id: receiptId }, serial, key, scannedAt: new Date().toISOString(), via: 'wedge' });
}

async function logSize(): Promise<number> {
  return (await db.selectFrom('districtLogs').select('size').where('districtId', '=', pune).executeTakeFirstOrThrow()).size;
}

async function unitCount(): Promise<number> {
  return Number((await db.selectFrom('units').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

describe('manifest validation', () => {
  test('names every planted problem with its line and serial, and writes no unit', async () => {
    const csv = [
      'kind,model,serial,year',
      'BU,M3,BUB3600001,2023', // 2 clean
      'BU,M3,BU-XX-1,2023', // 3 malformed serial
      'CU,M3,BUB3600002,2023', // 4 kind does not match the serial
      'BU,M3,BUB3600001,2023', // 5 duplicate of line 2
      `BU,M3,${world.units.puneWarehouse[0] ?? ''},2023`, // 6 known in Pune
      `BU,M3,${world.units.mumbai},2023`, // 7 known in another district
      'BU,M2,BUB3600003,2023', // 8 model does not match the serial
      'BU,M3,BUE3600004,2023', // 9 an ECIL serial on a BEL manifest
      'BU,M3,BUB3600005,2011', // 10 before M3 existed
      'BU;M3;BUB3600006;2023', // 11 not four columns
    ].join('\n');
    const before = { units: await unitCount(), log: await logSize() };
    const receiptId = await newReceipt('SO-PLANTED', csv);
    const report = await warehouse.receipt.validate({ districtId: pune, receiptId });
    expect(report.lines).toBe(10);
    expect(report.clean).toBe(1);
    const byLine = report.problems.map((p) => [p.line, p.type, p.serial]);
    expect(byLine).toEqual([
      [3, 'malformed_serial', 'BU-XX-1'],
      [4, 'kind_mismatch', 'BUB3600002'],
      [5, 'duplicate_in_file', 'BUB3600001'],
      [6, 'known_in_district', world.units.puneWarehouse[0]],
      [7, 'known_elsewhere', world.units.mumbai],
      [8, 'model_mismatch', 'BUB3600003'],
      [9, 'maker_mismatch', 'BUE3600004'],
      [10, 'year_out_of_range', 'BUB3600005'],
      [11, 'malformed_line', 'BU;M3;BUB3600006;2023'],
    ]);
    expect(report.problems[2]).toMatchObject({ otherLine: 2 });
    expect(report.problems[3]).toMatchObject({ locationName: 'District warehouse' });
    expect(report.problems[4]).not.toHaveProperty('locationName');
    const error = await trpcError(warehouse.receipt.accept({ districtId: pune, receiptId }));
    expect(domainErrorOf(error)).toMatchObject({ type: 'manifest_has_problems', params: { orderRef: 'SO-PLANTED', count: 9 } });
    expect({ units: await unitCount(), log: await logSize() }).toEqual(before);
  });

  test('accepting with the problem lines left out takes in the clean lines and hands the conflicts to the DEO', async () => {
    const receiptId = await newReceipt('SO-EXCLUDE', ['kind,model,serial,year', 'BU,M3,BUB3610001,2023', 'BU,M3,BUB3610001,2023', `BU,M3,${world.units.mumbai},2023`].join('\n'));
    const accepted = await warehouse.receipt.accept({ districtId: pune, receiptId, excludeProblemLines: true });
    expect(accepted).toMatchObject({ status: 'receiving', expected: 1 });
    const detail = await warehouse.receipt.byId({ districtId: pune, receiptId });
    expect(detail.issues.map((i) => [i.kind, i.serial, i.line])).toEqual([['conflict', 'BUB3610001', 3], ['conflict', world.units.mumbai, 4]]);
    const resolved = await deo.receipt.resolveIssue({ districtId: pune, receiptId, kind: 'conflict', serial: world.units.mumbai, resolution: 'returned_to_maker', note: 'Already in Mumbai' });
    expect(resolved.status).toBe('receiving');
    const error = await trpcError(warehouse.receipt.resolveIssue({ districtId: pune, receiptId, kind: 'conflict', serial: 'BUB3610001', resolution: 'returned_to_maker', note: 'x' }));
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('receiving by scan', () => {
  let receiptId: number;

  test('a clean manifest is accepted: its units are made and dispatched by the maker, each batch logged', async () => {
    receiptId = await newReceipt('SO-CLEAN', CLEAN);
    const before = await logSize();
    const accepted = await warehouse.receipt.accept({ districtId: pune, receiptId });
    expect(accepted).toMatchObject({ status: 'receiving', expected: 4, received: 0 });
    const units = await db.selectFrom('units').select(['serial', 'state', 'kind', 'year']).where('serial', 'like', '%3500001').orderBy('serial').execute();
    expect(units).toEqual([
      { serial: 'BUB3500001', state: 'in_transit', kind: 'BU', year: 2023 },
      { serial: 'CUB3500001', state: 'in_transit', kind: 'CU', year: 2024 },
      { serial: 'VVB3500001', state: 'in_transit', kind: 'VVPAT', year: 2022 },
    ]);
    const entries = await db.selectFrom('logEntries').select(['type', 'actor']).where('districtId', '=', pune).where('idx', '>=', before).orderBy('idx').execute();
    expect(entries).toEqual([{ type: 'DISPATCH', actor: 'maker.bel' }, { type: 'RECEIPT_ACCEPTED', actor: world.users.warehouse }]);
    const again = await trpcError(warehouse.receipt.accept({ districtId: pune, receiptId }));
    expect(domainErrorOf(again)?.type).toBe('receipt_status');
  });

  test('a scan on the manifest is accepted; the same key again replays the stored answer and changes nothing', async () => {
    const key = randomUUID();
    const first = await scan(receiptId, 'BUB3500001', key);
    expect(first).toMatchObject({ outcome: 'accepted', replayed: false, unit: { state: 'in_warehouse', locationName: 'District warehouse' }, tally: { expected: 4, accepted: 1, missing: 3 } });
    const size = await logSize();
    const again = await scan(receiptId, 'BUB3500001', key);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await logSize()).toBe(size);
  });

  test('a key reused with a DIFFERENT serial is refused and changes nothing; the same serial still replays', async () => {
    const receiptId = await newReceipt('SO-KEYS', ['kind,model,serial,year', 'BU,M3,BUB3640001,2023', 'CU,M3,CUB3640001,2024', 'VVPAT,M3,VVB3640001,2022'].join('\n'));
    await warehouse.receipt.accept({ districtId: pune, receiptId });
    const key = randomUUID();
    const first = await scan(receiptId, 'BUB3640001', key);
    expect(first).toMatchObject({ outcome: 'accepted', replayed: false });
    const size = await logSize();
    const reused = await trpcError(scan(receiptId, 'CUB3640001', key));
    expect(domainErrorOf(reused)).toMatchObject({ type: 'conflict', params: { serial: 'CUB3640001' } });
    expect(reused.message).toContain('already used for unit BUB3640001');
    expect(await logSize()).toBe(size);
    const cu = await db.selectFrom('units').select('state').where('serial', '=', 'CUB3640001').executeTakeFirstOrThrow();
    expect(cu.state).toBe('in_transit');
    expect(await scan(receiptId, 'BUB3640001', key)).toEqual({ ...first, replayed: true });
    // The same within one group commit: the refused call fails alone.
    const user = await db.selectFrom('users').select('id').where('username', '=', world.users.warehouse).executeTakeFirstOrThrow();
    const actor: Actor = { userId: user.id, username: world.users.warehouse, role: 'warehouse', jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };
    const k2 = randomUUID();
    const call = (serial: string, k: string) => recordScanGrouped(db, {
      districtId: pune as DistrictId, task: { kind: 'receipt', id: receiptId }, serial: serial as UnitSerial, key: k, scannedAt: new Date().toISOString(), via: 'wedge', actor, now: new Date(),
    });
    const [a, b, c] = await Promise.all([call('BUB3640001', randomUUID()), call('CUB3640001', k2), call('VVB3640001', k2)]);
    expect(a.ok && a.value.outcome).toBe('duplicate');
    expect(b.ok && b.value.outcome).toBe('accepted');
    expect(c.ok ? c.value : c.error.type).toBe('conflict');
    expect(await warehouse.receipt.byId({ districtId: pune, receiptId })).toMatchObject({ received: 2 });
  });

  test('the same unit under a new key is a duplicate and never counts twice', async () => {
    const size = await logSize();
    const dup = await scan(receiptId, 'bub3500001');
    expect(dup).toMatchObject({ outcome: 'duplicate', serial: 'BUB3500001', tally: { accepted: 1, rejected: 1 } });
    expect(await logSize()).toBe(size);
  });

  test('20 parallel scans of one unit with different keys: exactly one applied, one log entry', async () => {
    const size = await logSize();
    const results = await Promise.all(Array.from({ length: 20 }, () => scan(receiptId, 'CUB3500001')));
    expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(19);
    expect(await logSize()).toBe(size + 1);
    const refs = await db.selectFrom('logUnitRefs').select('idx').where('districtId', '=', pune).where('serial', '=', 'CUB3500001').where('idx', '>=', size).execute();
    expect(refs).toHaveLength(1);
  });

  test('a unit held elsewhere is wrong_place, naming where; an unknown serial is an orphan for the DEO', async () => {
    const elsewhere = await scan(receiptId, world.units.puneKothrud);
    expect(elsewhere).toMatchObject({ outcome: 'wrong_place', unit: { locationName: 'AC 210 strongroom' } });
    expect(elsewhere.detail).toContain('AC 210 strongroom');
    const mumbai = await scan(receiptId, world.units.mumbai);
    expect(mumbai.outcome).toBe('wrong_place');
    expect(mumbai.detail).toContain('another district');
    expect(mumbai).not.toHaveProperty('unit');
    const orphan = await scan(receiptId, 'BUB3599999');
    expect(orphan).toMatchObject({ outcome: 'orphan', tally: { orphan: 1 } });
    const again = await scan(receiptId, 'BUB3599999');
    expect(again).toMatchObject({ outcome: 'orphan', tally: { orphan: 1 } });
    const listed = await warehouse.scan.list({ districtId: pune, task: { kind: 'receipt', id: receiptId } });
    expect(listed[0]).toMatchObject({ serial: 'BUB3599999', outcome: 'orphan' });
  });

  test('completion is refused with unsynced scans, then while units are outstanding, then while an orphan waits', async () => {
    const unsynced = await trpcError(warehouse.receipt.complete({ districtId: pune, receiptId, unsyncedScans: 3 }));
    expect(domainErrorOf(unsynced)).toMatchObject({ type: 'unsynced_scans', params: { count: 3, orderRef: 'SO-CLEAN' } });
    const outstanding = await trpcError(warehouse.receipt.complete({ districtId: pune, receiptId, unsyncedScans: 0 }));
    expect(domainErrorOf(outstanding)).toMatchObject({ type: 'receipt_outstanding', params: { count: 2, what: 'units' } });
    await scan(receiptId, 'BUB3500002');
    await warehouse.receipt.reportMissing({ districtId: pune, receiptId, reason: 'Not on the truck' });
    const missing = await db.selectFrom('units').select('state').where('serial', '=', 'VVB3500001').executeTakeFirstOrThrow();
    expect(missing.state).toBe('missing');
    const orphanWaits = await trpcError(warehouse.receipt.complete({ districtId: pune, receiptId, unsyncedScans: 0 }));
    expect(domainErrorOf(orphanWaits)).toMatchObject({ type: 'receipt_outstanding', params: { count: 1, what: 'issues' } });
  });

  test('the DEO adds the orphan (made, dispatched, received, logged), then the receipt completes', async () => {
    const summary = await deo.receipt.resolveIssue({ districtId: pune, receiptId, kind: 'orphan', serial: 'BUB3599999', resolution: 'added', note: 'Maker confirmed', unitKind: 'BU', model: 'M3', year: 2023 });
    expect(summary).toMatchObject({ expected: 5, received: 4, missing: 1, orphans: 0 });
    const unit = await db.selectFrom('units').select(['state', 'locationId']).where('serial', '=', 'BUB3599999').executeTakeFirstOrThrow();
    expect(unit).toEqual({ state: 'in_warehouse', locationId: world.locations.puneWh });
    const done = await warehouse.receipt.complete({ districtId: pune, receiptId, unsyncedScans: 0 });
    expect(done.status).toBe('completed');
    const late = await trpcError(scan(receiptId, 'BUB3500002'));
    expect(domainErrorOf(late)?.type).toBe('receipt_status');
  });
});

describe('authority', () => {
  test('an observer cannot scan, and another district\'s receipt answers not found', async () => {
    const receiptId = await newReceipt('SO-AUTH', ['kind,model,serial,year', 'BU,M3,BUB3620001,2023'].join('\n'));
    await warehouse.receipt.accept({ districtId: pune, receiptId });
    const refused = await trpcError(scan(receiptId, 'BUB3620001', randomUUID(), observer));
    expect(refused.code).toBe('FORBIDDEN');
    const eci = await callerFor(db, world.users.eci_admin);
    const mumbaiReceipt = await eci.receipt.create({ districtId: world.districts.mumbai, maker: 'ECIL', orderRef: 'SO-MUM', destinationId: world.locations.mumbaiWh });
    const hidden = await trpcError(warehouse.receipt.byId({ districtId: pune, receiptId: mumbaiReceipt.id }));
    expect(hidden.code).toBe('NOT_FOUND');
    const otherDistrict = await trpcError(warehouse.receipt.byId({ districtId: world.districts.mumbai, receiptId: mumbaiReceipt.id }));
    expect(otherDistrict.code).toBe('FORBIDDEN');
    const hiddenScan = await trpcError(scan(mumbaiReceipt.id, 'BUB3620001'));
    expect(hiddenScan.code).toBe('NOT_FOUND');
  });

  test('scans arriving together share one commit; one refused scan among them fails alone', async () => {
    const receiptId = await newReceipt('SO-GROUP', ['kind,model,serial,year', 'BU,M3,BUB3630001,2023', 'BU,M3,BUB3630002,2023', 'BU,M3,BUB3630003,2023'].join('\n'));
    await warehouse.receipt.accept({ districtId: pune, receiptId });
    const closed = (await db.selectFrom('receipts').select('id').where('orderRef', '=', 'SO-CLEAN').executeTakeFirstOrThrow()).id;
    const user = await db.selectFrom('users').select('id').where('username', '=', world.users.warehouse).executeTakeFirstOrThrow();
    const actor: Actor = { userId: user.id, username: world.users.warehouse, role: 'warehouse', jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };
    const key = randomUUID();
    const call = (id: number, serial: string, k: string = randomUUID()) => recordScanGrouped(db, {
      districtId: pune as DistrictId, task: { kind: 'receipt', id }, serial: serial as UnitSerial, key: k, scannedAt: new Date().toISOString(), via: 'wedge', actor, now: new Date(),
    }).then((r) => { if (!r.ok) throw new DomainTRPCError(r.error); return r.value; });
    // The first call runs alone; the calls made while it runs wait and go together in one group.
    const grouped = await Promise.all([
      call(receiptId, 'BUB3630001'), call(receiptId, 'BUB3630002', key), call(receiptId, 'BUB3630002', key),
      call(receiptId, 'BUB3630003'), call(receiptId, 'BUB3630003'), call(receiptId, 'BUB3639999'),
    ]);
    expect(grouped.map((r) => [r.outcome, r.replayed, r.tally.accepted, r.tally.rejected, r.tally.orphan])).toEqual([
      ['accepted', false, 1, 0, 0], ['accepted', false, 2, 0, 0], ['accepted', true, 2, 0, 0],
      ['accepted', false, 3, 0, 0], ['duplicate', false, 3, 1, 0], ['orphan', false, 3, 1, 1],
    ]);
    expect(grouped[4]?.unit).toMatchObject({ state: 'in_warehouse', locationName: 'District warehouse' });
    expect(await warehouse.receipt.byId({ districtId: pune, receiptId })).toMatchObject({ expected: 3, received: 3, orphans: 1 });
    const refs = await db.selectFrom('logUnitRefs').select('serial').where('districtId', '=', pune).where('serial', 'like', 'BUB363%').execute();
    expect(refs.map((e) => e.serial).sort()).toEqual(['BUB3630001', 'BUB3630001', 'BUB3630002', 'BUB3630002', 'BUB3630003', 'BUB3630003', 'BUB3639999']);
    // A refused scan in a group: the group is recorded one by one, and only that scan fails.
    const settled = await Promise.allSettled([call(receiptId, 'BUB3630001'), call(receiptId, 'BUB3630001'), call(closed, 'BUB3500001'), call(receiptId, 'BUB3639999')]);
    const outcomes = settled.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as DomainTRPCError).domainError.type));
    expect(outcomes).toEqual(['duplicate', 'duplicate', 'receipt_status', 'orphan']);
    expect(await warehouse.receipt.byId({ districtId: pune, receiptId })).toMatchObject({ received: 3, orphans: 1 });
  });

  test('the district log still verifies after all of it', async () => {
    const bundle = await exportBundle(db, { districtId: pune, now: new Date(Date.now() + 60_000) });
    expect(verifyBundle(bundle.bundle)).toMatchObject({ ok: true });
  });
});
