import {
  TRANSITIONS,
  applyTransition,
  err,
  ok,
  reachesDistrict,
  transition,
  type Model,
  type Result,
  type TransitionError,
  type UnitEvent,
  type UnitKind,
  type UnitSnapshot,
  type UnitState,
  type LogEntryDraft,
} from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { judge, type Actor } from '../authority/authority.service.ts';
import { appendEntries } from '../custody/log.service.ts';
import { findDistrict } from '../districts/district.repository.ts';
import { requireOpenSessions } from '../strongrooms/strongroom.guard.ts';
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

/** One event inside a transaction the caller holds (a scan); throws `Rollback` with the failure. */
export async function applyUnitEventInTx(tx: Tx, input: UnitEventInput): Promise<number> {
  const invalid = validateInput(input);
  if (invalid) throw new Rollback(invalid);
  return applyInTransaction(tx, input);
}

export function validateInput(input: UnitEventInput): UnitServiceError | undefined {
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
  const units = checkLocked(input, await repo.lockUnits(tx, input.districtId, input.serials));
  const where = await moveLockedUnits(tx, input, units, { currentFlcCycle: await repo.currentFlcCycle(tx), targets: new Map(), openSessions: new Map() });
  return logEvent(tx, input, where);
}

/** What the events of one transaction share: the FLC cycle, and target locations already read. */
export interface EventContext {
  readonly currentFlcCycle: number;
  readonly targets: Map<number, repo.LocationRef>;
  /** Open strongroom sessions already looked up (null: the strongroom is sealed). */
  readonly openSessions: Map<number, number | null>;
}

/** Where an event took its units, for its log entry. */
export interface EventWhere {
  readonly from: string;
  readonly to: string;
  readonly state: UnitState;
  /** The strongroom sessions the move was made under, for the entry's reason. */
  readonly sessions?: string;
}

/**
 * The checks and the write of one event on units its transaction has row-locked (`checkLocked`):
 * judged where the units belong now, then against the lifecycle, then at every place the change
 * touches (the AC of allocation included), then moved by guarded updates. The batch path
 * (unit-batch.service.ts) runs exactly this per event.
 */
export async function moveLockedUnits(tx: Tx, input: UnitEventInput, units: readonly repo.Unit[], ctx: EventContext): Promise<EventWhere> {
  const planned = await planLockedMove(tx, input, units, ctx);
  await runGuardedUpdates(tx, input.districtId, [planned], input.now);
  return planned.where;
}

/** What one event will set on its units, checked (jurisdiction, lifecycle, strongroom sessions) but not yet written. */
export interface PlannedMove {
  readonly input: UnitEventInput;
  readonly where: EventWhere;
  /** The state the units were locked in (the update's guard). */
  readonly from: string;
  readonly groups: Plan['groups'];
  readonly count: number;
}

/** Every check of an event on its locked units, and the guarded updates it needs; writes nothing. */
export async function planLockedMove(tx: Tx, input: UnitEventInput, units: readonly repo.Unit[], ctx: EventContext): Promise<PlannedMove> {
  const first = units[0];
  if (!first) throw new Error('unreachable: checkLocked returns every unit');
  // Judged where the units belong now before anything about them (their state) is told.
  for (const unit of units) await judgeAt(tx, input, unit, [placeNow(unit)]);
  const target = await resolveTarget(tx, input, ctx.targets);
  const plan = planChanges(units, input, { target, currentFlcCycle: ctx.currentFlcCycle });
  for (const unit of units) {
    const change = { event: input.event, to: plan.to, ...(target ? { target } : {}), ...(input.toAcId !== undefined ? { allocateToAcId: input.toAcId } : {}) };
    await judgeAt(tx, input, unit, touchedPlaces(unit, change));
  }
  const sessions = await requireOpenSessions(tx, {
    districtId: input.districtId, serials: input.serials, event: input.event, known: ctx.openSessions,
    from: { id: first.locationId, code: first.locationCode, name: first.locationName, kind: first.locationKind }, to: target,
  });
  const where = { from: first.locationCode, to: target?.code ?? first.locationCode, state: plan.to, ...(sessions ? { sessions } : {}) };
  return { input, where, from: first.state, groups: plan.groups, count: units.length };
}

/**
 * The guarded updates of planned events: events that set the same thing on units in the same
 * state share one statement (a batch of scans is one update, not one per scan). Every unit must
 * still be in the state it was planned from, or the whole transaction rolls back.
 */
export async function runGuardedUpdates(tx: Tx, districtId: number, planned: readonly PlannedMove[], now: Date): Promise<void> {
  const merged = new Map<string, { from: string; change: repo.UnitChange; serials: string[] }>();
  for (const move of planned) {
    for (const group of move.groups) {
      const key = `${move.from}\u0000${JSON.stringify(group.change)}`;
      const into = merged.get(key) ?? { from: move.from, change: group.change, serials: [] };
      into.serials.push(...group.serials);
      merged.set(key, into);
    }
  }
  let changed = 0;
  for (const { from, change, serials } of merged.values()) changed += await repo.updateUnits(tx, { districtId, serials, from, now }, change);
  const expected = planned.reduce((n, move) => n + move.count, 0);
  if (changed !== expected) {
    const events = [...new Set(planned.map((m) => m.input.event))].join(', ');
    const serials = planned.flatMap((m) => m.input.serials).join(', ');
    throw new Rollback(failure('conflict', `Units changed while '${events}' was being recorded (${serials}); ${changed} of ${expected} updated. Try again.`, { serial: serials, event: events }));
  }
}

async function judgeAt(tx: Tx, input: UnitEventInput, unit: repo.Unit, places: ReturnType<typeof touchedPlaces>): Promise<void> {
  for (const place of places) {
    const verdict = await judge(tx, input.actor, 'unit.transition', place, { serial: unit.serial, event: input.event });
    if (!verdict.ok) throw new Rollback(verdict.error);
  }
}

/**
 * The event's units among the rows its transaction locked: all must exist, be visible, and stand
 * in the same place and state. `locked` may hold other events' units too (a batch).
 */
export function checkLocked(input: UnitEventInput, locked: readonly repo.Unit[]): repo.Unit[] {
  const named = new Set(input.serials);
  const units = locked.filter((u) => named.has(u.serial));
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
async function logEvent(tx: Tx, input: UnitEventInput, where: EventWhere): Promise<number> {
  const [logIndex] = await appendEventEntries(tx, input.districtId, [eventDraft(input, where)], input.now);
  if (logIndex === undefined) throw new Error('unreachable: no log index');
  return logIndex;
}

/** Appends the entries of events to the district log; a log that refuses rolls the events back. */
export async function appendEventEntries(tx: Tx, districtId: number, drafts: readonly LogEntryDraft[], now: Date): Promise<number[]> {
  const appended = await appendEntries(tx, districtId, drafts, now);
  if (!appended.ok) {
    const { type, message } = appended.error;
    const district = await findDistrict(tx, districtId);
    const events = [...new Set(drafts.map((d) => d.event).filter((e) => e !== undefined))].join(', ');
    const params = { ...(events ? { event: events } : {}), ...(district ? { districtName: district.name } : {}) };
    throw new Rollback(failure(type === 'log_unverified' ? 'log_unverified' : 'log_not_found', message, params));
  }
  return appended.value.indices;
}

/** The log entry draft of an event, at the event's own time. */
export function eventDraft(input: UnitEventInput, where: EventWhere): LogEntryDraft {
  return {
    type: TRANSITIONS[input.event].logType,
    event: input.event,
    state: where.state,
    units: input.serials,
    from: where.from,
    to: where.to,
    actor: input.actor.username,
    witnesses: input.witnesses ?? [],
    seals: input.seals ?? [],
    ...reasonOf(input, where),
    at: input.now,
  };
}

function reasonOf(input: UnitEventInput, where: EventWhere): { reason?: string } {
  const reason = [input.reason, where.sessions && `under ${where.sessions}`].filter(Boolean).join('; ');
  return reason ? { reason } : {};
}

async function resolveTarget(tx: Tx, input: UnitEventInput, known: Map<number, repo.LocationRef>): Promise<repo.LocationRef | undefined> {
  if (input.toLocationId === undefined) return undefined;
  const location = known.get(input.toLocationId) ?? await repo.findLocation(tx, input.districtId, input.toLocationId);
  if (location) known.set(input.toLocationId, location);
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
