import type { ScanOutcome, ScanResult, ScanTally } from '@evmtrail/shared';

import type { Tx } from '../../db/handle.ts';
import type { Actor } from '../authority/authority.service.ts';
import { judge } from '../authority/authority.service.ts';
import { Rollback } from '../../failure.ts';
import { unitView, visibleUnit } from '../scans/scanned-unit.ts';
import { findUnitBySerial } from '../units/unit.repository.ts';
import { applyUnitEventInTx, appendEventEntries } from '../units/unit.service.ts';
import * as repo from './receipt.repository.ts';
import { lockReceipt } from './receipt.service.ts';

export interface ReceiptScan {
  readonly actor: Actor;
  readonly districtId: number;
  readonly receiptId: number;
  readonly serial: string;
  readonly key: string;
  readonly via: string;
  readonly now: Date;
}

type Decided = Pick<ScanResult, 'outcome' | 'detail' | 'unit'> & { readonly newOrphan?: boolean };

/**
 * One scan against a receipt, inside the scan's transaction (scan.service.ts). The receipt row
 * lock orders every scan of the receipt, so a unit is received once however many scans of it
 * arrive together: the first takes it (`receive` through the unit service, its log entry in this
 * transaction), the others find its line received and count as duplicates.
 */
export async function scanForReceipt(tx: Tx, scan: ReceiptScan): Promise<ScanResult> {
  const verdict = await judge(tx, scan.actor, 'receipt.manage');
  if (!verdict.ok) throw new Rollback(verdict.error);
  const receipt = await lockReceipt(tx, { ...scan, status: ['receiving'], step: 'take scans' });
  const { newOrphan, ...decided } = await decide(tx, scan, receipt);
  const delta = { ...countOf(decided.outcome), ...(newOrphan ? { orphan: 1 } : {}) };
  await repo.bumpCounters(tx, scan.districtId, scan.receiptId, delta);
  return {
    key: scan.key, serial: scan.serial, replayed: false, recordedAt: scan.now.toISOString(),
    ...decided, tally: tallyOf(receipt, delta),
  };
}

async function decide(tx: Tx, scan: ReceiptScan, receipt: repo.ReceiptRow): Promise<Decided> {
  const line = await repo.lockLine(tx, scan.districtId, scan.receiptId, scan.serial);
  const unit = await findUnitBySerial(tx, scan.serial);
  const visible = visibleUnit(unit, scan);
  const view = unitView;
  if (line?.status === 'received') {
    return { outcome: 'duplicate', detail: `Unit ${scan.serial} was already received on receipt ${receipt.orderRef}; it counts once`, ...(visible ? { unit: view(visible) } : {}) };
  }
  if (line && visible && visible.state === 'in_transit') {
    await applyUnitEventInTx(tx, {
      actor: scan.actor, districtId: scan.districtId, serials: [scan.serial], event: 'receive', toLocationId: receipt.destinationId, now: scan.now,
      reason: `Supply order ${receipt.orderRef} (${receipt.maker}), scanned (${scan.via})`,
    });
    await repo.markLines(tx, { ...scan, serials: [scan.serial], from: 'expected', to: 'received', by: scan.actor.userId });
    const after = await findUnitBySerial(tx, scan.serial);
    return { outcome: 'accepted', detail: `Unit ${scan.serial} received into ${after?.locationName ?? 'the destination'}`, ...(after ? { unit: view(after) } : {}) };
  }
  if (line && visible) {
    return { outcome: 'wrong_state', detail: `Unit ${scan.serial} is on the manifest but is ${visible.state.replaceAll('_', ' ')} at ${visible.locationName}; it cannot be received now`, unit: view(visible) };
  }
  if (visible) {
    return { outcome: 'wrong_place', detail: `Unit ${scan.serial} is not on the manifest of ${receipt.orderRef}: it is held at ${visible.locationName} (${visible.state.replaceAll('_', ' ')})`, unit: view(visible) };
  }
  if (unit) return { outcome: 'wrong_place', detail: `Unit ${scan.serial} is not on the manifest of ${receipt.orderRef}: it is held in another district` };
  return recordOrphan(tx, scan, receipt);
}

/** A serial nobody holds: kept for the DEO, logged once (a scan of note). */
async function recordOrphan(tx: Tx, scan: ReceiptScan, receipt: repo.ReceiptRow): Promise<Decided> {
  const detail = `Unit ${scan.serial} is here but not on the manifest of ${receipt.orderRef}, and no district holds it`;
  const fresh = await repo.insertIssues(tx, scan.districtId, scan.receiptId, [{ kind: 'orphan', serial: scan.serial, line: null, detail }], scan.now);
  if (fresh > 0) {
    await appendEventEntries(tx, scan.districtId, [{
      type: 'RECEIPT_ORPHAN', units: [scan.serial], from: `MFR-${receipt.maker}`, to: receipt.orderRef, actor: scan.actor.username,
      reason: `Scanned against supply order ${receipt.orderRef} (${receipt.maker}) but not on its manifest; for the DEO`, at: scan.now,
    }], scan.now);
  }
  return { outcome: 'orphan', detail: fresh > 0 ? detail : `${detail} (already recorded)`, newOrphan: fresh > 0 };
}

function countOf(outcome: ScanOutcome): repo.CounterDelta {
  if (outcome === 'accepted') return { received: 1 };
  return outcome === 'orphan' ? {} : { rejected: 1 };
}

function tallyOf(receipt: repo.ReceiptRow, delta: repo.CounterDelta): ScanTally {
  const accepted = receipt.receivedCount + (delta.received ?? 0);
  return {
    expected: receipt.expectedCount,
    accepted,
    missing: receipt.expectedCount - accepted,
    orphan: receipt.orphanCount + (delta.orphan ?? 0),
    rejected: receipt.rejectedCount + (delta.rejected ?? 0),
  };
}
