/**
 * Consignments (issue 7 item 3): a transfer order from one location to another. Filled by scan
 * (task kind 'consignment_load') or by picking, dispatched with its vehicle, received at the
 * destination by scan ('consignment_receive') with partial receipt and discrepancies.
 */
import { z } from 'zod';
import { DistrictIdSchema, LocationIdSchema, textSchema, UnitSerialSchema } from './common.ts';

/** Kinds a person creates by hand. */
export const CONSIGNMENT_KINDS = ['inter_warehouse', 'inter_district', 'inter_state', 'repair_out', 'repair_back', 'loan'] as const;
/**
 * 'ac_strongroom': prepared from a finalised first randomisation (issue 8 item 3), one per AC, to
 * its AC strongroom; only units allocated to that AC may be loaded, and receipt there fires
 * `receive_at_ac_strongroom`. Never created by hand.
 */
export const ALL_CONSIGNMENT_KINDS = [...CONSIGNMENT_KINDS, 'ac_strongroom'] as const;
export type ConsignmentKind = (typeof ALL_CONSIGNMENT_KINDS)[number];

export const CONSIGNMENT_STATUSES = ['draft', 'approved', 'dispatched', 'completed', 'cancelled'] as const;
export type ConsignmentStatus = (typeof CONSIGNMENT_STATUSES)[number];

export const CONSIGNMENT_ISSUE_KINDS = ['missing', 'unexpected', 'misdirected'] as const;
export type ConsignmentIssueKind = (typeof CONSIGNMENT_ISSUE_KINDS)[number];

export const CONSIGNMENT_RESOLUTIONS = ['received_later', 'reported_missing', 'returned', 'forwarded'] as const;
export type ConsignmentResolution = (typeof CONSIGNMENT_RESOLUTIONS)[number];

/** Who must approve a kind before dispatch (eci-brief §12.2 row 3); null: none. */
export function approvalRoleOf(kind: ConsignmentKind): 'ceo' | 'eci_admin' | null {
  if (kind === 'inter_district') return 'ceo';
  if (kind === 'inter_state' || kind === 'loan') return 'eci_admin';
  return null;
}

/** Whether a role may approve a consignment that needs `approvalRole`: that role, or ECI above it. */
export function mayApproveConsignment(role: string, approvalRole: string | null): boolean {
  return approvalRole !== null && (role === 'eci_admin' || role === approvalRole);
}

/**
 * Who loads and dispatches a consignment (the sending district's side), by role; the api judges
 * the jurisdiction. The RO never sends: they only receive into their own AC strongroom.
 */
export function maySendConsignment(role: string): boolean {
  return ['eci_admin', 'ceo', 'deo', 'warehouse'].includes(role);
}

/** Who receives a consignment by scan: the sending roles, and the RO for one into their AC strongroom. */
export function mayReceiveConsignment(role: string, kind: ConsignmentKind): boolean {
  return maySendConsignment(role) || (role === 'ro' && kind === 'ac_strongroom');
}

export const ConsignmentIdSchema = z.number().int().positive().max(2_147_483_647);

export const PrepareAcConsignmentsInputSchema = z.strictObject({ districtId: DistrictIdSchema, ceremonyId: z.number().int().positive().max(2_147_483_647) });

export const ConsignmentListInputSchema = z.strictObject({ districtId: DistrictIdSchema });
export const ConsignmentByIdInputSchema = z.strictObject({ districtId: DistrictIdSchema, consignmentId: ConsignmentIdSchema });

export const CreateConsignmentInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  kind: z.enum(CONSIGNMENT_KINDS),
  fromLocationId: LocationIdSchema,
  toDistrictId: DistrictIdSchema.optional(),
  toLocationId: LocationIdSchema,
  reference: textSchema(200).trim().max(120).optional(),
  serials: z.array(UnitSerialSchema).max(5000).optional(),
});

export const PickUnitsInputSchema = z.strictObject({
  districtId: DistrictIdSchema, consignmentId: ConsignmentIdSchema, serials: z.array(UnitSerialSchema).min(1).max(5000),
});

export const DispatchConsignmentInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  consignmentId: ConsignmentIdSchema,
  vehicleNumber: textSchema(40).trim().min(1).max(20),
  driver: textSchema(200).trim().min(1).max(100),
  escort: textSchema(200).trim().min(1).max(100),
  seals: z.array(textSchema(40).trim().min(1).max(30)).min(1).max(20),
});

export const CompleteConsignmentInputSchema = z.strictObject({
  districtId: DistrictIdSchema, consignmentId: ConsignmentIdSchema, unsyncedScans: z.number().int().min(0).max(1_000_000),
});

export const ResolveConsignmentIssueInputSchema = z.strictObject({
  districtId: DistrictIdSchema,
  consignmentId: ConsignmentIdSchema,
  serial: UnitSerialSchema,
  resolution: z.enum(CONSIGNMENT_RESOLUTIONS),
  note: textSchema(1000).trim().min(1).max(300),
});

export interface ConsignmentSummary {
  readonly id: number;
  readonly code: string;
  readonly kind: ConsignmentKind;
  readonly status: ConsignmentStatus;
  readonly districtId: number;
  readonly toDistrictId: number;
  readonly fromName: string;
  readonly toName: string;
  /** The destination place (in the receiving district), for a link to its page. */
  readonly toLocationId: number;
  readonly reference: string | null;
  /** An AC-strongroom consignment: the AC whose allocated units it carries, and the ceremony it came from. */
  readonly ac: { readonly id: number; readonly number: number; readonly name: string } | null;
  readonly ceremonyCode: string | null;
  readonly approvalRole: 'ceo' | 'eci_admin' | null;
  readonly approved: boolean;
  readonly vehicleNumber: string | null;
  readonly driver: string | null;
  readonly escort: string | null;
  readonly seals: readonly string[];
  readonly loaded: number;
  readonly received: number;
  readonly openIssues: number;
}

export interface ConsignmentUnitLine {
  readonly serial: string;
  readonly kind: string;
  readonly status: 'loaded' | 'in_transit' | 'received' | 'missing' | 'returned';
}

export interface ConsignmentIssue {
  readonly serial: string;
  readonly kind: ConsignmentIssueKind;
  readonly detail: string;
  readonly resolution: ConsignmentResolution | null;
  readonly resolutionNote: string | null;
}

export interface ConsignmentDetail extends ConsignmentSummary {
  readonly units: readonly ConsignmentUnitLine[];
  readonly issues: readonly ConsignmentIssue[];
  /** Log entries of this consignment in the district asked about (idx, type, reason). */
  readonly entries: ReadonlyArray<{ readonly idx: number; readonly type: string; readonly ts: string; readonly actor: string }>;
}
