import { LOG_BUNDLE_FORMAT, canonicalJson, err, ok, utf8Encode, type Result } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { signCheckpoint } from './checkpoint.service.ts';
import * as repo from './export.repository.ts';
import { exportBundle } from './log.service.ts';
import { getLogHead } from './log.repository.ts';

const PAGE = 2000;

/** A bundle export read page by page: the same bytes as encodeBundle, never whole in memory. */
export interface BundleStream {
  readonly filename: string;
  readonly size: number;
  readonly contentLength: number;
  readonly verified: boolean;
  chunks(): AsyncGenerator<string>;
}

/**
 * The district log as an `evmtrail-log-bundle/1` file up to its newest signed checkpoint,
 * streamed. Canonical JSON orders the keys checkpoint, entries, format, logVkey, origin, so
 * the entries are written between a fixed head and tail.
 */
export async function openBundleStream(db: Kysely<DB>, input: { districtId: number; now: Date }): Promise<BundleStream> {
  const checkpoint = await signCheckpoint(db, input);
  const head = `{"checkpoint":${canonicalJson(checkpoint.note)},"entries":[`;
  const tail = `],"format":${canonicalJson(LOG_BUNDLE_FORMAT)},"logVkey":${canonicalJson(checkpoint.logVkey)},"origin":${canonicalJson(checkpoint.origin)}}`;
  const entryBytes = await repo.escapedEntryBytes(db, input.districtId, checkpoint.size);
  const commas = Math.max(0, checkpoint.size - 1);
  const contentLength = utf8Encode(head).length + entryBytes + commas + utf8Encode(tail).length;
  async function* chunks(): AsyncGenerator<string> {
    yield head;
    for (let from = 0; from < checkpoint.size; from += PAGE) {
      const page = await repo.entryPage(db, input.districtId, from, Math.min(checkpoint.size, from + PAGE));
      yield (from > 0 ? ',' : '') + page.map((e) => canonicalJson(e)).join(',');
    }
    yield tail;
  }
  const filename = `${checkpoint.origin.replaceAll('/', '_')}-${checkpoint.size}.evmlog.json`;
  return { filename, size: checkpoint.size, contentLength, verified: checkpoint.verified, chunks };
}

/** Concurrent exports per user: a user past the limit is refused (`export_limited`, 429). */
export function createExportLimiter(limit = 2) {
  const running = new Map<number, number>();
  return {
    limit,
    /** Takes a slot; returns its release, or undefined when the user already runs `limit`. */
    acquire(userId: number): (() => void) | undefined {
      const now = running.get(userId) ?? 0;
      if (now >= limit) return undefined;
      running.set(userId, now + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(userId) ?? 1) - 1;
        if (left <= 0) running.delete(userId);
        else running.set(userId, left);
      };
    },
  };
}

export type ExportLimiter = ReturnType<typeof createExportLimiter>;

/** One limiter per process, shared by the HTTP route and the tRPC procedure. */
export const EXPORT_LIMITER = createExportLimiter();

/** Above this many entries the tRPC export refuses and points to the streamed route. */
export const TRPC_EXPORT_MAX_ENTRIES = 20_000;

/**
 * The tRPC export (one JSON string in memory), bounded: the per-user concurrency limit of the
 * streamed route, and logs larger than TRPC_EXPORT_MAX_ENTRIES go to GET /export/... instead.
 * A batch of 40 calls therefore builds at most `limit` bundles at a time.
 */
export async function exportBundleBounded(
  db: Kysely<DB>,
  input: { districtId: number; now: Date; userId: number; username: string },
): Promise<Result<{ filename: string; bundle: string; size: number }, ExportError>> {
  const release = EXPORT_LIMITER.acquire(input.userId);
  if (!release) {
    return err({ type: 'export_limited', message: `${input.username} already runs ${EXPORT_LIMITER.limit} exports; wait for one to finish` });
  }
  try {
    const head = await getLogHead(db, input.districtId);
    if (head && head.size > TRPC_EXPORT_MAX_ENTRIES) {
      const url = `/export/districts/${input.districtId}/bundle.json`;
      return err({ type: 'export_limited', message: `Log ${head.origin} has ${head.size} entries, more than ${TRPC_EXPORT_MAX_ENTRIES}: download it from ${url}` });
    }
    return ok(await exportBundle(db, input));
  } finally {
    release();
  }
}

export interface ExportError {
  readonly type: 'export_limited';
  readonly message: string;
}
