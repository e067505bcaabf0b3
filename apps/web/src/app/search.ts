import { STATION_STATUSES, UNIT_KINDS, UNIT_STATES } from '@evmtrail/shared';
import { z } from 'zod';

/**
 * Search params of every route, validated: a hand-edited or stale URL never breaks a page, a
 * value that does not parse is dropped (`catch(undefined)`), and what is valid is kept.
 */
const positiveId = z.number().int().positive().optional().catch(undefined);

/** On every route: the district a state or national user is looking at. */
export const RootSearchSchema = z.object({ district: positiveId });
export type RootSearch = z.infer<typeof RootSearchSchema>;

export const UNIT_SORTS = ['serial', 'state', 'kind', 'location', 'updated'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];
export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** The router parses `?q=1234` as a number; a serial prefix is text either way. */
const serialPrefix = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim().toUpperCase())
  .pipe(z.string().max(32).regex(/^[A-Z0-9-]*$/))
  .optional()
  .catch(undefined);

/** The unit list: filters, sort and direction, all shareable in the URL. */
export const UnitsSearchSchema = z.object({
  q: serialPrefix,
  kind: z.enum(UNIT_KINDS).optional().catch(undefined),
  state: z.enum(UNIT_STATES).optional().catch(undefined),
  acId: positiveId,
  locationId: positiveId,
  sort: z.enum(UNIT_SORTS).optional().catch(undefined),
  dir: z.enum(SORT_DIRS).optional().catch(undefined),
});
export type UnitsSearch = z.infer<typeof UnitsSearchSchema>;

/** A location's page lists the units there with the same kind/state filters. */
export const LocationSearchSchema = z.object({
  kind: z.enum(UNIT_KINDS).optional().catch(undefined),
  state: z.enum(UNIT_STATES).optional().catch(undefined),
});
export type LocationSearch = z.infer<typeof LocationSearchSchema>;

/** The live map: an AC (by id), a poll-day status and a station search (number, code or name). */
export const MapSearchSchema = z.object({
  ac: positiveId,
  status: z.enum(STATION_STATUSES).optional().catch(undefined),
  q: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).slice(0, 80))
    .transform((v) => (v.trim() === '' ? undefined : v))
    .optional()
    .catch(undefined),
});
export type MapSearch = z.infer<typeof MapSearchSchema>;
