/**
 * The unit state machine (eci-brief §12.2, design.md "The lifecycle"). The table is data
 * (lifecycle-table*.ts); this module checks one event against it and the guards.
 * Pure: time and the current FLC cycle come in through the context.
 */
import { assertDefined, assertNever } from '../lib/assert.ts';
import { err, ok, type Result } from '../lib/result.ts';
import type { Role } from './roles.ts';
import type { Model, UnitKind } from './units.ts';
import {
  EXCEPTION_EVENTS,
  FLC_GUARDED_EVENTS,
  HOLD_EXEMPT_EVENTS,
  MOVING_EVENTS,
  POLL_ONLY_EVENTS,
  type EventSpec,
  type UnitEvent,
} from './lifecycle-events.ts';
import { EXCEPTION_STATES, type UnitState } from './lifecycle-states.ts';
import { TRANSITIONS } from './lifecycle-table.ts';

export * from './lifecycle-states.ts';
export * from './lifecycle-events.ts';
export * from './lifecycle-table.ts';

export const HOLD_KINDS = ['none', 'ep', 'court'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export interface UnitSnapshot {
  readonly serial: string;
  readonly kind: UnitKind;
  readonly model: Model;
  readonly state: UnitState;
  /** The state before `missing`/`damaged`; `recover` goes back to it. */
  readonly previousState?: UnitState | null;
  readonly hold: HoldKind;
  /** The FLC cycle in which the unit last passed FLC; null if never. */
  readonly flcCycle: number | null;
  /** Allocated for training in the current election: never a poll unit in it. */
  readonly isTraining: boolean;
  readonly locationId: number;
}

export interface TransitionContext {
  readonly role: Role;
  readonly now: Date;
  readonly currentFlcCycle: number;
  /** The new place, for events that move the unit (MOVING_EVENTS). */
  readonly targetLocationId?: number;
}

export interface TransitionOutcome {
  readonly from: UnitState;
  readonly to: UnitState;
  readonly event: UnitEvent;
  readonly logType: string;
  readonly locationId: number;
}

interface ErrorBase {
  readonly serial: string;
  readonly event: UnitEvent;
  readonly message: string;
}

export type TransitionError =
  | (ErrorBase & { readonly type: 'illegal_transition'; readonly from: UnitState })
  | (ErrorBase & { readonly type: 'role_not_allowed'; readonly role: Role })
  | (ErrorBase & { readonly type: 'unit_on_hold'; readonly hold: Exclude<HoldKind, 'none'> })
  | (ErrorBase & {
      readonly type: 'flc_not_current';
      readonly flcCycle: number | null;
      readonly currentFlcCycle: number;
    })
  | (ErrorBase & { readonly type: 'training_unit' })
  | (ErrorBase & { readonly type: 'location_required' });

export type TransitionErrorType = TransitionError['type'];

/** The checks an event needs beyond its `from` states and roles, in the order they run. */
export const GUARDS = ['not_on_hold', 'flc_current', 'not_training', 'has_target'] as const;
export type Guard = (typeof GUARDS)[number];

export function guardsFor(event: UnitEvent): Guard[] {
  return GUARDS.filter((guard) => guardApplies(guard, event));
}

function guardApplies(guard: Guard, event: UnitEvent): boolean {
  switch (guard) {
    case 'not_on_hold':
      return !HOLD_EXEMPT_EVENTS.includes(event);
    case 'flc_current':
      return FLC_GUARDED_EVENTS.includes(event);
    case 'not_training':
      return POLL_ONLY_EVENTS.includes(event);
    case 'has_target':
      return MOVING_EVENTS.includes(event);
    /* v8 ignore start -- @preserve: unreachable, the switch is exhaustive */
    default:
      return assertNever(guard);
    /* v8 ignore stop -- @preserve */
  }
}

/** Check `event` on `unit`. Never changes the unit: apply the outcome with applyTransition. */
export function transition(
  unit: UnitSnapshot,
  event: UnitEvent,
  ctx: TransitionContext,
): Result<TransitionOutcome, TransitionError> {
  const spec = TRANSITIONS[event];
  const shapeError = checkShape(unit, event, spec);
  if (shapeError) return err(shapeError);
  if (!spec.roles.includes(ctx.role)) {
    const message = `Role '${ctx.role}' cannot fire '${event}' on unit ${unit.serial}`;
    return err({ type: 'role_not_allowed', serial: unit.serial, role: ctx.role, event, message });
  }
  for (const guard of guardsFor(event)) {
    const guardError = checkGuard(guard, unit, event, ctx);
    if (guardError) return err(guardError);
  }
  // Both were checked above (checkShape, the has_target guard).
  const to = spec.to === 'restore' ? assertDefined(restoreTarget(unit)) : spec.to;
  const locationId = MOVING_EVENTS.includes(event) ? assertDefined(ctx.targetLocationId) : unit.locationId;
  return ok({ from: unit.state, to, event, logType: spec.logType, locationId });
}

/** State, kind and restore target: is the event possible for this unit at all? */
function checkShape(unit: UnitSnapshot, event: UnitEvent, spec: EventSpec): TransitionError | null {
  const illegal = (why: string): TransitionError => ({
    type: 'illegal_transition',
    serial: unit.serial,
    from: unit.state,
    event,
    message: `Unit ${unit.serial} cannot go from '${unit.state}' by '${event}'${why}`,
  });
  if (!spec.from.includes(unit.state)) return illegal('');
  if (spec.kinds && !spec.kinds.includes(unit.kind)) {
    return illegal(`: only ${spec.kinds.join('/')} units may, this is a ${unit.kind}`);
  }
  if (spec.to === 'restore' && restoreTarget(unit) === null) {
    return illegal(': no earlier state is recorded to go back to');
  }
  return null;
}

function restoreTarget(unit: UnitSnapshot): UnitState | null {
  const previous = unit.previousState ?? null;
  return previous !== null && !EXCEPTION_STATES.includes(previous) ? previous : null;
}

function checkGuard(
  guard: Guard,
  unit: UnitSnapshot,
  event: UnitEvent,
  ctx: TransitionContext,
): TransitionError | null {
  const { serial } = unit;
  switch (guard) {
    case 'not_on_hold':
      if (unit.hold === 'none') return null;
      return {
        type: 'unit_on_hold', serial, event, hold: unit.hold,
        message: `Unit ${serial} is under ${unit.hold === 'ep' ? 'an election-petition' : 'a court'} hold: '${event}' is not allowed`,
      };
    case 'flc_current':
      if (unit.flcCycle === ctx.currentFlcCycle) return null;
      return {
        type: 'flc_not_current', serial, event, flcCycle: unit.flcCycle, currentFlcCycle: ctx.currentFlcCycle,
        message: `Unit ${serial} is not FLC-OK in the current FLC cycle ${ctx.currentFlcCycle} (last passed: ${unit.flcCycle ?? 'never'}): '${event}' is not allowed`,
      };
    case 'not_training':
      if (!unit.isTraining) return null;
      return {
        type: 'training_unit', serial, event,
        message: `Unit ${serial} was allocated for training in this election and can never be used for the poll: '${event}' is not allowed`,
      };
    case 'has_target':
      if (ctx.targetLocationId !== undefined) return null;
      return {
        type: 'location_required', serial, event,
        message: `Unit ${serial}: '${event}' moves the unit and needs a target location`,
      };
    /* v8 ignore start -- @preserve: unreachable, the switch is exhaustive */
    default:
      return assertNever(guard);
    /* v8 ignore stop -- @preserve */
  }
}

/** The unit after an ok outcome of `transition`: state, place, hold, FLC cycle, training flag. */
export function applyTransition(
  unit: UnitSnapshot,
  outcome: TransitionOutcome,
  ctx: Pick<TransitionContext, 'currentFlcCycle'>,
): UnitSnapshot {
  const { event } = outcome;
  return {
    ...unit,
    state: outcome.to,
    locationId: outcome.locationId,
    previousState: EXCEPTION_EVENTS.includes(event) ? outcome.from : null,
    hold: event === 'mark_ep_hold' ? 'ep' : event === 'release' ? 'none' : unit.hold,
    flcCycle: event === 'pass_flc' ? ctx.currentFlcCycle : unit.flcCycle,
    isTraining: trainingAfter(unit, event, ctx.currentFlcCycle),
  };
}

/**
 * Training is marked by allocate_training and lasts the election. Passing FLC in a new FLC
 * cycle starts a new election for the unit and clears it.
 */
function trainingAfter(unit: UnitSnapshot, event: UnitEvent, currentFlcCycle: number): boolean {
  if (event === 'allocate_training') return true;
  if (event === 'pass_flc' && unit.flcCycle !== currentFlcCycle) return false;
  return unit.isTraining;
}
