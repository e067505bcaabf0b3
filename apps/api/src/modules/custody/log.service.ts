import { randomBytes } from 'node:crypto';

import {
  EMPTY_ROOT,
  LogBuilder,
  MemoryNodeStore,
  checkpointKey,
  consistencyProofRanges,
  err,
  frontierOf,
  hashRange,
  inclusionProofRanges,
  ok,
  rangeSubtrees,
  serverDevice,
  toHex,
  type LogEntryDraft,
  encodeBundle,
  LOG_BUNDLE_FORMAT_V2,
  levelWidths,
  type Result,
} from '@evmtrail/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';
import { signCheckpoint } from './checkpoint.service.ts';
import { storedHashPage } from './export.repository.ts';
import { currentKeyStore } from './key-store.ts';
import * as repo from './log.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export { serverDevice, type LogEntryDraft };
export { signCheckpoint, type SignedCheckpoint } from './checkpoint.service.ts';

export type LogError =
  | { readonly type: 'log_not_found'; readonly message: string }
  | { readonly type: 'log_unverified'; readonly message: string }
  | { readonly type: 'index_out_of_range'; readonly message: string };

/**
 * Creates a district's log head and its Ed25519 checkpoint key. The private seed goes to the
 * process's KeyStore (a key file for the demo, an HSM in a real deployment), never the database.
 */
export async function ensureDistrictLog(
  db: Db,
  input: { districtId: number; origin: string; keySeed?: Uint8Array; now?: Date },
): Promise<void> {
  if (await repo.getLogHead(db, input.districtId)) return;
  const { privateSeed, ...key } = checkpointKey(input.origin, input.keySeed ?? new Uint8Array(randomBytes(32)));
  await currentKeyStore().put(key.keyId, privateSeed);
  const head = { districtId: input.districtId, origin: input.origin, size: 0, rootHash: EMPTY_ROOT };
  await repo.createLogHead(db, { ...head, key }, input.now ?? new Date());
}

/**
 * Appends entries to a district log inside the caller's transaction: takes the head lock,
 * extends the device chains, stores every new complete Merkle subtree and moves the head.
 * Returns the index of each entry.
 */
export async function appendEntries(
  tx: Transaction<DB>,
  districtId: number,
  drafts: readonly LogEntryDraft[],
  now: Date,
): Promise<Result<{ indices: number[]; size: number; rootHex: string }, LogError>> {
  const head = await repo.getLogHead(tx, districtId, true);
  if (!head) return err({ type: 'log_not_found', message: `District ${districtId} has no custody log` });
  const unverified = await unverifiedReason(tx, head);
  if (unverified) return err({ type: 'log_unverified', message: `Custody log ${head.origin} is unverified, so nothing can be recorded: ${unverified}` });
  const devs = [...new Set(drafts.map((d) => d.dev ?? serverDevice(head.origin)))];
  const deviceHeads = await repo.getDeviceHeads(tx, districtId, devs);
  const frontier = await repo.getNodes(tx, districtId, frontierOf(head.size));
  const builder = new LogBuilder({
    origin: head.origin, size: head.size, devices: deviceHeads.values(),
    nodes: new MemoryNodeStore(frontierOf(head.size).map((r) => ({ ...r, hash: mustGet(frontier, r.level, r.index) }))),
    salt: () => new Uint8Array(randomBytes(16)),
  });
  const rows: repo.NewEntryRow[] = drafts.map((draft) => {
    const { idx, text, leafHash, entry, ts } = builder.append(draft, now);
    return { idx, entry: text, leafHash, type: draft.type, event: draft.event ?? null, ts, actor: draft.actor, dev: entry.dev, devSeq: entry.devSeq, units: draft.units };
  });
  const size = builder.size;
  const rootHash = builder.root();
  await repo.insertEntries(tx, districtId, rows, builder.takeNewNodes());
  await repo.saveDeviceHeads(tx, districtId, builder.touchedDevices());
  await repo.saveLogHead(tx, { ...head, size, rootHash }, now);
  return ok({ indices: rows.map((r) => r.idx), size, rootHex: toHex(rootHash) });
}

/** Why appends must stop: a recorded failed self-check, or an entry past the head (a rolled-back head). */
async function unverifiedReason(tx: Transaction<DB>, head: repo.LogHead): Promise<string | undefined> {
  if (head.unverifiedReason) return head.unverifiedReason;
  if (await repo.hasEntry(tx, head.districtId, head.size)) {
    return `entry ${head.size} is stored but the head says ${head.size} entries: the head was rolled back`;
  }
  return undefined;
}

function mustGet(nodes: Map<string, Uint8Array>, level: number, index: number): Uint8Array {
  const hash = nodes.get(repo.nodeKey(level, index));
  if (!hash) throw new Error(`Merkle node ${level}/${index} is missing from the store`);
  return hash;
}

/** MTH of each range, computed from stored complete subtrees in one query. */
async function hashRanges(db: Db, districtId: number, ranges: ReadonlyArray<readonly [number, number]>): Promise<Uint8Array[]> {
  const perRange = ranges.map(([start, end]) => rangeSubtrees(start, end));
  const nodes = await repo.getNodes(db, districtId, perRange.flat());
  return perRange.map((refs) => hashRange(refs.map((r) => mustGet(nodes, r.level, r.index))));
}

export async function inclusionProof(
  db: Db,
  input: { districtId: number; index: number; treeSize: number },
): Promise<Result<string[], LogError>> {
  const head = await repo.getLogHead(db, input.districtId);
  if (!head) return err({ type: 'log_not_found', message: `District ${input.districtId} has no custody log` });
  if (input.treeSize > head.size || input.index >= input.treeSize) {
    return err({ type: 'index_out_of_range', message: `Entry ${input.index} is not in a tree of size ${input.treeSize} (log ${head.origin} has ${head.size} entries)` });
  }
  const [proof] = await inclusionProofs(db, input.districtId, [input.index], input.treeSize);
  return ok(proof ?? []);
}

/** Inclusion proofs for several entries of one tree size, read in one query. */
export async function inclusionProofs(db: Db, districtId: number, indices: readonly number[], treeSize: number): Promise<string[][]> {
  const rangeLists = indices.map((index) => inclusionProofRanges(index, treeSize));
  const hashes = await hashRanges(db, districtId, rangeLists.flat());
  let at = 0;
  return rangeLists.map((ranges) => {
    const proof = hashes.slice(at, at + ranges.length).map(toHex);
    at += ranges.length;
    return proof;
  });
}

export async function consistencyProof(
  db: Db,
  input: { districtId: number; fromSize: number; toSize: number },
): Promise<Result<string[], LogError>> {
  const head = await repo.getLogHead(db, input.districtId);
  if (!head) return err({ type: 'log_not_found', message: `District ${input.districtId} has no custody log` });
  if (input.toSize > head.size || input.fromSize > input.toSize || input.fromSize < 1) {
    return err({ type: 'index_out_of_range', message: `No consistency proof from size ${input.fromSize} to ${input.toSize} (log ${head.origin} has ${head.size} entries)` });
  }
  const hashes = await hashRanges(db, input.districtId, consistencyProofRanges(input.fromSize, input.toSize));
  return ok(hashes.map(toHex));
}


/** The whole district log as an offline-verifiable bundle (`pnpm verify <file>`), format /2 with the stored hashes. */
export async function exportBundle(db: Kysely<DB>, input: { districtId: number; now: Date }): Promise<{ filename: string; bundle: string; size: number }> {
  const checkpoint = await signCheckpoint(db, input);
  const { districtId, size } = { districtId: input.districtId, size: checkpoint.size };
  const entries = await repo.getEntryRange(db, districtId, 0, size);
  const leafHashes = await storedHashPage(db, { districtId, from: 0, to: size });
  const nodes = await Promise.all(levelWidths(size).map((to, level) => storedHashPage(db, { districtId, level, from: 0, to })));
  const bundle = encodeBundle({
    format: LOG_BUNDLE_FORMAT_V2,
    origin: checkpoint.origin,
    logVkey: checkpoint.logVkey,
    checkpoint: checkpoint.note,
    entries,
    leafHashes,
    nodes,
  });
  const filename = `${checkpoint.origin.replaceAll('/', '_')}-${checkpoint.size}.evmlog.json`;
  return { filename, bundle, size: checkpoint.size };
}
