/** Wire schemas for ids and the enums the api and the web share. */
import { z } from 'zod';
import { HOLD_KINDS, UNIT_EVENTS, UNIT_STATES } from '../domain/lifecycle.ts';
import { JURISDICTION_LEVELS, ROLES } from '../domain/roles.ts';
import { MAKERS, MODELS, UNIT_KINDS } from '../domain/units.ts';

export const DistrictIdSchema = z.number().int().positive().brand<'DistrictId'>();
export type DistrictId = z.infer<typeof DistrictIdSchema>;

export const LocationIdSchema = z.number().int().positive().brand<'LocationId'>();
export type LocationId = z.infer<typeof LocationIdSchema>;

/** Positive integer ids that are not branded (state, AC). */
export const PositiveIdSchema = z.number().int().positive();

export const UNIT_SERIAL_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

/**
 * A unit's printed serial, its identity (never a database id). Trimmed and upper-cased
 * before the check, so a hand-typed ' bu-000115' is BU-000115.
 */
export const UnitSerialSchema = z
  .string()
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
