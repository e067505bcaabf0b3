/** Inputs for the unit procedures (unit.bySerial, unit.list, unit.transition). */
import { z } from 'zod';
import {
  DistrictIdSchema,
  LocationIdSchema,
  PositiveIdSchema,
  UnitEventSchema,
  UnitKindSchema,
  UnitSerialSchema,
  UnitStateSchema,
  UNIT_SERIAL_PATTERN,
  textSchema,
} from './common.ts';

/** A unit.list cursor as the api makes it: base64url of {"after": <a serial>}. */
export function isUnitListCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return false;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed: unknown = JSON.parse(text);
    const after = typeof parsed === 'object' && parsed !== null ? (parsed as { after?: unknown }).after : undefined;
    return typeof after === 'string' && UNIT_SERIAL_PATTERN.test(after);
  } catch {
    return false;
  }
}

export const UnitBySerialInputSchema = z.strictObject({ serial: UnitSerialSchema });
export type UnitBySerialInput = z.infer<typeof UnitBySerialInputSchema>;

export const UNIT_LIST_MAX_LIMIT = 200;
export const UNIT_LIST_DEFAULT_LIMIT = 50;

export const UnitListInputSchema = z.strictObject({
  districtId: DistrictIdSchema.optional(),
  kind: UnitKindSchema.optional(),
  state: UnitStateSchema.optional(),
  locationId: LocationIdSchema.optional(),
  acId: PositiveIdSchema.optional(),
  /** Upper-cased; '' matches every serial. */
  serialPrefix: z
    .string()
    .max(64)
    .trim()
    .toUpperCase()
    .max(32)
    .regex(/^[A-Z0-9-]*$/, { error: (issue) => `Serial prefix '${String(issue.input)}' may hold only letters, digits and '-'` })
    .optional(),
  limit: z.number().int().min(1).max(UNIT_LIST_MAX_LIMIT).default(UNIT_LIST_DEFAULT_LIMIT),
  /** Opaque keyset cursor returned by the previous page. */
  cursor: z
    .string()
    .min(1)
    .max(512)
    .refine(isUnitListCursor, { error: (issue) => `Invalid cursor '${String(issue.input)}': not one this api returned` })
    .optional(),
});
export type UnitListInput = z.infer<typeof UnitListInputSchema>;

const NameOrSerialSchema = textSchema(200).trim().min(1).max(64);

export const UnitTransitionInputSchema = z.strictObject({
  serial: UnitSerialSchema,
  event: UnitEventSchema,
  /** The new place, required by events that move the unit (MOVING_EVENTS). */
  toLocationId: LocationIdSchema.optional(),
  reason: textSchema(2000).trim().max(500).optional(),
  /** Witness ids (party representatives, observers) present. */
  witnesses: z.array(NameOrSerialSchema).max(50).optional(),
  /** Seal numbers applied or checked. */
  seals: z.array(NameOrSerialSchema).max(100).optional(),
});
export type UnitTransitionInput = z.infer<typeof UnitTransitionInputSchema>;
