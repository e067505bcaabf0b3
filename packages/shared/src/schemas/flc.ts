/**
 * First Level Checking (issue 9, eci-brief §3): a campaign per election and district in an FLC
 * hall, with a dated notice to every recognised party; engineers record each unit's result by
 * scan (scan.ts, task kind 'flc'); a daily attendance register; progress and the register.
 */
import { z } from 'zod';
import { DistrictIdSchema, LocationIdSchema, textSchema } from './common.ts';

export const FLC_CAMPAIGN_STATUSES = ['planned', 'running', 'closed'] as const;
export type FlcCampaignStatus = (typeof FLC_CAMPAIGN_STATUSES)[number];

export const FLC_ATTENDEE_ROLES = ['party_rep', 'engineer', 'official'] as const;
export type FlcAttendeeRole = (typeof FLC_ATTENDEE_ROLES)[number];

const FlcCampaignIdSchema = z.number().int().positive().max(2_147_483_647);
const DaySchema = z.iso.date();

/** What an engineer records for one scanned unit. */
export const FlcScanResultSchema = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('pass'), pinkSeal: textSchema(40).trim().min(3).max(40) }),
  z.strictObject({ result: z.literal('fail'), faultCode: textSchema(40).trim().min(1).max(40), note: textSchema(500).trim().max(300).optional() }),
]);
export type FlcScanResult = z.infer<typeof FlcScanResultSchema>;

export const CreateFlcCampaignInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  electionId: z.number().int().positive().max(2_147_483_647),
  hallLocationId: LocationIdSchema,
  startsOn: DaySchema,
  endsOn: DaySchema,
  supervisorName: textSchema(120).trim().min(2).max(120),
  /** The day the notice went to the parties. */
  noticeDate: DaySchema,
  parties: z.array(textSchema(120).trim().min(1).max(120)).min(1).max(60),
});
export type CreateFlcCampaignInput = z.infer<typeof CreateFlcCampaignInputSchema>;

export const FlcCampaignByIdInputSchema = z.strictObject({ districtId: DistrictIdSchema, campaignId: FlcCampaignIdSchema });
export const FlcCampaignListInputSchema = z.strictObject({ districtId: DistrictIdSchema });

export const FlcAttendanceInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  campaignId: FlcCampaignIdSchema,
  day: DaySchema,
  name: textSchema(120).trim().min(2).max(120),
  role: z.enum(FLC_ATTENDEE_ROLES),
  /** The party a representative stands for; the maker (BEL/ECIL) of an engineer. */
  affiliation: textSchema(120).trim().max(120).optional(),
  /** Times in and out that day (HH:MM, IST). */
  timeIn: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Time in: HH:MM' }).optional(),
  timeOut: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Time out: HH:MM' }).optional(),
});

/** An engineer's mock-poll result for one sampled CU (issue 9 item 3). */
export const FlcMockpollResultInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  campaignId: FlcCampaignIdSchema,
  serial: z.string().trim().toUpperCase().min(1).max(20),
  votesCast: z.number().int().min(0).max(100_000),
  cuTotal: z.number().int().min(0).max(100_000),
  slips: z.number().int().min(0).max(100_000),
});
export type FlcMockpollResultInput = z.infer<typeof FlcMockpollResultInputSchema>;

export type FlcSampleStatus = 'pending' | 'matched' | 'mismatch';

/** One sampled CU: its tier (target MP-<votes>), the votes its tier casts, and its result once recorded. */
export interface FlcSampleRow {
  readonly tier: string;
  readonly votes: number;
  readonly serial: string;
  readonly votesCast: number | null;
  readonly cuTotal: number | null;
  readonly slips: number | null;
  readonly status: FlcSampleStatus;
  readonly recordedBy: string | null;
  readonly recordedAt: string | null;
}

export interface FlcSampleView {
  readonly ceremonyId: number;
  readonly code: string;
  readonly status: string;
  readonly rows: readonly FlcSampleRow[];
}

export const FlcUnitsInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  campaignId: FlcCampaignIdSchema,
  serials: z.array(z.string().min(1).max(20)).min(1).max(5000),
});

export interface FlcCampaignSummary {
  readonly id: number;
  readonly code: string;
  readonly electionId: number;
  readonly electionName: string;
  readonly hall: { readonly id: number; readonly name: string };
  readonly status: FlcCampaignStatus;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly supervisorName: string;
  readonly noticeDate: string;
  /** The first day the campaign may start: the notice date plus the election's notice period. */
  readonly mayStartOn: string;
  readonly parties: readonly string[];
  readonly faultCodes: readonly string[];
  readonly startedAt: string | null;
}

export interface FlcResultView {
  readonly serial: string;
  readonly kind: string;
  readonly result: 'pass' | 'fail';
  readonly pinkSeal: string | null;
  readonly faultCode: string | null;
  readonly note: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface FlcAttendanceView {
  readonly day: string;
  readonly name: string;
  readonly role: FlcAttendeeRole;
  readonly affiliation: string | null;
  readonly timeIn: string | null;
  readonly timeOut: string | null;
}

export interface FlcProgress {
  /** Units checked per day (IST calendar day) and kind. */
  readonly perDay: ReadonlyArray<{ readonly day: string; readonly kind: string; readonly passed: number; readonly failed: number }>;
  /** Units in FLC now (flc_in_progress) waiting for a result, by kind. */
  readonly remaining: ReadonlyArray<{ readonly kind: string; readonly count: number }>;
  readonly rejectionsByFault: ReadonlyArray<{ readonly faultCode: string; readonly count: number }>;
  readonly passed: number;
  readonly failed: number;
}

export interface FlcCampaignDetail extends FlcCampaignSummary {
  readonly progress: FlcProgress;
  readonly recent: readonly FlcResultView[];
  readonly attendance: readonly FlcAttendanceView[];
  /** The latest mock-poll sample ceremony not abandoned, with its rows once allocated; null before one is drawn. */
  readonly sample: FlcSampleView | null;
  readonly closedAt: string | null;
}

export interface FlcCampaignList {
  readonly campaigns: readonly FlcCampaignSummary[];
  readonly elections: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  readonly halls: ReadonlyArray<{ readonly id: number; readonly name: string }>;
}
