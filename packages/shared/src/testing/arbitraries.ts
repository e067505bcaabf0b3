/** fast-check arbitraries for the domain core. Tests only. */
import fc from 'fast-check';
import {
  HOLD_KINDS,
  TRANSITIONS,
  UNIT_EVENTS,
  UNIT_STATES,
  eventsFrom,
  type TransitionContext,
  type UnitEvent,
  type UnitSnapshot,
  type UnitState,
} from '../domain/lifecycle.ts';
import { JURISDICTION_LEVELS, ROLES, type Jurisdiction, type Place, type Role } from '../domain/roles.ts';
import { MODELS, UNIT_KINDS } from '../domain/units.ts';

export const arbUnitEvent: fc.Arbitrary<UnitEvent> = fc.constantFrom(...UNIT_EVENTS);
export const arbUnitState: fc.Arbitrary<UnitState> = fc.constantFrom(...UNIT_STATES);
export const arbRole: fc.Arbitrary<Role> = fc.constantFrom(...ROLES);

/** Small id ranges on purpose, so that generated places and jurisdictions often coincide. */
const arbSmallId = fc.integer({ min: 1, max: 4 });
export const arbFlcCycle = fc.integer({ min: 1, max: 3 });
export const arbLocationId = fc.integer({ min: 1, max: 50 });

export const arbUnitSerial: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('BU', 'CU', 'VV'), fc.integer({ min: 0, max: 999_999 }))
  .map(([prefix, n]) => `${prefix}-${String(n).padStart(6, '0')}`);

/** Any snapshot, including combinations the lifecycle would never produce. */
export const arbUnitSnapshot: fc.Arbitrary<UnitSnapshot> = fc.record({
  serial: arbUnitSerial,
  kind: fc.constantFrom(...UNIT_KINDS),
  model: fc.constantFrom(...MODELS),
  state: arbUnitState,
  previousState: fc.option(arbUnitState, { nil: null }),
  hold: fc.constantFrom(...HOLD_KINDS),
  flcCycle: fc.option(arbFlcCycle, { nil: null }),
  isTraining: fc.boolean(),
  locationId: arbLocationId,
});

export interface EventStep {
  readonly event: UnitEvent;
  readonly role: Role;
  readonly targetLocationId?: number;
}

/** Random (event, role, target) steps: most are illegal, which is the point. */
export const arbEventStep: fc.Arbitrary<EventStep> = fc.record(
  { event: arbUnitEvent, role: arbRole, targetLocationId: arbLocationId },
  { requiredKeys: ['event', 'role'] },
);

export function arbEventSequence(maxLength = 60): fc.Arbitrary<EventStep[]> {
  return fc.array(arbEventStep, { maxLength });
}

/**
 * A walk that stays mostly legal: at each step `pickWalkEvent` picks among the events open
 * from the unit's state and among their roles. Exceptions and condemnation (which end most
 * walks) are taken only on a `detour`, about one step in twelve.
 */
export interface WalkStep {
  readonly eventPick: number;
  readonly rolePick: number;
  readonly detour: boolean;
  readonly withTarget: boolean;
  readonly targetLocationId: number;
}

export function arbWalk(maxLength = 80): fc.Arbitrary<WalkStep[]> {
  const step = fc.record({
    eventPick: fc.nat({ max: 1000 }),
    rolePick: fc.nat({ max: 1000 }),
    detour: fc.integer({ min: 0, max: 11 }).map((n) => n === 0),
    withTarget: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
    targetLocationId: arbLocationId,
  });
  return fc.array(step, { maxLength, size: 'max' });
}

const DETOUR_EVENTS: readonly UnitEvent[] = ['report_missing', 'report_damaged', 'condemn', 'destroy'];

/** The step a walk takes from `unit`, or null when no event leaves its state. */
export function pickWalkEvent(unit: UnitSnapshot, step: WalkStep): EventStep | null {
  const open = eventsFrom(unit.state);
  const forward = open.filter((event) => !DETOUR_EVENTS.includes(event));
  const choices = step.detour || forward.length === 0 ? open : forward;
  const event = choices[step.eventPick % choices.length];
  if (event === undefined) return null;
  const roles = TRANSITIONS[event].roles;
  const role = roles[step.rolePick % roles.length] ?? 'deo';
  return step.withTarget ? { event, role, targetLocationId: step.targetLocationId } : { event, role };
}

export const arbNow: fc.Arbitrary<Date> = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2040-01-01T00:00:00Z'),
  noInvalidDate: true,
});

export const arbTransitionContext: fc.Arbitrary<TransitionContext> = fc.record(
  { role: arbRole, now: arbNow, currentFlcCycle: arbFlcCycle, targetLocationId: arbLocationId },
  { requiredKeys: ['role', 'now', 'currentFlcCycle'] },
);

export const arbPlace: fc.Arbitrary<Place> = fc.record({
  stateId: arbSmallId,
  districtId: arbSmallId,
  acId: fc.option(arbSmallId, { nil: null }),
});

/** A well-formed jurisdiction: ids filled down to its level. */
export const arbJurisdiction: fc.Arbitrary<Jurisdiction> = fc
  .tuple(fc.constantFrom(...JURISDICTION_LEVELS), arbSmallId, arbSmallId, arbSmallId)
  .map(([level, stateId, districtId, acId]): Jurisdiction => {
    if (level === 'nation') return { level };
    if (level === 'state') return { level, stateId };
    if (level === 'district') return { level, stateId, districtId };
    return { level, stateId, districtId, acId };
  });
