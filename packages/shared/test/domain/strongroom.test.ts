import { describe, expect, test } from 'vitest';

import { checkSeals, sealsMatch, witnessLabel } from '../../src/domain/strongroom.ts';
import { StrongroomCloseInputSchema, StrongroomOpenInputSchema } from '../../src/schemas/strongroom.ts';

describe('checkSeals', () => {
  test('the same seals in any order and case match', () => {
    const check = checkSeals(['DSR-0001', 'DSR-0002'], [' dsr-0002', 'DSR-0001 ']);
    expect(check).toEqual({ missing: [], unexpected: [] });
    expect(sealsMatch(check)).toBe(true);
  });

  test('names the seals missing and those not applied at the last close', () => {
    const check = checkSeals(['DSR-0001', 'DSR-0002'], ['DSR-0001', 'DSR-0009']);
    expect(check).toEqual({ missing: ['DSR-0002'], unexpected: ['DSR-0009'] });
    expect(sealsMatch(check)).toBe(false);
  });

  test('a strongroom never closed expects no seals', () => {
    expect(sealsMatch(checkSeals([], []))).toBe(true);
    expect(checkSeals([], ['X-1'])).toEqual({ missing: [], unexpected: ['X-1'] });
  });
});

test('a witness is written as name, party and ID card', () => {
  expect(witnessLabel({ name: 'Asha Patil', party: 'Independent', idCard: 'MH/77' })).toBe('Asha Patil (Independent, ID MH/77)');
});

describe('inputs', () => {
  const base = { districtId: 1, locationId: 2, secondKeyHolderId: 3, secondKeyHolderPassword: 'pw', witnesses: [{ name: 'A', party: 'B', idCard: 'C' }], sealsBroken: ['dsr-1'] };

  test('seal numbers are kept upper-case; a seal listed twice is refused', () => {
    expect(StrongroomOpenInputSchema.parse(base).sealsBroken).toEqual(['DSR-1']);
    expect(StrongroomOpenInputSchema.safeParse({ ...base, sealsBroken: ['DSR-1', 'dsr-1'] }).success).toBe(false);
  });

  test('an opening needs a witness; a closing needs a seal', () => {
    expect(StrongroomOpenInputSchema.safeParse({ ...base, witnesses: [] }).success).toBe(false);
    expect(StrongroomCloseInputSchema.safeParse({ districtId: 1, locationId: 2, sealsApplied: [] }).success).toBe(false);
    expect(StrongroomCloseInputSchema.safeParse({ districtId: 1, locationId: 2, sealsApplied: ['S-1'] }).success).toBe(true);
  });
});
