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

/**
 * A unit.list cursor as the api makes it: base64url of {"s": sort, "d": dir, "k": the sort key of
 * the last row, "a": its serial}. The service also checks that it belongs to the order asked for.
 */
export function isUnitListCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return false;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return false;
    const { k, a } = parsed as { k?: unknown; a?: unknown };
    return typeof k === 'string' && !k.includes('\u0000') && typeof a === 'string' && UNIT_SERIAL_PATTERN.test(a);
  } catch {
    return false;
  }
}

export const UnitBySerialInputSchema = z.strictObject({ serial: UnitSerialSchema });
export type UnitBySerialInput = z.infer<typeof UnitBySerialInputSchema>;

export const UNIT_LIST_MAX_LIMIT = 200;
export const UNIT_LIST_DEFAULT_LIMIT = 50;

/** The orders a unit list can be sorted in; the serial always breaks ties. */
export const UNIT_LIST_SORTS = ['serial', 'state', 'kind', 'location', 'updated'] as const;
export const UnitListSortSchema = z.enum(UNIT_LIST_SORTS);
export type UnitListSort = z.infer<typeof UnitListSortSchema>;
export const SortDirSchema = z.enum(['asc', 'desc']);
export type SortDir = z.infer<typeof SortDirSchema>;

/** The filters and order of a unit list, shared by `unit.list` and the CSV export. */
export const UnitListFilterSchema = z.strictObject({
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
  sort: UnitListSortSchema.default('serial'),
  dir: SortDirSchema.default('asc'),
});
export type UnitListFilter = z.infer<typeof UnitListFilterSchema>;

export const UnitListInputSchema = UnitListFilterSchema.extend({
  limit: z.number().int().min(1).max(UNIT_LIST_MAX_LIMIT).default(UNIT_LIST_DEFAULT_LIMIT),
  /** Opaque keyset cursor returned by the previous page. */
  cursor: z
    .string()
    .min(1)
    .max(512)
    .refine(isUnitListCursor, { error: 'is not a cursor this api returned' })
    .optional(),
});
export type UnitListInput = z.infer<typeof UnitListInputSchema>;

const NameOrSerialSchema = textSchema(200).trim().min(1).max(64);

export const UnitTransitionInputSchema = z.strictObject({
  serial: UnitSerialSchema,
  event: UnitEventSchema,
  /** The new place, required by events that move the unit (MOVING_EVENTS). */
  toLocationId: LocationIdSchema.optional(),
  /** The AC the first randomisation allocates the unit to (allocate_poll, allocate_training). */
  toAcId: PositiveIdSchema.optional(),
  reason: textSchema(2000).trim().max(500).optional(),
  /** Witness ids (party representatives, observers) present. */
  witnesses: z.array(NameOrSerialSchema).max(50).optional(),
  /** Seal numbers applied or checked. */
  seals: z.array(NameOrSerialSchema).max(100).optional(),
});
export type UnitTransitionInput = z.infer<typeof UnitTransitionInputSchema>;
