import {
  err, MANIFEST_CHUNK_LINES, ok,
  type ManifestReport, type ManifestProblem, type Maker, type ReceiptSummary, type Result,
} from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import type { Actor } from '../authority/authority.service.ts';
import { applyUnitEventsInTx } from '../units/unit-batch.service.ts';
import { appendEventEntries, type UnitEventInput } from '../units/unit.service.ts';
import { checkManifest } from './manifest-check.service.ts';
import * as repo from './receipt.repository.ts';

export type ReceiptFailure = Failure<
  'not_found' | 'invalid_input' | 'conflict' | 'manifest_has_problems' | 'receipt_status' | 'receipt_outstanding' |
  'unsynced_scans' | 'log_not_found' | 'log_unverified' | 'forbidden' | 'outside_jurisdiction' | 'illegal_transition' |
  'role_not_allowed' | 'unit_on_hold' | 'flc_not_current' | 'training_unit' | 'location_required'
>;

/** Units per dispatch entry when a manifest is accepted (one custody-log entry each). */
const DISPATCH_ENTRY_UNITS = 1000;
/** Units per locked batch inside the acceptance (a statement's parameter list stays small). */
const ACCEPT_BATCH_UNITS = 10_000;

export function receiptNotFound(receiptId: number): Failure<'not_found'> {
  return failure('not_found', `Receipt ${receiptId} not found in this district`, { receiptId });
}

/** Runs `work` in one transaction; a `Rollback` comes back as its failure. */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, ReceiptFailure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as ReceiptFailure);
    throw error;
  }
}

/** The receipt row-locked, in the status the step needs; else a Rollback naming the order. */
export async function lockReceipt(tx: Tx, p: { districtId: number; receiptId: number; status: repo.ReceiptRow['status'][]; step: string }): Promise<repo.ReceiptRow> {
  const receipt = await repo.findReceipt(tx, p.districtId, p.receiptId, true);
  if (!receipt) throw new Rollback(receiptNotFound(p.receiptId));
  if (!p.status.includes(receipt.status)) {
    throw new Rollback(failure('receipt_status', `Receipt ${receipt.orderRef} is ${receipt.status}: it cannot ${p.step}`, { orderRef: receipt.orderRef, status: receipt.status }));
  }
  return receipt;
}

export async function createReceipt(
  db: Db,
  p: { actor: Actor; districtId: number; maker: Maker; orderRef: string; destinationId: number; now: Date },
): Promise<Result<ReceiptSummary, ReceiptFailure>> {
  return inTransaction(db, async (tx) => {
    const destination = await repo.findDestination(tx, p.districtId, p.destinationId);
    if (!destination) throw new Rollback(failure('not_found', `Location ${p.destinationId} not found in this district`, { locationId: p.destinationId }));
    if (!['warehouse', 'strongroom'].includes(destination.kind)) {
      throw new Rollback(failure('invalid_input', `${destination.name} is a ${destination.kind}: units from a maker are received into a warehouse or strongroom`, { locationName: destination.name }));
    }
    const id = await repo.insertReceipt(tx, { ...p, createdBy: p.actor.userId });
    if (id === undefined) throw new Rollback(failure('conflict', `Supply order ${p.orderRef} of ${p.maker} already has a receipt in this district`, { orderRef: p.orderRef }));
    const summary = await repo.receiptSummary(tx, p.districtId, id);
    if (!summary) throw new Error('unreachable: the receipt was just made');
    return summary;
  });
}

export async function uploadManifestChunk(
  db: Db,
  p: { districtId: number; receiptId: number; firstLine: number; text: string },
): Promise<Result<{ uploadedLines: number }, ReceiptFailure>> {
  const lines = p.text.split(/\r?\n/).map((text, i) => ({ line: p.firstLine + i, text: text.trim() }));
  if (lines.length > MANIFEST_CHUNK_LINES + 1) {
    return err(failure('invalid_input', `A manifest chunk may hold at most ${MANIFEST_CHUNK_LINES} lines, this one holds ${lines.length}`, { limit: MANIFEST_CHUNK_LINES }));
  }
  const tooLong = lines.find((l) => l.text.length > 200);
  if (tooLong) return err(failure('invalid_input', `Manifest line ${tooLong.line} is longer than 200 characters`, { line: tooLong.line }));
  return inTransaction(db, async (tx) => {
    await lockReceipt(tx, { ...p, status: ['draft'], step: 'take a manifest any more' });
    const uploadedLines = await repo.storeUploadChunk(tx, { ...p, lines: lines.filter((l) => l.text !== '') });
    return { uploadedLines };
  });
}

export async function validateManifest(db: Db, p: { districtId: number; receiptId: number; now: Date }): Promise<Result<ManifestReport, ReceiptFailure>> {
  const receipt = await repo.findReceipt(db, p.districtId, p.receiptId);
  if (!receipt) return err(receiptNotFound(p.receiptId));
  return ok((await checkManifest(db, { ...p, maker: receipt.maker })).report);
}

/**
 * Accepts a manifest in one transaction: the clean lines' units are made at the maker's plant
 * and dispatched from the factory through the unit service (one entry per thousand units), the
 * receipt expects them, serial conflicts go to the DEO, and a RECEIPT_ACCEPTED entry records the
 * acceptance. Refused while any line has a problem, unless the caller leaves those lines out.
 */
export async function acceptManifest(
  db: Db,
  p: { actor: Actor; districtId: number; receiptId: number; excludeProblemLines: boolean; now: Date },
): Promise<Result<ReceiptSummary, ReceiptFailure>> {
  return inTransaction(db, async (tx) => {
    const receipt = await lockReceipt(tx, { ...p, status: ['draft'], step: 'be accepted again' });
    const { clean, problems, report } = await checkManifest(tx, { ...p, maker: receipt.maker });
    if (problems.length > 0 && !p.excludeProblemLines) {
      throw new Rollback(failure('manifest_has_problems', `The manifest of ${receipt.orderRef} has ${problems.length} problem(s) on ${report.lines - report.clean} line(s): correct it, or accept it leaving those lines out`, { orderRef: receipt.orderRef, count: problems.length }));
    }
    if (clean.length === 0) throw new Rollback(failure('manifest_has_problems', `The manifest of ${receipt.orderRef} has no line to accept`, { orderRef: receipt.orderRef, count: problems.length }));
    const lines = clean.map((l) => ({ line: l.line, serial: l.serial, kind: l.kind, model: l.model, year: l.year }));
    await takeInFromMaker(tx, { ...p, receipt, lines });
    await repo.insertLines(tx, p.districtId, p.receiptId, lines);
    await repo.insertIssues(tx, p.districtId, p.receiptId, conflictsOf(problems), p.now);
    await repo.bumpCounters(tx, p.districtId, p.receiptId, { expected: lines.length });
    await repo.setStatus(tx, { ...p, status: 'receiving', by: p.actor.userId });
    const destination = await repo.findDestination(tx, p.districtId, receipt.destinationId);
    await appendEventEntries(tx, p.districtId, [{
      type: 'RECEIPT_ACCEPTED', units: [], from: `MFR-${receipt.maker}`, to: destination?.code ?? String(receipt.destinationId), actor: p.actor.username,
      reason: `Manifest of supply order ${receipt.orderRef} (${receipt.maker}) accepted: ${lines.length} units expected, ${report.lines - report.clean} line(s) left out`,
    }], p.now);
    const summary = await repo.receiptSummary(tx, p.districtId, p.receiptId);
    if (!summary) throw new Error('unreachable: the receipt is locked');
    return summary;
  });
}

/** Serials the manifest repeats or that are held already: the DEO settles each. */
function conflictsOf(problems: readonly ManifestProblem[]): repo.NewIssue[] {
  const seen = new Set<string>();
  return problems.flatMap((x) => {
    if (!['duplicate_in_file', 'known_in_district', 'known_elsewhere'].includes(x.type) || seen.has(x.serial)) return [];
    seen.add(x.serial);
    const detail = x.type === 'duplicate_in_file'
      ? `Serial ${x.serial} is written on lines ${x.otherLine ?? '?'} and ${x.line} of the manifest`
      : x.type === 'known_in_district'
        ? `Serial ${x.serial} (line ${x.line}) is already held in this district, at ${x.locationName ?? '?'}`
        : `Serial ${x.serial} (line ${x.line}) is already held in another district`;
    return [{ kind: 'conflict' as const, serial: x.serial, line: x.line, detail }];
  });
}

/** Units made at the maker's plant, then dispatched from the factory by the maker (its manifest). */
async function takeInFromMaker(tx: Tx, p: { actor: Actor; districtId: number; receipt: repo.ReceiptRow; lines: readonly repo.NewLine[]; now: Date }): Promise<void> {
  const ownerBodyId = await repo.eciBodyId(tx);
  if (ownerBodyId === undefined) throw new Error('No ECI election body: the reference data is missing');
  const plant = await repo.ensureMakerLocation(tx, p.districtId, p.receipt.maker);
  await repo.insertManufacturedUnits(tx, { districtId: p.districtId, maker: p.receipt.maker, ownerBodyId, locationId: plant, now: p.now, lines: p.lines });
  // The maker ships against the order: its manifest is the dispatch record, in its name.
  const maker: Actor = { userId: p.actor.userId, username: `maker.${p.receipt.maker.toLowerCase()}`, role: 'engineer', jurisdiction: p.actor.jurisdiction };
  for (let i = 0; i < p.lines.length; i += ACCEPT_BATCH_UNITS) {
    const batch = p.lines.slice(i, i + ACCEPT_BATCH_UNITS);
    const events: UnitEventInput[] = [];
    for (let j = 0; j < batch.length; j += DISPATCH_ENTRY_UNITS) {
      events.push({
        actor: maker, districtId: p.districtId, serials: batch.slice(j, j + DISPATCH_ENTRY_UNITS).map((l) => l.serial),
        event: 'dispatch_from_factory', toLocationId: plant, now: p.now,
        reason: `Supply order ${p.receipt.orderRef} (${p.receipt.maker}), manifest accepted by ${p.actor.username}`,
      });
    }
    await applyUnitEventsInTx(tx, p.districtId, events);
  }
}
