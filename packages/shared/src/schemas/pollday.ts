/**
 * Poll day (issue 10 item 5, eci-brief §7, §12.2 rows 15-19): the presiding officer's mock poll
 * certificate, start and close of poll (Form 17C Part I's unit serials and seals), and the sector
 * officer's replacements from their reserve by the rules (domain/replacement-rule.ts).
 */
import { z } from 'zod';
import { DistrictIdSchema, textSchema, UnitSerialSchema } from './common.ts';
import type { PollPhase } from '../domain/replacement-rule.ts';
import type { StationStatus } from '../domain/station-status.ts';
import type { UnitKind } from '../domain/units.ts';
import type { UnitState } from '../domain/lifecycle-states.ts';

const IdSchema = z.number().int().positive().max(2_147_483_647);
const Seal = textSchema(40).trim().min(3).max(40);
const Name = textSchema(80).trim().min(2).max(80);

export const StationPollInputSchema = z.strictObject({ districtId: DistrictIdSchema, stationId: IdSchema });
export const AcPollInputSchema = z.strictObject({ districtId: DistrictIdSchema, acId: IdSchema });

export const MockPollAgentSchema = z.strictObject({ name: Name, party: textSchema(60).trim().min(2).max(60) });

export const MockPollInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  stationId: IdSchema,
  /** Votes cast in the mock poll (at least the election's psMockpollMinVotes, 50). */
  votes: z.number().int().min(0).max(5000),
  /** The polling agents present, by name and party; empty when none came. */
  agents: z.array(MockPollAgentSchema).max(40).default([]),
  /** When no agent came: the minutes waited before the mock poll began without them. */
  waitedMinutes: z.number().int().min(0).max(240).optional(),
  /** The seals put on after the mock poll (serials). */
  seals: z.array(Seal).min(1).max(40),
  /** The presiding officer's device time of the mock poll (ISO); the server's when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type MockPollInput = z.input<typeof MockPollInputSchema>;

export const StartPollInputSchema = z.strictObject({ districtId: DistrictIdSchema, stationId: IdSchema, at: z.iso.datetime({ offset: true }).optional() });

export const ClosePollInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  stationId: IdSchema,
  /** The seal serials on the CU and the VVPAT at close, as entered on Form 17C Part I. */
  seals: z.array(Seal).min(1).max(40),
  /** Total votes recorded in the CU at close. */
  votesRecorded: z.number().int().min(0).max(10_000),
  at: z.iso.datetime({ offset: true }).optional(),
});

export const ReplacementFailureSchema = z.strictObject({ serial: UnitSerialSchema, faultCode: textSchema(40).trim().min(1).max(40) });

export const ReplaceUnitsInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  stationId: IdSchema,
  /** The members that failed, each with its fault. */
  failed: z.array(ReplacementFailureSchema).min(1).max(30),
  /** The reserve units from the sector officer that take their place (one per failed unit, or a whole set in the poll). */
  replacements: z.array(UnitSerialSchema).min(1).max(30),
  reason: textSchema(300).trim().min(3).max(300),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ReplaceUnitsInput = z.input<typeof ReplaceUnitsInputSchema>;

export interface PollMemberView { readonly serial: string; readonly kind: UnitKind; readonly state: UnitState }

export interface PollRecordView {
  readonly kind: 'mock_poll' | 'poll_start' | 'replacement' | 'poll_close';
  readonly at: string;
  readonly by: string;
  readonly record: Readonly<Record<string, unknown>>;
}

export interface StationPollView {
  readonly station: { readonly id: number; readonly number: number; readonly name: string };
  readonly ac: { readonly id: number; readonly number: number; readonly name: string };
  readonly setCode: string | null;
  readonly version: number | null;
  readonly status: StationStatus;
  /** The phase a replacement would be judged in now, or null before issue / after close. */
  readonly phase: PollPhase | null;
  readonly members: readonly PollMemberView[];
  /** The sector covering this station and the reserve it still carries. */
  readonly sector: { readonly code: string; readonly officerName: string; readonly reserve: readonly PollMemberView[] } | null;
  readonly records: readonly PollRecordView[];
  /** The election's least number of votes in the poll-day mock poll. */
  readonly mockPollMinVotes: number;
}

export interface AcPollView {
  readonly ac: { readonly id: number; readonly number: number; readonly name: string };
  readonly stations: readonly { readonly id: number; readonly number: number; readonly name: string; readonly setCode: string | null; readonly status: StationStatus }[];
}
