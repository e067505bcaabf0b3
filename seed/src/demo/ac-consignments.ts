import type { DB } from '@evmtrail/api/db';
import {
  closeStrongroom, completeConsignment, createSignInLimiter, dispatchConsignment, openStrongroom, pickableUnits, pickUnits, prepareAcConsignments,
  receiveScannedLoad, recordScan, type Actor, type DistrictPlace,
} from '@evmtrail/api/services';
import type { LocationId, UnitSerial } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

/*
 * After the first randomisation (issue 8 item 3): the DEO prepares the consignments to the AC
 * strongrooms from the allocation, the warehouse in-charge loads each with its AC's allocated
 * units and dispatches it, and each AC strongroom is opened by its two key-holders, the load
 * scanned in (the first unit by the strongroom's own key-holder, the rest as one uploaded batch
 * of scans), and closed under fresh seals. All through the api's services.
 */

export interface AcStrongroomKeys {
  /** The first key-holder, who opens and closes; the second's id and password. */
  readonly first: Actor;
  readonly secondId: number;
  readonly secondPassword: string;
  /** Who scans the first unit in: the RO of the AC (eci-brief §12.2 row 10). */
  readonly receiver: Actor;
}

export interface DemoAcConsignmentsInput {
  readonly place: DistrictPlace;
  readonly ceremonyId: number;
  readonly actors: { readonly deo: Actor; readonly warehouse: Actor };
  /** Key-holders by AC strongroom code (SR-AC210…). */
  readonly keys: ReadonlyMap<string, AcStrongroomKeys>;
  readonly startAt: Date;
}

const STEP_MS = 6 * 60 * 1000;
const WITNESSES = [
  { name: 'Sunita Deshmukh', party: 'Indian National Congress', idCard: 'MH/PA/2026/0117' },
  { name: 'Rahul Kulkarni', party: 'Bharatiya Janata Party', idCard: 'MH/PA/2026/0342' },
] as const;

function must<T>(result: { ok: true; value: T } | { ok: false; error: { type: string; message: string } }, what: string): T {
  if (!result.ok) throw new Error(`Demo AC consignment ${what}: ${result.error.type}: ${result.error.message}`);
  return result.value;
}

export async function seedDemoAcConsignments(db: Kysely<DB>, input: DemoAcConsignmentsInput): Promise<{ consignments: number; lastAt: Date }> {
  let at = input.startAt.getTime();
  const tick = () => new Date((at += STEP_MS));
  const { place, actors } = input;
  const districtId = place.districtId;
  const made = must(await prepareAcConsignments(db, { districtId, ceremonyId: input.ceremonyId, actor: actors.deo, now: tick() }), 'preparation');
  for (const c of made) {
    const serials = (await pickableUnits(db, districtId, c.id)).map((u) => u.serial);
    must(await pickUnits(db, { districtId, consignmentId: c.id, serials, actor: actors.warehouse, now: tick() }), `${c.code} loading`);
    must(await dispatchConsignment(db, {
      districtId, consignmentId: c.id, vehicleNumber: `MH12EV${String(4600 + c.id)}`, driver: 'Sunil Pawar', escort: 'HC Ramesh Shinde',
      seals: [`VS-${c.id}01`, `VS-${c.id}02`], actor: actors.warehouse, now: tick(),
    }), `${c.code} dispatch`);
  }
  let key = 0;
  for (const c of made) {
    const room = await db.selectFrom('consignments as c').innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'c.toDistrictId').onRef('l.id', '=', 'c.toLocationId'))
      .select(['l.id', 'l.code', 'l.acId']).where('c.id', '=', c.id).executeTakeFirstOrThrow();
    const keys = input.keys.get(room.code);
    if (!keys) throw new Error(`Demo AC consignments: no key-holders for ${room.code}`);
    const roomPlace = { ...place, acId: keys.first.jurisdiction.level === 'ac' ? room.acId : null };
    const ref = { districtId, locationId: room.id as LocationId };
    must(await openStrongroom(db, {
      actor: keys.first, place: roomPlace, now: tick(), limiter: createSignInLimiter(), address: 'seed',
      input: { ...ref, secondKeyHolderId: keys.secondId, secondKeyHolderPassword: keys.secondPassword, witnesses: [...WITNESSES], sealsBroken: [] },
    }), `opening of ${room.code}`);
    const load = (await db.selectFrom('consignmentUnits').select('serial').where('consignmentId', '=', c.id).orderBy('serial').execute()).map((u) => u.serial);
    const [firstUnit, ...rest] = load;
    if (!firstUnit) throw new Error(`Demo AC consignments: ${c.code} is empty`);
    const now = tick();
    must(await recordScan(db, {
      districtId: districtId, task: { kind: 'consignment_receive', id: c.id }, serial: firstUnit as UnitSerial,
      key: `5eed0000-0000-4000-8000-ac${String((key += 1)).padStart(10, '0')}`, scannedAt: now.toISOString(), via: 'wedge', actor: keys.receiver, now,
    }), `scan of ${firstUnit}`);
    must(await receiveScannedLoad(db, { districtId, consignmentId: c.id, serials: rest, via: 'handheld batch', actor: actors.warehouse, now: tick() }), `${c.code} receipt`);
    must(await completeConsignment(db, { districtId, consignmentId: c.id, unsyncedScans: 0, actor: actors.warehouse, now: tick() }), `${c.code} completion`);
    must(await closeStrongroom(db, { actor: keys.first, place: roomPlace, now: tick(), input: { ...ref, sealsApplied: [`${room.code}-S${c.id}1`, `${room.code}-S${c.id}2`] } }), `closing of ${room.code}`);
  }
  return { consignments: made.length, lastAt: new Date(at) };
}
