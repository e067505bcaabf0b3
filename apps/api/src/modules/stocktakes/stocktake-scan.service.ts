import type { ScanResult, ScanTally } from '@evmtrail/shared';

import type { Tx } from '../../db/handle.ts';
import type { Actor } from '../authority/authority.service.ts';
import { unitView, visibleUnit } from '../scans/scanned-unit.ts';
import { findUnitBySerial } from '../units/unit.repository.ts';
import * as repo from './stocktake.repository.ts';
import { lockOpenStocktake } from './stocktake.service.ts';

export interface StocktakeScan {
  readonly actor: Actor;
  readonly districtId: number;
  readonly stocktakeId: number;
  readonly serial: string;
  readonly key: string;
  readonly now: Date;
}

type Decided = Pick<ScanResult, 'outcome' | 'detail' | 'unit'> & { readonly delta: repo.CounterDelta };

/**
 * One scan against a stocktake, inside the scan's transaction (scan.service.ts). The server
 * decides, never the device: an expected unit not yet found is found; a serial already on the
 * stocktake's found/unexpected/elsewhere lines is a duplicate; a unit of this district not on the
 * frozen list belongs elsewhere (its recorded place is named); a serial no one here holds (or
 * another district's unit) is unexpected. The stocktake's row lock orders every scan of it, so a
 * serial counts once however many scans of it arrive together. A scan moves no unit.
 *
 * The tally: accepted = found, missing = expected not yet found, orphan = unexpected + elsewhere,
 * rejected = duplicates.
 */
export async function scanForStocktake(tx: Tx, scan: StocktakeScan): Promise<ScanResult> {
  const stocktake = await lockOpenStocktake(tx, { ...scan, action: 'stocktake.scan', step: 'take scans' });
  const decided = await decide(tx, scan, stocktake);
  await repo.bumpCounters(tx, scan.districtId, scan.stocktakeId, decided.delta);
  const { delta, ...answer } = decided;
  return {
    key: scan.key, serial: scan.serial, replayed: false, recordedAt: scan.now.toISOString(),
    ...answer, tally: tallyOf(stocktake, delta),
  };
}

async function decide(tx: Tx, scan: StocktakeScan, stocktake: repo.StocktakeRow): Promise<Decided> {
  const line = await repo.findLine(tx, scan.districtId, scan.stocktakeId, scan.serial);
  const unit = await findUnitBySerial(tx, scan.serial);
  const visible = visibleUnit(unit, scan);
  const view = visible ? { unit: unitView(visible) } : {};
  const where = stocktake.locationName;
  if (line && line.outcome !== null) {
    return { outcome: 'duplicate', detail: `Unit ${scan.serial} was already scanned in the stocktake of ${where}; it counts once`, ...view, delta: { duplicate: 1 } };
  }
  const mark = { districtId: scan.districtId, stocktakeId: scan.stocktakeId, serial: scan.serial, by: scan.actor.userId, at: scan.now };
  if (line) {
    await repo.markFound(tx, mark);
    return { outcome: 'accepted', detail: `Unit ${scan.serial} found at ${where}`, ...view, delta: { found: 1 } };
  }
  if (visible) {
    await repo.insertSurprise(tx, { ...mark, outcome: 'elsewhere', recordedLocation: visible.locationName });
    return {
      outcome: 'wrong_place', ...view, delta: { elsewhere: 1 },
      detail: `Unit ${scan.serial} is not expected at ${where}: it is recorded at ${visible.locationName} (${visible.state.replaceAll('_', ' ')})`,
    };
  }
  await repo.insertSurprise(tx, { ...mark, outcome: 'unexpected', recordedLocation: null });
  return { outcome: 'unknown_serial', detail: `Unit ${scan.serial} is here at ${where} but this district holds no such unit`, delta: { unexpected: 1 } };
}

function tallyOf(s: repo.StocktakeRow, d: repo.CounterDelta): ScanTally {
  const found = s.foundCount + (d.found ?? 0);
  return {
    expected: s.expectedCount,
    accepted: found,
    missing: s.expectedCount - found,
    orphan: s.unexpectedCount + (d.unexpected ?? 0) + s.elsewhereCount + (d.elsewhere ?? 0),
    rejected: s.duplicateCount + (d.duplicate ?? 0),
  };
}
