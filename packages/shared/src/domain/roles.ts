/** Roles (eci-brief §12.5) and the jurisdictions they are bound to (design.md). */
export const ROLES = [
  'eci_admin',
  'ceo',
  'deo',
  'dy_deo',
  'ro',
  'warehouse',
  'engineer',
  'sector_officer',
  'presiding_officer',
  'observer',
  'party_rep',
] as const;
export type Role = (typeof ROLES)[number];

export const JURISDICTION_LEVELS = ['nation', 'state', 'district', 'ac'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/**
 * Where a user may act. `stateId`/`districtId`/`acId` are filled down to the level:
 * a district user has stateId and districtId; an AC user has all three.
 */
export interface Jurisdiction {
  readonly level: JurisdictionLevel;
  readonly stateId?: number;
  readonly districtId?: number;
  readonly acId?: number;
}

/** Where a thing lives: every district-scoped row can say this much about itself. */
export interface Place {
  readonly stateId: number;
  readonly districtId: number;
  /** Set when the thing belongs to one assembly constituency (an AC strongroom, a PS). */
  readonly acId?: number | null;
}

/** True when `place` lies inside `jurisdiction`. */
export function isWithin(jurisdiction: Jurisdiction, place: Place): boolean {
  switch (jurisdiction.level) {
    case 'nation':
      return true;
    case 'state':
      return jurisdiction.stateId === place.stateId;
    case 'district':
      return jurisdiction.districtId === place.districtId;
    case 'ac':
      return jurisdiction.districtId === place.districtId && place.acId != null && jurisdiction.acId === place.acId;
  }
}

/**
 * True when the jurisdiction reaches the place's district at all: an AC user reaches the rest of
 * their district too (to be told "not your AC" rather than "no such unit").
 */
export function reachesDistrict(jurisdiction: Jurisdiction, place: Place): boolean {
  return isWithin(jurisdiction.level === 'ac' ? { ...jurisdiction, level: 'district' } : jurisdiction, place);
}

/**
 * The places whose jurisdiction governs a change to a unit; the actor must be inside all of
 * them. A unit that stays, or moves within a district-level place, is judged where it is. A move
 * between a district-level place (no AC) and an AC is judged at the AC, so an RO takes in units
 * allocated to their AC and sends them back. A move from one AC into another touches both.
 */
export function governingPlaces(current: Place, target?: Place | null): Place[] {
  if (!target || target.districtId !== current.districtId || target.acId == null) return [current];
  if (current.acId == null) return [target];
  return current.acId === target.acId ? [current] : [current, target];
}
