import { describe, expect, test } from 'vitest';
import {
  ConsistencyProofInputSchema,
  DistrictIdSchema,
  InclusionProofInputSchema,
  LOCATION_KINDS,
  LocationKindSchema,
  LocationTreeInputSchema,
  LogCheckpointInputSchema,
  LogExportInputSchema,
  RoleSchema,
  STRONGROOM_TYPES,
  SignInInputSchema,
  StrongroomTypeSchema,
  UnitBySerialInputSchema,
  UnitKindSchema,
  UnitListInputSchema,
  UnitSerialSchema,
  UnitStateSchema,
  UnitTransitionInputSchema,
} from '../../src/schemas/index.ts';

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? '';
}

describe('unit serial', () => {
  test('is trimmed and upper-cased', () => {
    expect(UnitSerialSchema.parse(' bu-000115 ')).toBe('BU-000115');
    expect(UnitBySerialInputSchema.parse({ serial: 'vv-000304' })).toEqual({ serial: 'VV-000304' });
  });

  test('a bad serial gets a message naming it', () => {
    const result = UnitSerialSchema.safeParse('bu_1');
    expect(result.success).toBe(false);
    expect(firstMessage(result)).toContain("Unit serial 'BU_1' is not valid");
    expect(UnitSerialSchema.safeParse('-BU1').success).toBe(false);
    expect(UnitSerialSchema.safeParse('B1').success).toBe(false);
    expect(UnitSerialSchema.safeParse('B'.repeat(33)).success).toBe(false);
  });
});

describe('api inputs', () => {
  test('sign in: the password is not trimmed, lengths are bounded', () => {
    expect(SignInInputSchema.parse({ username: ' deo412 ', password: ' pw ' })).toEqual({ username: 'deo412', password: ' pw ' });
    expect(SignInInputSchema.safeParse({ username: '', password: 'x' }).success).toBe(false);
    expect(SignInInputSchema.safeParse({ username: 'a'.repeat(65), password: 'x' }).success).toBe(false);
    expect(SignInInputSchema.safeParse({ username: 'a', password: 'x'.repeat(257) }).success).toBe(false);
  });

  test('unit list: limit defaults to 50, filters are checked, unknown keys refused', () => {
    expect(UnitListInputSchema.parse({})).toEqual({ limit: 50, sort: 'serial', dir: 'asc' });
    const input = UnitListInputSchema.parse({ districtId: 412, kind: 'CU', state: 'in_poll', serialPrefix: 'cu-00', limit: 200 });
    expect(input).toMatchObject({ serialPrefix: 'CU-00', limit: 200 });
    expect(UnitListInputSchema.safeParse({ limit: 201 }).success).toBe(false);
    expect(UnitListInputSchema.safeParse({ kind: 'SLU' }).success).toBe(false);
    expect(UnitListInputSchema.safeParse({ state: 'IN_POLL' }).success).toBe(false);
    expect(UnitListInputSchema.safeParse({ districtId: 0 }).success).toBe(false);
    expect(UnitListInputSchema.safeParse({ districtID: 4 }).success).toBe(false);
    expect(firstMessage(UnitListInputSchema.safeParse({ serialPrefix: 'a b' }))).toContain("'A B'");
  });

  test('unit transition', () => {
    const input = UnitTransitionInputSchema.parse({
      serial: 'bu-000115', event: 'receive', toLocationId: 3, witnesses: ['P02-REP-03'], seals: ['TRUCK-88812'],
    });
    expect(input).toMatchObject({ serial: 'BU-000115', event: 'receive', toLocationId: 3 });
    expect(UnitTransitionInputSchema.safeParse({ serial: 'BU-000115', event: 'teleport' }).success).toBe(false);
    expect(UnitTransitionInputSchema.safeParse({ serial: 'BU-000115', event: 'count', reason: 'x'.repeat(501) }).success).toBe(false);
    expect(UnitTransitionInputSchema.safeParse({ serial: 'BU-000115', event: 'count', witnesses: [''] }).success).toBe(false);
  });

  test('log inputs', () => {
    expect(LogCheckpointInputSchema.parse({ districtId: 412 })).toEqual({ districtId: 412 });
    expect(LogExportInputSchema.safeParse({ districtId: -1 }).success).toBe(false);
    expect(LocationTreeInputSchema.safeParse({ districtId: 1.5 }).success).toBe(false);
    expect(InclusionProofInputSchema.parse({ districtId: 1, index: 0 })).toEqual({ districtId: 1, index: 0 });
    expect(InclusionProofInputSchema.safeParse({ districtId: 1, index: 7, treeSize: 8 }).success).toBe(true);
    expect(firstMessage(InclusionProofInputSchema.safeParse({ districtId: 1, index: 8, treeSize: 8 }))).toBe(
      'Leaf index 8 is not in a tree of size 8',
    );
    expect(ConsistencyProofInputSchema.safeParse({ districtId: 1, fromSize: 5 }).success).toBe(true);
    expect(ConsistencyProofInputSchema.safeParse({ districtId: 1, fromSize: 5, toSize: 5 }).success).toBe(true);
    expect(firstMessage(ConsistencyProofInputSchema.safeParse({ districtId: 1, fromSize: 5, toSize: 4 }))).toBe(
      'Tree size 4 is smaller than the starting size 5',
    );
    expect(ConsistencyProofInputSchema.safeParse({ districtId: 1, fromSize: 0 }).success).toBe(false);
  });

  test('enums', () => {
    expect(UnitKindSchema.options).toEqual(['BU', 'CU', 'VVPAT']);
    expect(UnitStateSchema.safeParse('ep_hold').success).toBe(true);
    expect(RoleSchema.safeParse('observer').success).toBe(true);
    expect(LocationKindSchema.options).toEqual([...LOCATION_KINDS]);
    expect(StrongroomTypeSchema.options).toEqual([...STRONGROOM_TYPES]);
    expect(DistrictIdSchema.parse(412)).toBe(412);
  });
});
