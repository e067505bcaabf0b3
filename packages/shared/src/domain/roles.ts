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
 * The place whose jurisdiction governs a change to a unit: where the unit is, unless it moves
 * from a district-level place (no AC) into an AC of the same district — then the receiving AC
 * decides, so an RO can take in units allocated to their AC but never pull units out of another.
 */
export function governingPlace(current: Place, target?: Place | null): Place {
  const movesIntoAc = target?.acId != null && current.acId == null && target.districtId === current.districtId;
  return movesIntoAc ? target : current;
}
