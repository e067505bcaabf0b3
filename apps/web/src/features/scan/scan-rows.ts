import type { ScanOutcome, ScanResult, ScanSource, ScanTally } from '@evmtrail/shared';
import type { OutboxScan, StoredError } from './outbox-store';

/** What a row of the scan list shows: a server outcome, or where the scan is on its way. */
export type RowState = ScanOutcome | 'pending' | 'failed';

export interface ScanRow {
  readonly key: string;
  readonly serial: string;
  readonly state: RowState;
  /** When the scan happened (for a scan from another device: when the server recorded it). */
  readonly at: string;
  readonly via?: ScanSource;
  readonly result?: ScanResult;
  readonly error?: StoredError;
  /** Shown before the answer: the serial was already scanned here for this task. */
  readonly seenBefore: boolean;
}

/**
 * This device's scans of the task (newest first) with the server's recent ones that this
 * device did not make, newest on top.
 */
export function scanRows(local: readonly OutboxScan[], server: readonly ScanResult[]): ScanRow[] {
  const rows: ScanRow[] = local.map((s) => ({
    key: s.key,
    serial: s.serial,
    state: s.status === 'done' && s.result ? s.result.outcome : s.status === 'failed' ? 'failed' : 'pending',
    at: s.scannedAt,
    via: s.via,
    ...(s.result ? { result: s.result } : {}),
    ...(s.error ? { error: s.error } : {}),
    seenBefore: s.seenBefore,
  }));
  const mine = new Set(local.map((s) => s.key));
  const others = server
    .filter((r) => !mine.has(r.key))
    .map((r): ScanRow => ({ key: r.key, serial: r.serial, state: r.outcome, at: r.recordedAt, result: r, seenBefore: false }));
  if (others.length === 0) return rows;
  return [...rows, ...others].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** The task's counts as of the server's latest answer (a replayed answer carries older counts). */
export function latestTally(local: readonly OutboxScan[], server: readonly ScanResult[]): ScanTally | null {
  let latest: ScanResult | null = null;
  for (const r of [...server, ...local.flatMap((s) => (s.result ? [s.result] : []))]) {
    if (!latest || Date.parse(r.recordedAt) > Date.parse(latest.recordedAt)) latest = r;
  }
  return latest?.tally ?? null;
}
