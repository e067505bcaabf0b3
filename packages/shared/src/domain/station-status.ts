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

/** The status one unit gives its station, or null when the unit does not count (failed, withdrawn, reserve). */
export function unitStationStatus(unit: StationUnit): Exclude<StationStatus, 'no_set'> | null {
  switch (unit.state) {
    case 'assigned_ps':
    case 'commissioned':
      return 'not_dispatched';
    case 'issued_to_polling_party':
      return unit.atStation ? 'arrived' : 'in_transit';
    case 'mock_poll_ok':
      return 'mock_poll_done';
    case 'in_poll':
      return 'poll_on';
    case 'poll_closed_sealed':
      return 'closed';
    case 'in_polled_strongroom':
    case 'reserve_returned':
      return 'returned';
    default:
      return null;
  }
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
