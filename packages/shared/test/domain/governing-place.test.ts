import { describe, expect, test } from 'vitest';

import { governingPlaces, reachesDistrict } from '../../src/domain/roles.ts';

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

describe('reachesDistrict', () => {
  const ac213InPune = { stateId: 1, districtId: 10, acId: 213 };
  const mumbai = { stateId: 1, districtId: 11, acId: null };
  test('an AC user reaches every place of their district, not only their AC', () => {
    const ro210 = { level: 'ac', stateId: 1, districtId: 10, acId: 210 } as const;
    expect(reachesDistrict(ro210, ac213InPune)).toBe(true);
    expect(reachesDistrict(ro210, mumbai)).toBe(false);
  });
  test('district, state and nation users reach what their level holds', () => {
    expect(reachesDistrict({ level: 'district', stateId: 1, districtId: 10 }, ac213InPune)).toBe(true);
    expect(reachesDistrict({ level: 'district', stateId: 1, districtId: 10 }, mumbai)).toBe(false);
    expect(reachesDistrict({ level: 'state', stateId: 1 }, mumbai)).toBe(true);
    expect(reachesDistrict({ level: 'state', stateId: 2 }, mumbai)).toBe(false);
    expect(reachesDistrict({ level: 'nation' }, mumbai)).toBe(true);
  });
});
