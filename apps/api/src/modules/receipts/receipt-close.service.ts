import { err, ok, type ReceiptDetail, type ReceiptSummary, type ResolveIssueInput, type Result } from '@evmtrail/shared';

import type { Db } from '../../db/handle.ts';
import { failure, Rollback } from '../../failure.ts';
import type { Actor } from '../authority/authority.service.ts';
import { applyUnitEventInTx, appendEventEntries } from '../units/unit.service.ts';
import * as repo from './receipt.repository.ts';
import { inTransaction, lockReceipt, receiptNotFound, type ReceiptFailure } from './receipt.service.ts';

export async function receiptDetail(db: Db, districtId: number, receiptId: number): Promise<Result<ReceiptDetail, ReceiptFailure>> {
  const summary = await repo.receiptSummary(db, districtId, receiptId);
  if (!summary) return err(receiptNotFound(receiptId));
  const base = { districtId, receiptId };
  return ok({
    ...summary,
    outstanding: await repo.linesByStatus(db, { ...base, status: 'expected', limit: 500 }),
    missingLines: await repo.linesByStatus(db, { ...base, status: 'missing', limit: 500 }),
    recent: await repo.linesByStatus(db, { ...base, status: 'received', limit: 50, newestFirst: true }),
    issues: await repo.listIssues(db, districtId, receiptId),
  });
}

/**
 * Every unit still expected is reported missing (lifecycle `report_missing`, one entry), and its
 * line with it; the DEO recovers a unit found later.
 */
export async function reportOutstandingMissing(
  db: Db,
  p: { actor: Actor; districtId: number; receiptId: number; reason: string; now: Date },
): Promise<Result<ReceiptSummary, ReceiptFailure>> {
  return inTransaction(db, async (tx) => {
    const receipt = await lockReceipt(tx, { ...p, status: ['receiving'], step: 'report units missing' });
    const serials = await repo.outstandingSerials(tx, p.districtId, p.receiptId);
    if (serials.length === 0) throw new Rollback(failure('invalid_input', `Receipt ${receipt.orderRef} expects no more units`, { orderRef: receipt.orderRef }));
    await applyUnitEventInTx(tx, {
      actor: p.actor, districtId: p.districtId, serials, event: 'report_missing', now: p.now,
      reason: `Not delivered against supply order ${receipt.orderRef} (${receipt.maker}): ${p.reason}`,
    });
    const marked = await repo.markLines(tx, { ...p, serials, from: 'expected', to: 'missing', by: p.actor.userId });
    await repo.bumpCounters(tx, p.districtId, p.receiptId, { missing: marked });
    return summaryOf(tx, p);
  });
}

/**
 * Closes a receipt: refused while this device holds unsent scans, while any unit is still
 * expected, or while an orphan or serial conflict waits for the DEO.
 */
export async function completeReceipt(
  db: Db,
  p: { actor: Actor; districtId: number; receiptId: number; unsyncedScans: number; now: Date },
): Promise<Result<ReceiptSummary, ReceiptFailure>> {
  return inTransaction(db, async (tx) => {
    const receipt = await lockReceipt(tx, { ...p, status: ['receiving'], step: 'be completed' });
    const ref = { orderRef: receipt.orderRef };
    if (p.unsyncedScans > 0) {
      throw new Rollback(failure('unsynced_scans', `Receipt ${receipt.orderRef} cannot be completed while ${p.unsyncedScans} scan(s) on this device are not yet sent`, { ...ref, count: p.unsyncedScans }));
    }
    const outstanding = receipt.expectedCount - receipt.receivedCount - receipt.missingCount;
    if (outstanding > 0) {
      throw new Rollback(failure('receipt_outstanding', `Receipt ${receipt.orderRef} still expects ${outstanding} unit(s): receive them or report them missing`, { ...ref, count: outstanding, what: 'units' }));
    }
    const open = await repo.openIssueCount(tx, p.districtId, p.receiptId);
    if (open > 0) {
      throw new Rollback(failure('receipt_outstanding', `Receipt ${receipt.orderRef} has ${open} orphan(s) or serial conflict(s) for the DEO to resolve`, { ...ref, count: open, what: 'issues' }));
    }
    await repo.setStatus(tx, { ...p, status: 'completed', by: p.actor.userId });
    await appendEventEntries(tx, p.districtId, [{
      type: 'RECEIPT_COMPLETED', units: [], from: receipt.orderRef, to: receipt.orderRef, actor: p.actor.username,
      reason: `Supply order ${receipt.orderRef} (${receipt.maker}): ${receipt.receivedCount} received, ${receipt.missingCount} missing, of ${receipt.expectedCount} expected`,
    }], p.now);
    return summaryOf(tx, p);
  });
}

/**
 * The DEO settles an orphan (added to the receipt: the unit is made, dispatched by the maker and
 * received here, all logged) or any issue by returning the unit to the maker (noted and logged).
 */
export async function resolveIssue(db: Db, p: ResolveIssueInput & { actor: Actor; now: Date }): Promise<Result<ReceiptSummary, ReceiptFailure>> {
  return inTransaction(db, async (tx) => {
    const receipt = await lockReceipt(tx, { ...p, status: ['receiving'], step: 'have its orphans and conflicts resolved' });
    const issue = await repo.findIssue(tx, p);
    const what = p.kind === 'orphan' ? 'orphan' : 'serial conflict';
    if (!issue) throw new Rollback(failure('not_found', `Receipt ${receipt.orderRef} has no ${what} ${p.serial}`, { serial: p.serial, orderRef: receipt.orderRef }));
    if (issue.resolution !== null) throw new Rollback(failure('conflict', `The ${what} ${p.serial} of receipt ${receipt.orderRef} is already resolved`, { serial: p.serial }));
    const resolution = p.resolution === 'added' ? { kind: p.unitKind, model: p.model, year: p.year } : undefined;
    if (resolution) await addOrphan(tx, { ...p, receipt, unit: resolution });
    else {
      await appendEventEntries(tx, p.districtId, [{
        type: 'RECEIPT_RETURN_TO_MAKER', units: [p.serial], from: receipt.orderRef, to: `MFR-${receipt.maker}`, actor: p.actor.username,
        reason: `${what === 'orphan' ? 'Orphan' : 'Serial conflict'} ${p.serial} of supply order ${receipt.orderRef}: to go back to ${receipt.maker}. ${p.note}`,
      }], p.now);
    }
    await repo.resolveIssue(tx, { ...p, by: p.actor.userId, ...(resolution ? { unit: resolution } : {}) });
    if (p.kind === 'orphan') await repo.bumpCounters(tx, p.districtId, p.receiptId, { orphan: -1 });
    return summaryOf(tx, p);
  });
}

async function addOrphan(
  tx: Parameters<typeof applyUnitEventInTx>[0],
  p: { actor: Actor; districtId: number; receiptId: number; serial: string; note: string; now: Date; receipt: repo.ReceiptRow; unit: { kind: string; model: string; year: number } },
): Promise<void> {
  const known = await repo.knownSerials(tx, [p.serial]);
  if (known.length > 0) throw new Rollback(failure('conflict', `Unit ${p.serial} is already held; it cannot be added as new`, { serial: p.serial }));
  const ownerBodyId = await repo.eciBodyId(tx);
  if (ownerBodyId === undefined) throw new Error('No ECI election body: the reference data is missing');
  const plant = await repo.ensureMakerLocation(tx, p.districtId, p.receipt.maker);
  const line = { line: 0, serial: p.serial, ...p.unit };
  await repo.insertManufacturedUnits(tx, { districtId: p.districtId, maker: p.receipt.maker, ownerBodyId, locationId: plant, now: p.now, lines: [line] });
  const maker: Actor = { ...p.actor, username: `maker.${p.receipt.maker.toLowerCase()}`, role: 'engineer' };
  const reason = `Orphan of supply order ${p.receipt.orderRef} added by the DEO: ${p.note}`;
  await applyUnitEventInTx(tx, { actor: maker, districtId: p.districtId, serials: [p.serial], event: 'dispatch_from_factory', toLocationId: plant, now: p.now, reason });
  await applyUnitEventInTx(tx, { actor: p.actor, districtId: p.districtId, serials: [p.serial], event: 'receive', toLocationId: p.receipt.destinationId, now: p.now, reason });
  await repo.addReceivedLine(tx, { districtId: p.districtId, receiptId: p.receiptId, serial: p.serial, ...p.unit, by: p.actor.userId, now: p.now });
  await repo.bumpCounters(tx, p.districtId, p.receiptId, { expected: 1, received: 1 });
}

async function summaryOf(tx: Parameters<typeof repo.receiptSummary>[0], p: { districtId: number; receiptId: number }): Promise<ReceiptSummary> {
  const summary = await repo.receiptSummary(tx, p.districtId, p.receiptId);
  if (!summary) throw new Error('unreachable: the receipt is locked');
  return summary;
}
