/** Wire schemas for ids and the enums the api and the web share. */
import { z } from 'zod';
import { HOLD_KINDS, UNIT_EVENTS, UNIT_STATES } from '../domain/lifecycle.ts';
import { JURISDICTION_LEVELS, ROLES } from '../domain/roles.ts';
import { MAKERS, MODELS, UNIT_KINDS } from '../domain/units.ts';

/** The largest value of the database's int4 columns: ids above it would be a 500 there. */
export const INT4_MAX = 2_147_483_647;

const DbIdSchema = z.number().int().positive().max(INT4_MAX, { error: (issue) => `Id ${String(issue.input)} is too large (at most ${INT4_MAX})` });

export const DistrictIdSchema = DbIdSchema.brand<'DistrictId'>();
export type DistrictId = z.infer<typeof DistrictIdSchema>;

export const LocationIdSchema = DbIdSchema.brand<'LocationId'>();
export type LocationId = z.infer<typeof LocationIdSchema>;

/** Positive integer ids that are not branded (state, AC). */
export const PositiveIdSchema = DbIdSchema;

// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text the database and the canonical JSON of the log can hold: no NUL, well-formed Unicode. */
export function isStorableText(value: string): boolean {
  return !NUL.test(value) && !LONE_SURROGATE.test(value);
}

/** A string of at most `max` characters that the database can store (see isStorableText). */
export function textSchema(max: number) {
  return z
    .string()
    .max(max)
    .refine(isStorableText, { error: 'must not contain NUL characters or unpaired UTF-16 surrogates' });
}

export const UNIT_SERIAL_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

/**
 * A unit's printed serial, its identity (never a database id). Trimmed and upper-cased
 * before the check, so a hand-typed ' bu-000115' is BU-000115.
 */
export const UnitSerialSchema = z
  .string()
  .max(64, { error: 'Unit serial is too long (at most 32 characters)' })
  .trim()
  .toUpperCase()
  .regex(UNIT_SERIAL_PATTERN, {
    error: (issue) =>
      `Unit serial '${String(issue.input)}' is not valid: use 3 to 32 letters, digits or '-', starting with a letter or digit`,
  })
  .brand<'UnitSerial'>();
export type UnitSerial = z.infer<typeof UnitSerialSchema>;

export const UnitKindSchema = z.enum(UNIT_KINDS);
export const ModelSchema = z.enum(MODELS);
export const MakerSchema = z.enum(MAKERS);
export const UnitStateSchema = z.enum(UNIT_STATES);
export const UnitEventSchema = z.enum(UNIT_EVENTS);
export const HoldKindSchema = z.enum(HOLD_KINDS);
export const RoleSchema = z.enum(ROLES);
export const JurisdictionLevelSchema = z.enum(JURISDICTION_LEVELS);
