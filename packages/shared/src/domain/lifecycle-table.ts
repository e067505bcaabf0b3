/** The whole unit lifecycle as data: one EventSpec per event (eci-brief §12.2). */
import type { Role } from './roles.ts';
import type { EventSpec, UnitEvent } from './lifecycle-events.ts';
import type { UnitState } from './lifecycle-states.ts';
import { AFTER_POLL_TRANSITIONS } from './lifecycle-table-after-poll.ts';
import { POLL_TRANSITIONS } from './lifecycle-table-poll.ts';
import { PRE_POLL_TRANSITIONS } from './lifecycle-table-pre-poll.ts';
import { UNIT_EVENTS } from './lifecycle-events.ts';

export const TRANSITIONS: Readonly<Record<UnitEvent, EventSpec>> = {
  ...PRE_POLL_TRANSITIONS,
  ...POLL_TRANSITIONS,
  ...AFTER_POLL_TRANSITIONS,
};

/** The events that may leave `state`, in table order (for `recover`, any exception state). */
export function eventsFrom(state: UnitState): UnitEvent[] {
  return UNIT_EVENTS.filter((event) => TRANSITIONS[event].from.includes(state));
}

export function rolesForEvent(event: UnitEvent): readonly Role[] {
  return TRANSITIONS[event].roles;
}

/** The events `role` may fire at all, whatever the unit's state. */
export function eventsForRole(role: Role): UnitEvent[] {
  return UNIT_EVENTS.filter((event) => TRANSITIONS[event].roles.includes(role));
}
