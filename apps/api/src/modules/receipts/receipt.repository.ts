import type { ReceiptIssue, ReceiptLineView, ReceiptStatus, ReceiptSummary } from '@evmtrail/shared';
import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';

export interface ReceiptRow {
  readonly districtId: number;
  readonly id: number;
  readonly maker: 'BEL' | 'ECIL';
  readonly orderRef: string;
  readonly destinationId: number;
  readonly status: ReceiptStatus;
  readonly uploadedLines: number;
  readonly expectedCount: number;
  readonly receivedCount: number;
  readonly missingCount: number;
  readonly orphanCount: number;
  readonly rejectedCount: number;
}

const ROW_COLUMNS = [
  'r.districtId', 'r.id', 'r.maker', 'r.orderRef', 'r.destinationId', 'r.status', 'r.uploadedLines',
  'r.expectedCount', 'r.receivedCount', 'r.missingCount', 'r.orphanCount', 'r.rejectedCount',
] as const;

function toRow(row: { maker: string; status: string } & Omit<ReceiptRow, 'maker' | 'status'>): ReceiptRow {
  return { ...row, maker: row.maker as ReceiptRow['maker'], status: row.status as ReceiptStatus };
}

/** One receipt of a district, row-locked when `lock` (every change to a receipt takes this lock first). */
export async function findReceipt(db: Queryable, districtId: number, id: number, lock = false): Promise<ReceiptRow | undefined> {
  let query = db.selectFrom('receipts as r').select(ROW_COLUMNS).where('r.districtId', '=', districtId).where('r.id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRow(row) : undefined;
}

function summaryQuery(db: Queryable, districtId: number) {
  return db
    .selectFrom('receipts as r')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'r.districtId').onRef('l.id', '=', 'r.destinationId'))
    .innerJoin('users as u', 'u.id', 'r.createdBy')
    .select([...ROW_COLUMNS, 'l.name as destinationName', 'u.username as createdByName', 'r.createdAt', 'r.acceptedAt', 'r.completedAt'])
    .where('r.districtId', '=', districtId);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): ReceiptSummary {
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    id: row.id, maker: row.maker as ReceiptSummary['maker'], orderRef: row.orderRef,
    destination: { id: row.destinationId, name: row.destinationName }, status: row.status as ReceiptStatus,
    uploadedLines: row.uploadedLines, expected: row.expectedCount, received: row.receivedCount,
    missing: row.missingCount, orphans: row.orphanCount, createdBy: row.createdByName,
    createdAt: new Date(row.createdAt).toISOString(), acceptedAt: iso(row.acceptedAt), completedAt: iso(row.completedAt),
  };
}

export async function listReceipts(db: Queryable, districtId: number): Promise<ReceiptSummary[]> {
  const rows = await summaryQuery(db, districtId).orderBy('r.id', 'desc').limit(200).execute();
  return rows.map(toSummary);
}

export async function receiptSummary(db: Queryable, districtId: number, id: number): Promise<ReceiptSummary | undefined> {
  const row = await summaryQuery(db, districtId).where('r.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

export async function insertReceipt(
  tx: Tx,
  row: { districtId: number; maker: string; orderRef: string; destinationId: number; createdBy: number; now: Date },
): Promise<number | undefined> {
  const inserted = await tx
    .insertInto('receipts')
    .values({ districtId: row.districtId, maker: row.maker, orderRef: row.orderRef, destinationId: row.destinationId, createdBy: row.createdBy, createdAt: row.now })
    .onConflict((c) => c.columns(['districtId', 'maker', 'orderRef']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** Stores one chunk of the manifest as written; a chunk from line 1 starts the file over. */
export async function storeUploadChunk(tx: Tx, p: { districtId: number; receiptId: number; firstLine: number; lines: ReadonlyArray<{ line: number; text: string }> }): Promise<number> {
  if (p.firstLine === 1) {
    await tx.deleteFrom('manifestUploads').where('districtId', '=', p.districtId).where('receiptId', '=', p.receiptId).execute();
  }
  for (let i = 0; i < p.lines.length; i += 5000) {
    const values = p.lines.slice(i, i + 5000).map((l) => ({ districtId: p.districtId, receiptId: p.receiptId, line: l.line, text: l.text }));
    await tx.insertInto('manifestUploads').values(values).onConflict((c) => c.columns(['districtId', 'receiptId', 'line']).doUpdateSet({ text: sql`excluded.text` })).execute();
  }
  const count = await tx.selectFrom('manifestUploads').select(sql<number>`count(*)::int`.as('n'))
    .where('districtId', '=', p.districtId).where('receiptId', '=', p.receiptId).executeTakeFirstOrThrow();
  await tx.updateTable('receipts').set({ uploadedLines: count.n }).where('districtId', '=', p.districtId).where('id', '=', p.receiptId).execute();
  return count.n;
}

export async function uploadedLines(db: Queryable, districtId: number, receiptId: number): Promise<Array<{ line: number; text: string }>> {
  return db.selectFrom('manifestUploads').select(['line', 'text'])
    .where('districtId', '=', districtId).where('receiptId', '=', receiptId).orderBy('line').execute();
}

/** Where each of `serials` is held, in any district (the country-wide serial check). */
export async function knownSerials(db: Queryable, serials: readonly string[]): Promise<Array<{ serial: string; districtId: number; locationName: string }>> {
  const found: Array<{ serial: string; districtId: number; locationName: string }> = [];
  for (let i = 0; i < serials.length; i += 10_000) {
    const chunk = serials.slice(i, i + 10_000);
    const rows = await db
      .selectFrom('units as u')
      .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'u.districtId').onRef('l.id', '=', 'u.locationId'))
      .select(['u.serial', 'u.districtId', 'l.name as locationName'])
      .where(sql<boolean>`u.serial = any(${sql.val(chunk)}::text[])`)
      .execute();
    found.push(...rows);
  }
  return found;
}

export interface NewLine { readonly line: number; readonly serial: string; readonly kind: string; readonly model: string; readonly year: number }

export async function insertLines(tx: Tx, districtId: number, receiptId: number, lines: readonly NewLine[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 5000) {
    await tx.insertInto('receiptLines').values(lines.slice(i, i + 5000).map((l) => ({ ...l, districtId, receiptId }))).execute();
  }
}

export interface NewIssue { readonly kind: 'orphan' | 'conflict'; readonly serial: string; readonly line: number | null; readonly detail: string }

/** Records issues once per (kind, serial); returns how many were new. */
export async function insertIssues(tx: Tx, districtId: number, receiptId: number, issues: readonly NewIssue[], now: Date): Promise<number> {
  if (issues.length === 0) return 0;
  const rows = await tx.insertInto('receiptIssues')
    .values(issues.map((i) => ({ ...i, districtId, receiptId, createdAt: now })))
    .onConflict((c) => c.columns(['districtId', 'receiptId', 'kind', 'serial']).doNothing())
    .returning('serial')
    .execute();
  return rows.length;
}

export async function findIssue(tx: Tx, p: { districtId: number; receiptId: number; kind: string; serial: string }) {
  return tx.selectFrom('receiptIssues').select(['serial', 'line', 'resolution', 'kind'])
    .where('districtId', '=', p.districtId).where('receiptId', '=', p.receiptId)
    .where('kind', '=', p.kind).where('serial', '=', p.serial).forUpdate().executeTakeFirst();
}

export async function resolveIssue(
  tx: Tx,
  p: { districtId: number; receiptId: number; kind: string; serial: string; resolution: string; note: string; by: number; now: Date; unit?: { kind: string; model: string; year: number } },
): Promise<void> {
  await tx.updateTable('receiptIssues')
    .set({ resolution: p.resolution, resolutionNote: p.note, resolvedBy: p.by, resolvedAt: p.now, unitKind: p.unit?.kind ?? null, unitModel: p.unit?.model ?? null, unitYear: p.unit?.year ?? null })
    .where('districtId', '=', p.districtId).where('receiptId', '=', p.receiptId)
    .where('kind', '=', p.kind).where('serial', '=', p.serial).where('resolution', 'is', null)
    .execute();
}

export async function listIssues(db: Queryable, districtId: number, receiptId: number): Promise<ReceiptIssue[]> {
  const rows = await db.selectFrom('receiptIssues as i').leftJoin('users as u', 'u.id', 'i.resolvedBy')
    .select(['i.kind', 'i.serial', 'i.line', 'i.detail', 'i.createdAt', 'i.resolution', 'i.resolutionNote', 'u.username as resolvedBy', 'i.resolvedAt'])
    .where('i.districtId', '=', districtId).where('i.receiptId', '=', receiptId)
    .orderBy(sql`i.line asc nulls last`).orderBy('i.createdAt').orderBy('i.serial').limit(1000).execute();
  return rows.map((r) => ({
    kind: r.kind as ReceiptIssue['kind'], serial: r.serial, line: r.line, detail: r.detail,
    createdAt: new Date(r.createdAt).toISOString(), resolution: r.resolution as ReceiptIssue['resolution'],
    resolutionNote: r.resolutionNote, resolvedBy: r.resolvedBy, resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null,
  }));
}

export async function openIssueCount(db: Queryable, districtId: number, receiptId: number): Promise<number> {
  const row = await db.selectFrom('receiptIssues').select(sql<number>`count(*)::int`.as('n'))
    .where('districtId', '=', districtId).where('receiptId', '=', receiptId).where('resolution', 'is', null).executeTakeFirstOrThrow();
  return row.n;
}

export async function linesByStatus(db: Queryable, p: { districtId: number; receiptId: number; status: string; limit: number; newestFirst?: boolean }): Promise<ReceiptLineView[]> {
  let query = db.selectFrom('receiptLines').select(['line', 'serial', 'kind', 'model', 'year', 'status'])
    .where('districtId', '=', p.districtId).where('receiptId', '=', p.receiptId).where('status', '=', p.status);
  query = p.newestFirst ? query.orderBy('receivedAt', 'desc').orderBy('line', 'desc') : query.orderBy('line');
  const rows = await query.limit(p.limit).execute();
  return rows.map((r) => ({ ...r, status: r.status as ReceiptLineView['status'] }));
}

/** The line of `serial` in a receipt, row-locked (a scan decides on it). */
export async function lockLine(tx: Tx, districtId: number, receiptId: number, serial: string) {
  return tx.selectFrom('receiptLines').select(['line', 'status', 'kind', 'model', 'year'])
    .where('districtId', '=', districtId).where('receiptId', '=', receiptId).where('serial', '=', serial)
    .forUpdate().executeTakeFirst();
}

export async function markLines(tx: Tx, p: { districtId: number; receiptId: number; serials: readonly string[]; from: string; to: string; by: number; now: Date }): Promise<number> {
  const result = await tx.updateTable('receiptLines')
    .set({ status: p.to, ...(p.to === 'received' ? { receivedAt: p.now, receivedBy: p.by } : {}) })
    .where('districtId', '=', p.districtId).where('receiptId', '=', p.receiptId)
    .where('serial', 'in', p.serials).where('status', '=', p.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function outstandingSerials(tx: Tx, districtId: number, receiptId: number): Promise<string[]> {
  const rows = await tx.selectFrom('receiptLines').select('serial')
    .where('districtId', '=', districtId).where('receiptId', '=', receiptId).where('status', '=', 'expected').orderBy('serial').execute();
  return rows.map((r) => r.serial);
}

export interface CounterDelta { readonly expected?: number; readonly received?: number; readonly missing?: number; readonly orphan?: number; readonly rejected?: number }

export async function bumpCounters(tx: Tx, districtId: number, receiptId: number, d: CounterDelta): Promise<void> {
  await tx.updateTable('receipts').set({
    expectedCount: sql`expected_count + ${d.expected ?? 0}`,
    receivedCount: sql`received_count + ${d.received ?? 0}`,
    missingCount: sql`missing_count + ${d.missing ?? 0}`,
    orphanCount: sql`orphan_count + ${d.orphan ?? 0}`,
    rejectedCount: sql`rejected_count + ${d.rejected ?? 0}`,
  }).where('districtId', '=', districtId).where('id', '=', receiptId).execute();
}

export async function setStatus(tx: Tx, p: { districtId: number; receiptId: number; status: ReceiptStatus; by: number; now: Date }): Promise<void> {
  const stamp = p.status === 'receiving' ? { acceptedBy: p.by, acceptedAt: p.now } : p.status === 'completed' ? { completedBy: p.by, completedAt: p.now } : {};
  await tx.updateTable('receipts').set({ status: p.status, ...stamp }).where('districtId', '=', p.districtId).where('id', '=', p.receiptId).execute();
}

/** The district's plant location of a maker (kind 'manufacturer', code MFR-<maker>…), made if absent. */
export async function ensureMakerLocation(tx: Tx, districtId: number, maker: string): Promise<number> {
  const found = await tx.selectFrom('locations').select('id')
    .where('districtId', '=', districtId).where('kind', '=', 'manufacturer').where('code', 'like', `MFR-${maker}%`)
    .orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const inserted = await tx.insertInto('locations')
    .values({ districtId, code: `MFR-${maker}`, kind: 'manufacturer', name: `${maker} plant`, nameHi: null, strongroomType: null, acId: null, parentId: null, lat: null, lon: null, psNumber: null, electors: null })
    .returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertManufacturedUnits(
  tx: Tx,
  p: { districtId: number; maker: string; ownerBodyId: number; locationId: number; now: Date; lines: readonly NewLine[] },
): Promise<void> {
  for (let i = 0; i < p.lines.length; i += 2000) {
    const values = p.lines.slice(i, i + 2000).map((l) => ({
      districtId: p.districtId, serial: l.serial, kind: l.kind, maker: p.maker, model: l.model, year: l.year,
      ownerBodyId: p.ownerBodyId, state: 'manufactured', previousState: null, locationId: p.locationId,
      holdRef: null, flcCycle: null, acId: null, updatedAt: p.now,
    }));
    await tx.insertInto('units').values(values).execute();
  }
}

/** The ECI (the owner of units bought against an ECI supply order). */
export async function eciBodyId(db: Queryable): Promise<number | undefined> {
  const row = await db.selectFrom('electionBodies').select('id').where('kind', '=', 'eci').orderBy('id').executeTakeFirst();
  return row?.id;
}

export async function findDestination(db: Queryable, districtId: number, locationId: number) {
  return db.selectFrom('locations').select(['id', 'code', 'name', 'kind', 'acId']).where('districtId', '=', districtId).where('id', '=', locationId).executeTakeFirst();
}

/** A unit added to a receipt after the fact (an orphan the DEO took in), as received. */
export async function addReceivedLine(tx: Tx, p: { districtId: number; receiptId: number; serial: string; kind: string; model: string; year: number; by: number; now: Date }): Promise<void> {
  const last = await tx.selectFrom('receiptLines').select(sql<number>`coalesce(max(line), 0)::int`.as('n'))
    .where('districtId', '=', p.districtId).where('receiptId', '=', p.receiptId).executeTakeFirstOrThrow();
  await tx.insertInto('receiptLines').values({
    districtId: p.districtId, receiptId: p.receiptId, line: last.n + 1, serial: p.serial, kind: p.kind, model: p.model, year: p.year,
    status: 'received', receivedAt: p.now, receivedBy: p.by,
  }).execute();
}

/** The lines of `serials` in a receipt, row-locked (a batch of scans decides on them). */
export async function lockLines(tx: Tx, districtId: number, receiptId: number, serials: readonly string[]) {
  return tx.selectFrom('receiptLines').select(['serial', 'status'])
    .where('districtId', '=', districtId).where('receiptId', '=', receiptId).where('serial', 'in', serials)
    .forUpdate().execute();
}

/** Records orphans once per serial; returns the serials recorded now (not seen before). */
export async function insertOrphans(tx: Tx, districtId: number, receiptId: number, issues: readonly NewIssue[], now: Date): Promise<Set<string>> {
  if (issues.length === 0) return new Set();
  const rows = await tx.insertInto('receiptIssues')
    .values(issues.map((i) => ({ ...i, districtId, receiptId, createdAt: now })))
    .onConflict((c) => c.columns(['districtId', 'receiptId', 'kind', 'serial']).doNothing())
    .returning('serial').execute();
  return new Set(rows.map((r) => r.serial));
}
