import { describe, expect, test } from 'vitest';

import {
  DistrictIdSchema,
  INT4_MAX,
  isStorableText,
  LocationIdSchema,
  SignInInputSchema,
  UnitListInputSchema,
  UnitTransitionInputSchema,
} from '../../src/index.ts';

/* Inputs are bounded by the schema to what the database can hold (int4 ids, storable text). */

describe('ids are int4', () => {
  test.each([DistrictIdSchema, LocationIdSchema])('%#: 2147483647 is an id, 2147483648 is refused', (schema) => {
    expect(schema.safeParse(INT4_MAX).success).toBe(true);
    expect(schema.safeParse(INT4_MAX + 1).success).toBe(false);
    expect(schema.safeParse(2 ** 53).success).toBe(false);
  });

  test('acId in unit.list too', () => {
    expect(UnitListInputSchema.safeParse({ acId: INT4_MAX + 1 }).success).toBe(false);
    expect(UnitListInputSchema.safeParse({ acId: INT4_MAX }).success).toBe(true);
  });
});

describe('text the database can store', () => {
  test.each([
    ['plain', 'Kothrud strongroom', true],
    ['Devanagari', 'कोथरूड', true],
    ['a surrogate pair (emoji)', 'seal 🔒', true],
    ['NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'x\ud800', false],
    ['a lone low surrogate', '\udc00x', false],
    ['reversed pair', '\udc00\ud800', false],
  ])('%s', (_name, value, ok) => {
    expect(isStorableText(value)).toBe(ok);
    expect(UnitTransitionInputSchema.safeParse({ serial: 'BUB3000001', event: 'start_flc', reason: value }).success).toBe(ok);
    expect(UnitTransitionInputSchema.safeParse({ serial: 'BUB3000001', event: 'start_flc', witnesses: [value] }).success).toBe(ok);
    expect(UnitTransitionInputSchema.safeParse({ serial: 'BUB3000001', event: 'start_flc', seals: [value] }).success).toBe(ok);
    expect(SignInInputSchema.safeParse({ username: `u${value}`, password: `p${value}` }).success).toBe(ok);
  });
});

describe('unit.list cursors', () => {
  // The cursor is opaque here; the api's list service decodes it and names a bad one
  // (apps/api/test/units.db.test.ts). The schema keeps out what the database cannot hold.
  test('a cursor is storable text of at most 512 characters', () => {
    expect(UnitListInputSchema.safeParse({ cursor: 'eyJzIjoic2VyaWFsIn0' }).success).toBe(true);
    for (const cursor of ['\u0000', 'x\ud800', '', 'A'.repeat(513)]) {
      expect(UnitListInputSchema.safeParse({ cursor }).success, JSON.stringify(cursor)).toBe(false);
    }
  });
});
