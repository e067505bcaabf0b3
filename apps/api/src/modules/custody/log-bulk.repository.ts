import type { AppendedEntry, CheckpointKey, DeviceChainHead, TreeNode } from '@evmtrail/shared';

import type { KeyStore } from './key-store.ts';

/*
 * Bulk persistence of whole district logs made by the shared LogBuilder, for loads into empty
 * log tables (the national seed's COPY path). The caller supplies the sink, e.g. COPY FROM
 * STDIN on one PostgreSQL connection inside its transaction; this file owns which rows and
 * columns the log tables get, as log.repository.ts does for appends.
 */

/** A value of one row: null, text, a number, a boolean, bytes (bytea) or a timestamp. */
export type BulkValue = string | number | boolean | null | Uint8Array | Date;

/** Streams rows into `table` (columns in the given order); resolves with the row count. */
export type CopyInto = (table: string, columns: readonly string[], rows: Iterable<BulkValue[]>) => Promise<number>;

/** One finished district log: what the head, key, chain and checkpoint tables need. */
export interface BulkDistrictLog {
  readonly districtId: number;
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Every complete subtree (LogBuilder.takeNewNodes over the whole build). */
  readonly nodes: readonly TreeNode[];
  readonly devices: readonly DeviceChainHead[];
  readonly key: CheckpointKey;
  readonly keyCreatedAt: Date;
  /** Signed checkpoint note at `size`. */
  readonly checkpointNote: string;
  readonly updatedAt: Date;
}

/** log_entries rows, streamed: entries may be generated while they are written. */
export function copyLogEntries(copy: CopyInto, entries: Iterable<{ districtId: number; appended: AppendedEntry }>): Promise<number> {
  function* rows(): Generator<BulkValue[]> {
    for (const { districtId, appended: a } of entries) {
      yield [districtId, a.idx, a.text, a.leafHash, a.entry.type, a.entry.event ?? null, a.ts, a.entry.actor, a.entry.dev, a.entry.devSeq];
    }
  }
  return copy('log_entries', ['district_id', 'idx', 'entry', 'leaf_hash', 'type', 'event', 'ts', 'actor', 'dev', 'dev_seq'], rows());
}

/** log_unit_refs rows: one per unit an entry names (the unit's custody history index). */
export function copyLogUnitRefs(copy: CopyInto, refs: Iterable<{ districtId: number; serial: string; idx: number }>): Promise<number> {
  function* rows(): Generator<BulkValue[]> {
    for (const r of refs) yield [r.districtId, r.serial, r.idx];
  }
  return copy('log_unit_refs', ['district_id', 'serial', 'idx'], rows());
}

/**
 * Nodes, heads, keys, device chains and signed checkpoints of finished district logs. The
 * private seeds go to the key store; the database gets only each key's public half.
 */
export async function copyLogHeads(copy: CopyInto, logs: readonly BulkDistrictLog[], keys: KeyStore): Promise<number> {
  for (const log of logs) await keys.put(log.key.keyId, log.key.privateSeed);
  let rows = 0;
  rows += await copy('log_nodes', ['district_id', 'level', 'idx', 'hash'],
    logs.flatMap((log) => log.nodes.map((n): BulkValue[] => [log.districtId, n.level, n.index, n.hash])));
  rows += await copy('district_logs', ['district_id', 'origin', 'size', 'root_hash', 'updated_at'],
    logs.map((log) => [log.districtId, log.origin, log.size, log.rootHash, log.updatedAt]));
  rows += await copy('district_keys', ['district_id', 'key_id', 'key_name', 'vkey', 'active', 'created_at'],
    logs.map((log) => [log.districtId, log.key.keyId, log.key.keyName, log.key.vkey, true, log.keyCreatedAt]));
  rows += await copy('device_heads', ['district_id', 'dev', 'seq', 'last_leaf_hash'],
    logs.flatMap((log) => log.devices.map((d): BulkValue[] => [log.districtId, d.dev, d.seq, d.lastLeafHash])));
  rows += await copy('log_checkpoints', ['district_id', 'tree_size', 'root_hash', 'note', 'key_id', 'created_at'],
    logs.map((log) => [log.districtId, log.size, log.rootHash, log.checkpointNote, log.key.keyId, log.updatedAt]));
  return rows;
}
