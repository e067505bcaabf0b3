/**
 * Role x action x jurisdiction (eci-brief §12.5, design.md "Every user has a role bound to a
 * jurisdiction"). A user sees and changes only what lies inside their jurisdiction, and only
 * what their role allows. For `unit.transition` the lifecycle table then decides per event.
 */
import { assertNever } from '../lib/assert.ts';
import { err, ok, type Result } from '../lib/result.ts';
import { isWithin, ROLES, type Jurisdiction, type Place, type Role } from './roles.ts';
import { eventsForRole } from './lifecycle-table.ts';

export const READ_ACTIONS = [
  'unit.read',
  'location.read',
  'log.read',
  'log.export',
  'dashboard.read',
  'user.read',
] as const;

export const WRITE_ACTIONS = [
  'unit.transition',
  'log.checkpoint.sign',
  'log.cosign',
  'location.manage',
  'strongroom.session',
  'election.configure',
  'user.manage',
  'receipt.manage',
  'receipt.resolve',
  'stocktake.run',
  'stocktake.scan',
  'flc.run',
  'consignment.manage',
  'consignment.approve',
  'ceremony.run',
  'ceremony.commit',
  'ceremony.finalise',
  'set.manage',
  'set.commission',
  'poll.preside',
  'poll.replace',
] as const;

export const ACTIONS = [...READ_ACTIONS, ...WRITE_ACTIONS] as const;
export type Action = (typeof ACTIONS)[number];
export type ReadAction = (typeof READ_ACTIONS)[number];
export type WriteAction = (typeof WRITE_ACTIONS)[number];

/** Roles that may fire at least one lifecycle event: everyone but observers and party reps. */
const UNIT_HANDLERS: readonly Role[] = ROLES.filter((role) => eventsForRole(role).length > 0);

export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  // Everyone reads inside their jurisdiction; observers and parties verify offline from exports.
  'unit.read': ROLES,
  'location.read': ROLES,
  'log.read': ROLES,
  'log.export': ROLES,
  'dashboard.read': ROLES,
  'user.read': ['eci_admin', 'ceo', 'deo', 'dy_deo', 'ro'],
  'unit.transition': UNIT_HANDLERS,
  // The DEO signs the district log's checkpoints; ECI the national log-of-checkpoints.
  'log.checkpoint.sign': ['eci_admin', 'deo'],
  // Witnesses cosign checkpoints with their own keys.
  'log.cosign': ['observer', 'party_rep'],
  'location.manage': ['eci_admin', 'ceo', 'deo', 'ro'],
  // Open and close a strongroom: only its key-holders (strongroom.ts KEY_HOLDER_ROLES) are let in.
  'strongroom.session': ['deo', 'dy_deo', 'ro', 'warehouse'],
  'election.configure': ['eci_admin'],
  'user.manage': ['eci_admin', 'ceo', 'deo'],
  // Supply orders from the makers: the warehouse in-charge takes them in, the district oversees.
  'receipt.manage': ['eci_admin', 'ceo', 'deo', 'dy_deo', 'warehouse'],
  // The DEO settles a receipt's orphans and serial conflicts (issue 7 item 1).
  'receipt.resolve': ['eci_admin', 'ceo', 'deo'],
  // Physical verification (eci-brief §10, §12.5): the DEO or Dy. DEO starts and closes a stocktake,
  // the warehouse in-charge and staff scan; observers read the report.
  'stocktake.run': ['eci_admin', 'ceo', 'deo', 'dy_deo'],
  'stocktake.scan': ['eci_admin', 'ceo', 'deo', 'dy_deo', 'warehouse'],
  // First Level Checking (eci-brief §3): the DEO or Dy. DEO plans and starts the campaign and keeps
  // the attendance register; engineers record results by scan (scan.record, the lifecycle's roles).
  'flc.run': ['eci_admin', 'ceo', 'deo', 'dy_deo'],
  // As the lifecycle's dispatch and receive allow (eci-brief §12.2 rows 2-3). The RO only receives
  // the consignments into their own AC strongroom (row 10): the service judges those at the AC,
  // every other consignment step at the district, which an RO's jurisdiction does not hold.
  'consignment.manage': ['eci_admin', 'ceo', 'deo', 'warehouse', 'ro'],
  // Inter-district moves need the CEO, inter-state moves and loans ECI (eci-brief §12.2 row 3).
  'consignment.approve': ['eci_admin', 'ceo'],
  // Randomisation (eci-brief §12.5): the DEO runs the first (and district supplementary), the RO
  // the second of their AC (and AC supplementary); the service judges the stage. Parties register
  // commitments and reveals (the officer may enter them at the table); the observer cosigns.
  'ceremony.run': ['deo', 'ro'],
  'ceremony.commit': ['deo', 'ro', 'party_rep'],
  'ceremony.finalise': ['observer'],
  // Polling-station sets (eci-brief §5, §6, §12.2 rows 12-14): the RO sets the candidates, builds
  // the sets, draws the mock-poll sample and issues at the distribution centre; commissioning is
  // the RO's with the makers' engineers.
  'set.manage': ['ro'],
  'set.commission': ['ro', 'engineer'],
  // Poll day (eci-brief §7, §12.2 rows 15-19): the presiding officer records the mock poll, starts
  // and closes the poll; the sector officer replaces failed units from their reserve.
  'poll.preside': ['presiding_officer'],
  'poll.replace': ['sector_officer'],
};

export interface Actor {
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

export type PermissionError =
  | { readonly type: 'forbidden'; readonly role: Role; readonly action: Action; readonly message: string }
  | { readonly type: 'outside_jurisdiction'; readonly role: Role; readonly action: Action; readonly message: string };

export function isWriteAction(action: Action): action is WriteAction {
  return (WRITE_ACTIONS as readonly Action[]).includes(action);
}

/**
 * May `actor` do `action` (at `place`, when the action concerns one)? A nation-level actor
 * may act anywhere its role allows.
 */
export function can(actor: Actor, action: Action, place?: Place): Result<true, PermissionError> {
  const { role, jurisdiction } = actor;
  if (!PERMISSIONS[action].includes(role)) {
    const message = `Role '${role}' may not do '${action}'`;
    return err({ type: 'forbidden', role, action, message });
  }
  if (place && !isWithin(jurisdiction, place)) {
    const message = `Role '${role}' (${describeJurisdiction(jurisdiction)}) may not do '${action}' in ${describePlace(place)}`;
    return err({ type: 'outside_jurisdiction', role, action, message });
  }
  return ok(true);
}

function describePlace(place: Place): string {
  const district = `district ${place.districtId}`;
  return place.acId === null || place.acId === undefined ? district : `AC ${place.acId} of ${district}`;
}

/** 'nation', 'state 7', 'district 412', 'AC 57 of district 412': for messages. */
export function describeJurisdiction(jurisdiction: Jurisdiction): string {
  const { level, stateId, districtId, acId } = jurisdiction;
  switch (level) {
    case 'nation':
      return 'nation';
    case 'state':
      return `state ${stateId ?? '?'}`;
    case 'district':
      return `district ${districtId ?? '?'}`;
    case 'ac':
      return `AC ${acId ?? '?'} of district ${districtId ?? '?'}`;
    default:
      return assertNever(level);
  }
}
