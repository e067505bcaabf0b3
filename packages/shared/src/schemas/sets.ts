/**
 * Polling-station sets (issue 10 items 1-3, eci-brief §5, §6, §12.2 rows 12-14): the candidate
 * count of an AC gives the BUs per station; a station's set (1 CU, its BUs, 1 VVPAT) is built from
 * the second randomisation and then moves as one: commissioned with its record, issued to a
 * polling party by scanning any member (scan.ts, task kind 'set_issue', the task id a dispatch
 * route), while the AC reserve goes to the sector officers.
 */
import { z } from 'zod';
import { DistrictIdSchema, textSchema, UnitSerialSchema } from './common.ts';
import type { UnitKind } from '../domain/units.ts';
import type { UnitState } from '../domain/lifecycle-states.ts';

const IdSchema = z.number().int().positive().max(2_147_483_647);
const Code = textSchema(40).trim().min(1).max(40);
const SealList = z.array(textSchema(40).trim().min(3).max(40)).min(1).max(60);

export const SET_STATUSES = ['built', 'commissioned', 'issued'] as const;
export type SetStatus = (typeof SET_STATUSES)[number];

export const AcSetsInputSchema = z.strictObject({ districtId: DistrictIdSchema, acId: IdSchema });

export const SetCandidatesInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  acId: IdSchema,
  /** Contesting candidates, NOTA not counted. */
  candidates: z.number().int().min(1).max(1000),
});

export const BuildSetsInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  acId: IdSchema,
  /** Only these stations (by number); all the AC's stations when absent. */
  stationNumbers: z.array(z.number().int().positive().max(100_000)).min(1).max(5000).optional(),
});

export const DrawSampleInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  acId: IdSchema,
  /** The public dice read aloud (at least 20 digits), as at a randomisation. */
  dice: z.string().regex(/^[0-9]{20,200}$/),
});

export const CommissionFailureSchema = z.strictObject({
  serial: UnitSerialSchema,
  faultCode: textSchema(40).trim().min(1).max(40),
});

export const CommissionSetInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  setId: IdSchema,
  /** The ballot paper fixed on the BU(s) and the candidate set done on the CU (its reference). */
  ballotPaper: Code,
  sluId: Code,
  /** The seal on the SLU's container, signed by the candidates; the container is held. */
  sluContainerSeal: Code,
  vvpatBatteryId: Code,
  paperRollId: Code,
  pinkSeals: SealList,
  greenSeals: SealList,
  addressTags: SealList,
  /** Votes cast in the mock poll: one per candidate and NOTA. */
  mockPollVotes: z.number().int().min(1).max(5000),
  /** VVPAT slips counted after the mock poll; must equal the votes. */
  mockPollSlips: z.number().int().min(0).max(5000),
  /** A sampled set's extra mock poll (1,000 votes by default). */
  sampleVotes: z.number().int().min(0).max(5000).optional(),
  /** Units that failed while being set: each is replaced from the AC reserve in ticket order. */
  failures: z.array(CommissionFailureSchema).max(10).default([]),
});
export type CommissionSetInput = z.input<typeof CommissionSetInputSchema>;

export const CommissionReservesInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  acId: IdSchema,
  ballotPaper: Code,
  sluId: Code,
});

export const CreateRouteInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  acId: IdSchema,
  name: textSchema(80).trim().min(2).max(80),
  vehicleId: Code,
  stops: z.array(z.strictObject({ stationNumber: z.number().int().positive().max(100_000), partyId: Code })).min(1).max(60),
});

export const RouteByIdInputSchema = z.strictObject({ districtId: DistrictIdSchema, routeId: IdSchema });

export const IssueSetInputSchema = z.strictObject({ districtId: DistrictIdSchema, routeId: IdSchema, serial: UnitSerialSchema });

export const IssueReservesInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  acId: IdSchema,
  officerName: textSchema(120).trim().min(2).max(120),
  vehicleId: Code,
  stationNumbers: z.array(z.number().int().positive().max(100_000)).min(1).max(60),
  serials: z.array(UnitSerialSchema).min(1).max(60),
});

export const StationSetInputSchema = z.strictObject({ districtId: DistrictIdSchema, stationId: IdSchema });

export interface SetMemberView {
  readonly serial: string;
  readonly kind: UnitKind;
  readonly state: UnitState;
}

export interface SetReplacementView {
  readonly oldSerial: string;
  readonly newSerial: string;
  readonly kind: UnitKind;
  readonly faultCode: string;
  readonly version: number;
}

export interface SetCommissioningView {
  readonly ballotPaper: string;
  readonly sluId: string;
  readonly sluContainerSeal: string;
  readonly vvpatBatteryId: string;
  readonly paperRollId: string;
  readonly pinkSeals: readonly string[];
  readonly greenSeals: readonly string[];
  readonly addressTags: readonly string[];
  readonly mockPollVotes: number;
  readonly mockPollSlips: number;
  readonly sampleVotes: number | null;
  readonly by: string;
  readonly at: string;
}

export interface SetView {
  readonly id: number;
  readonly code: string;
  readonly station: { readonly id: number; readonly number: number; readonly name: string };
  readonly version: number;
  readonly status: SetStatus;
  readonly members: readonly SetMemberView[];
  readonly replacements: readonly SetReplacementView[];
  readonly sampled: boolean;
  readonly commissioning: SetCommissioningView | null;
  readonly issue: { readonly routeCode: string; readonly vehicleId: string; readonly partyId: string; readonly at: string } | null;
}

export interface RouteView {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly vehicleId: string;
  readonly stops: readonly { readonly stationNumber: number; readonly stationName: string; readonly partyId: string; readonly setCode: string | null; readonly issued: boolean }[];
}

export interface SectorView {
  readonly id: number;
  readonly code: string;
  readonly officerName: string;
  readonly vehicleId: string;
  readonly stationNumbers: readonly number[];
  readonly serials: readonly string[];
}

export interface AcSetsView {
  readonly ac: { readonly id: number; readonly number: number; readonly name: string };
  readonly candidates: number | null;
  /** ceil((candidates + 1) / BU slots), when the candidates are set. */
  readonly busPerStation: number | null;
  readonly maxBuPerCu: number;
  /** The finalised second randomisation the sets come from. */
  readonly ceremony: { readonly id: number; readonly code: string } | null;
  /** BUs the second randomisation gave each station. */
  readonly busAssignedPerStation: number | null;
  /** Extra BUs a supplementary randomisation must bring (0 when none). */
  readonly extraBusNeeded: number;
  readonly stations: number;
  readonly sets: readonly SetView[];
  readonly reserves: readonly SetMemberView[];
  readonly sample: { readonly seed: string; readonly codes: readonly string[]; readonly votes: number } | null;
  readonly routes: readonly RouteView[];
  readonly sectors: readonly SectorView[];
}

export interface StationSetView {
  readonly set: SetView | null;
}
