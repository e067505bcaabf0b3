import { err, ok, type RecordScanInput, type Result, type ScanResult, type ScanTaskKind } from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import type { Actor } from '../authority/authority.service.ts';
import { scanForConsignmentLoad, scanForConsignmentReceive } from '../consignments/consignment.service.ts';
import { scanForReceipt } from '../receipts/receipt-scan.service.ts';
import type { ReceiptFailure } from '../receipts/receipt.service.ts';
import { scanForStocktake } from '../stocktakes/stocktake-scan.service.ts';
import type { StocktakeFailure } from '../stocktakes/stocktake.service.ts';
import { scanForFlc } from '../flc/flc-scan.service.ts';
import type { FlcFailure } from '../flc/flc.service.ts';
import { scanForSetIssue } from '../sets/sets.service.ts';
import * as repo from './scan.repository.ts';

export type ScanFailure = ReceiptFailure | StocktakeFailure | FlcFailure | Failure<'invalid_input'>;

type ScanInTask = Pick<RecordScanInput, 'districtId' | 'serial' | 'key' | 'via' | 'flc'> & { readonly taskId: number; readonly actor: Actor; readonly now: Date };

/**
 * The flows that take scans, by task kind: each decides the outcome inside the scan's transaction
 * (throwing a Rollback to refuse). A kind without a handler is refused.
 */
const HANDLERS: Partial<Record<ScanTaskKind, (tx: Tx, scan: ScanInTask) => Promise<ScanResult>>> = {
  receipt: (tx, s) => scanForReceipt(tx, { actor: s.actor, districtId: s.districtId, receiptId: s.taskId, serial: s.serial, key: s.key, via: s.via, now: s.now }),
  consignment_load: (tx, s) => scanForConsignmentLoad(tx, { actor: s.actor, districtId: s.districtId, consignmentId: s.taskId, serial: s.serial, key: s.key, via: s.via, now: s.now }),
  consignment_receive: (tx, s) => scanForConsignmentReceive(tx, { actor: s.actor, districtId: s.districtId, consignmentId: s.taskId, serial: s.serial, key: s.key, via: s.via, now: s.now }),
  stocktake: (tx, s) => scanForStocktake(tx, { actor: s.actor, districtId: s.districtId, stocktakeId: s.taskId, serial: s.serial, key: s.key, now: s.now }),
  set_issue: (tx, s) => scanForSetIssue(tx, { actor: s.actor, districtId: s.districtId, routeId: s.taskId, serial: s.serial, key: s.key, now: s.now }),
  flc: (tx, s) => scanForFlc(tx, { actor: s.actor, districtId: s.districtId, campaignId: s.taskId, serial: s.serial, key: s.key, flc: s.flc, now: s.now }),
};

/**
 * Records one scan, applying its idempotency key at most once: in ONE transaction the key is
 * claimed, the task's handler decides the outcome (a receipt moves the unit, with its log entry;
 * a stocktake only records what it saw), and the answer
 * is stored with the key. A key seen before answers its stored result with `replayed: true`.
 * The answer leaves only after the commit.
 */
export async function recordScan(db: Db, input: RecordScanInput & { actor: Actor; now: Date }): Promise<Result<ScanResult, ScanFailure>> {
  const handler = HANDLERS[input.task.kind];
  if (!handler) {
    return err(failure('invalid_input', `Scans for '${input.task.kind}' are not taken yet`, { task: input.task.kind }));
  }
  try {
    const result = await db.transaction().execute(async (tx) => {
      const claimed = await repo.claimScanKey(tx, {
        districtId: input.districtId, key: input.key, taskKind: input.task.kind, taskId: input.task.id, serial: input.serial,
        via: input.via, note: input.note ?? null, scannedAt: new Date(input.scannedAt), recordedAt: input.now, userId: input.actor.userId,
      });
      if (!claimed) return replay(await repo.storedResult(tx, input.districtId, input.key), input);
      const answer = await handler(tx, {
        actor: input.actor, districtId: input.districtId, taskId: input.task.id, serial: input.serial,
        key: input.key, via: input.via, flc: input.flc, now: input.now,
      });
      await repo.saveResult(tx, input.districtId, answer);
      return answer;
    });
    return ok(result);
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as ScanFailure);
    throw error;
  }
}

/**
 * The stored answer of a key seen before. The same key with another serial is not a repeat but a
 * client bug (or a forged key): refused, so the second unit is never silently answered for.
 */
export function replay(stored: ScanResult | undefined, input: { readonly key: string; readonly serial: string }): ScanResult {
  if (!stored) throw new Error(`unreachable: scan ${input.key} was claimed without a result`);
  if (stored.serial !== input.serial) throw new Rollback(keyReused(input, stored.serial));
  return { ...stored, replayed: true };
}

export function keyReused(input: { readonly key: string; readonly serial: string }, earlierSerial: string): Failure<'conflict'> {
  return failure('conflict', `Scan key ${input.key} was already used for unit ${earlierSerial}; unit ${input.serial} cannot be recorded under it. Scan it again.`, { serial: input.serial });
}

export async function listScans(db: Db, p: { districtId: number; taskKind: string; taskId: number; limit: number }): Promise<ScanResult[]> {
  return repo.listScans(db, p);
}
