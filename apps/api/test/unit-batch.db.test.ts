import { ROLES, verifyBundle } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { exportBundle } from '../src/modules/custody/log.service.ts';
import { applyUnitEvents } from '../src/modules/units/unit-batch.service.ts';
import type { Actor, UnitEventInput } from '../src/modules/units/unit.service.ts';
import { buildWorld, openStrongroomSessions, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let deo: Actor;
let ro210: Actor;
const SERIALS = ['BUB3100001', 'BUB3100002', 'BUB3100003', 'BUB3100004'];
/** FLC-passed units in the district warehouse, allocated to no AC yet. */
const POOL = ['CUB3100001', 'CUB3100002', 'CUB3100003'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  // Moves in and out of the AC strongrooms need an open session (strongroom.guard.ts).
  await openStrongroomSessions(db, world, [world.locations.kothrudSr, world.locations.hadapsarSr]);
  pune = world.districts.pune;
  const user = await db.selectFrom('users').select('id').where('username', '=', world.users.deo).executeTakeFirstOrThrow();
  deo = { userId: user.id, username: world.users.deo, role: 'deo', jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };
  const ro = await db.selectFrom('users').select('id').where('username', '=', world.users.ro).executeTakeFirstOrThrow();
  ro210 = { userId: ro.id, username: world.users.ro, role: 'ro', jurisdiction: { level: 'ac', stateId: world.stateIds.mh, districtId: pune, acId: world.acs.kothrud } };
  await db.insertInto('units').values(SERIALS.map((serial) => ({
    districtId: pune, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1, state: 'in_warehouse',
    previousState: null, locationId: world.locations.puneWh, holdRef: null, flcCycle: null, updatedAt: world.now,
  }))).execute();
  await db.insertInto('units').values(POOL.map((serial) => ({
    districtId: pune, serial, kind: 'CU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1, state: 'flc_ok',
    previousState: null, locationId: world.locations.puneWh, holdRef: null, flcCycle: 1, acId: null, updatedAt: world.now,
  }))).execute();
});

afterAll(async () => {
  await tdb.dispose();
});

function startFlc(serials: string[], minutes: number): UnitEventInput {
  return { actor: deo, districtId: pune, serials, event: 'start_flc', reason: `batch test ${minutes}`, now: new Date(world.now.getTime() + minutes * 60_000) };
}

async function logSize(): Promise<number> {
  return (await db.selectFrom('districtLogs').select('size').where('districtId', '=', pune).executeTakeFirstOrThrow()).size;
}

async function states(serials: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('units').select(['serial', 'state']).where('serial', 'in', serials).orderBy('serial').execute();
  return rows.map((r) => r.state);
}

describe('applyUnitEvents', () => {
  test('a refusal in any event rolls back the whole batch, log included', async () => {
    const before = await logSize();
    const result = await applyUnitEvents(db, pune, [startFlc([SERIALS[3] ?? ''], 1), startFlc(['BUB3199999'], 2)]);
    expect(result).toMatchObject({ ok: false, error: { type: 'not_found', message: 'Unit BUB3199999 not found', params: { serial: 'BUB3199999' } } });
    expect(await states([SERIALS[3] ?? ''])).toEqual(['in_warehouse']);
    expect(await logSize()).toBe(before);
  });

  test('a unit named by two events of one batch is refused before anything is written', async () => {
    const result = await applyUnitEvents(db, pune, [startFlc([SERIALS[0] ?? ''], 1), startFlc([SERIALS[0] ?? ''], 2)]);
    expect(result).toMatchObject({ ok: false, error: { type: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain(`Unit ${SERIALS[0] ?? ''} is named by 'start_flc' and 'start_flc'`);
  });

  test('moves every unit and logs one entry per event, each at its own time, in one verifiable log', async () => {
    const before = await logSize();
    const result = await applyUnitEvents(db, pune, [startFlc(SERIALS.slice(0, 2), 30), startFlc(SERIALS.slice(2), 45)]);
    expect(result).toEqual({ ok: true, value: { logIndices: [before, before + 1], count: 4 } });
    expect(await states(SERIALS)).toEqual(['flc_in_progress', 'flc_in_progress', 'flc_in_progress', 'flc_in_progress']);
    const entries = await db.selectFrom('logEntries').select(['idx', 'entry']).where('districtId', '=', pune).where('idx', '>=', before).orderBy('idx').execute();
    const parsed = entries.map((e) => JSON.parse(e.entry) as { units: string[]; ts: string; type: string; devSeq: number });
    expect(parsed.map((p) => p.units)).toEqual([SERIALS.slice(0, 2), SERIALS.slice(2)]);
    expect(parsed.map((p) => p.type)).toEqual(['FLC_START', 'FLC_START']);
    expect(parsed[1]?.devSeq).toBe((parsed[0]?.devSeq ?? 0) + 1);
    const istAt = (minutes: number) => new Date(world.now.getTime() + minutes * 60_000 + 330 * 60_000).toISOString().slice(0, 19);
    expect(parsed.map((p) => p.ts)).toEqual([`${istAt(30)}+05:30`, `${istAt(45)}+05:30`]);
    const refs = await db.selectFrom('logUnitRefs').select('serial').where('districtId', '=', pune).where('idx', '>=', before).execute();
    expect(refs.map((r) => r.serial).sort()).toEqual(SERIALS);
    const bundle = await exportBundle(db, { districtId: pune, now: new Date(world.now.getTime() + 3_600_000) });
    expect(verifyBundle(bundle.bundle)).toMatchObject({ ok: true, value: { size: before + 2 } });
  });
});

describe('applyUnitEvents under the authority of applyUnitEvent', () => {
  const at = (minutes: number) => new Date(world.now.getTime() + minutes * 60_000);
  const unitRows = async (serials: readonly string[]) =>
    db.selectFrom('units').select(['serial', 'state', 'acId']).where('serial', 'in', serials).orderBy('serial').execute();

  test('an allocating event must name its AC', async () => {
    const result = await applyUnitEvents(db, pune, [{ actor: deo, districtId: pune, serials: [POOL[0] ?? ''], event: 'allocate_poll', now: at(60) }]);
    expect(result).toMatchObject({ ok: false, error: { type: 'invalid_input', params: { event: 'allocate_poll' } } });
  });

  test('the AC of allocation is judged: an AC user takes in only the units allocated to their AC', async () => {
    const [toKothrud, toHadapsar, other] = POOL.map((s) => [s]);
    const allocated = await applyUnitEvents(db, pune, [
      { actor: deo, districtId: pune, serials: toKothrud ?? [], event: 'allocate_poll', toAcId: world.acs.kothrud, now: at(61) },
      { actor: deo, districtId: pune, serials: toHadapsar ?? [], event: 'allocate_poll', toAcId: world.acs.hadapsar, now: at(62) },
    ]);
    expect(allocated.ok).toBe(true);
    expect(await unitRows(POOL.slice(0, 2))).toEqual([
      { serial: POOL[0], state: 'allocated_poll', acId: world.acs.kothrud },
      { serial: POOL[1], state: 'allocated_poll', acId: world.acs.hadapsar },
    ]);

    const before = await logSize();
    const receive = (serials: string[] | undefined, minutes: number) => ({
      actor: ro210, districtId: pune, serials: serials ?? [], event: 'receive_at_ac_strongroom' as const, toLocationId: world.locations.kothrudSr, now: at(minutes),
    });
    // The first event is AC 210's own; the second takes AC 213's unit: the whole batch is refused.
    const refused = await applyUnitEvents(db, pune, [receive(toKothrud, 63), receive(toHadapsar, 64)]);
    expect(refused).toMatchObject({ ok: false, error: { type: 'outside_jurisdiction', params: { serial: POOL[1], acNumber: 213, acName: 'Hadapsar', districtName: 'Pune' } } });
    expect(await unitRows(POOL.slice(0, 2))).toEqual([
      { serial: POOL[0], state: 'allocated_poll', acId: world.acs.kothrud },
      { serial: POOL[1], state: 'allocated_poll', acId: world.acs.hadapsar },
    ]);
    expect(await logSize()).toBe(before);

    // A district-level unit is refused where it belongs now, before its state is told.
    const pool = await applyUnitEvents(db, pune, [{ ...receive(other, 65), event: 'allocate_poll', toAcId: world.acs.kothrud }]);
    expect(pool).toMatchObject({ ok: false, error: { type: 'outside_jurisdiction', params: { serial: POOL[2], districtName: 'Pune' } } });
    expect(!pool.ok && pool.error.message).not.toContain('flc_ok');

    // Every place the change touches: AC 210's own unit into AC 213's strongroom is refused there.
    const elsewhere = await applyUnitEvents(db, pune, [{ ...receive(toKothrud, 66), toLocationId: world.locations.hadapsarSr }]);
    expect(elsewhere).toMatchObject({ ok: false, error: { type: 'outside_jurisdiction', params: { serial: POOL[0], acNumber: 213, acName: 'Hadapsar' } } });

    const received = await applyUnitEvents(db, pune, [receive(toKothrud, 66)]);
    expect(received).toEqual({ ok: true, value: { logIndices: [before], count: 1 } });
    expect(await unitRows(POOL.slice(0, 1))).toEqual([{ serial: POOL[0], state: 'in_ac_strongroom', acId: world.acs.kothrud }]);
  });
});
