/** Inputs of the strongroom procedures (strongroom.get, logbook, open, close, setKeyHolders). */
import { z } from 'zod';
import { DistrictIdSchema, LocationIdSchema, PositiveIdSchema, textSchema } from './common.ts';

const StrongroomRefShape = { districtId: DistrictIdSchema, locationId: LocationIdSchema };

export const StrongroomRefInputSchema = z.strictObject(StrongroomRefShape);
export type StrongroomRefInput = z.infer<typeof StrongroomRefInputSchema>;

/** A seal's printed number: letters, digits, '-' and '/', kept upper-case. */
export const SealNumberSchema = textSchema(200)
  .trim()
  .toUpperCase()
  .min(1, { error: 'A seal number may not be empty' })
  .max(40, { error: 'A seal number has at most 40 characters' })
  .regex(/^[A-Z0-9][A-Z0-9/-]*$/, { error: (issue) => `Seal number '${String(issue.input)}' may hold only letters, digits, '-' and '/'` });

const PersonTextSchema = textSchema(400).trim().min(1).max(100);

export const WitnessSchema = z.strictObject({
  name: PersonTextSchema,
  party: PersonTextSchema,
  idCard: textSchema(200).trim().min(1).max(40),
});

function distinct(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

const SealListSchema = z.array(SealNumberSchema).max(50).refine(distinct, { error: 'A seal number is listed twice' });

export const StrongroomOpenInputSchema = z.strictObject({
  ...StrongroomRefShape,
  /** The other key-holder (a user id); the signed-in user holds the first key. */
  secondKeyHolderId: PositiveIdSchema,
  /** The other key-holder confirms in the same request (two-person rule). */
  secondKeyHolderPassword: z.string().min(1).max(200),
  witnesses: z.array(WitnessSchema).min(1, { error: 'Record at least one witness present' }).max(50),
  /** Seal numbers found and broken; checked against those applied at the last close. */
  sealsBroken: SealListSchema,
  /** Required when the seals broken differ from those applied at the last close. */
  sealNote: textSchema(2000).trim().min(1).max(500).optional(),
});
export type StrongroomOpenInput = z.infer<typeof StrongroomOpenInputSchema>;

export const StrongroomCloseInputSchema = z.strictObject({
  ...StrongroomRefShape,
  sealsApplied: SealListSchema.min(1, { error: 'Apply at least one seal to close the strongroom' }),
  /** Witnesses at the closing; the opening's witnesses when left out. */
  witnesses: z.array(WitnessSchema).max(50).optional(),
});
export type StrongroomCloseInput = z.infer<typeof StrongroomCloseInputSchema>;

export const StrongroomKeyHoldersInputSchema = z.strictObject({
  ...StrongroomRefShape,
  firstKeyHolderId: PositiveIdSchema,
  secondKeyHolderId: PositiveIdSchema,
});
export type StrongroomKeyHoldersInput = z.infer<typeof StrongroomKeyHoldersInputSchema>;
