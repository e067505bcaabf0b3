import { LOG_BUNDLE_FORMAT_V2, canonicalJson, err, levelWidths, ok, utf8Encode, type Result } from '@evmtrail/shared';
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

/** Bytes of a JSON array of `count` 64-hex strings: brackets, quotes and commas. */
function hashListBytes(count: number): number {
  return count === 0 ? 2 : 2 + count * 66 + (count - 1);
}

/** A JSON array of stored hashes, read page by page (see repo.storedHashPage). */
async function* hashListChunks(db: Kysely<DB>, input: { districtId: number; level?: number; count: number }): AsyncGenerator<string> {
  yield '[';
  for (let from = 0; from < input.count; from += PAGE) {
    const page = await repo.storedHashPage(db, { ...input, from, to: Math.min(input.count, from + PAGE) });
    yield (from > 0 ? ',' : '') + page.map((h) => `"${h}"`).join(',');
  }
  yield ']';
}

/**
 * The district log as an `evmtrail-log-bundle/2` file up to its newest signed checkpoint,
 * streamed: the entries plus the stored leaf hashes and Merkle nodes, so `pnpm verify` can
 * name a changed entry, leaf hash or node. Canonical JSON orders the keys checkpoint, entries,
 * format, leafHashes, logVkey, nodes, origin; each list is written between fixed pieces.
 */
export async function openBundleStream(db: Kysely<DB>, input: { districtId: number; now: Date }): Promise<BundleStream> {
  const checkpoint = await signCheckpoint(db, input);
  const { districtId } = input;
  const size = checkpoint.size;
  const widths = levelWidths(size);
  const head = `{"checkpoint":${canonicalJson(checkpoint.note)},"entries":[`;
  const middle = `],"format":${canonicalJson(LOG_BUNDLE_FORMAT_V2)},"leafHashes":`;
  const beforeNodes = `,"logVkey":${canonicalJson(checkpoint.logVkey)},"nodes":[`;
  const tail = `],"origin":${canonicalJson(checkpoint.origin)}}`;
  const entryBytes = await repo.escapedEntryBytes(db, districtId, size);
  const fixed = [head, middle, beforeNodes, tail].reduce((n, part) => n + utf8Encode(part).length, 0);
  const nodeBytes = widths.reduce((n, w) => n + hashListBytes(w), Math.max(0, widths.length - 1));
  const contentLength = fixed + entryBytes + Math.max(0, size - 1) + hashListBytes(size) + nodeBytes;
  async function* chunks(): AsyncGenerator<string> {
    yield head;
    for (let from = 0; from < size; from += PAGE) {
      const page = await repo.entryPage(db, districtId, from, Math.min(size, from + PAGE));
      yield (from > 0 ? ',' : '') + page.map((e) => canonicalJson(e)).join(',');
    }
    yield middle;
    yield* hashListChunks(db, { districtId, count: size });
    yield beforeNodes;
    for (const [level, count] of widths.entries()) {
      if (level > 0) yield ',';
      yield* hashListChunks(db, { districtId, level, count });
    }
    yield tail;
  }
  const filename = `${checkpoint.origin.replaceAll('/', '_')}-${checkpoint.size}.evmlog.json`;
  return { filename, size, contentLength, verified: checkpoint.verified, chunks };
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
