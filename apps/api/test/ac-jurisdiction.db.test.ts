import { ROLES } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { callerFor } from './caller.ts';
import { buildWorld, openStrongroomSessions, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

// An RO acts inside their AC: they take in units allocated to it from the district warehouse
// (a place of no AC), but never pull units out of another AC or push theirs into one
// (unit.authority.ts `touchedPlaces`).
let tdb: TestDatabase;
let world: World;

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await buildWorld(tdb.db, ROLES);
  // Moves in and out of the AC strongrooms need an open session (strongroom.guard.ts).
  await openStrongroomSessions(tdb.db, world, [world.locations.kothrudSr, world.locations.hadapsarSr]);
  const { pune } = world.districts;
  await tdb.db.insertInto('units').values([
    // Allocated to AC 210 at the first randomisation: it carries that AC in the district warehouse.
    { districtId: pune, serial: 'BUB3000300', kind: 'BU', state: 'allocated_poll', locationId: world.locations.puneWh, acId: world.acs.kothrud },
    { districtId: pune, serial: 'CUB3000301', kind: 'CU', state: 'poll_closed_sealed', locationId: world.locations.hadapsarSr },
    { districtId: pune, serial: 'CUB3000302', kind: 'CU', state: 'in_ac_strongroom', locationId: world.locations.kothrudSr },
  ].map((u) => ({ ...u, maker: 'BEL', model: 'M3', year: 2022, ownerBodyId: 1, previousState: null, holdRef: null, flcCycle: 1, updatedAt: world.now }))).execute();
});

afterAll(async () => {
  await tdb.dispose();
});

async function refused(serial: string, input: { event: 'receive_polled' | 'return_to_warehouse'; toLocationId: number }) {
  const ro = await callerFor(tdb.db, world.users.ro);
  const before = await state(serial);
  const error = await ro.unit.transition({ serial, ...input }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('FORBIDDEN');
  expect((error as TRPCError).message).toContain(serial);
  expect(await state(serial)).toEqual(before);
}

async function state(serial: string) {
  return tdb.db.selectFrom('units').select(['state', 'locationId']).where('serial', '=', serial).executeTakeFirstOrThrow();
}

describe('an RO of AC 210', () => {
  test('receives a unit allocated from the district warehouse into their AC strongroom', async () => {
    const ro = await callerFor(tdb.db, world.users.ro);
    const result = await ro.unit.transition({ serial: 'BUB3000300', event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr });
    expect(result.count).toBe(1);
    expect(await state('BUB3000300')).toEqual({ state: 'in_ac_strongroom', locationId: world.locations.kothrudSr });
  });

  test('cannot pull a polled unit out of AC 213 into their own strongroom', async () => {
    await refused('CUB3000301', { event: 'receive_polled', toLocationId: world.locations.kothrudSr });
  });

  test('cannot push a unit of their AC into the strongroom of AC 213', async () => {
    await refused('CUB3000302', { event: 'return_to_warehouse', toLocationId: world.locations.hadapsarSr });
  });

  test('returns a unit of their AC to the district warehouse', async () => {
    const ro = await callerFor(tdb.db, world.users.ro);
    await ro.unit.transition({ serial: 'CUB3000302', event: 'return_to_warehouse', toLocationId: world.locations.puneWh });
    expect(await state('CUB3000302')).toEqual({ state: 'in_warehouse', locationId: world.locations.puneWh });
  });
});
