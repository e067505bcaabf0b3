import type { LogEntryDraft, ScanResult, ScanTally, UnitState } from '@evmtrail/shared';

import type { Tx } from '../../db/handle.ts';
import { Rollback } from '../../failure.ts';
import { judge } from '../authority/authority.service.ts';
import { unitView, visibleUnit } from '../scans/scanned-unit.ts';
import { applyUnitEventsInTx } from '../units/unit-batch.service.ts';
import { findUnitsBySerial } from '../units/unit.repository.ts';
import { appendEventEntries, type UnitEventInput } from '../units/unit.service.ts';
import type { ReceiptScan } from './receipt-scan.service.ts';
import * as repo from './receipt.repository.ts';
import { lockReceipt } from './receipt.service.ts';

type Decided = Pick<ScanResult, 'outcome' | 'detail' | 'unit'>;

/**
 * Many scans of one receipt decided together in the caller's transaction (group commit): the
 * receipt, its lines and the units are read once, each scan is decided in arrival order exactly
 * as `scanForReceipt` decides one, every accepted unit gets its own `receive` event and log entry
 * (through the unit service's batch path), and the counters move once. Any refusal throws
 * `Rollback`; the caller then records the scans one by one.
 */
export async function scanBatchForReceipt(tx: Tx, p: { districtId: number; receiptId: number; scans: readonly ReceiptScan[] }): Promise<ScanResult[]> {
  for (const scan of p.scans) {
    const verdict = await judge(tx, scan.actor, 'receipt.manage');
    if (!verdict.ok) throw new Rollback(verdict.error);
  }
  const receipt = await lockReceipt(tx, { ...p, status: ['receiving'], step: 'take scans' });
  const serials = [...new Set(p.scans.map((s) => s.serial))];
  const lines = new Map((await repo.lockLines(tx, p.districtId, p.receiptId, serials)).map((l) => [l.serial, l.status]));
  const units = new Map((await findUnitsBySerial(tx, serials)).map((u) => [u.serial, u]));
  const destination = await repo.findDestination(tx, p.districtId, receipt.destinationId);
  const taken = new Set<string>();
  const orphans = new Set<string>();
  const events: UnitEventInput[] = [];
  const decided = p.scans.map((scan): Decided => {
    const line = lines.get(scan.serial);
    const unit = units.get(scan.serial);
    const visible = visibleUnit(unit, { districtId: p.districtId, actor: scan.actor });
    if (line === 'received' || (line && taken.has(scan.serial))) {
      const now = taken.has(scan.serial) && visible ? { ...unitView(visible), state: 'in_warehouse' as UnitState, locationName: destination?.name ?? visible.locationName } : visible && unitView(visible);
      return { outcome: 'duplicate', detail: `Unit ${scan.serial} was already received on receipt ${receipt.orderRef}; it counts once`, ...(now ? { unit: now } : {}) };
    }
    if (line && visible && visible.state === 'in_transit') {
      taken.add(scan.serial);
      events.push({
        actor: scan.actor, districtId: p.districtId, serials: [scan.serial], event: 'receive', toLocationId: receipt.destinationId, now: scan.now,
        reason: `Supply order ${receipt.orderRef} (${receipt.maker}), scanned (${scan.via})`,
      });
      const name = destination?.name ?? 'the destination';
      return { outcome: 'accepted', detail: `Unit ${scan.serial} received into ${name}`, unit: { ...unitView(visible), state: 'in_warehouse', locationName: name } };
    }
    if (line && visible) return { outcome: 'wrong_state', detail: `Unit ${scan.serial} is on the manifest but is ${visible.state.replaceAll('_', ' ')} at ${visible.locationName}; it cannot be received now`, unit: unitView(visible) };
    if (visible) return { outcome: 'wrong_place', detail: `Unit ${scan.serial} is not on the manifest of ${receipt.orderRef}: it is held at ${visible.locationName} (${visible.state.replaceAll('_', ' ')})`, unit: unitView(visible) };
    if (unit) return { outcome: 'wrong_place', detail: `Unit ${scan.serial} is not on the manifest of ${receipt.orderRef}: it is held in another district` };
    orphans.add(scan.serial);
    return { outcome: 'orphan', detail: `Unit ${scan.serial} is here but not on the manifest of ${receipt.orderRef}, and no district holds it` };
  });
  if (events.length > 0) {
    await applyUnitEventsInTx(tx, p.districtId, events);
    // Each line is marked received by whoever scanned it.
    for (const userId of new Set(events.map((e) => e.actor.userId))) {
      const own = events.filter((e) => e.actor.userId === userId);
      const serials = own.flatMap((e) => e.serials);
      await repo.markLines(tx, { districtId: p.districtId, receiptId: p.receiptId, serials, from: 'expected', to: 'received', by: userId, now: own[own.length - 1]?.now ?? new Date() });
    }
  }
  const fresh = await recordOrphans(tx, { ...p, receipt, orphans, decided });
  return tallied({ scans: p.scans, decided, fresh, receipt, tx, districtId: p.districtId, receiptId: p.receiptId });
}

async function recordOrphans(
  tx: Tx,
  p: { districtId: number; receiptId: number; scans: readonly ReceiptScan[]; receipt: repo.ReceiptRow; orphans: Set<string>; decided: Decided[] },
): Promise<Set<string>> {
  if (p.orphans.size === 0) return new Set();
  const first = (serial: string) => p.scans.find((s) => s.serial === serial);
  const issues = [...p.orphans].map((serial) => ({ kind: 'orphan' as const, serial, line: null, detail: `Unit ${serial} is here but not on the manifest of ${p.receipt.orderRef}, and no district holds it` }));
  const fresh = await repo.insertOrphans(tx, p.districtId, p.receiptId, issues, p.scans[0]?.now ?? new Date());
  const drafts: LogEntryDraft[] = [...fresh].flatMap((serial) => {
    const scan = first(serial);
    return scan ? [{
      type: 'RECEIPT_ORPHAN', units: [serial], from: `MFR-${p.receipt.maker}`, to: p.receipt.orderRef, actor: scan.actor.username,
      reason: `Scanned against supply order ${p.receipt.orderRef} (${p.receipt.maker}) but not on its manifest; for the DEO`, at: scan.now,
    }] : [];
  });
  if (drafts.length > 0) await appendEventEntries(tx, p.districtId, drafts, p.scans[0]?.now ?? new Date());
  return fresh;
}

/** Each scan's answer with the running tally after it; the counters move once for the batch. */
async function tallied(p: { tx: Tx; districtId: number; receiptId: number; scans: readonly ReceiptScan[]; decided: Decided[]; fresh: Set<string>; receipt: repo.ReceiptRow }): Promise<ScanResult[]> {
  const t: ScanTally = { expected: p.receipt.expectedCount, accepted: p.receipt.receivedCount, missing: 0, orphan: p.receipt.orphanCount, rejected: p.receipt.rejectedCount };
  const counted = new Set<string>();
  const start = { ...t };
  const results = p.scans.map((scan, i): ScanResult => {
    const d = p.decided[i] as Decided;
    if (d.outcome === 'accepted') t.accepted += 1;
    else if (d.outcome === 'orphan') {
      if (p.fresh.has(scan.serial) && !counted.has(scan.serial)) {
        counted.add(scan.serial);
        t.orphan += 1;
      }
    } else t.rejected += 1;
    const isFirstOrphan = d.outcome === 'orphan' && p.fresh.has(scan.serial) && p.scans.findIndex((s) => s.serial === scan.serial) === i;
    const detail = d.outcome === 'orphan' && !isFirstOrphan ? `${d.detail} (already recorded)` : d.detail;
    return { key: scan.key, serial: scan.serial, replayed: false, recordedAt: scan.now.toISOString(), ...d, detail, tally: { ...t, missing: t.expected - t.accepted } };
  });
  await repo.bumpCounters(p.tx, p.districtId, p.receiptId, { received: t.accepted - start.accepted, orphan: t.orphan - start.orphan, rejected: t.rejected - start.rejected });
  return results;
}
