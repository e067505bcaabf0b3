import { ROLES } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../src/db/database.ts';
import type { Actor } from '../src/modules/authority/authority.service.ts';
import { applyUnitEvent } from '../src/modules/units/unit.service.ts';
import { callerFor } from './caller.ts';
import { buildWorld, openStrongroomSessions, PASSWORD, type World } from './fixtures.ts';

/**
 * AC 210 Kothrud carried through the real services to the state the sets start from: `stations`
 * polling stations; units that pass FLC, are drawn to the AC by a first randomisation, received
 * into the AC strongroom (receive_at_ac_strongroom under an open strongroom session) and assigned
 * to the stations by a finalised second randomisation (1 BU per station), the rest AC reserve.
 */
export interface SetsWorld {
  readonly world: World;
  readonly pune: number;
  /** Station location ids by number. */
  readonly stations: Map<number, number>;
  readonly secondCeremonyId: number;
}

const DICE = '31415926535897932384';

export async function buildSetsWorld(db: Kysely<DB>, p: { stations: number; reserve: number }): Promise<SetsWorld> {
  const world = await buildWorld(db, ROLES);
  const pune = world.districts.pune;
  await db.insertInto('elections').values({ bodyId: 1, code: 'MH-AE-2029', name: 'Maharashtra Assembly 2029', kind: 'assembly', stateId: world.stateIds.mh, rules: '{}' }).execute();
  const rows = await db.insertInto('locations').values(Array.from({ length: p.stations }, (_, i) => ({
    districtId: pune, code: `PS-210-${String(i + 1).padStart(3, '0')}`, kind: 'polling_station', name: `Kothrud School ${i + 1}`, nameHi: null,
    acId: world.acs.kothrud, parentId: null, lat: 18.5 + i / 1000, lon: 73.8, psNumber: i + 1, electors: 900, strongroomType: null,
  }))).returning(['id', 'psNumber']).execute();
  const stations = new Map(rows.map((r) => [Number(r.psNumber), r.id]));
  const n = p.stations + p.reserve;
  const serials = (prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(7, '0')}`);
  const all = [...serials('BUK'), ...serials('CUK'), ...serials('VVK')];
  await db.insertInto('units').values(all.map((serial) => ({
    districtId: pune, serial, kind: serial.startsWith('BU') ? 'BU' : serial.startsWith('CU') ? 'CU' : 'VVPAT', maker: 'BEL', model: 'M3', year: 2022,
    ownerBodyId: 1, state: 'in_warehouse', previousState: null, holdRef: null, flcCycle: null, updatedAt: world.now, locationId: world.locations.puneWh,
  }))).execute();
  const system = (role: Actor['role'], username: string): Actor => ({ userId: 0, username, role, jurisdiction: { level: 'nation' } });
  for (const step of [
    { actor: system('deo', 'deo.pune'), event: 'start_flc' as const },
    { actor: system('engineer', 'engineer.bel'), event: 'pass_flc' as const },
  ]) {
    const r = await applyUnitEvent(db, { ...step, serials: all, districtId: pune, reason: 'FLC', now: world.now });
    if (!r.ok) throw new Error(`sets world: ${r.error.message}`);
  }
  const deo = await callerFor(db, world.users.deo);
  const ro = await callerFor(db, world.users.ro);
  const observer = await callerFor(db, world.users.observer);
  const pct = Math.floor((p.reserve / p.stations) * 100);
  const first = await deo.ceremony.create({ districtId: pune, stage: 'first', reservePct: { BU: pct, CU: pct, VVPAT: pct } });
  await deo.ceremony.dice({ districtId: pune, ceremonyId: first.id, dice: DICE });
  await deo.ceremony.allocate({ districtId: pune, ceremonyId: first.id });
  await observer.ceremony.finalise({ districtId: pune, ceremonyId: first.id, password: PASSWORD });
  const allocated = await db.selectFrom('units').select('serial').where('districtId', '=', pune).where('state', '=', 'allocated_poll').execute();
  await openStrongroomSessions(db, world, [world.locations.kothrudSr]);
  const roRow = await db.selectFrom('users').select('id').where('username', '=', world.users.ro).executeTakeFirstOrThrow();
  const roActor: Actor = { userId: roRow.id, username: world.users.ro, role: 'ro', jurisdiction: { level: 'ac', stateId: world.stateIds.mh, districtId: pune, acId: world.acs.kothrud } };
  const received = await applyUnitEvent(db, {
    actor: roActor, districtId: pune, serials: allocated.map((u) => u.serial), event: 'receive_at_ac_strongroom', toLocationId: world.locations.kothrudSr,
    reason: 'received from the district warehouse', now: world.now,
  });
  if (!received.ok) throw new Error(`sets world: ${received.error.message}`);
  const second = await ro.ceremony.create({ districtId: pune, stage: 'second', acId: world.acs.kothrud, candidates: 1 });
  await ro.ceremony.dice({ districtId: pune, ceremonyId: second.id, dice: DICE });
  await ro.ceremony.allocate({ districtId: pune, ceremonyId: second.id });
  await observer.ceremony.finalise({ districtId: pune, ceremonyId: second.id, password: PASSWORD });
  return { world, pune, stations, secondCeremonyId: second.id };
}
