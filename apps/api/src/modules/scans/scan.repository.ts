import type { ScanResult } from '@evmtrail/shared';

import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';

export interface NewScan {
  readonly districtId: number;
  readonly key: string;
  readonly taskKind: string;
  readonly taskId: number;
  readonly serial: string;
  readonly via: string;
  readonly note: string | null;
  readonly scannedAt: Date;
  readonly recordedAt: Date;
  readonly userId: number;
}

/**
 * Claims the scan's idempotency key: true when this transaction is the first to hold it. A
 * concurrent holder of the same key makes this wait for its commit, then answer false.
 */
export async function claimScanKey(tx: Tx, scan: NewScan): Promise<boolean> {
  const row = await tx.insertInto('scans').values({ ...scan, outcome: null, result: null })
    .onConflict((c) => c.columns(['districtId', 'key']).doNothing())
    .returning('key').executeTakeFirst();
  return row !== undefined;
}

export async function storedResult(db: Queryable, districtId: number, key: string): Promise<ScanResult | undefined> {
  const row = await db.selectFrom('scans').select('result').where('districtId', '=', districtId).where('key', '=', key).executeTakeFirst();
  return row?.result ? parseResult(row.result) : undefined;
}

export async function saveResult(tx: Tx, districtId: number, result: ScanResult): Promise<void> {
  await tx.updateTable('scans').set({ outcome: result.outcome, result: JSON.stringify(result) })
    .where('districtId', '=', districtId).where('key', '=', result.key).execute();
}

export async function listScans(db: Queryable, p: { districtId: number; taskKind: string; taskId: number; limit: number }): Promise<ScanResult[]> {
  const rows = await db.selectFrom('scans').select('result')
    .where('districtId', '=', p.districtId).where('taskKind', '=', p.taskKind).where('taskId', '=', p.taskId)
    .where('result', 'is not', null)
    .orderBy('recordedAt', 'desc').orderBy('key').limit(p.limit).execute();
  return rows.flatMap((r) => (r.result ? [parseResult(r.result)] : []));
}

function parseResult(value: unknown): ScanResult {
  return (typeof value === 'string' ? JSON.parse(value) : value) as ScanResult;
}

/** Claims many keys in one statement; returns the keys this transaction now holds. */
export async function claimScanKeys(tx: Tx, scans: readonly NewScan[]): Promise<Set<string>> {
  const rows = await tx.insertInto('scans').values(scans.map((s) => ({ ...s, outcome: null, result: null })))
    .onConflict((c) => c.columns(['districtId', 'key']).doNothing())
    .returning('key').execute();
  return new Set(rows.map((r) => r.key));
}

export async function storedResults(db: Queryable, districtId: number, keys: readonly string[]): Promise<Map<string, ScanResult>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('scans').select(['key', 'result']).where('districtId', '=', districtId).where('key', 'in', keys).execute();
  return new Map(rows.flatMap((r) => (r.result ? [[r.key, parseResult(r.result)] as const] : [])));
}

/** Stores the answers of many scans in one statement. */
export async function saveResults(tx: Tx, districtId: number, results: readonly ScanResult[]): Promise<void> {
  if (results.length === 0) return;
  const rows = sql.join(results.map((r) => sql`(${r.key}::uuid, ${r.outcome}, ${JSON.stringify(r)}::jsonb)`));
  await sql`update scans set outcome = v.outcome, result = v.result
    from (values ${rows}) as v(key, outcome, result)
    where scans.district_id = ${districtId} and scans.key = v.key`.execute(tx);
}
