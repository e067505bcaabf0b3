import type { FlcScanResult, ScanResult, ScanSource, ScanTask } from '@evmtrail/shared';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Why a scan could not be applied, kept so the sentence can be said again in any language. */
export interface StoredError {
  /** A wire error type (`errors.<type>`), `network`, or `unknown` (then `message` is all there is). */
  readonly kind: string;
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export type OutboxStatus = 'pending' | 'done' | 'failed';

/** One physical scan as the browser keeps it until the server has answered, and after. */
export interface OutboxScan {
  /** The idempotency key, made when the scan happened; the server applies it at most once. */
  readonly key: string;
  readonly userId: number;
  readonly districtId: number;
  readonly task: ScanTask;
  readonly serial: string;
  readonly via: ScanSource;
  /** An FLC result (task kind 'flc'), sent with the scan. */
  readonly flc?: FlcScanResult;
  readonly scannedAt: string;
  /** Order of scanning on this device (scannedAt may tie within a millisecond). */
  readonly order: number;
  readonly status: OutboxStatus;
  /** Sends tried so far without an answer. */
  readonly attempts: number;
  /** Shown before the server answers: the same serial was already scanned for this task. */
  readonly seenBefore: boolean;
  readonly result?: ScanResult;
  /** A refusal (status failed), or the last reason a send did not get through (pending). */
  readonly error?: StoredError;
}

interface OutboxDb extends DBSchema {
  scans: { key: string; value: OutboxScan; indexes: { byUser: number } };
}

export const OUTBOX_DB = 'evmtrail-scan-outbox';
/** Answered scans are kept this long on the device, for the list after a reload. */
export const KEEP_ANSWERED_MS = 3 * 24 * 3600_000;

/** The scans outbox in IndexedDB: written before any send, so a scan survives a reload or a crash. */
export interface OutboxStore {
  readonly load: (userId: number, now: number) => Promise<OutboxScan[]>;
  readonly put: (scans: readonly OutboxScan[]) => Promise<void>;
}

export function openOutboxStore(): OutboxStore {
  let opened: Promise<IDBPDatabase<OutboxDb>> | null = null;
  const db = () =>
    (opened ??= openDB<OutboxDb>(OUTBOX_DB, 1, {
      upgrade(database) {
        database.createObjectStore('scans', { keyPath: 'key' }).createIndex('byUser', 'userId');
      },
    }));
  return {
    async load(userId, now) {
      const tx = (await db()).transaction('scans', 'readwrite');
      const kept: OutboxScan[] = [];
      for await (const cursor of tx.store.index('byUser').iterate(userId)) {
        const scan = cursor.value;
        const answeredAt = scan.result ? Date.parse(scan.result.recordedAt) : Date.parse(scan.scannedAt);
        if (scan.status !== 'pending' && now - answeredAt > KEEP_ANSWERED_MS) await cursor.delete();
        else kept.push(scan);
      }
      await tx.done;
      return kept;
    },
    async put(scans) {
      const tx = (await db()).transaction('scans', 'readwrite');
      await Promise.all([...scans.map((s) => tx.store.put(s)), tx.done]);
    },
  };
}
