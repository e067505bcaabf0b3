import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  FLC_GUARDED_EVENTS,
  HOLD_EXEMPT_EVENTS,
  TRANSITIONS,
  UNIT_STATES,
  applyTransition,
  isMovingEvent,
  isUnitState,
  transition,
  type UnitSnapshot,
} from '../../src/domain/index.ts';
import {
  arbEventSequence,
  arbFlcCycle,
  arbNow,
  arbTransitionContext,
  arbUnitEvent,
  arbUnitSnapshot,
  arbWalk,
  buildUnit,
  pickWalkEvent,
  type EventStep,
} from '../../src/testing/index.ts';

const RUNS = { numRuns: 500 };

/** A cheap check for hot loops: expect() per step makes the walks ten times slower. */
function check(condition: boolean, what: string, step: EventStep, unit: UnitSnapshot): void {
  if (!condition) throw new Error(`${what}: ${JSON.stringify({ step, unit })}`);
}

/** Fire one step; check the invariants every step must keep; return the unit after it. */
function stepAndCheck(unit: UnitSnapshot, step: EventStep, cycle: number, now: Date): UnitSnapshot {
  const before = JSON.stringify(unit);
  const ctx = { role: step.role, now, currentFlcCycle: cycle, targetLocationId: step.targetLocationId };
  const result = transition(Object.freeze(unit), step.event, ctx);
  check(JSON.stringify(unit) === before, 'transition changed its input', step, unit);
  if (!result.ok) return unit;
  const spec = TRANSITIONS[step.event];
  const expectedTo = spec.to === 'restore' ? unit.previousState : spec.to;
  check(result.value.to === expectedTo, 'ok did not go to spec.to', step, unit);
  check(spec.from.includes(unit.state) && spec.roles.includes(step.role), 'ok outside the table', step, unit);
  const next = applyTransition(unit, result.value, ctx);
  check(isUnitState(next.state), 'left UNIT_STATES', step, unit);
  const expectedPlace = isMovingEvent(step.event) ? step.targetLocationId : unit.locationId;
  check(next.locationId === expectedPlace, 'moved without a moving event and a target', step, unit);
  return next;
}

describe('lifecycle properties', () => {
  test('random (event, role) sequences never reach a state outside UNIT_STATES; err changes nothing', () => {
    fc.assert(
      fc.property(arbUnitSnapshot, arbEventSequence(), arbFlcCycle, arbNow, (start, steps, cycle, now) => {
        let unit = start;
        for (const step of steps) unit = stepAndCheck(unit, step, cycle, now);
      }),
      RUNS,
    );
  });

  test('guided walks from manufactured keep the same invariants deep into the lifecycle', () => {
    fc.assert(
      fc.property(arbWalk(), arbFlcCycle, arbNow, (walk, cycle, now) => {
        let unit = buildUnit();
        for (const pick of walk) {
          const step = pickWalkEvent(unit, pick);
          if (step === null) break;
          unit = stepAndCheck(unit, step, cycle, now);
        }
      }),
      RUNS,
    );
  });

  test('guided walks reach every state (the walk is not stuck near the start)', () => {
    const reached = new Set<string>();
    for (const walk of fc.sample(arbWalk(160), { seed: 2029, numRuns: 600 })) {
      let unit = buildUnit();
      for (const pick of walk) {
        const step = pickWalkEvent(unit, pick);
        if (step === null) break;
        unit = stepAndCheck(unit, step, 1, new Date(0));
        reached.add(unit.state);
      }
    }
    expect([...reached].sort()).toEqual([...UNIT_STATES].sort());
  });

  test('an ok move always has a target; an event without one never moves the unit', () => {
    fc.assert(
      fc.property(arbUnitSnapshot, arbUnitEvent, arbTransitionContext, (unit, event, ctx) => {
        const result = transition(unit, event, ctx);
        if (!result.ok) return;
        if (isMovingEvent(event)) expect(result.value.locationId).toBe(ctx.targetLocationId);
        else expect(result.value.locationId).toBe(unit.locationId);
      }),
      RUNS,
    );
  });

  test('a held unit leaves ep_hold/ep_window only by release, C&V result or an exception', () => {
    const arbHeld = arbUnitSnapshot.filter((unit) => unit.hold !== 'none');
    fc.assert(
      fc.property(arbHeld, arbUnitEvent, arbTransitionContext, (unit, event, ctx) => {
        const result = transition(unit, event, ctx);
        if (result.ok) expect(HOLD_EXEMPT_EVENTS).toContain(event);
        if (result.ok && (unit.state === 'ep_hold' || unit.state === 'ep_window')) {
          expect(['release', 'report_missing', 'report_damaged']).toContain(event);
        }
      }),
      RUNS,
    );
  });

  test('observers and party representatives never change a unit', () => {
    const arbWatcher = fc.constantFrom('observer' as const, 'party_rep' as const);
    fc.assert(
      fc.property(arbUnitSnapshot, arbUnitEvent, arbTransitionContext, arbWatcher, (unit, event, ctx, role) => {
        const result = transition(unit, event, { ...ctx, role });
        expect(result.ok).toBe(false);
      }),
      RUNS,
    );
  });

  test('a training unit is never allocated or assigned for the poll, whoever asks', () => {
    const arbPollEvent = fc.constantFrom('allocate_poll' as const, 'assign_ps' as const, 'assign_reserve' as const);
    fc.assert(
      fc.property(arbUnitSnapshot, arbPollEvent, arbTransitionContext, fc.nat(), (any, event, ctx, pick) => {
        const spec = TRANSITIONS[event];
        const state = spec.from[pick % spec.from.length] ?? 'flc_ok';
        const role = spec.roles[pick % spec.roles.length] ?? 'deo';
        const unit = { ...any, state, isTraining: true, hold: 'none' as const, flcCycle: ctx.currentFlcCycle };
        const result = transition(unit, event, { ...ctx, role });
        expect(!result.ok && result.error.type).toBe('training_unit');
        expect(transition({ ...unit, isTraining: false }, event, { ...ctx, role }).ok).toBe(true);
      }),
      RUNS,
    );
  });

  test('a unit not FLC-OK in the current cycle never enters a randomisation pool', () => {
    fc.assert(
      fc.property(arbUnitSnapshot, arbTransitionContext, fc.nat(), (any, ctx, pick) => {
        const event = FLC_GUARDED_EVENTS[pick % FLC_GUARDED_EVENTS.length] ?? 'allocate_poll';
        const spec = TRANSITIONS[event];
        const state = spec.from[pick % spec.from.length] ?? 'flc_ok';
        const stale = any.flcCycle === ctx.currentFlcCycle ? null : any.flcCycle;
        const unit = { ...any, state, hold: 'none' as const, flcCycle: stale, isTraining: false };
        const result = transition(unit, event, { ...ctx, role: spec.roles[0] ?? 'deo' });
        expect(!result.ok && result.error.type).toBe('flc_not_current');
      }),
      RUNS,
    );
  });
});
