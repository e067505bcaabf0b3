import type { DB } from '@evmtrail/api/db';
import { approveConsignment, createConsignment, dispatchConsignment, recordScan, reportShortfall, type Actor } from '@evmtrail/api/services';
import type { DistrictId, UnitSerial } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

/*
 * The demo's consignments (issue 7 items 3 and 8), through the consignment service: Mumbai
 * Suburban sends units to the Pune district warehouse (inter-district, approved by the CEO).
 * One is still in transit; the other has arrived with two units of three, one unit not on its
 * load turned up, and the one that did not come is reported: two discrepancies for the Pune
 * warehouse in-charge to resolve. Each unit received keeps one timeline across both logs.
 */

export interface DemoConsignmentsInput {
  readonly fromDistrictId: number;
  readonly fromId: number;
  readonly toDistrictId: number;
  readonly toId: number;
  readonly sender: Actor;
  readonly approver: Actor;
  readonly receiver: Actor;
  readonly startAt: Date;
}

const STEP_MS = 7 * 60 * 1000;

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!result.ok) throw new Error(`Demo consignment ${what}: ${result.error.message}`);
  return result.value;
}

export async function seedDemoConsignments(db: Kysely<DB>, input: DemoConsignmentsInput): Promise<{ consignments: number; lastAt: Date }> {
  let at = input.startAt.getTime();
  const tick = () => new Date((at += STEP_MS));
  // The last serials of the sending warehouse, so the first ones stay where other demos look.
  const free = await db.selectFrom('units').select('serial').where('districtId', '=', input.fromDistrictId).where('locationId', '=', input.fromId)
    .where('state', '=', 'in_warehouse').where('kind', '=', 'BU').orderBy('serial', 'desc').limit(6).execute();
  const serials = free.map((u) => u.serial).reverse();
  if (serials.length < 6) throw new Error('Demo consignments: too few units in the sending warehouse');
  const stray = await db.selectFrom('units').select('serial').where('districtId', '=', input.toDistrictId).where('locationId', '=', input.toId)
    .where('state', '=', 'in_warehouse').where('kind', '=', 'CU').orderBy('serial', 'desc').executeTakeFirst();
  if (!stray) throw new Error('Demo consignments: no unit at the receiving warehouse');
  const sender = { actor: input.sender, districtId: input.fromDistrictId };
  const send = async (load: string[], reference: string) => {
    const c = must(await createConsignment(db, { ...sender, kind: 'inter_district', fromLocationId: input.fromId, toDistrictId: input.toDistrictId, toLocationId: input.toId, serials: load, reference, now: tick() }), reference);
    must(await approveConsignment(db, { actor: input.approver, districtId: input.fromDistrictId, consignmentId: c.id, now: tick() }), `${reference} approval`);
    must(await dispatchConsignment(db, { ...sender, consignmentId: c.id, vehicleNumber: 'MH01EV4521', driver: 'Sunil Pawar', escort: 'HC Ramesh Shinde', seals: [`VS-${c.id}01`, `VS-${c.id}02`], now: tick() }), `${reference} dispatch`);
    return c;
  };
  await send(serials.slice(0, 3), 'CEO/MH/EVM/2026/41');
  const second = await send(serials.slice(3, 6), 'CEO/MH/EVM/2026/42');
  const receiver = { actor: input.receiver, districtId: input.toDistrictId };
  let key = 0;
  for (const serial of [serials[3], serials[4], stray.serial]) {
    const now = tick();
    must(await recordScan(db, {
      ...receiver, districtId: input.toDistrictId as DistrictId, task: { kind: 'consignment_receive', id: second.id }, serial: serial as UnitSerial,
      key: `5eed0000-0000-4000-8000-c0${String((key += 1)).padStart(10, '0')}`, scannedAt: now.toISOString(), via: 'wedge', now,
    }), `scan ${serial}`);
  }
  must(await reportShortfall(db, { ...receiver, consignmentId: second.id, now: tick() }), 'shortfall');
  return { consignments: 2, lastAt: new Date(at) };
}
