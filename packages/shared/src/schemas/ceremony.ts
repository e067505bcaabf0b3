/**
 * Randomisation ceremonies (issue 8): the workflow around EVMRAND/1 (specs/evmrand-v1.md).
 * The server computes the pool from unit state; the published bytes (pool.csv, demand.csv, the
 * seed string, allocation.csv) are stored exactly, with their sha256, so anyone can recompute.
 */
import { z } from 'zod';
import type { UnitKind } from '../domain/units.ts';
import { DistrictIdSchema, PositiveIdSchema, textSchema, UnitSerialSchema } from './common.ts';

/** 'flc_sample': the parties' FLC mock-poll sample of an FLC campaign (issue 9 item 3). */
export const CEREMONY_STAGES = ['first', 'second', 'supplementary', 'flc_sample'] as const;
export type CeremonyStage = (typeof CEREMONY_STAGES)[number];

/**
 * committing: pool and demand frozen, P and Q published, parties may commit.
 * revealing: dice entered (commitments closed, dice fixed), parties may reveal.
 * allocated: reveals closed, seed and allocation computed and shown.
 * finalised: the observer cosigned; abandoned: kept in the log, never resumed.
 */
export const CEREMONY_STATUSES = ['committing', 'revealing', 'allocated', 'finalised', 'abandoned'] as const;
export type CeremonyStatus = (typeof CEREMONY_STATUSES)[number];

export const CeremonyIdSchema = z.number().int().positive().max(2_147_483_647);
const PartyCodeSchema = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,32}$/, { error: 'Party code: 1 to 32 upper-case letters or digits' });
const HashSchema = z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, { error: 'Commitment: 64 hexadecimal characters' });
const PctSchema = z.number().min(0).max(100);
const KindCountsSchema = z.strictObject({ BU: z.number().int().min(0).max(100_000), CU: z.number().int().min(0).max(100_000), VVPAT: z.number().int().min(0).max(100_000) });

export const CeremonyListInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  acId: PositiveIdSchema.optional(),
});

export const CeremonyByIdInputSchema = z.strictObject({ districtId: DistrictIdSchema, ceremonyId: CeremonyIdSchema });

export const CreateCeremonyInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  stage: z.enum(CEREMONY_STAGES),
  /** Second and supplementary: the AC drawn for (supplementary without AC draws district -> ACs). */
  acId: PositiveIdSchema.optional(),
  /** Reserve percentages per kind; default from the election rules (reserveFirstRand / reserveSecondRand). */
  reservePct: z.strictObject({ BU: PctSchema, CU: PctSchema, VVPAT: PctSchema }).optional(),
  /** First: the ACs drawn for (default: every AC with polling stations), when the pool covers only some. */
  acIds: z.array(PositiveIdSchema).min(1).max(400).optional(),
  /** First: units per kind for the training pool (target TRAINING). */
  training: KindCountsSchema.optional(),
  /** Second: contesting candidates in the AC (BUs per station follow). */
  candidates: z.number().int().min(1).max(384).optional(),
  /** Supplementary: extra units per kind wanted for the AC (or district). */
  extra: KindCountsSchema.optional(),
  /**
   * Optional: restrict the pool to these serials. Each must be eligible or the whole request is
   * refused naming it. Never widens the pool beyond what the server finds eligible.
   */
  serials: z.array(UnitSerialSchema).max(100_000).optional(),
  /** flc_sample: the FLC campaign whose FLC-OK CUs are sampled for the mock poll. */
  flcCampaignId: z.number().int().positive().max(2_147_483_647).optional(),
});

export const CommitInputSchema = z.strictObject({
  districtId: DistrictIdSchema, ceremonyId: CeremonyIdSchema, party: PartyCodeSchema, commitment: HashSchema,
});

export const DiceInputSchema = z.strictObject({
  districtId: DistrictIdSchema, ceremonyId: CeremonyIdSchema,
  dice: z.string().trim().regex(/^[0-9]{20,200}$/, { error: 'Dice: 20 to 200 digits, no spaces' }),
});

export const RevealInputSchema = z.strictObject({
  districtId: DistrictIdSchema, ceremonyId: CeremonyIdSchema, party: PartyCodeSchema,
  reveal: z.string().trim().regex(/^(?:[0-9a-f]{32}|[0-9]{40,200})$/, { error: 'Reveal: 32 lowercase hex characters or 40 to 200 digits' }),
});

export const FinaliseCeremonyInputSchema = z.strictObject({
  districtId: DistrictIdSchema, ceremonyId: CeremonyIdSchema, password: z.string().min(1).max(200),
});

export const AbandonCeremonyInputSchema = z.strictObject({
  districtId: DistrictIdSchema, ceremonyId: CeremonyIdSchema, reason: textSchema(500).trim().min(3),
});

export const ReplaceUnitInputSchema = z.strictObject({
  districtId: DistrictIdSchema, ceremonyId: CeremonyIdSchema, serial: UnitSerialSchema, reason: textSchema(500).trim().min(3),
});

export interface CeremonyStepDone { readonly by: string; readonly at: string }

export interface CeremonySummary {
  readonly id: number;
  readonly code: string;
  readonly stage: CeremonyStage;
  readonly ac: { readonly id: number; readonly number: number; readonly name: string } | null;
  readonly electionId: string;
  /** Seed field U: district code (first) or AC code (second). */
  readonly scope: string;
  readonly status: CeremonyStatus;
  readonly poolHash: string;
  readonly demandHash: string;
  readonly allocationHash: string | null;
  readonly poolCounts: Readonly<Record<UnitKind, number>>;
  readonly created: CeremonyStepDone;
  readonly dice: CeremonyStepDone | null;
  readonly allocated: CeremonyStepDone | null;
  readonly finalised: CeremonyStepDone | null;
  readonly abandoned: (CeremonyStepDone & { readonly reason: string }) | null;
  /** flc_sample: the FLC campaign sampled (null or absent for the randomisations). */
  readonly flcCampaignId?: number | null;
}

export interface CeremonyParty {
  readonly party: string;
  readonly commitment: string;
  readonly committed: CeremonyStepDone;
  /** The reveal once opened and checked; null while not revealed (WITHHELD once allocated). */
  readonly reveal: string | null;
  readonly revealed: CeremonyStepDone | null;
}

export interface CeremonyAllocationRow {
  readonly kind: UnitKind;
  readonly target: string;
  readonly serial: string;
  readonly reserve: boolean;
  /** 0-based place in the kind's ticket order. */
  readonly position: number;
  /** The unit's ticket (decimal, as in allocation.csv). */
  readonly ticket: string;
}

export interface CeremonyReplacement {
  readonly kind: UnitKind;
  readonly target: string;
  readonly oldSerial: string;
  readonly newSerial: string;
  readonly reason: string;
  readonly replaced: CeremonyStepDone;
}

export interface CeremonyDetail extends CeremonySummary {
  readonly diceDigits: string | null;
  readonly seed: string | null;
  readonly demand: readonly { readonly kind: UnitKind; readonly target: string; readonly count: number }[];
  readonly parties: readonly CeremonyParty[];
  readonly allocation: readonly CeremonyAllocationRow[];
  readonly replacements: readonly CeremonyReplacement[];
  /** A second randomisation's targets (PS-001…) with the polling station's number and name. */
  readonly stations?: readonly { readonly target: string; readonly number: number; readonly name: string }[];
}

/** The exact published bytes (UTF-8 text) and their sha256; allocation/seed null until allocated. */
export interface CeremonyFiles {
  readonly code: string;
  readonly poolCsv: string;
  readonly poolHash: string;
  readonly demandCsv: string;
  readonly demandHash: string;
  readonly seed: string | null;
  readonly allocationCsv: string | null;
  readonly allocationHash: string | null;
}

export type CreateCeremonyInput = z.input<typeof CreateCeremonyInputSchema>;
