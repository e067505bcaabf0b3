import { reachesDistrict, type ScanResult, type UnitKind, type UnitState } from '@evmtrail/shared';

import type { Actor } from '../authority/authority.service.ts';
import type { Unit } from '../units/unit.repository.ts';

/*
 * What a scan may tell about the unit behind a serial, the same for every flow: a unit of the
 * task's own district that the scanner's jurisdiction reaches, else nothing (another district's
 * unit answers like an unknown serial, never naming where it is).
 */

/** The unit as the scanner may see it, or undefined. */
export function visibleUnit(unit: Unit | undefined, scan: { readonly districtId: number; readonly actor: Actor }): Unit | undefined {
  return unit && unit.districtId === scan.districtId && reachesDistrict(scan.actor.jurisdiction, unit) ? unit : undefined;
}

/** The unit in a scan's answer. */
export function unitView(unit: Unit): NonNullable<ScanResult['unit']> {
  return { serial: unit.serial, kind: unit.kind as UnitKind, state: unit.state as UnitState, locationName: unit.locationName };
}
