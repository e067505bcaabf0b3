import { describe, expect, test } from 'vitest';

import { governingPlace } from '../../src/domain/roles.ts';

describe('governingPlace', () => {
  const warehouse = { stateId: 1, districtId: 10, acId: null };
  const ac210 = { stateId: 1, districtId: 10, acId: 210 };
  const ac213 = { stateId: 1, districtId: 10, acId: 213 };

  test('a unit that stays is judged where it is', () => {
    expect(governingPlace(ac213)).toBe(ac213);
    expect(governingPlace(warehouse, null)).toBe(warehouse);
  });
  test('moving from a district-level place into an AC: the receiving AC decides', () => {
    expect(governingPlace(warehouse, ac210)).toBe(ac210);
  });
  test('moving out of one AC into another: the AC it leaves decides', () => {
    expect(governingPlace(ac213, ac210)).toBe(ac213);
  });
  test('moving into an AC of another district is judged where the unit is', () => {
    expect(governingPlace(warehouse, { ...ac210, districtId: 11 })).toBe(warehouse);
  });
});
