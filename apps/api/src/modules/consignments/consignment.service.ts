import {
  approvalRoleOf, err, mayApproveConsignment, ok, type ConsignmentDetail, type ConsignmentKind, type ConsignmentResolution, type ConsignmentSummary,
  type Place, type Result, type ScanResult,
} from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { judge, type Actor } from '../authority/authority.service.ts';
import { findDistrict } from '../districts/district.repository.ts';
import { unitView, visibleUnit } from '../scans/scanned-unit.ts';
import { findUnitBySerial, lockUnits } from '../units/unit.repository.ts';
import { applyUnitEventInTx, appendEventEntries } from '../units/unit.service.ts';
import * as repo from './consignment.repository.ts';

/** Any domain failure: the unit service's refusals (lifecycle, strongroom sealed…) pass through. */
export type ConsignmentFailure = Failure;

/** States a unit may be dispatched from (lifecycle `dispatch`). */
const LOADABLE = ['in_warehouse', 'flc_ok'];

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, ConsignmentFailure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure);
    throw error;
  }
}

async function placeOf(tx: Tx, districtId: number): Promise<Place & { name: string }> {
  const district = await findDistrict(tx, districtId);
  if (!district) throw new Rollback(failure('not_found', `District ${districtId} not found`, {}));
  return { stateId: district.stateId, districtId, acId: null, name: district.name };
}

/**
 * Where the receiving end of a consignment is judged: a consignment to an AC strongroom at its AC
 * (the RO of the AC receives it, as do the district's warehouse staff), any other at its district.
 */
async function receivingPlace(tx: Tx, row: repo.ConsignmentRow): Promise<Place> {
  const place = await placeOf(tx, row.toDistrictId);
  return row.kind === 'ac_strongroom' ? { ...place, acId: row.acId } : place;
}

async function must(tx: Tx, actor: Actor, action: 'consignment.manage' | 'consignment.approve', place: Place): Promise<void> {
  const verdict = await judge(tx, actor, action, place);
  if (!verdict.ok) throw new Rollback(verdict.error);
}

async function lock(tx: Tx, districtId: number, consignmentId: number, status: readonly string[], step: string): Promise<repo.ConsignmentRow> {
  const row = await repo.lockConsignment(tx, districtId, consignmentId);
  if (!row) throw new Rollback(failure('not_found', `Consignment ${consignmentId} not found in this district`, { consignmentId }));
  if (!status.includes(row.status)) {
    throw new Rollback(failure('consignment_status', `Consignment ${row.code} is ${row.status}: it cannot ${step}`, { code: row.code, status: row.status }));
  }
  return row;
}

export interface CreateConsignmentInput {
  readonly districtId: number;
  readonly fromLocationId: number;
  /** The receiving district; the sending one when left out. */
  readonly toDistrictId?: number;
  readonly toLocationId: number;
  readonly kind: ConsignmentKind;
  readonly serials?: readonly string[];
  readonly reference?: string;
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * A transfer order (issue 7 item 3), the service other modules call: checks the kind against the
 * two districts, writes CONSIGNMENT_CREATED, and loads `serials` when given (as picking does).
 */
export async function createConsignment(db: Db, p: CreateConsignmentInput): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const toDistrictId = p.toDistrictId ?? p.districtId;
    const from = await placeOf(tx, p.districtId);
    const to = await placeOf(tx, toDistrictId);
    await must(tx, p.actor, 'consignment.manage', from);
    const origin = await repo.locationOf(tx, p.districtId, p.fromLocationId);
    if (!origin) throw new Rollback(failure('not_found', `Location ${p.fromLocationId} not found in ${from.name}`, { locationId: p.fromLocationId }));
    const dest = await repo.locationOf(tx, toDistrictId, p.toLocationId);
    if (!dest) throw new Rollback(failure('not_found', `Location ${p.toLocationId} not found in ${to.name}`, { locationId: p.toLocationId }));
    if (origin.id === dest.id && toDistrictId === p.districtId) throw new Rollback(failure('invalid_input', `A consignment goes from one place to another: ${origin.name} is both`, { locationName: origin.name }));
    if (p.kind === 'ac_strongroom') throw new Rollback(failure('invalid_input', 'A consignment to an AC strongroom is prepared from a finalised first randomisation, not created by hand', { kind: p.kind }));
    const kindError = kindMismatch(p.kind, from, to, { origin, dest });
    if (kindError) throw new Rollback(failure('invalid_input', kindError, { kind: p.kind }));
    const created = await repo.insertConsignment(tx, {
      kind: p.kind, districtId: p.districtId, fromLocationId: origin.id, toDistrictId, toLocationId: dest.id,
      reference: p.reference ?? null, approvalRole: approvalRoleOf(p.kind), createdBy: p.actor.userId, now: p.now,
    });
    await appendEventEntries(tx, p.districtId, [{
      type: 'CONSIGNMENT_CREATED', units: [], from: origin.code, to: dest.code, actor: p.actor.username, at: p.now,
      reason: `Consignment ${created.code} (${p.kind.replaceAll('_', ' ')}) from ${origin.name} to ${dest.name}${toDistrictId === p.districtId ? '' : ` in ${to.name}`}${p.reference ? `; reference ${p.reference}` : ''}`,
    }], p.now);
    if (p.serials && p.serials.length > 0) {
      await loadInTx(tx, { actor: p.actor, row: await lock(tx, p.districtId, created.id, ['draft'], 'be loaded'), serials: p.serials, via: 'pick', now: p.now });
    }
    return summaryOf(tx, p.districtId, created.id);
  });
}

function kindMismatch(kind: ConsignmentKind, from: Place, to: Place, at: { origin: { kind: string; name: string }; dest: { kind: string; name: string } }): string | undefined {
  const sameDistrict = from.districtId === to.districtId;
  const sameState = from.stateId === to.stateId;
  if (kind === 'inter_warehouse' && !sameDistrict) return 'An inter-warehouse consignment stays in its district: choose inter-district or inter-state';
  if (kind === 'inter_district' && (sameDistrict || !sameState)) return 'An inter-district consignment goes to another district of the same state';
  if (kind === 'inter_state' && sameState) return 'An inter-state consignment goes to a district of another state';
  if (kind === 'repair_out' && at.dest.kind !== 'manufacturer') return `A repair consignment goes to a maker: ${at.dest.name} is a ${at.dest.kind}`;
  if (kind === 'repair_back' && at.origin.kind !== 'manufacturer') return `A return from repair comes from a maker: ${at.origin.name} is a ${at.origin.kind}`;
  return undefined;
}

/** CEO (inter-district, of the sending state) or ECI (inter-state, loans) approves; logged. */
export async function approveConsignment(db: Db, p: { districtId: number; consignmentId: number; actor: Actor; now: Date }): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const row = await lock(tx, p.districtId, p.consignmentId, ['draft'], 'be approved');
    if (!row.approvalRole) throw new Rollback(failure('invalid_input', `Consignment ${row.code} (${row.kind.replaceAll('_', ' ')}) needs no approval`, { code: row.code }));
    const needs = row.approvalRole === 'ceo' ? 'the CEO of the sending state (or ECI)' : 'ECI';
    if (!mayApproveConsignment(p.actor.role, row.approvalRole)) {
      throw new Rollback(failure('forbidden', `Consignment ${row.code} (${row.kind.replaceAll('_', ' ')}) must be approved by ${needs}, not by the ${p.actor.role} role`, { code: row.code, role: p.actor.role, action: 'consignment.approve' }));
    }
    await must(tx, p.actor, 'consignment.approve', await placeOf(tx, row.districtId));
    if (row.toDistrictId !== row.districtId && p.actor.role === 'ceo') await must(tx, p.actor, 'consignment.approve', await placeOf(tx, row.toDistrictId));
    await repo.setStatus(tx, row.id, { status: 'approved', approvedBy: p.actor.userId, approvedAt: p.now });
    await appendEventEntries(tx, row.districtId, [{
      type: 'CONSIGNMENT_APPROVED', units: [], from: row.code, to: row.code, actor: p.actor.username, at: p.now,
      reason: `Consignment ${row.code} (${row.kind.replaceAll('_', ' ')}) approved by ${p.actor.username} (${p.actor.role})`,
    }], p.now);
    return summaryOf(tx, row.districtId, row.id);
  });
}

/** Units picked from a list: loaded together, one CONSIGNMENT_LOADED entry. */
export async function pickUnits(db: Db, p: { districtId: number; consignmentId: number; serials: readonly string[]; actor: Actor; now: Date }): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const row = await lock(tx, p.districtId, p.consignmentId, ['draft', 'approved'], 'be loaded any more');
    if (row.districtId !== p.districtId) throw new Rollback(failure('forbidden', `Consignment ${row.code} is loaded by the sending district`, { code: row.code }));
    await loadInTx(tx, { actor: p.actor, row, serials: p.serials, via: 'pick', now: p.now });
    return summaryOf(tx, p.districtId, row.id);
  });
}

async function loadInTx(tx: Tx, p: { actor: Actor; row: repo.ConsignmentRow; serials: readonly string[]; via: string; now: Date }): Promise<void> {
  await must(tx, p.actor, 'consignment.manage', await placeOf(tx, p.row.districtId));
  const serials = [...new Set(p.serials.map((s) => s.trim().toUpperCase()))];
  const units = await lockUnits(tx, p.row.districtId, serials);
  for (const serial of serials) {
    const unit = visibleUnit(units.find((u) => u.serial === serial), { districtId: p.row.districtId, actor: p.actor });
    if (!unit) throw new Rollback(failure('not_found', `Unit ${serial} not found`, { serial }));
    if (unit.locationId !== p.row.fromLocationId) throw new Rollback(failure('invalid_input', `Unit ${serial} is at ${unit.locationName}, not where consignment ${p.row.code} leaves from`, { serial, code: p.row.code }));
    if (p.row.kind === 'ac_strongroom') {
      if (unit.state !== 'allocated_poll' || unit.acId !== p.row.acId) throw new Rollback(await notAllocatedHere(tx, p.row, serial));
    } else if (!LOADABLE.includes(unit.state)) {
      throw new Rollback(failure('invalid_input', `Unit ${serial} is ${unit.state.replaceAll('_', ' ')}: it cannot be sent on consignment ${p.row.code}`, { serial, code: p.row.code }));
    }
  }
  const already = await repo.loadedElsewhere(tx, serials);
  if (already) throw new Rollback(failure('conflict', `Unit ${already.serial} is already loaded on consignment ${already.code}`, { serial: already.serial, code: already.code }));
  await repo.insertLines(tx, p.row.id, serials, p.actor.userId, p.now);
  await appendEventEntries(tx, p.row.districtId, [{
    type: 'CONSIGNMENT_LOADED', units: serials, from: p.row.code, to: p.row.code, actor: p.actor.username, at: p.now,
    reason: `Loaded on consignment ${p.row.code} (${p.via})`,
  }], p.now);
}

/** The refusal of a unit that is not allocated to the AC an AC-strongroom consignment serves. */
async function notAllocatedHere(tx: Tx, row: repo.ConsignmentRow, serial: string): Promise<Failure> {
  const ac = row.acId === null ? undefined : await repo.acOf(tx, row.acId);
  const acNumber = ac?.number ?? 0;
  const acName = ac?.name ?? '';
  return failure('consignment_not_allocated', `Unit ${serial} is not allocated to AC ${acNumber} ${acName}: only that AC's allocated units go on consignment ${row.code}`, { serial, code: row.code, acNumber, acName });
}

/**
 * Prepares the consignments of a finalised first randomisation (issue 8 item 3): one per AC of its
 * allocation and place its units stand, from there to the AC strongroom (strongroom type 'ac').
 * They are then loaded (only that AC's allocated units), dispatched and received by scan like any
 * consignment; training units are left out (they go to training, not to the AC strongroom).
 */
export async function prepareAcConsignments(db: Db, p: { districtId: number; ceremonyId: number; actor: Actor; now: Date }): Promise<Result<ConsignmentSummary[], ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const place = await placeOf(tx, p.districtId);
    await must(tx, p.actor, 'consignment.manage', place);
    const ceremony = await repo.ceremonyOf(tx, p.districtId, p.ceremonyId);
    if (!ceremony) throw new Rollback(failure('not_found', `Ceremony ${p.ceremonyId} not found in this district`, { ceremonyId: p.ceremonyId }));
    if (ceremony.stage !== 'first' || ceremony.acId !== null || ceremony.status !== 'finalised') {
      throw new Rollback(failure('ceremony_state', `Ceremony ${ceremony.code} is not a finalised first randomisation: consignments to the AC strongrooms are prepared from one`, { code: ceremony.code, status: ceremony.status }));
    }
    const loads = await repo.acLoadsOf(tx, p.districtId, ceremony.id);
    const made: number[] = [];
    for (const load of loads) {
      if (await repo.preparedAlready(tx, { ceremonyId: ceremony.id, acId: load.acId, fromLocationId: load.fromLocationId })) continue;
      if (load.strongroomId === null) {
        throw new Rollback(failure('not_found', `AC ${load.acNumber} ${load.acName} has no AC strongroom to send its units to`, { acNumber: load.acNumber, acName: load.acName }));
      }
      const origin = await repo.locationOf(tx, p.districtId, load.fromLocationId);
      const dest = await repo.locationOf(tx, p.districtId, load.strongroomId);
      if (!origin || !dest) throw new Error('unreachable: the allocation names locations of this district');
      const created = await repo.insertConsignment(tx, {
        kind: 'ac_strongroom', districtId: p.districtId, fromLocationId: origin.id, toDistrictId: p.districtId, toLocationId: dest.id,
        reference: `${ceremony.code} AC ${load.acNumber}`, approvalRole: null, createdBy: p.actor.userId, now: p.now, acId: load.acId, ceremonyId: ceremony.id,
      });
      await appendEventEntries(tx, p.districtId, [{
        type: 'CONSIGNMENT_CREATED', units: [], from: origin.code, to: dest.code, actor: p.actor.username, at: p.now,
        reason: `Consignment ${created.code} (to the AC strongroom) from ${origin.name} to ${dest.name}: the ${load.units} unit(s) allocated to AC ${load.acNumber} ${load.acName} by ceremony ${ceremony.code}`,
      }], p.now);
      made.push(created.id);
    }
    if (made.length === 0) {
      throw new Rollback(failure('consignment_status', `Ceremony ${ceremony.code}: every unit it allocated to an AC is already on a consignment to its AC strongroom, or there already`, { code: ceremony.code }));
    }
    const out: ConsignmentSummary[] = [];
    for (const id of made) out.push(await summaryOf(tx, p.districtId, id));
    return out;
  });
}

/** A scan that loads a unit (task kind `consignment_load`). */
export async function scanForConsignmentLoad(tx: Tx, s: { actor: Actor; districtId: number; consignmentId: number; serial: string; key: string; via: string; now: Date }): Promise<ScanResult> {
  const row = await lock(tx, s.districtId, s.consignmentId, ['draft', 'approved'], 'be loaded any more');
  const serial = s.serial.trim().toUpperCase();
  const base = { key: s.key, serial, replayed: false, recordedAt: s.now.toISOString() };
  const tally = async () => tallyOf(await repo.loadedSerials(tx, row.id), 0);
  if ((await repo.loadedSerials(tx, row.id)).includes(serial)) {
    return { ...base, outcome: 'duplicate', detail: `Unit ${serial} is already loaded on ${row.code}; it counts once`, tally: await tally() };
  }
  const unit = visibleUnit(await findUnitBySerial(tx, serial), { districtId: row.districtId, actor: s.actor });
  if (!unit) return { ...base, outcome: 'unknown_serial', detail: `Unit ${serial} not found`, tally: await tally() };
  if (unit.locationId !== row.fromLocationId) return { ...base, outcome: 'wrong_place', detail: `Unit ${serial} is at ${unit.locationName}, not where ${row.code} leaves from`, unit: unitView(unit), tally: await tally() };
  if (row.kind === 'ac_strongroom' && (unit.state !== 'allocated_poll' || unit.acId !== row.acId)) throw new Rollback(await notAllocatedHere(tx, row, serial));
  if (row.kind !== 'ac_strongroom' && !LOADABLE.includes(unit.state)) return { ...base, outcome: 'wrong_state', detail: `Unit ${serial} is ${unit.state.replaceAll('_', ' ')}: it cannot be sent`, unit: unitView(unit), tally: await tally() };
  await loadInTx(tx, { actor: s.actor, row, serials: [serial], via: `scanned, ${s.via}`, now: s.now });
  return { ...base, outcome: 'accepted', detail: `Unit ${serial} loaded on ${row.code}`, unit: unitView(unit), tally: await tally() };
}

function tallyOf(loaded: readonly string[], received: number): ScanResult['tally'] {
  return { expected: loaded.length, accepted: received, missing: loaded.length - received, orphan: 0, rejected: 0 };
}

/**
 * Dispatch: the units move (lifecycle `dispatch`, one entry per state they leave from) to the
 * consignment's vehicle place, under an open strongroom session when they leave a strongroom.
 */
export async function dispatchConsignment(db: Db, p: {
  districtId: number; consignmentId: number; vehicleNumber: string; driver: string; escort: string; seals: readonly string[]; actor: Actor; now: Date;
}): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const row = await lock(tx, p.districtId, p.consignmentId, ['draft', 'approved'], 'be dispatched');
    if (row.districtId !== p.districtId) throw new Rollback(failure('forbidden', `Consignment ${row.code} is dispatched by the sending district`, { code: row.code }));
    await must(tx, p.actor, 'consignment.manage', await placeOf(tx, row.districtId));
    if (row.approvalRole && row.status !== 'approved') {
      const who = row.approvalRole === 'ceo' ? 'the CEO' : 'ECI';
      throw new Rollback(failure('consignment_status', `Consignment ${row.code} (${row.kind.replaceAll('_', ' ')}) cannot be dispatched before ${who} approves it`, { code: row.code, status: row.status }));
    }
    const serials = await repo.loadedSerials(tx, row.id);
    if (serials.length === 0) throw new Rollback(failure('invalid_input', `Consignment ${row.code} has no units loaded`, { code: row.code }));
    const vehicle = await repo.insertVehicle(tx, { districtId: row.districtId, code: row.code, name: `Consignment ${row.code} (${p.vehicleNumber})` });
    const toVehicle = row.toDistrictId === row.districtId ? null : await repo.insertVehicle(tx, { districtId: row.toDistrictId, code: row.code, name: `Consignment ${row.code} (${p.vehicleNumber})` });
    const units = await lockUnits(tx, row.districtId, serials);
    const byState = new Map<string, string[]>();
    for (const u of units) byState.set(u.state, [...(byState.get(u.state) ?? []), u.serial]);
    let first: number | undefined;
    for (const group of byState.values()) {
      const idx = await applyUnitEventInTx(tx, {
        actor: p.actor, districtId: row.districtId, serials: group, event: row.kind === 'ac_strongroom' ? 'dispatch_to_ac' : 'dispatch', toLocationId: vehicle, now: p.now,
        seals: p.seals, witnesses: [p.escort],
        reason: `Consignment ${row.code}: vehicle ${p.vehicleNumber}, driver ${p.driver}, escort ${p.escort}`,
      });
      first ??= idx;
      await repo.markLines(tx, { id: row.id, serials: group, to: 'in_transit', dispatchIdx: idx });
    }
    await repo.setStatus(tx, row.id, {
      status: 'dispatched', vehicleLocationId: vehicle, toVehicleLocationId: toVehicle, vehicleNumber: p.vehicleNumber, driver: p.driver,
      escort: p.escort, seals: p.seals.join('\n'), dispatchedBy: p.actor.userId, dispatchedAt: p.now, dispatchIdx: first ?? null,
    });
    return summaryOf(tx, row.districtId, row.id);
  });
}

/**
 * A scan at the destination (task kind `consignment_receive`, in the receiving district). A unit
 * of the load is received (lifecycle `receive`); one from another district is first handed over,
 * and the two districts' entries name each other (receiveLine). Anything else is a discrepancy.
 */
export async function scanForConsignmentReceive(tx: Tx, s: { actor: Actor; districtId: number; consignmentId: number; serial: string; key: string; via: string; now: Date }): Promise<ScanResult> {
  const row = await lock(tx, s.districtId, s.consignmentId, ['dispatched'], 'be received');
  if (row.toDistrictId !== s.districtId) throw new Rollback(failure('forbidden', `Consignment ${row.code} is received by its destination district`, { code: row.code }));
  await must(tx, s.actor, 'consignment.manage', await receivingPlace(tx, row));
  const serial = s.serial.trim().toUpperCase();
  const base = { key: s.key, serial, replayed: false, recordedAt: s.now.toISOString() };
  const line = await repo.unitLine(tx, row.id, serial);
  const tally = async () => {
    const loaded = await repo.loadedSerials(tx, row.id);
    return { ...tallyOf(loaded, (await repo.loadedSerials(tx, row.id, 'received')).length), rejected: await repo.openIssueCount(tx, row.id) };
  };
  if (line?.status === 'received') return { ...base, outcome: 'duplicate', detail: `Unit ${serial} was already received from ${row.code}; it counts once`, tally: await tally() };
  if (line?.status === 'in_transit') {
    await receiveLine(tx, { row, serial, dispatchIdx: line.dispatchIdx, actor: s.actor, now: s.now, how: `scanned (${s.via})` });
    const after = await findUnitBySerial(tx, serial);
    return { ...base, outcome: 'accepted', detail: `Unit ${serial} received into ${after?.locationName ?? 'the destination'}`, ...(after ? { unit: unitView(after) } : {}), tally: await tally() };
  }
  if (line) return { ...base, outcome: 'wrong_state', detail: `Unit ${serial} of ${row.code} is already ${line.status}`, tally: await tally() };
  const elsewhere = await repo.inTransitOn(tx, serial, row.id);
  const kind = elsewhere ? 'misdirected' : 'unexpected';
  const detail = elsewhere
    ? `Unit ${serial} arrived with ${row.code} but is meant for consignment ${elsewhere.code}`
    : `Unit ${serial} arrived with ${row.code} but is not on its load`;
  if (await repo.insertIssue(tx, { id: row.id, serial, kind, detail, now: s.now })) {
    await appendEventEntries(tx, s.districtId, [{ type: 'CONSIGNMENT_DISCREPANCY', units: [serial], from: row.code, to: row.code, actor: s.actor.username, at: s.now, reason: `${detail} (${kind})` }], s.now);
  }
  return { ...base, outcome: 'wrong_place', detail, tally: await tally() };
}

/**
 * Receives one unit of the load. Across districts the unit's row is first handed to the receiving
 * district; its receipt entry there names the dispatch entry of the sending log (origin, index,
 * leaf hash), and a CONSIGNMENT_HANDOVER entry appended to the sending log names the receipt
 * entry back — the append-only way for the earlier entry to name the later one.
 */
async function receiveLine(tx: Tx, p: { row: repo.ConsignmentRow; serial: string; dispatchIdx: number | null; actor: Actor; now: Date; how: string }): Promise<void> {
  const { row } = p;
  const cross = row.toDistrictId !== row.districtId;
  let reason = `Consignment ${row.code}, ${p.how}`;
  if (cross) {
    if (row.vehicleLocationId === null || row.toVehicleLocationId === null || p.dispatchIdx === null) throw new Error(`unreachable: consignment ${row.code} was dispatched without its places`);
    const moved = await repo.handOver(tx, { serial: p.serial, fromDistrictId: row.districtId, fromVehicleId: row.vehicleLocationId, toDistrictId: row.toDistrictId, toVehicleId: row.toVehicleLocationId, now: p.now });
    if (moved !== 1) throw new Rollback(failure('conflict', `Unit ${p.serial} is no longer in transit on ${row.code}`, { serial: p.serial, code: row.code }));
    const sent = await repo.leafHashHex(tx, row.districtId, p.dispatchIdx);
    reason += `; dispatched under ${sent.origin} entry ${p.dispatchIdx} (leaf ${sent.hash})`;
  }
  const event = row.kind === 'ac_strongroom' ? 'receive_at_ac_strongroom' : 'receive';
  const idx = await applyUnitEventInTx(tx, { actor: p.actor, districtId: row.toDistrictId, serials: [p.serial], event, toLocationId: row.toLocationId, now: p.now, reason });
  await repo.markLines(tx, { id: row.id, serials: [p.serial], to: 'received', by: p.actor.userId, now: p.now });
  if (cross && p.dispatchIdx !== null) {
    const got = await repo.leafHashHex(tx, row.toDistrictId, idx);
    await appendEventEntries(tx, row.districtId, [{
      type: 'CONSIGNMENT_HANDOVER', units: [p.serial], from: row.code, to: row.code, actor: p.actor.username, at: p.now,
      reason: `Consignment ${row.code}: unit dispatched in entry ${p.dispatchIdx} here was received under ${got.origin} entry ${idx} (leaf ${got.hash})`,
    }], p.now);
  }
}

/**
 * A batch of receipt scans recorded together in one transaction (a handheld's queue uploaded at
 * once; the demo seed's AC-strongroom receipts): every serial must be on the load and still in
 * transit, else nothing is received. One unit event (one log entry) per kind, the lines marked
 * received. Within a district only: across districts each unit is handed over by its own scan.
 */
export async function receiveScannedLoad(db: Db, p: { districtId: number; consignmentId: number; serials: readonly string[]; via: string; actor: Actor; now: Date }): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const row = await lock(tx, p.districtId, p.consignmentId, ['dispatched'], 'be received');
    if (row.toDistrictId !== p.districtId || row.districtId !== p.districtId) {
      throw new Rollback(failure('forbidden', `Consignment ${row.code} crosses districts: its units are received one scan at a time`, { code: row.code }));
    }
    await must(tx, p.actor, 'consignment.manage', await receivingPlace(tx, row));
    const serials = [...new Set(p.serials.map((s) => s.trim().toUpperCase()))];
    if (serials.length === 0) throw new Rollback(failure('invalid_input', `Consignment ${row.code}: no units to receive`, { code: row.code }));
    const inTransit = new Set(await repo.loadedSerials(tx, row.id, 'in_transit'));
    const stray = serials.find((s) => !inTransit.has(s));
    if (stray) throw new Rollback(failure('invalid_input', `Unit ${stray} is not in transit on consignment ${row.code}`, { serial: stray, code: row.code }));
    const units = await lockUnits(tx, row.districtId, serials);
    const byKind = new Map<string, string[]>();
    for (const u of units) byKind.set(u.kind, [...(byKind.get(u.kind) ?? []), u.serial]);
    const event = row.kind === 'ac_strongroom' ? 'receive_at_ac_strongroom' : 'receive';
    for (const group of byKind.values()) {
      await applyUnitEventInTx(tx, { actor: p.actor, districtId: row.districtId, serials: group, event, toLocationId: row.toLocationId, now: p.now, reason: `Consignment ${row.code}, scanned (${p.via})` });
    }
    await repo.markLines(tx, { id: row.id, serials, to: 'received', by: p.actor.userId, now: p.now });
    return summaryOf(tx, row.districtId, row.id);
  });
}

/** Every unit still in transit on the consignment becomes a `missing` discrepancy (one entry). */
export async function reportShortfall(db: Db, p: { districtId: number; consignmentId: number; actor: Actor; now: Date }): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const row = await lock(tx, p.districtId, p.consignmentId, ['dispatched'], 'be checked for missing units');
    if (row.toDistrictId !== p.districtId) throw new Rollback(failure('forbidden', `Consignment ${row.code} is received by its destination district`, { code: row.code }));
    await must(tx, p.actor, 'consignment.manage', await receivingPlace(tx, row));
    const outstanding = await repo.loadedSerials(tx, row.id, 'in_transit');
    const fresh: string[] = [];
    for (const serial of outstanding) {
      if (await repo.insertIssue(tx, { id: row.id, serial, kind: 'missing', detail: `Unit ${serial} was dispatched on ${row.code} but has not arrived`, now: p.now })) fresh.push(serial);
    }
    if (fresh.length === 0) throw new Rollback(failure('invalid_input', `Consignment ${row.code} has no unit outstanding that is not already reported`, { code: row.code }));
    await appendEventEntries(tx, p.districtId, [{ type: 'CONSIGNMENT_DISCREPANCY', units: fresh, from: row.code, to: row.code, actor: p.actor.username, at: p.now, reason: `Dispatched on ${row.code} but not arrived (missing)` }], p.now);
    return summaryOf(tx, p.districtId, row.id);
  });
}

/**
 * Settles one discrepancy, its change and its entry in one transaction: a missing unit received
 * later (received now, as a scan would) or reported missing (lifecycle `report_missing`); an
 * unexpected or misdirected unit returned to its sender or forwarded to its destination.
 */
export async function resolveConsignmentIssue(db: Db, p: { districtId: number; consignmentId: number; serial: string; resolution: ConsignmentResolution; note: string; actor: Actor; now: Date }): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const row = await lock(tx, p.districtId, p.consignmentId, ['dispatched'], 'have its discrepancies resolved');
    if (row.toDistrictId !== p.districtId) throw new Rollback(failure('forbidden', `Consignment ${row.code} is received by its destination district`, { code: row.code }));
    await must(tx, p.actor, 'consignment.manage', await receivingPlace(tx, row));
    const serial = p.serial.trim().toUpperCase();
    const issue = await repo.findIssue(tx, row.id, serial);
    if (!issue) throw new Rollback(failure('not_found', `Consignment ${row.code} has no discrepancy for unit ${serial}`, { serial, code: row.code }));
    if (issue.resolution) throw new Rollback(failure('conflict', `The discrepancy of unit ${serial} on ${row.code} is already resolved (${issue.resolution.replaceAll('_', ' ')})`, { serial, code: row.code }));
    const fits = issue.kind === 'missing' ? ['received_later', 'reported_missing'] : ['returned', 'forwarded'];
    if (!fits.includes(p.resolution)) {
      throw new Rollback(failure('invalid_input', `A ${issue.kind} unit (${serial}) is resolved as ${fits.map((f) => f.replaceAll('_', ' ')).join(' or ')}, not ${p.resolution.replaceAll('_', ' ')}`, { serial, code: row.code }));
    }
    const line = await repo.unitLine(tx, row.id, serial);
    if (p.resolution === 'received_later') {
      if (line?.status !== 'in_transit') throw new Rollback(failure('conflict', `Unit ${serial} is not in transit on ${row.code}`, { serial, code: row.code }));
      await receiveLine(tx, { row, serial, dispatchIdx: line.dispatchIdx, actor: p.actor, now: p.now, how: `received later: ${p.note}` });
    } else if (p.resolution === 'reported_missing') {
      // The sending district still holds the unit on its vehicle place: it is reported there.
      const [unit] = await lockUnits(tx, row.districtId, [serial]);
      if (!unit) throw new Rollback(failure('not_found', `Unit ${serial} not found`, { serial }));
      const reporter: Actor = row.districtId === p.districtId ? p.actor : { ...p.actor, jurisdiction: { level: 'district', stateId: unit.stateId, districtId: row.districtId } };
      await applyUnitEventInTx(tx, { actor: reporter, districtId: row.districtId, serials: [serial], event: 'report_missing', now: p.now, reason: `Consignment ${row.code}: not arrived at its destination. ${p.note}` });
      await repo.markLines(tx, { id: row.id, serials: [serial], to: 'missing' });
    } else {
      await appendEventEntries(tx, p.districtId, [{
        type: 'CONSIGNMENT_RESOLVED', units: [serial], from: row.code, to: row.code, actor: p.actor.username, at: p.now,
        reason: `${issue.kind === 'misdirected' ? 'Misdirected' : 'Unexpected'} unit ${serial} on ${row.code}: ${p.resolution === 'returned' ? 'returned to its sender' : 'forwarded to its destination'}. ${p.note}`,
      }], p.now);
    }
    await repo.resolveIssue(tx, { id: row.id, serial, resolution: p.resolution, note: p.note, by: p.actor.userId, now: p.now });
    return summaryOf(tx, p.districtId, row.id);
  });
}

/** Closes the receipt: refused with unsent scans, units still in transit, or open discrepancies. */
export async function completeConsignment(db: Db, p: { districtId: number; consignmentId: number; unsyncedScans: number; actor: Actor; now: Date }): Promise<Result<ConsignmentSummary, ConsignmentFailure>> {
  return inTransaction(db, async (tx) => {
    const row = await lock(tx, p.districtId, p.consignmentId, ['dispatched'], 'be completed');
    if (row.toDistrictId !== p.districtId) throw new Rollback(failure('forbidden', `Consignment ${row.code} is received by its destination district`, { code: row.code }));
    await must(tx, p.actor, 'consignment.manage', await receivingPlace(tx, row));
    if (p.unsyncedScans > 0) throw new Rollback(failure('consignment_unsynced', `Consignment ${row.code} cannot be completed while ${p.unsyncedScans} scan(s) on this device are not yet sent`, { code: row.code, count: p.unsyncedScans }));
    const open = await repo.openIssueCount(tx, row.id);
    if (open > 0) throw new Rollback(failure('consignment_outstanding', `Consignment ${row.code} has ${open} open discrepancy(ies) to resolve first`, { code: row.code, count: open }));
    const outstanding = (await repo.loadedSerials(tx, row.id, 'in_transit')).length;
    if (outstanding > 0) throw new Rollback(failure('consignment_outstanding', `Consignment ${row.code} still has ${outstanding} unit(s) in transit: receive them or report them missing`, { code: row.code, count: outstanding }));
    await repo.setStatus(tx, row.id, { status: 'completed', completedBy: p.actor.userId, completedAt: p.now });
    const received = (await repo.loadedSerials(tx, row.id, 'received')).length;
    await appendEventEntries(tx, p.districtId, [{ type: 'CONSIGNMENT_COMPLETED', units: [], from: row.code, to: row.code, actor: p.actor.username, at: p.now, reason: `Consignment ${row.code} completed: ${received} received` }], p.now);
    return summaryOf(tx, p.districtId, row.id);
  });
}

/** Units at the origin that may still be picked (at most 500, by serial). */
export async function pickableUnits(db: Db, districtId: number, consignmentId: number): Promise<Array<{ serial: string; kind: string }>> {
  return repo.pickableUnits(db, districtId, consignmentId);
}

export async function listConsignments(db: Db, districtId: number): Promise<ConsignmentSummary[]> {
  return repo.summaries(db, { districtId });
}

export async function consignmentDetail(db: Db, districtId: number, consignmentId: number): Promise<Result<ConsignmentDetail, ConsignmentFailure>> {
  const [summary] = await repo.summaries(db, { districtId, id: consignmentId });
  if (!summary) return err(failure('not_found', `Consignment ${consignmentId} not found in this district`, { consignmentId }));
  return ok({ ...summary, ...(await repo.detailParts(db, consignmentId, districtId, summary.code)) });
}

async function summaryOf(tx: Tx, districtId: number, id: number): Promise<ConsignmentSummary> {
  const [summary] = await repo.summaries(tx, { districtId, id });
  if (!summary) throw new Error('unreachable: the consignment is locked');
  return summary;
}
