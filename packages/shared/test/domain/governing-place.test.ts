import { describe, expect, test } from 'vitest';

import { governingPlaces } from '../../src/domain/roles.ts';

describe('governingPlaces', () => {
  const warehouse = { stateId: 1, districtId: 10, acId: null };
  const ac210 = { stateId: 1, districtId: 10, acId: 210 };
  const ac213 = { stateId: 1, districtId: 10, acId: 213 };

  test('a unit that stays is judged where it is', () => {
    expect(governingPlaces(ac213)).toEqual([ac213]);
    expect(governingPlaces(warehouse, null)).toEqual([warehouse]);
  });
  test('from a district-level place into an AC: the receiving AC', () => {
    expect(governingPlaces(warehouse, ac210)).toEqual([ac210]);
  });
  test('from an AC back to a district-level place: the AC it leaves', () => {
    expect(governingPlaces(ac210, warehouse)).toEqual([ac210]);
  });
  test('from one AC into another: both', () => {
    expect(governingPlaces(ac213, ac210)).toEqual([ac213, ac210]);
  });
  test('a target in another district never widens the check', () => {
    expect(governingPlaces(warehouse, { ...ac210, districtId: 11 })).toEqual([warehouse]);
  });
});
