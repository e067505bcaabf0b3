import type { Place, UnitEvent, UnitState } from '@evmtrail/shared';

/**
 * Which ACs a change to a unit touches (issue "The custody record defends itself", item 2).
 * Pure: the service feeds it the rows it locked.
 *
 * A unit belongs to its AC of allocation wherever it stands, a district-level vehicle included;
 * a unit never allocated belongs to the AC of where it stands (or to none: the district). A
 * change is judged at the place the unit belongs to now and at the place it will belong to
 * after, so an AC user can never take a unit from another AC, and a move between two ACs
 * needs someone whose jurisdiction holds both: the district.
 */

/** States of the district's pool: a unit back here is no longer allocated to any AC. */
const POOL_STATES: readonly UnitState[] = [
  'manufactured', 'in_transit', 'in_warehouse', 'flc_in_progress', 'flc_ok', 'flc_rejected', 'at_factory_repair',
];

/** Events of the first randomisation: they allocate the unit to the AC named in the call. */
export const ALLOCATING_EVENTS: readonly UnitEvent[] = ['allocate_poll', 'allocate_training'];

export interface UnitWhere {
  readonly stateId: number;
  readonly districtId: number;
  /** The AC the unit belongs to now (allocated, else where it stands). */
  readonly acId: number | null;
}

export interface ChangeWhere {
  readonly event: UnitEvent;
  /** The state after the event. */
  readonly to: UnitState;
  /** The AC of the target location, when the event moves the unit (null: a district-level place). */
  readonly target?: { readonly acId: number | null };
  /** The AC an allocating event names. */
  readonly allocateToAcId?: number;
}

/** The AC the unit will belong to after the change. */
export function acAfter(unit: UnitWhere, change: ChangeWhere): number | null {
  if (ALLOCATING_EVENTS.includes(change.event)) return change.allocateToAcId ?? null;
  if (change.target?.acId != null) return change.target.acId;
  if (POOL_STATES.includes(change.to)) return null;
  return unit.acId;
}

/** Where the unit belongs now: its AC, or the district when it belongs to none. */
export function placeNow(unit: UnitWhere): Place {
  return { stateId: unit.stateId, districtId: unit.districtId, acId: unit.acId };
}

/**
 * Every place the actor must be inside: where the unit belongs now, and the AC it will belong
 * to after. Handing a unit back to the district pool is judged where it belongs now (an RO
 * returns their units to the district warehouse); only the district takes it on from there.
 */
export function touchedPlaces(unit: UnitWhere, change: ChangeWhere): Place[] {
  const now = placeNow(unit);
  const acId = acAfter(unit, change);
  return acId === null || acId === now.acId ? [now] : [now, { ...now, acId }];
}
