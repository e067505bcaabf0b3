import { ROLES, verifyBundle } from '@evmtrail/shared';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { DB } from '../src/db/database.ts';
import { exportBundle } from '../src/modules/custody/log.service.ts';
import { applyUnitEvents } from '../src/modules/units/unit-batch.service.ts';
import type { Actor, UnitEventInput } from '../src/modules/units/unit.service.ts';
import { buildWorld, type World } from './fixtures.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let tdb: TestDatabase;
let db: Kysely<DB>;
let world: World;
let pune: number;
let deo: Actor;
const SERIALS = ['BUB3100001', 'BUB3100002', 'BUB3100003', 'BUB3100004'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  world = await buildWorld(db, ROLES);
  pune = world.districts.pune;
  const user = await db.selectFrom('users').select('id').where('username', '=', world.users.deo).executeTakeFirstOrThrow();
  deo = { userId: user.id, username: world.users.deo, role: 'deo', jurisdiction: { level: 'district', stateId: world.stateIds.mh, districtId: pune } };
  await db.insertInto('units').values(SERIALS.map((serial) => ({
    districtId: pune, serial, kind: 'BU', maker: 'BEL', model: 'M3', year: 2023, ownerBodyId: 1, state: 'in_warehouse',
    previousState: null, locationId: world.locations.puneWh, holdRef: null, flcCycle: null, updatedAt: world.now,
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
    expect(result).toMatchObject({ ok: false, error: { type: 'not_found', message: 'Unit BUB3199999 not found in district ' + String(pune) } });
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
