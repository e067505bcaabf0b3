import { z } from 'zod';

import { DistrictIdSchema } from './common.ts';

/** Units by kind x state: one district, or the caller's whole jurisdiction when left out. */
export const DashboardUnitCountsInputSchema = z.strictObject({ districtId: DistrictIdSchema.optional() });
export type DashboardUnitCountsInput = z.infer<typeof DashboardUnitCountsInputSchema>;

/** The districts of the caller's jurisdiction (for state- and nation-level pickers). */
export const DistrictListInputSchema = z.strictObject({});
export type DistrictListInput = z.infer<typeof DistrictListInputSchema>;
