import { toHex, type Place, type UnitListInput } from '@evmtrail/shared';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';

import type { DB } from '../../db/database.ts';
import { getEntriesForUnit } from '../custody/log.repository.ts';
import { inclusionProofs, signCheckpoint, type SignedCheckpoint } from '../custody/log.service.ts';
import * as repo from './unit.repository.ts';

export type UnitListItem = Pick<
  repo.UnitRow,
  'serial' | 'kind' | 'maker' | 'model' | 'year' | 'state' | 'hold' | 'districtId' | 'locationId' | 'locationCode' | 'locationName'
>;

function toListItem(u: repo.UnitRow): UnitListItem {
  return {
    serial: u.serial, kind: u.kind, maker: u.maker, model: u.model, year: u.year, state: u.state,
    hold: u.hold, districtId: u.districtId, locationId: u.locationId, locationCode: u.locationCode,
    locationName: u.locationName,
  };
}

export function encodeCursor(serial: string): string {
  return Buffer.from(JSON.stringify({ after: serial })).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { after?: unknown }).after === 'string') {
      return (parsed as { after: string }).after;
    }
  } catch {
    // fall through to the error below
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: `Invalid cursor '${cursor}'` });
}

export async function listUnitsPage(
  db: Kysely<DB>,
  place: Place | null,
  input: UnitListInput,
): Promise<{ items: UnitListItem[]; nextCursor: string | null }> {
  if (!place) throw new Error('unreachable: district scope always resolves a place');
  const limit = input.limit ?? 50;
  const rows = await repo.listUnits(db, {
    districtId: place.districtId,
    limit: limit + 1,
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.state ? { state: input.state } : {}),
    ...(input.locationId !== undefined ? { locationId: input.locationId } : {}),
    ...(place.acId != null ? { acId: place.acId } : {}),
    ...(input.serialPrefix ? { serialPrefix: input.serialPrefix } : {}),
    ...(input.cursor ? { after: decodeCursor(input.cursor) } : {}),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toListItem), nextCursor: rows.length > limit && last ? encodeCursor(last.serial) : null };
}

export interface TimelineEntry {
  readonly index: number;
  readonly entry: string;
  readonly leafHashHex: string;
  readonly proof: string[];
}

export interface UnitDetail {
  readonly unit: Omit<UnitListItem, 'locationId' | 'locationCode' | 'locationName'> & {
    readonly location: { readonly id: number; readonly code: string; readonly name: string; readonly kind: string };
  };
  readonly timeline: TimelineEntry[];
  readonly checkpoint: Omit<SignedCheckpoint, 'logVkey'>;
  readonly logVkey: string;
}

/** A unit, its history from its district's custody log, and proofs against a signed checkpoint. */
export async function getUnitWithTimeline(db: Kysely<DB>, serial: string, now: Date): Promise<UnitDetail> {
  const unit = await repo.findUnitBySerial(db, serial);
  if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: `Unit ${serial} not found` });
  const { logVkey, ...checkpoint } = await signCheckpoint(db, { districtId: unit.districtId, now });
  const entries = (await getEntriesForUnit(db, serial)).filter(
    (e) => e.districtId === unit.districtId && e.idx < checkpoint.size,
  );
  const proofs = await inclusionProofs(db, unit.districtId, entries.map((e) => e.idx), checkpoint.size);
  const { locationId, locationCode, locationName, ...facts } = toListItem(unit);
  return {
    unit: { ...facts, location: { id: locationId, code: locationCode, name: locationName, kind: unit.locationKind } },
    timeline: entries.map((e, i) => ({ index: e.idx, entry: e.entry, leafHashHex: toHex(e.leafHash), proof: proofs[i] ?? [] })),
    checkpoint,
    logVkey,
  };
}
