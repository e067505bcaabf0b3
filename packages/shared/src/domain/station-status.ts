/**
 * A polling station's poll-day status on the live map, derived from the lifecycle states of the
 * units at or assigned to it (issue 10 item 4). The one place this derivation lives: the api
 * computes it, the web only colours it.
 */
import type { UnitState } from './lifecycle-states.ts';

/** In poll-day order; `no_set` (no units yet) comes last. Values are the wire's status codes. */
export const STATION_STATUSES = [
  'not_dispatched',
  'in_transit',
  'arrived',
  'mock_poll_done',
  'poll_on',
  'closed',
  'returned',
  'no_set',
] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

/** One unit as the derivation sees it: its state and whether it is at the station itself now. */
export interface StationUnit {
  readonly state: UnitState;
  readonly atStation: boolean;
}

type CountingStatus = Exclude<StationStatus, 'no_set'>;

/**
 * The status each unit state gives its station; null: the unit does not count (not yet assigned,
 * failed or withdrawn and replaced by the rules, a field reserve, or past the poll's return).
 * Listed for every state so a new state must be placed here.
 */
const STATUS_OF_STATE: Readonly<Record<UnitState, CountingStatus | 'by_place' | null>> = {
  manufactured: null, in_transit: null, in_warehouse: null, flc_in_progress: null, flc_ok: null, flc_rejected: null,
  at_factory_repair: null, allocated_poll: null, allocated_training: null, in_ac_strongroom: null,
  assigned_ps: 'not_dispatched',
  ac_reserve: null,
  commissioned: 'not_dispatched',
  commissioning_failed: null,
  // In transit or arrived: decided by where the unit is now.
  issued_to_polling_party: 'by_place',
  with_sector_officer: null,
  mock_poll_ok: 'mock_poll_done',
  failed_mock_poll: null,
  in_poll: 'poll_on',
  failed_in_poll: null,
  poll_closed_sealed: 'closed',
  reserve_returned: 'returned',
  in_polled_strongroom: 'returned',
  at_counting_table: null, counted: null, ep_window: null, ep_hold: null, cv_selected: null, cv_done: null,
  released: null, condemned: null, destroyed: null, missing: null, damaged: null,
};

/** The status one unit gives its station, or null when the unit does not count. */
export function unitStationStatus(unit: StationUnit): CountingStatus | null {
  const status = STATUS_OF_STATE[unit.state];
  if (status === 'by_place') return unit.atStation ? 'arrived' : 'in_transit';
  return status;
}

/**
 * The station's status: the least advanced status among its counting units, since a station is
 * only as far as its whole set (a poll is on once every unit of the set is in the poll). Units that
 * failed or were withdrawn (replaced by the rules) do not hold it back. No counting unit: `no_set`.
 */
export function stationStatus(units: Iterable<StationUnit>): StationStatus {
  let least = STATION_STATUSES.length - 1;
  for (const unit of units) {
    const status = unitStationStatus(unit);
    if (status === null) continue;
    const rank = STATION_STATUSES.indexOf(status);
    if (rank < least) least = rank;
  }
  return STATION_STATUSES[least] ?? 'no_set';
}
