import type { DistrictId, LocationId } from '@evmtrail/shared';
import { describe, expect, test } from 'vitest';

import type { LocationWithCount } from '../src/modules/locations/location.repository.ts';
import { toLocationColumns } from '../src/modules/locations/location-map.ts';

function place(id: number, name: string, nameHi: string | null, lat: number | null): LocationWithCount {
  return {
    id: id as LocationId, districtId: 1 as DistrictId, code: `PS-AC195-00${id}`, kind: 'polling_station', strongroomType: null,
    name, nameHi, acId: 7, parentId: null, lat, lon: lat, psNumber: id, electors: 900, unitCount: 2,
  };
}

describe('the map data by column', () => {
  test('front-codes text, rounds coordinates to 5 decimals and indexes kinds', () => {
    const columns = toLocationColumns([
      place(1, 'New English School - Room 1', 'न्यू इंग्लिश स्कूल - कक्ष 1', 18.123456789),
      place(2, 'New English School - Room 2', null, null),
      place(3, 'New English School - Room 3', 'न्यू इंग्लिश स्कूल - कक्ष 3', 18.5),
    ]);
    expect(columns.name).toEqual(['New English School - Room 1', '2', '3']);
    expect(columns.nameShared).toEqual([0, 26, 26]);
    expect(columns.code).toEqual(['PS-AC195-001', '2', '3']);
    // A missing Hindi name is null and does not break the chain.
    expect(columns.nameHi).toEqual(['न्यू इंग्लिश स्कूल - कक्ष 1', null, '3']);
    expect(columns.lat).toEqual([18.12346, null, 18.5]);
    expect(columns.kinds).toEqual(['polling_station']);
    expect(columns.kind).toEqual([0, 0, 0]);
  });

  test('never splits a surrogate pair', () => {
    const columns = toLocationColumns([place(1, 'Hall 𝟙', null, null), place(2, 'Hall 𝟚', null, null)]);
    const decoded = 'Hall 𝟙'.slice(0, columns.nameShared[1]) + (columns.name[1] ?? '');
    expect(decoded).toBe('Hall 𝟚');
    expect(/^[\uDC00-\uDFFF]/.test(columns.name[1] ?? '')).toBe(false);
  });
});
