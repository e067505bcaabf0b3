import { checkSeals, normaliseSeal, sealsMatch, type SealCheck } from '@evmtrail/shared';
import { z } from 'zod';

/*
 * The open and close forms of a strongroom session as typed: the shared `strongroom.open` and
 * `strongroom.close` rules with messages that are i18n keys (`strongroom.form.*`), translated
 * where they are shown. The api checks the same again.
 */

const SEAL = /^[A-Z0-9][A-Z0-9/-]*$/;

/** Seal numbers one per line (or separated by commas), blank ones dropped, upper-cased. */
const sealLines = z
  .string()
  .transform((text) => text.split(/[\n,]/).map(normaliseSeal).filter((s) => s !== ''))
  .pipe(
    z
      .array(z.string().max(40, 'strongroom.form.sealFormat').regex(SEAL, 'strongroom.form.sealFormat'))
      .max(50)
      .refine((seals) => new Set(seals).size === seals.length, 'strongroom.form.sealTwice'),
  );

const text = (max: number, required: string) => z.string().trim().min(1, required).max(max, 'strongroom.form.tooLong');

export const WitnessRowSchema = z.object({
  name: text(100, 'strongroom.form.witnessName'),
  party: text(100, 'strongroom.form.witnessParty'),
  idCard: text(40, 'strongroom.form.witnessIdCard'),
});

/** The seals typed against those applied at the last close (none when never closed). */
export function sealCheckOf(lastApplied: readonly string[] | null, typed: string): SealCheck {
  const seals = typed.split(/[\n,]/).map(normaliseSeal).filter((s) => s !== '');
  return checkSeals(lastApplied ?? [], seals);
}

/** The open form; a difference from the last close must be acknowledged with a note. */
export function openSessionFormSchema(lastApplied: readonly string[] | null) {
  return z
    .object({
      secondKeyHolderId: z.string().min(1, 'strongroom.form.secondRequired').transform(Number).pipe(z.number().int().positive()),
      password: z.string().min(1, 'strongroom.form.passwordRequired').max(200),
      witnesses: z.array(WitnessRowSchema).min(1, 'strongroom.form.witnessRequired').max(50),
      seals: sealLines,
      acknowledged: z.boolean(),
      sealNote: z.string().trim().max(500, 'strongroom.form.tooLong'),
    })
    .superRefine((v, ctx) => {
      if (sealsMatch(checkSeals(lastApplied ?? [], v.seals))) return;
      if (!v.acknowledged) ctx.addIssue({ code: 'custom', path: ['acknowledged'], message: 'strongroom.form.acknowledge' });
      if (v.sealNote === '') ctx.addIssue({ code: 'custom', path: ['sealNote'], message: 'strongroom.form.noteRequired' });
    });
}

export type OpenSessionFormInput = z.input<ReturnType<typeof openSessionFormSchema>>;
export type OpenSessionFormOutput = z.output<ReturnType<typeof openSessionFormSchema>>;

export const EMPTY_WITNESS = { name: '', party: '', idCard: '' } as const;

export function emptyOpenForm(secondKeyHolderId: number | undefined): OpenSessionFormInput {
  return {
    secondKeyHolderId: secondKeyHolderId === undefined ? '' : String(secondKeyHolderId), password: '',
    witnesses: [{ ...EMPTY_WITNESS }], seals: '', acknowledged: false, sealNote: '',
  };
}

export const CloseSessionFormSchema = z.object({
  seals: sealLines.refine((seals) => seals.length > 0, 'strongroom.form.sealsRequired'),
});

export type CloseSessionFormInput = z.input<typeof CloseSessionFormSchema>;
export type CloseSessionFormOutput = z.output<typeof CloseSessionFormSchema>;
