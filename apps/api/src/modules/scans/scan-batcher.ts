import { ok, type RecordScanInput, type Result, type ScanResult } from '@evmtrail/shared';

import type { Db } from '../../db/handle.ts';
import { Rollback } from '../../failure.ts';
import type { Actor } from '../authority/authority.service.ts';
import { scanBatchForReceipt } from '../receipts/receipt-scan-batch.service.ts';
import * as repo from './scan.repository.ts';
import { keyReused, recordScan, replay, type ScanFailure } from './scan.service.ts';

type ScanCall = RecordScanInput & { actor: Actor; now: Date };

interface Waiting {
  readonly input: ScanCall;
  readonly resolve: (result: Result<ScanResult, ScanFailure>) => void;
  readonly reject: (error: unknown) => void;
}

/** Most scans one transaction takes; the rest wait for the next. */
export const MAX_GROUP = 200;

/** Scans waiting per district of one database, and whether a group of that district is running. */
const queues = new WeakMap<Db, Map<number, Waiting[]>>();

/**
 * Group commit: scans of one district that arrive while a transaction of that district is
 * running wait and then go together in the next one (one receipt lock, one log append, one
 * commit). Each caller's answer is given only after the commit that holds its scan. If the
 * group is refused anywhere, its scans are recorded one by one instead, so one bad scan never
 * fails the others.
 */
export function recordScanGrouped(db: Db, input: ScanCall): Promise<Result<ScanResult, ScanFailure>> {
  if (input.task.kind !== 'receipt') return recordScan(db, input);
  const byDistrict = queues.get(db) ?? new Map<number, Waiting[]>();
  queues.set(db, byDistrict);
  const queue = byDistrict.get(input.districtId);
  return new Promise((resolve, reject) => {
    if (queue) {
      queue.push({ input, resolve, reject });
      return;
    }
    const fresh: Waiting[] = [{ input, resolve, reject }];
    byDistrict.set(input.districtId, fresh);
    void drain(db, byDistrict, input.districtId, fresh);
  });
}

async function drain(db: Db, byDistrict: Map<number, Waiting[]>, districtId: number, queue: Waiting[]): Promise<void> {
  try {
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUP);
      await runGroup(db, districtId, group);
    }
  } finally {
    byDistrict.delete(districtId);
  }
}

async function runGroup(db: Db, districtId: number, group: readonly Waiting[]): Promise<void> {
  const single = group.length === 1 ? group[0] : undefined;
  if (single) return settle(single, () => recordScan(db, single.input));
  try {
    const answers = await db.transaction().execute((tx) => applyGroup(tx, districtId, group.map((w) => w.input)));
    group.forEach((w, i) => {
      const answer = answers[i];
      if (answer) w.resolve(ok(answer));
      else w.reject(new Error(`unreachable: no answer for scan ${w.input.key}`));
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      for (const w of group) w.reject(error);
      return;
    }
    for (const w of group) await settle(w, () => recordScan(db, w.input));
  }
}

async function settle(w: Waiting, work: () => Promise<Result<ScanResult, ScanFailure>>): Promise<void> {
  try {
    w.resolve(await work());
  } catch (error) {
    w.reject(error);
  }
}

/** The group in one transaction: keys claimed at once, repeats answered from what is stored. */
async function applyGroup(tx: Parameters<typeof repo.claimScanKey>[0], districtId: number, inputs: readonly ScanCall[]): Promise<ScanResult[]> {
  const firstOfKey = new Map<string, ScanCall>();
  for (const input of inputs) {
    const first = firstOfKey.get(input.key);
    // A key reused with another serial is refused; the scans then go one by one (runGroup).
    if (first && first.serial !== input.serial) throw new Rollback(keyReused(input, first.serial));
    if (!first) firstOfKey.set(input.key, input);
  }
  const firsts = [...firstOfKey.values()];
  const claimed = await repo.claimScanKeys(tx, firsts.map((i) => ({
    districtId, key: i.key, taskKind: i.task.kind, taskId: i.task.id, serial: i.serial,
    via: i.via, note: i.note ?? null, scannedAt: new Date(i.scannedAt), recordedAt: i.now, userId: i.actor.userId,
  })));
  const stored = await repo.storedResults(tx, districtId, firsts.filter((i) => !claimed.has(i.key)).map((i) => i.key));
  const fresh = firsts.filter((i) => claimed.has(i.key));
  const answers = new Map<string, ScanResult>();
  for (const receiptId of new Set(fresh.map((i) => i.task.id))) {
    const scans = fresh.filter((i) => i.task.id === receiptId)
      .map((i) => ({ actor: i.actor, districtId, receiptId, serial: i.serial, key: i.key, via: i.via, now: i.now }));
    for (const answer of await scanBatchForReceipt(tx, { districtId, receiptId, scans })) answers.set(answer.key, answer);
  }
  await repo.saveResults(tx, districtId, [...answers.values()]);
  const seen = new Set<string>();
  return inputs.map((input) => {
    const own = answers.get(input.key);
    const first = own && !seen.has(input.key);
    seen.add(input.key);
    if (own && first) return own;
    return replay(own ?? stored.get(input.key), input);
  });
}
