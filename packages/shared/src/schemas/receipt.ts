/**
 * Receipts from the makers (issue 7 item 1): a supply order's manifest is uploaded in chunks,
 * validated before anything is taken in, accepted, then received by scanning (scan.ts).
 */
import { z } from 'zod';
import type { ManifestProblem, ManifestProblemType } from '../domain/manifest.ts';
import { DistrictIdSchema, LocationIdSchema, MakerSchema, ModelSchema, textSchema, UnitKindSchema, UnitSerialSchema } from './common.ts';

export const RECEIPT_STATUSES = ['draft', 'receiving', 'completed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** Lines of one manifest upload chunk; a 50,000-line manifest goes in ten or more chunks. */
export const MANIFEST_CHUNK_LINES = 4000;
/** The most lines one manifest may hold. */
export const MAX_MANIFEST_LINES = 100_000;

const ReceiptIdSchema = z.number().int().positive().max(2_147_483_647);

export const ReceiptListInputSchema = z.object({ districtId: DistrictIdSchema });
export const ReceiptByIdInputSchema = z.object({ districtId: DistrictIdSchema, receiptId: ReceiptIdSchema });

export const CreateReceiptInputSchema = z.object({
  districtId: DistrictIdSchema,
  maker: MakerSchema,
  orderRef: textSchema(60).trim().min(1, { error: 'Name the supply order' }),
  destinationId: LocationIdSchema,
});

export const UploadManifestChunkInputSchema = z.object({
  districtId: DistrictIdSchema,
  receiptId: ReceiptIdSchema,
  /** File line number of the chunk's first line (1 for the first chunk, which may be the header). */
  firstLine: z.number().int().positive().max(MAX_MANIFEST_LINES + 1),
  /** At most MANIFEST_CHUNK_LINES lines of the CSV, as written. */
  text: textSchema(200_000),
});

export const AcceptReceiptInputSchema = z.object({
  districtId: DistrictIdSchema,
  receiptId: ReceiptIdSchema,
  /** Accept the clean lines and leave every line with a problem out (serial conflicts go to the DEO). */
  excludeProblemLines: z.boolean().default(false),
});

export const MarkMissingInputSchema = z.object({
  districtId: DistrictIdSchema,
  receiptId: ReceiptIdSchema,
  reason: textSchema(300).trim().min(1, { error: 'Say why the units are missing (a note, an FIR or inquiry reference)' }),
});

export const CompleteReceiptInputSchema = z.object({
  districtId: DistrictIdSchema,
  receiptId: ReceiptIdSchema,
  /** Scans this device still holds unsent; completion is refused while any are. */
  unsyncedScans: z.number().int().min(0).max(1_000_000),
});

export const ResolveIssueInputSchema = z.discriminatedUnion('resolution', [
  z.object({
    districtId: DistrictIdSchema, receiptId: ReceiptIdSchema, kind: z.enum(['orphan', 'conflict']), serial: UnitSerialSchema,
    resolution: z.literal('returned_to_maker'), note: textSchema(300).trim().min(1, { error: 'Add a note' }),
  }),
  z.object({
    districtId: DistrictIdSchema, receiptId: ReceiptIdSchema, kind: z.literal('orphan'), serial: UnitSerialSchema,
    resolution: z.literal('added'), note: textSchema(300).trim().min(1, { error: 'Add a note' }),
    unitKind: UnitKindSchema, model: ModelSchema, year: z.number().int().min(2000).max(2100),
  }),
]);
export type ResolveIssueInput = z.infer<typeof ResolveIssueInputSchema>;

export interface ReceiptSummary {
  readonly id: number;
  readonly maker: 'BEL' | 'ECIL';
  readonly orderRef: string;
  readonly destination: { readonly id: number; readonly name: string };
  readonly status: ReceiptStatus;
  readonly uploadedLines: number;
  readonly expected: number;
  readonly received: number;
  readonly missing: number;
  readonly orphans: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly acceptedAt: string | null;
  readonly completedAt: string | null;
}

export interface ManifestReport {
  /** Lines read (header and blank lines left out). */
  readonly lines: number;
  /** Lines without any problem: the units accepting would take in. */
  readonly clean: number;
  readonly counts: Readonly<Partial<Record<ManifestProblemType, number>>>;
  /** The problems in line order, at most `shown` of `total`. */
  readonly problems: readonly ManifestProblem[];
  readonly total: number;
}

export interface ReceiptIssue {
  readonly kind: 'orphan' | 'conflict';
  readonly serial: string;
  readonly line: number | null;
  readonly detail: string;
  readonly createdAt: string;
  readonly resolution: 'added' | 'returned_to_maker' | null;
  readonly resolutionNote: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: string | null;
}

export interface ReceiptLineView {
  readonly line: number;
  readonly serial: string;
  readonly kind: string;
  readonly model: string;
  readonly year: number;
  readonly status: 'expected' | 'received' | 'missing';
}

export interface ReceiptDetail extends ReceiptSummary {
  /** Lines still expected (not received nor reported missing), at most 500. */
  readonly outstanding: readonly ReceiptLineView[];
  /** Lines reported missing. */
  readonly missingLines: readonly ReceiptLineView[];
  /** The latest lines received, at most 50. */
  readonly recent: readonly ReceiptLineView[];
  readonly issues: readonly ReceiptIssue[];
}
