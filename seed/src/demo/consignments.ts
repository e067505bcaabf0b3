import type { DB } from '@evmtrail/api/db';
import { createConsignment, dispatchConsignment, recordScan, reportShortfall, type Actor } from '@evmtrail/api/services';
import type { DistrictId, UnitSerial } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

/*
 * The demo district's consignments (issue 7 items 3 and 8), through the consignment service:
 * one between its two warehouses still in transit, and one received with a discrepancy left for
 * the warehouse in-charge — a unit that did not arrive and one that came but was not on the load.
 */

export interface DemoConsignmentsInput {
  readonly districtId: number;
  readonly fromId: number;
  readonly toId: number;
  readonly warehouse: Actor;
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
  const base = { actor: input.warehouse, districtId: input.districtId };
  const free = await db.selectFrom('units').select('serial').where('districtId', '=', input.districtId).where('locationId', '=', input.fromId)
    .where('state', '=', 'in_warehouse').where('kind', '=', 'BU').orderBy('serial').limit(7).execute();
  const serials = free.map((u) => u.serial);
  if (serials.length < 7) throw new Error('Demo consignments: too few units in the district warehouse');
  const send = async (load: string[], reference: string) => {
    const c = must(await createConsignment(db, { ...base, kind: 'inter_warehouse', fromLocationId: input.fromId, toLocationId: input.toId, serials: load, reference, now: tick() }), reference);
    must(await dispatchConsignment(db, { ...base, consignmentId: c.id, vehicleNumber: 'MH12EV4521', driver: 'Sunil Pawar', escort: 'HC Ramesh Shinde', seals: [`VS-${c.id}01`, `VS-${c.id}02`], now: tick() }), `${reference} dispatch`);
    return c;
  };
  await send(serials.slice(0, 3), 'DEO/PUNE/EVM/2026/41');
  const second = await send(serials.slice(3, 6), 'DEO/PUNE/EVM/2026/42');
  let key = 0;
  // Two of three arrive; the seventh unit (not on the load) turns up too.
  for (const serial of [serials[3], serials[4], serials[6]]) {
    const now = tick();
    must(await recordScan(db, {
      ...base, districtId: input.districtId as DistrictId, task: { kind: 'consignment_receive', id: second.id }, serial: serial as UnitSerial,
      key: `00000000-0000-4000-8000-c0${String((key += 1)).padStart(10, '0')}`, scannedAt: now.toISOString(), via: 'wedge', now,
    }), `scan ${serial}`);
  }
  must(await reportShortfall(db, { ...base, consignmentId: second.id, now: tick() }), 'shortfall');
  return { consignments: 2, lastAt: new Date(at) };
}
