import { STATION_STATUSES, type StationStatus } from '@evmtrail/shared';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTRPCClient } from '../../lib/trpc';

/** How often an open map asks whether anything changed: a change shows within about a second. */
export const STATUS_POLL_MS = 1000;

export interface StationStatuses {
  /** The custody log's size these statuses belong to. */
  readonly version: number;
  readonly byId: ReadonlyMap<number, StationStatus>;
  /** When the server was last asked (changed or not). */
  readonly checkedAt: number;
}

/** Map colours of the poll-day statuses, in poll-day order. */
export const STATUS_COLOURS: Readonly<Record<StationStatus, string>> = {
  not_dispatched: '#7b8794',
  in_transit: '#d9822b',
  arrived: '#e0b400',
  mock_poll_done: '#2b8cc4',
  poll_on: '#2e8540',
  closed: '#6f4aa8',
  returned: '#12355b',
  no_set: '#c3c8ce',
};

export function statusOf(statuses: StationStatuses | undefined, stationId: number): StationStatus {
  return statuses?.byId.get(stationId) ?? 'no_set';
}

/**
 * Every polling station's poll-day status, kept live: each second the map sends the version it
 * holds and the api answers "unchanged" with one row read, or the statuses anew.
 */
export function useStationStatuses(districtId: number) {
  const client = useTRPCClient();
  const held = useRef<StationStatuses | null>(null);
  return useQuery({
    queryKey: ['map-status', districtId],
    queryFn: async (): Promise<StationStatuses> => {
      const since = held.current?.version;
      const answer = await client.location.mapStatus.query({ districtId, ...(since !== undefined && { since }) });
      const checkedAt = Date.now();
      if (answer.stations === null && held.current) {
        held.current = { ...held.current, checkedAt };
        return held.current;
      }
      const byId = new Map<number, StationStatus>();
      const stations = answer.stations ?? { id: [], status: [] };
      stations.id.forEach((id, i) => {
        const status = answer.statuses[stations.status[i] ?? -1];
        if (status !== undefined && (STATION_STATUSES as readonly string[]).includes(status)) byId.set(id, status);
      });
      held.current = { version: answer.version, byId, checkedAt };
      return held.current;
    },
    refetchInterval: STATUS_POLL_MS,
    structuralSharing: false,
  });
}
