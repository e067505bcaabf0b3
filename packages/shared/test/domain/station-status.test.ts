import { describe, expect, test } from 'vitest';

import { stationStatus, unitStationStatus, type StationUnit } from '../../src/domain/station-status.ts';

const at = (state: StationUnit['state']): StationUnit => ({ state, atStation: true });
const away = (state: StationUnit['state']): StationUnit => ({ state, atStation: false });

describe('stationStatus', () => {
  test('a station with no units has no set yet', () => {
    expect(stationStatus([])).toBe('no_set');
  });

  test('each poll-day state gives its status', () => {
    expect(stationStatus([away('assigned_ps')])).toBe('not_dispatched');
    expect(stationStatus([away('commissioned')])).toBe('not_dispatched');
    expect(stationStatus([away('issued_to_polling_party')])).toBe('in_transit');
    expect(stationStatus([at('issued_to_polling_party')])).toBe('arrived');
    expect(stationStatus([at('mock_poll_ok')])).toBe('mock_poll_done');
    expect(stationStatus([at('in_poll')])).toBe('poll_on');
    expect(stationStatus([at('poll_closed_sealed')])).toBe('closed');
    expect(stationStatus([away('in_polled_strongroom')])).toBe('returned');
    expect(stationStatus([away('reserve_returned')])).toBe('returned');
  });

  test('the set is only as far as its least advanced unit', () => {
    expect(stationStatus([at('in_poll'), at('mock_poll_ok'), at('in_poll')])).toBe('mock_poll_done');
    expect(stationStatus([at('issued_to_polling_party'), away('issued_to_polling_party')])).toBe('in_transit');
    expect(stationStatus([at('poll_closed_sealed'), away('in_polled_strongroom')])).toBe('closed');
  });

  test('failed and withdrawn units do not hold the station back', () => {
    // A BU failed in the poll and the whole set was replaced: the new set has arrived.
    expect(stationStatus([at('failed_in_poll'), at('failed_in_poll'), at('issued_to_polling_party')])).toBe('arrived');
    expect(stationStatus([at('failed_mock_poll'), at('mock_poll_ok')])).toBe('mock_poll_done');
    expect(stationStatus([at('failed_mock_poll')])).toBe('no_set');
  });

  test('units outside the poll-day states do not count', () => {
    for (const state of ['in_warehouse', 'flc_ok', 'ac_reserve', 'with_sector_officer', 'missing'] as const) {
      expect(unitStationStatus(at(state))).toBeNull();
    }
  });
});
