import { randomUUID } from 'node:crypto';

import { ROLES, verifyBundle, type DistrictId, type Role, type ScanResult, type UnitSerial } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { exportBundle } from '../src/modules/custody/log.service.ts';
import {
  approveConsignment, completeConsignment, consignmentDetail, createConsignment, dispatchConsignment, reportShortfall, resolveConsignmentIssue,
} from '../src/modules/consignments/consignment.service.ts';
import { recordScan } from '../src/modules/scans/scan.service.ts';
import type { Actor } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { domainErrorOf, trpcError } from './errors.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let mumbai: number;
const actors = {} as Record<'warehouse' | 'deo' | 'ceo' | 'eci' | 'mumbaiWh', Actor>;

async function actorOf(username: string): Promise<Actor> {
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const level = u.jurisdictionLevel as 'nation' | 'state' | 'district';
  return {
    userId: u.id, username, role: u.role as Role,
    jurisdiction: level === 'nation' ? { level } : level === 'state' ? { level, stateId: u.stateId ?? 0 } : { level, stateId: u.stateId ?? 0, districtId: u.districtId ?? 0 },
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  mumbai = world.districts.mumbai;
  const template = await db.selectFrom('users').select('passwordHash').where('username', '=', world.users.warehouse).executeTakeFirstOrThrow();
  await db.insertInto('users').values({
    username: 'warehouse.mumbai', displayName: 'Mumbai warehouse', role: 'warehouse', jurisdictionLevel: 'district',
    passwordHash: template.passwordHash, stateId: world.stateIds.mh, districtId: mumbai, acId: null,
  }).execute();
  actors.warehouse = await actorOf(world.users.warehouse);
  actors.deo = await actorOf(world.users.deo);
  actors.ceo = await actorOf(world.users.ceo);
  actors.eci = await actorOf(world.users.eci_admin);
  actors.mumbaiWh = await actorOf('warehouse.mumbai');
});

afterAll(async () => {
  await tdb.dispose();
});

function value<T>(r: { ok: true; value: T } | { ok: false; error: { type: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.type}: ${r.error.message}`);
  return r.value;
}

function failed(r: { ok: boolean; error?: { type: string; message: string } }): { type: string; message: string } {
  if (r.ok || !r.error) throw new Error('expected a refusal');
  return r.error;
}

async function scan(actor: Actor, districtId: number, kind: 'consignment_load' | 'consignment_receive', id: number, serial: string): Promise<ScanResult> {
  return value(await recordScan(db, {
    districtId: districtId as DistrictId, task: { kind, id }, serial: serial as UnitSerial, key: randomUUID(), scannedAt: new Date().toISOString(), via: 'wedge', actor, now: new Date(),
  }));
}

const unitRow = (serial: string) => db.selectFrom('units as u').innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
  .select(['u.districtId', 'u.state', 'l.code', 'l.kind']).where('u.serial', '=', serial).executeTakeFirstOrThrow();

describe('an inter-district consignment, Pune to Mumbai Suburban', () => {
  let id: number;
  let code: string;

  test('created by the warehouse with units picked; the kind must fit the districts', async () => {
    const wrongKind = failed(await createConsignment(db, { districtId: pune, fromLocationId: world.locations.puneWh, toDistrictId: mumbai, toLocationId: world.locations.mumbaiWh, kind: 'inter_warehouse', actor: actors.warehouse, now: new Date() }));
    expect(wrongKind.message).toContain('stays in its district');
    const created = value(await createConsignment(db, {
      districtId: pune, fromLocationId: world.locations.puneWh, toDistrictId: mumbai, toLocationId: world.locations.mumbaiWh,
      kind: 'inter_district', serials: ['BUB3000001', 'BUB3000002'], reference: 'CEO/MH/2029/14', actor: actors.warehouse, now: new Date(),
    }));
    expect(created).toMatchObject({ status: 'draft', approvalRole: 'ceo', approved: false, loaded: 2, fromName: 'District warehouse', toName: 'Mumbai Suburban warehouse' });
    id = created.id;
    code = created.code;
    const loaded = await scan(actors.warehouse, pune, 'consignment_load', id, 'CUB3000001');
    expect(loaded).toMatchObject({ outcome: 'accepted', tally: { expected: 3 } });
    expect(await scan(actors.warehouse, pune, 'consignment_load', id, 'CUB3000001')).toMatchObject({ outcome: 'duplicate' });
    expect(await scan(actors.warehouse, pune, 'consignment_load', id, world.units.puneKothrud)).toMatchObject({ outcome: 'wrong_place' });
  });

  test('dispatch waits for the CEO; the DEO may not approve, the CEO does, logged', async () => {
    const dispatch = { districtId: pune, consignmentId: id, vehicleNumber: 'MH12AB1234', driver: 'R. Patil', escort: 'PSI S. Jadhav', seals: ['S-1001', 'S-1002'], now: new Date() };
    expect(failed(await dispatchConsignment(db, { ...dispatch, actor: actors.warehouse })).message).toContain('before the CEO approves');
    const byDeo = failed(await approveConsignment(db, { districtId: pune, consignmentId: id, actor: actors.deo, now: new Date() }));
    expect(byDeo).toMatchObject({ type: 'forbidden' });
    expect(byDeo.message).toContain(`${code} (inter district) must be approved by the CEO`);
    value(await approveConsignment(db, { districtId: pune, consignmentId: id, actor: actors.ceo, now: new Date() }));
    const sent = value(await dispatchConsignment(db, { ...dispatch, actor: actors.warehouse }));
    expect(sent).toMatchObject({ status: 'dispatched', seals: ['S-1001', 'S-1002'], vehicleNumber: 'MH12AB1234' });
    // In transit is a place: the consignment's vehicle.
    expect(await unitRow('BUB3000001')).toEqual({ districtId: pune, state: 'in_transit', code, kind: 'vehicle' });
    const types = (await db.selectFrom('logEntries').select('type').where('districtId', '=', pune).where('entry', 'like', `%${code}%`).orderBy('idx').execute()).map((e) => e.type);
    expect(types).toEqual(['CONSIGNMENT_CREATED', 'CONSIGNMENT_LOADED', 'CONSIGNMENT_LOADED', 'CONSIGNMENT_APPROVED', 'DISPATCH']);
  });

  test('Mumbai receives one by scan; the entries of the two logs name each other', async () => {
    expect(failed(await recordScan(db, { districtId: pune as DistrictId, task: { kind: 'consignment_receive', id }, serial: 'BUB3000001' as UnitSerial, key: randomUUID(), scannedAt: new Date().toISOString(), via: 'wedge', actor: actors.warehouse, now: new Date() })).message).toContain('received by its destination district');
    const got = await scan(actors.mumbaiWh, mumbai, 'consignment_receive', id, 'BUB3000001');
    expect(got).toMatchObject({ outcome: 'accepted', unit: { state: 'in_warehouse', locationName: 'Mumbai Suburban warehouse' } });
    expect(await scan(actors.mumbaiWh, mumbai, 'consignment_receive', id, 'BUB3000001')).toMatchObject({ outcome: 'duplicate' });
    expect(await unitRow('BUB3000001')).toMatchObject({ districtId: mumbai, state: 'in_warehouse' });
    const dispatchEntry = await db.selectFrom('logUnitRefs as r').innerJoin('logEntries as e', (j) => j.onRef('e.districtId', '=', 'r.districtId').onRef('e.idx', '=', 'r.idx'))
      .select(['e.idx', 'e.leafHash']).where('r.districtId', '=', pune).where('r.serial', '=', 'BUB3000001').where('e.type', '=', 'DISPATCH').orderBy('e.idx', 'desc').executeTakeFirstOrThrow();
    const receipt = await db.selectFrom('logEntries').select(['idx', 'entry', 'leafHash']).where('districtId', '=', mumbai).where('type', '=', 'RECEIPT').orderBy('idx', 'desc').executeTakeFirstOrThrow();
    expect(receipt.entry).toContain(`evmtrail.test/MH-PUNE entry ${dispatchEntry.idx} (leaf ${Buffer.from(dispatchEntry.leafHash).toString('hex')})`);
    const handover = await db.selectFrom('logEntries').select('entry').where('districtId', '=', pune).where('type', '=', 'CONSIGNMENT_HANDOVER').executeTakeFirstOrThrow();
    expect(handover.entry).toContain(`entry ${dispatchEntry.idx} here was received under evmtrail.test/MH-MUMBAI-SUB entry ${receipt.idx} (leaf ${Buffer.from(receipt.leafHash).toString('hex')})`);
  });

  test('an unexpected unit is a discrepancy; completion is refused until everything is settled', async () => {
    expect(await scan(actors.mumbaiWh, mumbai, 'consignment_receive', id, world.units.mumbai)).toMatchObject({ outcome: 'wrong_place' });
    const done = { districtId: mumbai, consignmentId: id, actor: actors.mumbaiWh, now: new Date() };
    expect(failed(await completeConsignment(db, { ...done, unsyncedScans: 2 }))).toMatchObject({ type: 'consignment_unsynced' });
    const early = failed(await completeConsignment(db, { ...done, unsyncedScans: 0 }));
    expect(early.type).toBe('consignment_outstanding');
    expect(early.message).toContain('1 open discrepancy');
    const short = value(await reportShortfall(db, done));
    expect(short).toMatchObject({ loaded: 3, received: 1, openIssues: 3 });
    const detail = value(await consignmentDetail(db, mumbai, id));
    expect(detail.issues.map((i) => [i.serial, i.kind])).toEqual([['BUB3000002', 'missing'], [world.units.mumbai, 'unexpected'], ['CUB3000001', 'missing']]);
    const wrongFix = failed(await resolveConsignmentIssue(db, { ...done, serial: 'BUB3000002', resolution: 'returned', note: 'x' }));
    expect(wrongFix.message).toContain('received later or reported missing');
    value(await resolveConsignmentIssue(db, { ...done, serial: 'BUB3000002', resolution: 'received_later', note: 'Came in the second vehicle' }));
    value(await resolveConsignmentIssue(db, { ...done, serial: 'CUB3000001', resolution: 'reported_missing', note: 'FIR 12/2029' }));
    value(await resolveConsignmentIssue(db, { ...done, serial: world.units.mumbai, resolution: 'returned', note: 'Put back on its rack' }));
    expect(await unitRow('BUB3000002')).toMatchObject({ districtId: mumbai, state: 'in_warehouse' });
    expect(await unitRow('CUB3000001')).toMatchObject({ districtId: pune, state: 'missing' });
    expect(value(await completeConsignment(db, { ...done, unsyncedScans: 0 }))).toMatchObject({ status: 'completed', received: 2, openIssues: 0 });
  });

  test('an inter-state loan needs ECI: the CEO is refused', async () => {
    const loan = value(await createConsignment(db, { districtId: pune, fromLocationId: world.locations.puneWh, toDistrictId: world.districts.bengaluru, toLocationId: world.locations.blrWh, kind: 'inter_state', serials: ['VVB3000001'], actor: actors.warehouse, now: new Date() }));
    expect(failed(await approveConsignment(db, { districtId: pune, consignmentId: loan.id, actor: actors.ceo, now: new Date() })).message).toContain('must be approved by ECI');
    expect(value(await approveConsignment(db, { districtId: pune, consignmentId: loan.id, actor: actors.eci, now: new Date() }))).toMatchObject({ status: 'approved' });
  });

  test('through the api, the warehouse role may not approve', async () => {
    const caller = await callerFor(db, world.users.warehouse);
    const error = await trpcError(caller.consignment.approve({ districtId: pune, consignmentId: id }));
    expect(domainErrorOf(error)?.type).toBe('forbidden');
  });

  test('both district logs still verify', async () => {
    for (const districtId of [pune, mumbai]) {
      const bundle = await exportBundle(db, { districtId, now: new Date(Date.now() + 60_000) });
      expect(verifyBundle(bundle.bundle)).toMatchObject({ ok: true });
    }
  });
});
