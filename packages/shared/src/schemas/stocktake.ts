/**
 * Stocktakes (physical verification, issue 7 item 4): a campaign on a location freezes its
 * expected list when it starts; staff scan (scan.ts, task kind 'stocktake') and the server
 * decides found, duplicate, belongs elsewhere or unexpected; closing marks the rest missing.
 */
import { z } from 'zod';
import { DistrictIdSchema, LocationIdSchema, textSchema } from './common.ts';

export const STOCKTAKE_STATUSES = ['open', 'closed'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];

/** What became of a serial on a stocktake; `null` while an expected unit is not yet scanned. */
export const STOCKTAKE_OUTCOMES = ['found', 'missing', 'unexpected', 'elsewhere'] as const;
export type StocktakeOutcome = (typeof STOCKTAKE_OUTCOMES)[number];

const StocktakeIdSchema = z.number().int().positive().max(2_147_483_647);

export const StocktakeListInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  /** Only the stocktakes of this location (not of the places under it). */
  locationId: LocationIdSchema.optional(),
});

export const StocktakeByIdInputSchema = z.strictObject({ districtId: DistrictIdSchema, stocktakeId: StocktakeIdSchema });

export const StartStocktakeInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  locationId: LocationIdSchema,
  note: textSchema(1000).trim().max(300).optional(),
});

export const CloseStocktakeInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  stocktakeId: StocktakeIdSchema,
  /** Scans this device still holds unsent; closing is refused while any are. */
  unsyncedScans: z.number().int().min(0).max(1_000_000),
});

export interface StocktakeSummary {
  readonly id: number;
  readonly location: { readonly id: number; readonly name: string };
  readonly status: StocktakeStatus;
  readonly startedBy: string;
  readonly startedAt: string;
  readonly closedBy: string | null;
  readonly closedAt: string | null;
  readonly expected: number;
  readonly found: number;
  /** Expected and not found: missing once closed, "not yet found" while open. */
  readonly missing: number;
  readonly unexpected: number;
  readonly elsewhere: number;
  readonly duplicates: number;
  readonly note: string | null;
}

export interface StocktakeLineView {
  readonly serial: string;
  readonly expected: boolean;
  readonly outcome: StocktakeOutcome | null;
  /** Elsewhere: where the unit is recorded. */
  readonly recordedLocation: string | null;
  readonly scannedAt: string | null;
  readonly scannedBy: string | null;
}

export interface StocktakeDetail extends StocktakeSummary {
  /** Expected, not yet found (open) or missing (closed); at most 500. */
  readonly notFound: readonly StocktakeLineView[];
  /** Unexpected and elsewhere lines; at most 500. */
  readonly surprises: readonly StocktakeLineView[];
  /** The latest found lines; at most 50. */
  readonly recent: readonly StocktakeLineView[];
}
