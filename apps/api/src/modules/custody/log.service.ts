import { randomBytes } from 'node:crypto';

import {
  EMPTY_ROOT,
  assertDefined,
  ZERO_HASH_HEX,
  err,
  formatVkey,
  hashRange,
  inclusionProofRanges,
  consistencyProofRanges,
  keyIdEd25519,
  leafHash,
  newCompleteNodes,
  ok,
  publicKeyFromSeed,
  rangeSubtrees,
  toHex,
  utf8Encode,
  type EvmLogEntry,
  encodeBundle,
  entryText,
  LOG_BUNDLE_FORMAT_V2,
  levelWidths,
  type Result,
} from '@evmtrail/shared';
import type { Kysely, Transaction } from 'kysely';

import type { DB } from '../../db/database.ts';
import { signCheckpoint } from './checkpoint.service.ts';
import { storedHashPage } from './export.repository.ts';
import { currentKeyStore } from './key-store.ts';
import { formatIstTimestamp } from './time.ts';
import * as repo from './log.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** What a caller says about a custody event; the service adds log, device chain and salt. */
export interface LogEntryDraft {
  readonly type: string;
  readonly event?: string;
  readonly state?: string;
  readonly units: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly witnesses?: readonly string[];
  readonly seals?: readonly string[];
  readonly doc?: string;
  readonly reason?: string;
  /** Capture device; entries made by the api itself use the district's server device. */
  readonly dev?: string;
}

export type LogError =
  | { readonly type: 'log_not_found'; readonly message: string }
  | { readonly type: 'log_unverified'; readonly message: string }
  | { readonly type: 'index_out_of_range'; readonly message: string };

export { signCheckpoint, type SignedCheckpoint } from './checkpoint.service.ts';

export function serverDevice(origin: string): string {
  return `SRV:${origin}`;
}

/**
 * Creates a district's log head and its Ed25519 checkpoint key. The private seed goes to the
 * process's KeyStore (a key file for the demo, an HSM in a real deployment), never the database.
 */
export async function ensureDistrictLog(
  db: Db,
  input: { districtId: number; origin: string; keySeed?: Uint8Array; now?: Date },
): Promise<void> {
  if (await repo.getLogHead(db, input.districtId)) return;
  const seed = input.keySeed ?? new Uint8Array(randomBytes(32));
  const publicKey = publicKeyFromSeed(seed);
  const key: repo.DistrictKey = {
    keyId: toHex(keyIdEd25519(input.origin, publicKey)),
    keyName: input.origin,
    vkey: formatVkey(input.origin, publicKey),
  };
  await currentKeyStore().put(key.keyId, seed);
  const head = { districtId: input.districtId, origin: input.origin, size: 0, rootHash: EMPTY_ROOT };
  await repo.createLogHead(db, { ...head, key }, input.now ?? new Date());
}

function buildEntry(draft: LogEntryDraft, origin: string, now: Date, chain: { seq: number; prev: string }): EvmLogEntry {
  const entry: Record<string, unknown> = {
    v: 1,
    log: origin,
    ts: formatIstTimestamp(now),
    type: draft.type,
    units: [...draft.units],
    from: draft.from,
    to: draft.to,
    actor: draft.actor,
    witnesses: [...(draft.witnesses ?? [])],
    seals: [...(draft.seals ?? [])],
    dev: draft.dev ?? serverDevice(origin),
    devSeq: chain.seq,
    devPrev: chain.prev,
    salt: toHex(new Uint8Array(randomBytes(16))),
  };
  if (draft.event !== undefined) entry.event = draft.event;
  if (draft.state !== undefined) entry.state = draft.state;
  if (draft.reason !== undefined) entry.reason = draft.reason;
  if (draft.doc !== undefined) entry.doc = draft.doc;
  return entry as unknown as EvmLogEntry;
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
  const frontier = head.size === 0 ? [] : rangeSubtrees(0, head.size);
  const nodes = await repo.getNodes(tx, districtId, frontier);
  const newNodes: Array<repo.NodeRef & { hash: Uint8Array }> = [];
  const rows: repo.NewEntryRow[] = [];
  drafts.forEach((draft, i) => {
    const idx = head.size + i;
    const dev = draft.dev ?? serverDevice(head.origin);
    const prior = deviceHeads.get(dev);
    const entry = buildEntry(draft, head.origin, now, {
      seq: (prior?.seq ?? 0) + 1,
      prev: prior ? toHex(prior.lastLeafHash) : ZERO_HASH_HEX,
    });
    // Validated against the EVMLOG/1 schema, so the log never holds an entry a verifier rejects.
    const text = entryText(entry);
    const hash = leafHash(utf8Encode(text));
    deviceHeads.set(dev, { dev, seq: entry.devSeq, lastLeafHash: hash });
    for (const node of newCompleteNodes(idx, hash, (level, index) => mustGet(nodes, level, index))) {
      nodes.set(repo.nodeKey(node.level, node.index), node.hash);
      newNodes.push(node);
    }
    rows.push({ idx, entry: text, leafHash: hash, type: draft.type, event: draft.event ?? null, ts: now, actor: draft.actor, dev, devSeq: entry.devSeq, units: draft.units });
  });
  const size = head.size + drafts.length;
  const rootHash = rootFromNodes(nodes, size);
  await repo.insertEntries(tx, districtId, rows, newNodes);
  await repo.saveDeviceHeads(tx, districtId, devs.map((d) => assertDefined(deviceHeads.get(d), `device head ${d}`)));
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

function rootFromNodes(nodes: Map<string, Uint8Array>, size: number): Uint8Array {
  if (size === 0) return EMPTY_ROOT;
  return hashRange(rangeSubtrees(0, size).map((r) => mustGet(nodes, r.level, r.index)));
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
