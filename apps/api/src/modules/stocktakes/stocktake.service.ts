import { err, ok, type Result, type StocktakeDetail, type StocktakeSummary } from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import type { Actor } from '../authority/authority.service.ts';
import { judge } from '../authority/authority.service.ts';
import { appendEventEntries } from '../units/unit.service.ts';
import * as repo from './stocktake.repository.ts';

export type StocktakeFailure = Failure<
  'not_found' | 'invalid_input' | 'stocktake_open' | 'stocktake_closed' | 'stocktake_unsynced' |
  'log_not_found' | 'log_unverified' | 'forbidden' | 'outside_jurisdiction'
>;

/** Serials named in a close entry's reason; the rest are counted (entries stay small). */
const NAMED_SERIALS = 50;
/** Missing units per entry: the close entry lists the first, STOCKTAKE_MISSING entries the rest. */
const MISSING_ENTRY_UNITS = 1000;

export function stocktakeNotFound(stocktakeId: number): Failure<'not_found'> {
  return failure('not_found', `Stocktake ${stocktakeId} not found in this district`, { stocktakeId });
}

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, StocktakeFailure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as StocktakeFailure);
    throw error;
  }
}

/** The stocktake row-locked and open, the actor judged for `action` at its location; else a Rollback. */
export async function lockOpenStocktake(
  tx: Tx,
  p: { actor: Actor; districtId: number; stocktakeId: number; action: 'stocktake.run' | 'stocktake.scan'; step: string },
): Promise<repo.StocktakeRow> {
  const stocktake = await repo.findStocktake(tx, p.districtId, p.stocktakeId, true);
  if (!stocktake) throw new Rollback(stocktakeNotFound(p.stocktakeId));
  const verdict = await judge(tx, p.actor, p.action, { stateId: stocktake.stateId, districtId: p.districtId, acId: stocktake.locationAcId }, { locationName: stocktake.locationName });
  if (!verdict.ok) throw new Rollback(verdict.error);
  if (stocktake.status !== 'open') {
    throw new Rollback(failure('stocktake_closed', `The stocktake ${stocktake.id} of ${stocktake.locationName} is closed: it cannot ${p.step}`, { locationName: stocktake.locationName, stocktakeId: stocktake.id }));
  }
  return stocktake;
}

/**
 * Starts a stocktake of a location: in one transaction the stocktake row, its expected list
 * frozen from the units standing at the location or anywhere under it, and a STOCKTAKE_START
 * entry (no units listed: the count is in the reason). At most one open per location.
 */
export async function startStocktake(
  db: Db,
  p: { actor: Actor; districtId: number; locationId: number; note?: string | undefined; now: Date },
): Promise<Result<StocktakeSummary, StocktakeFailure>> {
  return inTransaction(db, async (tx) => {
    const location = await repo.findLocation(tx, p.districtId, p.locationId);
    if (!location) throw new Rollback(failure('not_found', `Location ${p.locationId} not found in this district`, { locationId: p.locationId }));
    const verdict = await judge(tx, p.actor, 'stocktake.run', { stateId: location.stateId, districtId: p.districtId, acId: location.acId }, { locationName: location.name });
    if (!verdict.ok) throw new Rollback(verdict.error);
    if (location.kind === 'vehicle' || location.kind === 'manufacturer') {
      throw new Rollback(failure('invalid_input', `${location.name} is a ${location.kind}: a stocktake counts the units in a warehouse, strongroom or other place that holds them`, { locationName: location.name }));
    }
    const note = p.note?.trim() ? p.note.trim() : null;
    const id = await repo.insertStocktake(tx, { districtId: p.districtId, locationId: location.id, startedBy: p.actor.userId, now: p.now, note });
    if (id === undefined) throw new Rollback(failure('stocktake_open', `${location.name} already has an open stocktake: close it before starting another`, { locationName: location.name }));
    const expected = await repo.freezeExpected(tx, { districtId: p.districtId, stocktakeId: id, locationId: location.id });
    await appendEventEntries(tx, p.districtId, [{
      type: 'STOCKTAKE_START', units: [], from: location.code, to: location.code, actor: p.actor.username,
      reason: `Stocktake ${id} of ${location.name} started: ${expected} unit(s) expected${note ? `. ${note}` : ''}`,
    }], p.now);
    return summaryOf(tx, p.districtId, id);
  });
}

/**
 * Closes a stocktake: refused while this device holds unsent scans. Every expected unit not found
 * is marked missing; one STOCKTAKE_CLOSE entry lists the missing units and names the unexpected
 * and elsewhere serials in its reason, with the counts.
 */
export async function closeStocktake(
  db: Db,
  p: { actor: Actor; districtId: number; stocktakeId: number; unsyncedScans: number; now: Date },
): Promise<Result<StocktakeSummary, StocktakeFailure>> {
  return inTransaction(db, async (tx) => {
    const stocktake = await lockOpenStocktake(tx, { ...p, action: 'stocktake.run', step: 'be closed again' });
    if (p.unsyncedScans > 0) {
      throw new Rollback(failure('stocktake_unsynced', `The stocktake of ${stocktake.locationName} cannot be closed while ${p.unsyncedScans} scan(s) on this device are not yet sent`, { locationName: stocktake.locationName, count: p.unsyncedScans }));
    }
    const missing = await repo.markMissing(tx, p.districtId, p.stocktakeId);
    const unexpected = await repo.surpriseSerials(tx, p.districtId, p.stocktakeId, 'unexpected');
    const elsewhere = await repo.surpriseSerials(tx, p.districtId, p.stocktakeId, 'elsewhere');
    await repo.closeStocktake(tx, { ...p, by: p.actor.userId, missing: missing.length });
    const chunks = chunked(missing, MISSING_ENTRY_UNITS);
    const where = { from: stocktake.locationCode, to: stocktake.locationCode, actor: p.actor.username };
    await appendEventEntries(tx, p.districtId, [
      {
        type: 'STOCKTAKE_CLOSE', units: chunks[0] ?? [], ...where,
        reason: `Stocktake ${stocktake.id} of ${stocktake.locationName} closed: ${stocktake.foundCount} found, ${missing.length} missing, `
          + `${unexpected.length} unexpected${named(unexpected)}, ${elsewhere.length} belonging elsewhere${named(elsewhere)}, of ${stocktake.expectedCount} expected`
          + (chunks.length > 1 ? `; the missing are listed here and in ${chunks.length - 1} STOCKTAKE_MISSING entries` : ''),
      },
      ...chunks.slice(1).map((units, i) => ({
        type: 'STOCKTAKE_MISSING', units, ...where,
        reason: `Stocktake ${stocktake.id} of ${stocktake.locationName}: missing units, part ${i + 2} of ${chunks.length}`,
      })),
    ], p.now);
    return summaryOf(tx, p.districtId, p.stocktakeId);
  });
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function named(serials: readonly string[]): string {
  if (serials.length === 0) return '';
  const shown = serials.slice(0, NAMED_SERIALS).join(' ');
  return ` (${shown}${serials.length > NAMED_SERIALS ? ` and ${serials.length - NAMED_SERIALS} more` : ''})`;
}

export async function stocktakeDetail(db: Db, districtId: number, stocktakeId: number): Promise<Result<StocktakeDetail, StocktakeFailure>> {
  const summary = await repo.stocktakeSummary(db, districtId, stocktakeId);
  if (!summary) return err(stocktakeNotFound(stocktakeId));
  const base = { districtId, stocktakeId };
  return ok({
    ...summary,
    notFound: await repo.listLines(db, { ...base, which: 'notFound', limit: 500 }),
    surprises: await repo.listLines(db, { ...base, which: 'surprises', limit: 500 }),
    recent: await repo.listLines(db, { ...base, which: 'found', limit: 50 }),
  });
}

async function summaryOf(tx: Tx, districtId: number, stocktakeId: number): Promise<StocktakeSummary> {
  const summary = await repo.stocktakeSummary(tx, districtId, stocktakeId);
  if (!summary) throw new Error('unreachable: the stocktake is locked');
  return summary;
}
