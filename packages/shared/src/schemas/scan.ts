/**
 * One scan of a unit's serial in a warehouse flow (receipt, consignment, stocktake, strongroom
 * move). The browser makes the idempotency key when the scan happens, keeps the scan in
 * IndexedDB until the server has answered, and may send it again any number of times: the
 * server applies each key at most once and answers a repeat with the stored outcome.
 */
import { z } from 'zod';
import type { UnitKindSchema, UnitStateSchema } from './common.ts';
import { DistrictIdSchema, textSchema, UnitSerialSchema } from './common.ts';
import { FlcScanResultSchema } from './flc.ts';

/** The flows that take scans; the id is the flow's own id (a receipt, a consignment, ...). */
export const SCAN_TASK_KINDS = ['receipt', 'consignment_load', 'consignment_receive', 'stocktake', 'session_move', 'flc', 'set_issue'] as const;
export type ScanTaskKind = (typeof SCAN_TASK_KINDS)[number];

/**
 * What a scan came to. Each has its own sound and colour on the scanning screen.
 * - accepted: counted for the task (received, loaded, found, moved)
 * - duplicate: this unit was already scanned for the task; it never counts twice
 * - wrong_place: the unit is known but belongs elsewhere (another location, consignment or district)
 * - wrong_state: the unit is here but its state does not allow this step
 * - unknown_serial: no such unit anywhere the user may see
 * - orphan: physically here but not on the task's list (a receipt's manifest); kept for the DEO
 */
export const SCAN_OUTCOMES = ['accepted', 'duplicate', 'wrong_place', 'wrong_state', 'unknown_serial', 'orphan'] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

export const SCAN_SOURCES = ['wedge', 'camera', 'typed'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];

export const ScanTaskSchema = z.object({
  kind: z.enum(SCAN_TASK_KINDS),
  id: z.number().int().positive().max(2_147_483_647),
});
export type ScanTask = z.infer<typeof ScanTaskSchema>;

export const RecordScanInputSchema = z.object({
  districtId: DistrictIdSchema,
  task: ScanTaskSchema,
  serial: UnitSerialSchema,
  /** Made by the browser per physical scan (crypto.randomUUID()); the server applies it at most once. */
  key: z.uuid(),
  /** When the scan happened on the device (earlier than its arrival when it waited offline). */
  scannedAt: z.iso.datetime({ offset: true }),
  via: z.enum(SCAN_SOURCES),
  note: textSchema(500).optional(),
  /** An FLC result (task kind 'flc'): pass with the pink paper seal serial, or fail with a fault code. */
  flc: FlcScanResultSchema.optional(),
});
export type RecordScanInput = z.infer<typeof RecordScanInputSchema>;

/** Running totals of the task after the scan, for the counters on the scanning screen. */
export const ScanTallySchema = z.object({
  expected: z.number().int(),
  accepted: z.number().int(),
  missing: z.number().int(),
  orphan: z.number().int(),
  rejected: z.number().int(),
});
export type ScanTally = z.infer<typeof ScanTallySchema>;

export interface ScanResult {
  readonly key: string;
  readonly serial: string;
  readonly outcome: ScanOutcome;
  /** True when the key had been applied before and this is the stored answer. */
  readonly replayed: boolean;
  /** The unit as it stands after the scan, when the serial is known to the user. */
  readonly unit?: { readonly serial: string; readonly kind: z.infer<typeof UnitKindSchema>; readonly state: z.infer<typeof UnitStateSchema>; readonly locationName: string };
  /** One English sentence naming the serial and the place (the web shows its own words per outcome). */
  readonly detail: string;
  readonly tally: ScanTally;
  readonly recordedAt: string;
}

export const ListScansInputSchema = z.object({
  districtId: DistrictIdSchema,
  task: ScanTaskSchema,
  limit: z.number().int().min(1).max(500).default(100),
});
