import {
  TRANSITIONS,
  applyTransition,
  err,
  ok,
  transition,
  type Model,
  type Result,
  type TransitionError,
  type UnitEvent,
  type UnitKind,
  type UnitSnapshot,
  type UnitState,
} from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { judge, reachesDistrict, type Actor } from '../authority/authority.service.ts';
import { appendEntries } from '../custody/log.service.ts';
import { findDistrict } from '../districts/district.repository.ts';
import { ALLOCATING_EVENTS, acAfter, placeNow, touchedPlaces } from './unit.authority.ts';
import * as repo from './unit.repository.ts';

export type { Actor } from '../authority/authority.service.ts';

export type UnitServiceError = Failure<
  'not_found' | 'log_not_found' | 'log_unverified' | 'invalid_input' | 'conflict' | 'forbidden' | 'outside_jurisdiction' | TransitionError['type']
>;

export interface UnitEventInput {
  readonly actor: Actor;
  readonly districtId: number;
  readonly serials: readonly string[];
  readonly event: UnitEvent;
  readonly toLocationId?: number;
  /** The AC an allocating event (allocate_poll, allocate_training) allocates the units to. */
  readonly toAcId?: number;
  readonly reason?: string;
  readonly witnesses?: readonly string[];
  readonly seals?: readonly string[];
  readonly now: Date;
}

/** The sentence for a serial nobody may see: the same for an unknown unit and another district's. */
export function unitNotFound(serial: string): Failure<'not_found'> {
  return failure('not_found', `Unit ${serial} not found`, { serial });
}

/** One unit by serial, for the api: its district is looked up, then `applyUnitEvent` judges. */
export async function transitionUnit(
  db: Db,
  input: Omit<UnitEventInput, 'districtId' | 'serials'> & { readonly serial: string },
): Promise<Result<{ logIndex: number; count: number }, UnitServiceError>> {
  const districtId = await repo.findUnitDistrict(db, input.serial);
  if (districtId === undefined) return err(unitNotFound(input.serial));
  const { serial, ...rest } = input;
  return applyUnitEvent(db, { ...rest, districtId, serials: [serial] });
}

/**
 * The one way a unit changes state: in one transaction, every unit is row-locked, judged at
 * every place the change touches, checked against the lifecycle, moved by a guarded update, and
 * one custody-log entry records them all.
 */
export async function applyUnitEvent(
  db: Db,
  input: UnitEventInput,
): Promise<Result<{ logIndex: number; count: number }, UnitServiceError>> {
  const invalid = validateInput(input);
  if (invalid) return err(invalid);
  try {
    const logIndex = await db.transaction().execute((tx) => applyInTransaction(tx, input));
    return ok({ logIndex, count: input.serials.length });
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as UnitServiceError);
    throw error;
  }
}

function validateInput(input: UnitEventInput): UnitServiceError | undefined {
  const event = input.event;
  if (input.serials.length === 0) return failure('invalid_input', `Event '${event}' names no units`, { event });
  const seen = new Set<string>();
  for (const serial of input.serials) {
    if (seen.has(serial)) return failure('invalid_input', `Unit ${serial} is listed twice`, { serial });
    seen.add(serial);
  }
  if (ALLOCATING_EVENTS.includes(event) && input.toAcId === undefined) {
    return failure('invalid_input', `Event '${event}' allocates units to an AC: name the AC`, { event });
  }
  return undefined;
}

async function applyInTransaction(tx: Tx, input: UnitEventInput): Promise<number> {
  const units = await lockAll(tx, input);
  const first = units[0];
  if (!first) throw new Error('unreachable: lockAll returns every unit');
  // Judged where the units belong now before anything about them (their state) is told.
  for (const unit of units) await judgeAt(tx, input, unit, [placeNow(unit)]);
  const target = await resolveTarget(tx, input);
  const plan = planChanges(units, input, { target, currentFlcCycle: await repo.currentFlcCycle(tx) });
  for (const unit of units) {
    const change = { event: input.event, to: plan.to, ...(target ? { target } : {}), ...(input.toAcId !== undefined ? { allocateToAcId: input.toAcId } : {}) };
    await judgeAt(tx, input, unit, touchedPlaces(unit, change));
  }
  let changed = 0;
  for (const group of plan.groups) {
    const where = { districtId: input.districtId, serials: group.serials, from: first.state, now: input.now };
    changed += await repo.updateUnits(tx, where, group.change);
  }
  if (changed !== units.length) {
    const serials = input.serials.join(', ');
    throw new Rollback(failure('conflict', `Units changed while '${input.event}' was being recorded (${serials}); ${changed} of ${units.length} updated. Try again.`, { serial: serials, event: input.event }));
  }
  return logEvent(tx, input, { from: first.locationCode, to: target?.code ?? first.locationCode, state: plan.to });
}

async function judgeAt(tx: Tx, input: UnitEventInput, unit: repo.Unit, places: ReturnType<typeof touchedPlaces>): Promise<void> {
  for (const place of places) {
    const verdict = await judge(tx, input.actor, 'unit.transition', place, { serial: unit.serial, event: input.event });
    if (!verdict.ok) throw new Rollback(verdict.error);
  }
}

/** Row-locks every named unit; all must exist, be visible, and stand in the same place and state. */
async function lockAll(tx: Tx, input: UnitEventInput): Promise<repo.Unit[]> {
  const units = await repo.lockUnits(tx, input.districtId, input.serials);
  const missing = input.serials.find((s) => !units.some((u) => u.serial === s));
  if (missing) throw new Rollback(unitNotFound(missing));
  // Another district's unit answers exactly like an unknown serial (never naming the district).
  const hidden = units.find((u) => !reachesDistrict(input.actor.jurisdiction, u));
  if (hidden) throw new Rollback(unitNotFound(hidden.serial));
  const [first] = units;
  const mixed = units.find((u) => u.locationId !== first?.locationId || u.state !== first.state || u.acId !== first.acId);
  if (first && mixed) {
    throw new Rollback(failure('invalid_input', `Unit ${mixed.serial} is not in the same place and state as unit ${first.serial}; record them separately`, { serial: mixed.serial }));
  }
  return units;
}

interface Plan {
  readonly to: UnitState;
  readonly groups: ReadonlyArray<{ change: repo.UnitChange; serials: string[] }>;
}

/** Checks each unit against the lifecycle and groups the units by what the event sets on them. */
function planChanges(units: readonly repo.Unit[], input: UnitEventInput, p: { target: repo.LocationRef | undefined; currentFlcCycle: number }): Plan {
  const ctx = {
    role: input.actor.role, now: input.now, currentFlcCycle: p.currentFlcCycle,
    ...(p.target ? { targetLocationId: p.target.id } : {}),
  };
  const groups = new Map<string, { change: repo.UnitChange; serials: string[] }>();
  let to: UnitState | undefined;
  for (const unit of units) {
    const snapshot = toSnapshot(unit);
    const outcome = transition(snapshot, input.event, ctx);
    if (!outcome.ok) throw new Rollback(fromTransitionError(outcome.error, unit));
    to = outcome.value.to;
    const acId = acAfter(unit, { event: input.event, to, ...(p.target ? { target: p.target } : {}), ...(input.toAcId !== undefined ? { allocateToAcId: input.toAcId } : {}) });
    const change = { ...toChange(applyTransition(snapshot, outcome.value, ctx)), acId };
    const key = JSON.stringify(change);
    const group = groups.get(key) ?? { change, serials: [] };
    group.serials.push(unit.serial);
    groups.set(key, group);
  }
  if (!to) throw new Error('unreachable: no unit transitioned');
  return { to, groups: [...groups.values()] };
}

function fromTransitionError(error: TransitionError, unit: repo.Unit): Failure {
  return failure(error.type, error.message, {
    serial: unit.serial, kind: unit.kind, event: error.event, state: unit.state,
    ...(error.type === 'role_not_allowed' ? { role: error.role } : {}),
  });
}

/** One custody-log entry for the whole event, in the same transaction. */
async function logEvent(tx: Tx, input: UnitEventInput, where: { from: string; to: string; state: UnitState }): Promise<number> {
  const appended = await appendEntries(tx, input.districtId, [{
    type: TRANSITIONS[input.event].logType,
    event: input.event,
    state: where.state,
    units: input.serials,
    from: where.from,
    to: where.to,
    actor: input.actor.username,
    witnesses: input.witnesses ?? [],
    seals: input.seals ?? [],
    ...(input.reason ? { reason: input.reason } : {}),
  }], input.now);
  if (!appended.ok) {
    const { type, message } = appended.error;
    const district = await findDistrict(tx, input.districtId);
    const params = { event: input.event, ...(district ? { districtName: district.name } : {}) };
    throw new Rollback(failure(type === 'log_unverified' ? 'log_unverified' : 'log_not_found', message, params));
  }
  const [logIndex] = appended.value.indices;
  if (logIndex === undefined) throw new Error('unreachable: no log index');
  return logIndex;
}

async function resolveTarget(tx: Tx, input: UnitEventInput): Promise<repo.LocationRef | undefined> {
  if (input.toLocationId === undefined) return undefined;
  const location = await repo.findLocation(tx, input.districtId, input.toLocationId);
  if (!location) {
    const serial = input.serials.join(', ');
    throw new Rollback(failure('not_found', `Location ${input.toLocationId} not found in the district of unit ${serial} (target of '${input.event}')`, { serial, event: input.event }));
  }
  return location;
}

function toChange(after: UnitSnapshot): Omit<repo.UnitChange, 'acId'> {
  return {
    state: after.state, previousState: after.previousState ?? null, locationId: after.locationId,
    hold: after.hold, flcCycle: after.flcCycle, isTraining: after.isTraining,
  };
}

function toSnapshot(unit: repo.Unit): UnitSnapshot {
  return {
    serial: unit.serial,
    kind: unit.kind as UnitKind,
    model: unit.model as Model,
    state: unit.state as UnitState,
    previousState: unit.previousState as UnitState | null,
    hold: unit.hold as 'none' | 'ep' | 'court',
    flcCycle: unit.flcCycle,
    isTraining: unit.isTraining,
    locationId: unit.locationId,
  };
}
