/**
 * EVMLOG/1 log entry (evmlog-v1.md §5.4): the UTF-8 bytes of the RFC 8785 canonical
 * JSON of one custody event. The leaf index is the entry's position in the tree, so
 * there is no sequence field; `dev`/`devSeq`/`devPrev` chain each capture device's
 * own events.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../lib/result.ts';
import { utf8Encode } from './bytes.ts';
import { canonicalJson, parseCanonicalJson } from './canonical.ts';

/** devPrev of a device's first entry. */
export const ZERO_HASH_HEX = '0'.repeat(64);

/** Entry types named in the spec and used by this app. Others matching ENTRY_TYPE_PATTERN are accepted. */
export const KNOWN_ENTRY_TYPES = [
  'FLC_PASS',
  'FLC_FAIL',
  'PRESEED_COMMIT',
  'RANDOMISATION_1',
  'RANDOMISATION_2',
  'MOVE',
  'STRONGROOM_OPEN',
  'STRONGROOM_CLOSE',
  'SEAL_APPLY',
  'SEAL_BREAK',
  'COMMISSION',
  'MOCK_POLL',
  'REPLACE',
  'DEFECT',
  'POLL_CLOSE',
  'COUNTING',
  'VVPAT_SLIP_COUNT',
  'RECEIPT',
  'DISPATCH',
  'FLC_START',
  'ALLOCATE',
  'ASSIGN',
  'ISSUE',
  'RETURN',
  'HOLD',
  'RELEASE',
  'CONDEMN',
  'DESTROY',
  'EXCEPTION',
  'KEY_ROTATE',
  'STATE_CHANGE',
] as const;

export type KnownEntryType = (typeof KNOWN_ENTRY_TYPES)[number];

/** Upper snake case. */
export const ENTRY_TYPE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

const hex = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);
const id = z.string().min(1);

export const EvmLogEntrySchema = z.strictObject({
  v: z.literal(1),
  /** The log's origin (= checkpoint origin line). */
  log: z.string().min(1),
  /** RFC 3339 with offset; informational only (order, not clocks, is trusted). */
  ts: z.iso.datetime({ offset: true }),
  type: z.string().regex(ENTRY_TYPE_PATTERN, 'type must be upper snake case'),
  units: z.array(id),
  from: z.string(),
  to: z.string(),
  actor: id,
  witnesses: z.array(id),
  seals: z.array(id),
  /** SHA-256 (lowercase hex) of a supporting artefact. */
  doc: z.string().regex(hex(64), 'doc must be 64 lowercase hex digits').optional(),
  dev: id,
  devSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Leaf hash of this device's previous entry, ZERO_HASH_HEX for its first. */
  devPrev: z.string().regex(hex(64), 'devPrev must be 64 lowercase hex digits'),
  /** 128-bit random salt (lowercase hex). */
  salt: z.string().regex(hex(32), 'salt must be 32 lowercase hex digits'),
  /** App addition: lifecycle event name (snake_case). */
  event: z.string().regex(/^[a-z][a-z0-9_]*$/, 'event must be snake_case').optional(),
  /** App addition: the unit state after the event. */
  state: z.string().optional(),
  /** App addition: free-text reason. */
  reason: z.string().optional(),
});

export type EvmLogEntry = z.infer<typeof EvmLogEntrySchema>;

export interface EntryError {
  readonly type: 'not_canonical' | 'invalid_entry';
  readonly message: string;
}

function withoutUndefined(entry: EvmLogEntry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
}

/**
 * Canonical JSON text of a valid entry (optional fields that are undefined are
 * left out). Throws if the entry does not satisfy EvmLogEntrySchema: an invalid
 * entry must never reach the append-only log.
 */
export function entryText(entry: EvmLogEntry): string {
  return canonicalJson(withoutUndefined(EvmLogEntrySchema.parse(entry)));
}

/** The entry bytes that are hashed into the log: UTF-8 of entryText(entry). */
export function encodeEntry(entry: EvmLogEntry): Uint8Array {
  return utf8Encode(entryText(entry));
}

function describeIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  if (issue === undefined) return 'invalid entry';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(entry)';
  return `${path}: ${issue.message}`;
}

/** Parses one entry's text: it must be canonical JSON and satisfy EvmLogEntrySchema. */
export function parseEntry(text: string): Result<EvmLogEntry, EntryError> {
  const json = parseCanonicalJson(text);
  if (!json.ok) return err({ type: 'not_canonical', message: json.error.message });
  const parsed = EvmLogEntrySchema.safeParse(json.value);
  if (!parsed.success) return err({ type: 'invalid_entry', message: describeIssue(parsed.error) });
  return ok(parsed.data);
}
