/** Builders with sensible defaults, for readable tests. Tests only. */
import type { TransitionContext, UnitSnapshot } from '../domain/lifecycle.ts';

export function buildUnit(overrides: Partial<UnitSnapshot> = {}): UnitSnapshot {
  return {
    serial: 'BU-000115',
    kind: 'BU',
    model: 'M3',
    state: 'manufactured',
    previousState: null,
    hold: 'none',
    flcCycle: null,
    isTraining: false,
    locationId: 1,
    ...overrides,
  };
}

export function buildContext(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return {
    role: 'deo',
    now: new Date('2029-03-21T09:30:00+05:30'),
    currentFlcCycle: 1,
    ...overrides,
  };
}
