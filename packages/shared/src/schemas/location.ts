/** Places a unit can be (eci-brief §12.1 Location). A consignment in transit is a vehicle. */
import { z } from 'zod';
import { DistrictIdSchema, LocationIdSchema } from './common.ts';

export const LOCATION_KINDS = [
  'warehouse',
  'strongroom',
  'flc_hall',
  'commissioning_hall',
  'distribution_centre',
  'receiving_centre',
  'counting_hall',
  'polling_station',
  'vehicle',
  'manufacturer',
  'repair_room',
] as const;
export const LocationKindSchema = z.enum(LOCATION_KINDS);
export type LocationKind = z.infer<typeof LocationKindSchema>;

export const STRONGROOM_TYPES = ['district_warehouse', 'ac', 'pc', 'polled', 'reserve', 'repair'] as const;
export const StrongroomTypeSchema = z.enum(STRONGROOM_TYPES);
export type StrongroomType = z.infer<typeof StrongroomTypeSchema>;

export const LocationTreeInputSchema = z.strictObject({ districtId: DistrictIdSchema });
export type LocationTreeInput = z.infer<typeof LocationTreeInputSchema>;

export const LocationByIdInputSchema = z.strictObject({ districtId: DistrictIdSchema, locationId: LocationIdSchema });
export type LocationByIdInput = z.infer<typeof LocationByIdInputSchema>;

/**
 * The live map's poll-day statuses. `since` is the version the caller already holds (the size of
 * the district's custody log, which every unit change grows): unchanged, the answer carries none.
 */
export const LocationMapStatusInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type LocationMapStatusInput = z.infer<typeof LocationMapStatusInputSchema>;
