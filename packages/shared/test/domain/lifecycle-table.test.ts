import { describe, expect, test } from 'vitest';
import {
  EXCEPTION_STATES,
  TERMINAL_STATES,
  TRANSITIONS,
  UNIT_EVENTS,
  UNIT_STATE_DESCRIPTIONS,
  UNIT_STATES,
  eventsForRole,
  eventsFrom,
  isMovingEvent,
  isTerminal,
  isUnitState,
  rolesForEvent,
  type UnitState,
} from '../../src/domain/index.ts';

/** Every state reachable from `start` over the table (`restore` leads nowhere new). */
function reachableFrom(start: UnitState): Set<UnitState> {
  const seen = new Set<UnitState>([start]);
  const queue: UnitState[] = [start];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const event of eventsFrom(state)) {
      const to = TRANSITIONS[event].to;
      if (to !== 'restore' && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('the transition table', () => {
  test('every state is reachable from manufactured', () => {
    expect([...reachableFrom('manufactured')].sort()).toEqual([...UNIT_STATES].sort());
  });

  test('exactly the terminal states have no way out', () => {
    const deadEnds = UNIT_STATES.filter((state) => eventsFrom(state).length === 0);
    expect(deadEnds).toEqual([...TERMINAL_STATES]);
    expect(TERMINAL_STATES).toEqual(['destroyed']);
    expect(isTerminal('destroyed')).toBe(true);
    expect(isTerminal('condemned')).toBe(false);
  });

  test('every event has roles, a log type, and from-states that are states', () => {
    for (const event of UNIT_EVENTS) {
      const spec = TRANSITIONS[event];
      expect(rolesForEvent(event).length, event).toBeGreaterThan(0);
      expect(spec.from.length, event).toBeGreaterThan(0);
      expect(spec.logType, event).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(spec.from.every(isUnitState), event).toBe(true);
      expect(spec.to === 'restore' || isUnitState(spec.to), event).toBe(true);
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...UNIT_EVENTS].sort());
  });

  test('observers and party representatives can fire no event', () => {
    expect(eventsForRole('observer')).toEqual([]);
    expect(eventsForRole('party_rep')).toEqual([]);
  });

  test('only recover restores, and only from the exception states', () => {
    const restoring = UNIT_EVENTS.filter((event) => TRANSITIONS[event].to === 'restore');
    expect(restoring).toEqual(['recover']);
    expect(TRANSITIONS.recover.from).toEqual(EXCEPTION_STATES);
  });

  test('roles follow eci-brief §12.5 for the key events', () => {
    expect(rolesForEvent('receive')).toEqual(['warehouse', 'deo']);
    expect(rolesForEvent('pass_flc')).toEqual(['engineer']);
    expect(rolesForEvent('allocate_poll')).toEqual(['deo']);
    expect(rolesForEvent('assign_ps')).toEqual(['ro']);
    expect(rolesForEvent('dispatch_to_ac')).toEqual(['deo', 'warehouse']);
    expect(rolesForEvent('receive_at_ac_strongroom')).toEqual(['ro', 'warehouse']);
    expect(eventsFrom('allocated_poll')).toEqual(['dispatch_to_ac', 'receive_at_ac_strongroom', 'report_missing', 'report_damaged']);
    expect(isMovingEvent('dispatch_to_ac')).toBe(true);
    expect(rolesForEvent('condemn')).toEqual(['eci_admin', 'ceo']);
    expect(eventsForRole('warehouse')).not.toContain('pass_flc');
    expect(eventsForRole('engineer')).not.toContain('allocate_poll');
  });

  test('eventsFrom lists the ways out of a state in table order', () => {
    expect(eventsFrom('flc_in_progress')).toEqual(['pass_flc', 'fail_flc', 'report_missing', 'report_damaged']);
    expect(eventsFrom('missing')).toEqual(['condemn', 'recover']);
  });

  test('moving events, descriptions and state checks', () => {
    expect(isMovingEvent('receive')).toBe(true);
    expect(isMovingEvent('pass_flc')).toBe(false);
    expect(Object.keys(UNIT_STATE_DESCRIPTIONS).sort()).toEqual([...UNIT_STATES].sort());
    expect(isUnitState('in_poll')).toBe(true);
    expect(isUnitState('IN_POLL')).toBe(false);
    expect(isUnitState(7)).toBe(false);
  });
});
