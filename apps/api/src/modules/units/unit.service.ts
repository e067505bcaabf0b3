import {
  TRANSITIONS,
  applyTransition,
  can,
  err,
  governingPlaces,
  ok,
  transition,
  type Jurisdiction,
  type Model,
  type Result,
  type Role,
  type TransitionError,
  type UnitEvent,
  type UnitKind,
  type UnitSnapshot,
  type UnitState,
} from '@evmtrail/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';
import { appendEntries } from '../custody/log.service.ts';
import * as repo from './unit.repository.ts';

export interface Actor {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

export type UnitServiceError =
  | TransitionError
  | { readonly type: 'not_found'; readonly message: string }
  | { readonly type: 'log_unverified'; readonly message: string }
  | { readonly type: 'invalid_input'; readonly message: string }
  | { readonly type: 'conflict'; readonly message: string }
  | { readonly type: 'forbidden'; readonly message: string }
  | { readonly type: 'outside_jurisdiction'; readonly message: string };

export interface UnitEventInput {
  readonly actor: Actor;
  readonly districtId: number;
  readonly serials: readonly string[];
  readonly event: UnitEvent;
  readonly toLocationId?: number;
  readonly reason?: string;
  readonly witnesses?: readonly string[];
  readonly seals?: readonly string[];
  readonly now: Date;
}

/** Thrown inside the transaction to roll it back; carries the domain error out. */
class Rollback extends Error {
  constructor(readonly domainError: UnitServiceError) {
    super(domainError.message);
  }
}

/**
 * The one way a unit changes state: in one transaction, every unit is checked against the
 * lifecycle, moved by a guarded update, and one custody-log entry records them all.
 */
export async function applyUnitEvent(
  db: Kysely<DB>,
  input: UnitEventInput,
): Promise<Result<{ logIndex: number; count: number }, UnitServiceError>> {
  const invalid = validateInput(input);
  if (invalid) return err(invalid);
  try {
    const logIndex = await db.transaction().execute((tx) => applyInTransaction(tx, input));
    return ok({ logIndex, count: input.serials.length });
  } catch (error) {
    if (error instanceof Rollback) return err(error.domainError);
    throw error;
  }
}

function validateInput(input: UnitEventInput): UnitServiceError | undefined {
  if (input.serials.length === 0) return { type: 'invalid_input', message: `Event '${input.event}' names no units` };
  const seen = new Set<string>();
  for (const serial of input.serials) {
    if (seen.has(serial)) return { type: 'invalid_input', message: `Unit ${serial} is listed twice` };
    seen.add(serial);
  }
  return undefined;
}

async function applyInTransaction(tx: Transaction<DB>, input: UnitEventInput): Promise<number> {
  const units = await lockAll(tx, input);
  const target = await resolveTarget(tx, input);
  for (const unit of units) checkPermission(input, unit, target);
  const first = units[0];
  if (!first) throw new Error('unreachable: lockAll returns every unit');
  const plan = planChanges(units, input, { target, currentFlcCycle: await repo.currentFlcCycle(tx) });
  let changed = 0;
  for (const group of plan.groups) {
    const where = { districtId: input.districtId, serials: group.serials, from: first.state, now: input.now };
    changed += await repo.updateUnits(tx, where, group.change);
  }
  if (changed !== units.length) {
    throw new Rollback({ type: 'conflict', message: `Units changed while '${input.event}' was being recorded (${input.serials.join(', ')}); ${changed} of ${units.length} updated. Try again.` });
  }
  return logEvent(tx, input, { from: first.locationCode, to: target?.code ?? first.locationCode, state: plan.to });
}

/** Row-locks every named unit; all must exist and stand in the same place and state. */
async function lockAll(tx: Transaction<DB>, input: UnitEventInput): Promise<repo.UnitRow[]> {
  const units = await repo.lockUnits(tx, input.districtId, input.serials);
  const missing = input.serials.find((s) => !units.some((u) => u.serial === s));
  if (missing) throw new Rollback({ type: 'not_found', message: `Unit ${missing} not found in district ${input.districtId}` });
  const [first] = units;
  const mixed = units.find((u) => u.locationId !== first?.locationId || u.state !== first.state);
  if (first && mixed) {
    throw new Rollback({ type: 'invalid_input', message: `Unit ${mixed.serial} is not in the same place and state as unit ${first.serial}; record them separately` });
  }
  return units;
}

interface Plan {
  readonly to: UnitState;
  readonly groups: ReadonlyArray<{ change: repo.UnitChange; serials: string[] }>;
}

/** Checks each unit against the lifecycle and groups the units by what the event sets on them. */
function planChanges(units: readonly repo.UnitRow[], input: UnitEventInput, p: { target: repo.LocationRef | undefined; currentFlcCycle: number }): Plan {
  const ctx = {
    role: input.actor.role, now: input.now, currentFlcCycle: p.currentFlcCycle,
    ...(p.target ? { targetLocationId: p.target.id } : {}),
  };
  const groups = new Map<string, { change: repo.UnitChange; serials: string[] }>();
  let to: UnitState | undefined;
  for (const unit of units) {
    const snapshot = toSnapshot(unit);
    const outcome = transition(snapshot, input.event, ctx);
    if (!outcome.ok) throw new Rollback(outcome.error);
    to = outcome.value.to;
    const change = toChange(applyTransition(snapshot, outcome.value, ctx));
    const key = JSON.stringify(change);
    const group = groups.get(key) ?? { change, serials: [] };
    group.serials.push(unit.serial);
    groups.set(key, group);
  }
  if (!to) throw new Error('unreachable: no unit transitioned');
  return { to, groups: [...groups.values()] };
}

/** One custody-log entry for the whole event, in the same transaction. */
async function logEvent(tx: Transaction<DB>, input: UnitEventInput, where: { from: string; to: string; state: UnitState }): Promise<number> {
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
    throw new Rollback(type === 'log_unverified' ? { type, message } : { type: 'not_found', message });
  }
  const [logIndex] = appended.value.indices;
  if (logIndex === undefined) throw new Error('unreachable: no log index');
  return logIndex;
}

/** Jurisdiction is judged at every place the change touches (shared `governingPlaces`). */
function checkPermission(input: UnitEventInput, unit: repo.UnitRow, target: repo.LocationRef | undefined): void {
  const current = { stateId: unit.stateId, districtId: unit.districtId, acId: unit.acId };
  for (const place of governingPlaces(current, target ? { ...current, acId: target.acId } : null)) {
    const verdict = can(input.actor, 'unit.transition', place);
    if (!verdict.ok) throw new Rollback({ ...verdict.error, message: `Unit ${unit.serial}: ${verdict.error.message}` });
  }
}

async function resolveTarget(tx: Transaction<DB>, input: UnitEventInput): Promise<repo.LocationRef | undefined> {
  if (input.toLocationId === undefined) return undefined;
  const location = await repo.findLocation(tx, input.districtId, input.toLocationId);
  if (!location) {
    throw new Rollback({ type: 'not_found', message: `Location ${input.toLocationId} not found in district ${input.districtId} (target of '${input.event}' for unit ${input.serials.join(', ')})` });
  }
  return location;
}

function toChange(after: UnitSnapshot): repo.UnitChange {
  return {
    state: after.state, previousState: after.previousState ?? null, locationId: after.locationId,
    hold: after.hold, flcCycle: after.flcCycle, isTraining: after.isTraining,
  };
}

function toSnapshot(unit: repo.UnitRow): UnitSnapshot {
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
