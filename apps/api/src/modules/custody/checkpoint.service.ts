import { EMPTY_ROOT, signCheckpointNote, toHex } from '@evmtrail/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';
import { currentKeyStore } from './key-store.ts';
import { checkLog, type LogFault } from './log-check.ts';
import * as checks from './log-check.repository.ts';
import * as repo from './log.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface SignedCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHex: string;
  readonly note: string;
  readonly logVkey: string;
  /**
   * False when the log failed its self-check: the checkpoint is then the newest one signed
   * before the fault (or empty), nothing new is signed, and `problem` says what is wrong.
   */
  readonly verified: boolean;
  readonly problem?: string;
}

async function headAndKey(db: Db, districtId: number, lock: boolean) {
  const head = await repo.getLogHead(db, districtId, lock);
  const key = await repo.getActiveKey(db, districtId);
  if (!head || !key) throw new Error(`District ${districtId} has no custody log`);
  return { head, key };
}

/**
 * The newest signed checkpoint covering the whole log. Reads take no lock when one exists;
 * otherwise the log is checked from its entry texts under the head lock (which appends hold
 * too) and signed only if everything agrees. A log that fails is recorded as unverified and
 * reads get the newest earlier checkpoint, marked unverified.
 */
export async function signCheckpoint(db: Kysely<DB>, input: { districtId: number; now: Date }): Promise<SignedCheckpoint> {
  const current = await currentCheckpoint(db, input.districtId, false);
  if (current) return current;
  return db.transaction().execute(async (tx) => {
    const locked = await currentCheckpoint(tx, input.districtId, true);
    if (locked) return locked;
    const { head, key } = await headAndKey(tx, input.districtId, false);
    const check = await checkLog(tx, head, key.vkey);
    if (!check.ok) return refuseToSign(tx, head, key.vkey, check.fault, input.now);
    const seed = await currentKeyStore().get(key.keyId);
    if (!seed) throw new Error(`The signing key ${key.keyId} of log ${head.origin} is not in the key store (${currentKeyStore().description})`);
    const note = signCheckpointNote({ ...key, privateSeed: seed }, head.origin, head.size, head.rootHash);
    await repo.insertCheckpoint(tx, {
      districtId: input.districtId, treeSize: head.size, rootHash: head.rootHash, note, keyId: key.keyId,
      createdAt: input.now, compactRange: check.compactRange,
    });
    return { origin: head.origin, size: head.size, rootHex: toHex(head.rootHash), note, logVkey: key.vkey, verified: true };
  });
}

async function refuseToSign(tx: Transaction<DB>, head: repo.LogHead, vkey: string, fault: LogFault, now: Date): Promise<SignedCheckpoint> {
  await checks.markUnverified(tx, head.districtId, fault.message, now);
  return lastGoodCheckpoint(tx, { ...head, unverifiedReason: fault.message }, vkey);
}

/** What reads are served while a log is unverified: the newest checkpoint within the head. */
async function lastGoodCheckpoint(db: Db, head: repo.LogHead, vkey: string): Promise<SignedCheckpoint> {
  const problem = head.unverifiedReason ?? `Log ${head.origin} is unverified`;
  const latest = await checks.getCheckpointAtMost(db, head.districtId, head.size);
  if (!latest) {
    return { origin: head.origin, size: 0, rootHex: toHex(EMPTY_ROOT), note: '', logVkey: vkey, verified: false, problem };
  }
  const rootHex = toHex(latest.rootHash);
  return { origin: head.origin, size: latest.treeSize, rootHex, note: latest.note, logVkey: vkey, verified: false, problem };
}

/** The newest checkpoint if it covers the head (or the last good one of an unverified log), else undefined. */
async function currentCheckpoint(db: Db, districtId: number, lock: boolean): Promise<SignedCheckpoint | undefined> {
  const { head, key } = await headAndKey(db, districtId, lock);
  if (head.unverifiedReason) return lastGoodCheckpoint(db, head, key.vkey);
  const latest = await repo.getLatestCheckpoint(db, districtId);
  if (!latest || latest.treeSize !== head.size) return undefined;
  return { origin: head.origin, size: head.size, rootHex: toHex(latest.rootHash), note: latest.note, logVkey: key.vkey, verified: true };
}

export interface LogStatus {
  readonly districtId: number;
  readonly districtName: string;
  readonly origin: string;
  readonly size: number;
  readonly signedSize: number;
  readonly verified: boolean;
  readonly problem?: string;
}

/**
 * Every district log's recorded status for the health endpoint. A head below its largest
 * signed checkpoint counts as unverified even before a signer has recorded it.
 */
export async function listLogStatuses(db: Db): Promise<LogStatus[]> {
  const rows = await checks.listLogStatuses(db);
  return rows.map(({ unverifiedReason, unverifiedAt: _at, ...row }) => {
    const rolledBack = row.signedSize > row.size
      ? `The head of log ${row.origin} says ${row.size} entries, but ${row.signedSize} were already signed: the head was rolled back`
      : undefined;
    const problem = unverifiedReason ?? rolledBack;
    return problem ? { ...row, verified: false, problem } : { ...row, verified: true };
  });
}
