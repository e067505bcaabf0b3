import type { StocktakeLineView, StocktakeOutcome, StocktakeStatus, StocktakeSummary } from '@evmtrail/shared';
import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';

export interface StocktakeRow {
  readonly districtId: number;
  readonly id: number;
  readonly locationId: number;
  readonly locationName: string;
  readonly locationCode: string;
  readonly locationAcId: number | null;
  readonly stateId: number;
  readonly status: StocktakeStatus;
  readonly expectedCount: number;
  readonly foundCount: number;
  readonly unexpectedCount: number;
  readonly elsewhereCount: number;
  readonly duplicateCount: number;
}

/** One stocktake of a district, row-locked when `lock`: every scan and the close take this lock first. */
export async function findStocktake(db: Queryable, districtId: number, id: number, lock = false): Promise<StocktakeRow | undefined> {
  if (lock) {
    const locked = await db.selectFrom('stocktakes').select('id').where('districtId', '=', districtId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) return undefined;
  }
  const row = await db
    .selectFrom('stocktakes as s')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 's.districtId').onRef('l.id', '=', 's.locationId'))
    .innerJoin('districts as d', 'd.id', 's.districtId')
    .select([
      'd.stateId', 's.districtId', 's.id', 's.locationId', 'l.name as locationName', 'l.code as locationCode', 'l.acId as locationAcId', 's.status',
      's.expectedCount', 's.foundCount', 's.unexpectedCount', 's.elsewhereCount', 's.duplicateCount',
    ])
    .where('s.districtId', '=', districtId).where('s.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, status: row.status as StocktakeStatus } : undefined;
}

export async function findLocation(db: Queryable, districtId: number, locationId: number): Promise<{ id: number; code: string; name: string; kind: string; acId: number | null; stateId: number } | undefined> {
  return db.selectFrom('locations as l').innerJoin('districts as d', 'd.id', 'l.districtId')
    .select(['l.id', 'l.code', 'l.name', 'l.kind', 'l.acId', 'd.stateId'])
    .where('l.districtId', '=', districtId).where('l.id', '=', locationId).executeTakeFirst();
}

/** Inserts an open stocktake; undefined when the location already has one open (the partial unique index). */
export async function insertStocktake(
  tx: Tx,
  row: { districtId: number; locationId: number; startedBy: number; now: Date; note: string | null },
): Promise<number | undefined> {
  const inserted = await tx.insertInto('stocktakes')
    .values({ districtId: row.districtId, locationId: row.locationId, startedBy: row.startedBy, startedAt: row.now, note: row.note })
    .onConflict((c) => c.columns(['districtId', 'locationId']).where('status', '=', 'open').doNothing())
    .returning('id').executeTakeFirst();
  return inserted?.id;
}

/**
 * Freezes the expected list: every unit standing at the location or anywhere under it (racks,
 * rooms: `locations.parent_id`) becomes an expected line. Returns how many.
 */
export async function freezeExpected(tx: Tx, p: { districtId: number; stocktakeId: number; locationId: number }): Promise<number> {
  const result = await sql`
    with recursive places (id) as (
      select id from locations where district_id = ${p.districtId} and id = ${p.locationId}
      union
      select l.id from locations l join places on l.parent_id = places.id where l.district_id = ${p.districtId}
    )
    insert into stocktake_lines (district_id, stocktake_id, serial, expected)
    select ${p.districtId}, ${p.stocktakeId}, u.serial, true
    from units u where u.district_id = ${p.districtId} and u.location_id in (select id from places)`.execute(tx);
  const count = Number(result.numAffectedRows ?? 0n);
  await tx.updateTable('stocktakes').set({ expectedCount: count })
    .where('districtId', '=', p.districtId).where('id', '=', p.stocktakeId).execute();
  return count;
}

export interface LineRow { readonly expected: boolean; readonly outcome: StocktakeOutcome | null }

export async function findLine(db: Queryable, districtId: number, stocktakeId: number, serial: string): Promise<LineRow | undefined> {
  const row = await db.selectFrom('stocktakeLines').select(['expected', 'outcome'])
    .where('districtId', '=', districtId).where('stocktakeId', '=', stocktakeId).where('serial', '=', serial).executeTakeFirst();
  return row ? { expected: row.expected, outcome: row.outcome as StocktakeOutcome | null } : undefined;
}

export async function markFound(tx: Tx, p: { districtId: number; stocktakeId: number; serial: string; by: number; at: Date }): Promise<void> {
  await tx.updateTable('stocktakeLines').set({ outcome: 'found', scannedAt: p.at, scannedBy: p.by })
    .where('districtId', '=', p.districtId).where('stocktakeId', '=', p.stocktakeId).where('serial', '=', p.serial).execute();
}

/** A serial found that was not expected (unexpected or elsewhere), as a line of its own. */
export async function insertSurprise(
  tx: Tx,
  p: { districtId: number; stocktakeId: number; serial: string; outcome: 'unexpected' | 'elsewhere'; recordedLocation: string | null; by: number; at: Date },
): Promise<void> {
  await tx.insertInto('stocktakeLines').values({
    districtId: p.districtId, stocktakeId: p.stocktakeId, serial: p.serial, expected: false, outcome: p.outcome,
    recordedLocation: p.recordedLocation, scannedAt: p.at, scannedBy: p.by,
  }).execute();
}

export interface CounterDelta { found?: number; unexpected?: number; elsewhere?: number; duplicate?: number }

export async function bumpCounters(tx: Tx, districtId: number, id: number, d: CounterDelta): Promise<void> {
  await tx.updateTable('stocktakes').set((eb) => ({
    foundCount: eb('foundCount', '+', d.found ?? 0),
    unexpectedCount: eb('unexpectedCount', '+', d.unexpected ?? 0),
    elsewhereCount: eb('elsewhereCount', '+', d.elsewhere ?? 0),
    duplicateCount: eb('duplicateCount', '+', d.duplicate ?? 0),
  })).where('districtId', '=', districtId).where('id', '=', id).execute();
}

/** Marks every expected line not found missing; returns their serials in order. */
export async function markMissing(tx: Tx, districtId: number, stocktakeId: number): Promise<string[]> {
  const rows = await tx.updateTable('stocktakeLines').set({ outcome: 'missing' })
    .where('districtId', '=', districtId).where('stocktakeId', '=', stocktakeId)
    .where('expected', '=', true).where('outcome', 'is', null)
    .returning('serial').execute();
  return rows.map((r) => r.serial).sort();
}

export async function surpriseSerials(db: Queryable, districtId: number, stocktakeId: number, outcome: 'unexpected' | 'elsewhere'): Promise<string[]> {
  const rows = await db.selectFrom('stocktakeLines').select('serial')
    .where('districtId', '=', districtId).where('stocktakeId', '=', stocktakeId).where('outcome', '=', outcome)
    .orderBy('serial').execute();
  return rows.map((r) => r.serial);
}

export async function closeStocktake(tx: Tx, p: { districtId: number; stocktakeId: number; by: number; now: Date; missing: number }): Promise<void> {
  await tx.updateTable('stocktakes').set({ status: 'closed', closedBy: p.by, closedAt: p.now, missingCount: p.missing })
    .where('districtId', '=', p.districtId).where('id', '=', p.stocktakeId).execute();
}

function summaryQuery(db: Queryable, districtId: number) {
  return db
    .selectFrom('stocktakes as s')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 's.districtId').onRef('l.id', '=', 's.locationId'))
    .innerJoin('users as su', 'su.id', 's.startedBy')
    .leftJoin('users as cu', 'cu.id', 's.closedBy')
    .select([
      's.id', 's.locationId', 'l.name as locationName', 's.status', 'su.displayName as startedByName', 's.startedAt',
      'cu.displayName as closedByName', 's.closedAt', 's.expectedCount', 's.foundCount', 's.missingCount',
      's.unexpectedCount', 's.elsewhereCount', 's.duplicateCount', 's.note',
    ])
    .where('s.districtId', '=', districtId);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): StocktakeSummary {
  const closed = row.status === 'closed';
  return {
    id: row.id, location: { id: row.locationId, name: row.locationName }, status: row.status as StocktakeStatus,
    startedBy: row.startedByName, startedAt: new Date(row.startedAt).toISOString(),
    closedBy: row.closedByName, closedAt: row.closedAt === null ? null : new Date(row.closedAt).toISOString(),
    expected: row.expectedCount, found: row.foundCount,
    missing: closed ? row.missingCount : row.expectedCount - row.foundCount,
    unexpected: row.unexpectedCount, elsewhere: row.elsewhereCount, duplicates: row.duplicateCount, note: row.note,
  };
}

export async function listStocktakes(db: Queryable, districtId: number, locationId?: number): Promise<StocktakeSummary[]> {
  let query = summaryQuery(db, districtId);
  if (locationId !== undefined) query = query.where('s.locationId', '=', locationId);
  const rows = await query.orderBy('s.id', 'desc').limit(200).execute();
  return rows.map(toSummary);
}

export async function stocktakeSummary(db: Queryable, districtId: number, id: number): Promise<StocktakeSummary | undefined> {
  const row = await summaryQuery(db, districtId).where('s.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** Lines of a stocktake: `notFound` (expected, no outcome or missing), `surprises`, or `found` (newest first). */
export async function listLines(
  db: Queryable,
  p: { districtId: number; stocktakeId: number; which: 'notFound' | 'surprises' | 'found'; limit: number },
): Promise<StocktakeLineView[]> {
  let query = db.selectFrom('stocktakeLines as t').leftJoin('users as u', 'u.id', 't.scannedBy')
    .select(['t.serial', 't.expected', 't.outcome', 't.recordedLocation', 't.scannedAt', 'u.displayName as scannedBy'])
    .where('t.districtId', '=', p.districtId).where('t.stocktakeId', '=', p.stocktakeId);
  if (p.which === 'notFound') query = query.where('t.expected', '=', true).where((eb) => eb.or([eb('t.outcome', 'is', null), eb('t.outcome', '=', 'missing')])).orderBy('t.serial');
  else if (p.which === 'surprises') query = query.where('t.expected', '=', false).orderBy('t.outcome').orderBy('t.serial');
  else query = query.where('t.outcome', '=', 'found').orderBy('t.scannedAt', 'desc').orderBy('t.serial');
  const rows = await query.limit(p.limit).execute();
  return rows.map((r) => ({
    serial: r.serial, expected: r.expected, outcome: r.outcome as StocktakeOutcome | null, recordedLocation: r.recordedLocation,
    scannedAt: r.scannedAt === null ? null : new Date(r.scannedAt).toISOString(), scannedBy: r.scannedBy,
  }));
}

/** Every line of a stocktake in report order (missing, unexpected, elsewhere, found), for the CSV and PDF. */
export async function allLines(db: Queryable, districtId: number, stocktakeId: number): Promise<StocktakeLineView[]> {
  const rows = await db.selectFrom('stocktakeLines as t').leftJoin('users as u', 'u.id', 't.scannedBy')
    .select(['t.serial', 't.expected', 't.outcome', 't.recordedLocation', 't.scannedAt', 'u.displayName as scannedBy'])
    .where('t.districtId', '=', districtId).where('t.stocktakeId', '=', stocktakeId)
    .orderBy(sql`case coalesce(t.outcome, 'missing') when 'missing' then 0 when 'unexpected' then 1 when 'elsewhere' then 2 else 3 end`)
    .orderBy('t.serial').execute();
  return rows.map((r) => ({
    serial: r.serial, expected: r.expected, outcome: r.outcome as StocktakeOutcome | null, recordedLocation: r.recordedLocation,
    scannedAt: r.scannedAt === null ? null : new Date(r.scannedAt).toISOString(), scannedBy: r.scannedBy,
  }));
}
