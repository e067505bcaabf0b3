import { err, ok, reachesDistrict, toHex, type Result, type UnitListFilter as UnitListQuery, type UnitListInput } from '@evmtrail/shared';

import type { Db } from '../../db/handle.ts';
import { failure, type Failure } from '../../failure.ts';
import { judge, type Actor, type DistrictPlace } from '../authority/authority.service.ts';
import { getEntriesForUnit } from '../custody/log.repository.ts';
import { inclusionProofs, signCheckpoint, type SignedCheckpoint } from '../custody/log.service.ts';
import * as lists from './unit-list.repository.ts';
import * as repo from './unit.repository.ts';
import { unitNotFound } from './unit.service.ts';

export type UnitReadError = Failure<'not_found' | 'invalid_input' | 'forbidden' | 'outside_jurisdiction'>;

export interface UnitListItem {
  readonly serial: string;
  readonly kind: string;
  readonly maker: string;
  readonly model: string;
  readonly year: number;
  readonly state: string;
  readonly hold: string;
  readonly districtId: repo.Unit['districtId'];
  readonly locationId: repo.Unit['locationId'];
  readonly locationCode: string;
  readonly locationName: string;
  readonly acNumber: number | null;
  readonly acName: string | null;
  readonly updatedAt: string;
}

function toListItem(u: repo.Unit): UnitListItem {
  return {
    serial: u.serial, kind: u.kind, maker: u.maker, model: u.model, year: u.year, state: u.state,
    hold: u.hold, districtId: u.districtId, locationId: u.locationId, locationCode: u.locationCode,
    locationName: u.locationName, acNumber: u.acNumber, acName: u.acName, updatedAt: u.updatedAt.toISOString(),
  };
}

function encodeCursor(query: UnitListQuery, last: { key: string; unit: repo.Unit }): string {
  return Buffer.from(JSON.stringify({ s: query.sort, d: query.dir, k: last.key, a: last.unit.serial })).toString('base64url');
}

function decodeCursor(cursor: string, query: UnitListQuery): Result<lists.UnitListKey, UnitReadError> {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { s, d, k, a } = parsed;
    if (s === query.sort && d === query.dir && typeof k === 'string' && typeof a === 'string' && !`${k}${a}`.includes('\u0000')) {
      return ok({ key: k, serial: a });
    }
  } catch {
    // fall through to the error below
  }
  return err(failure('invalid_input', `Invalid cursor '${cursor}' for this list and order; start from the first page`, { field: 'cursor' }));
}

/** The repository filter of a list: the place judged for the call decides the district and AC. */
function filterOf(place: DistrictPlace, query: UnitListQuery): lists.UnitListFilter {
  return {
    districtId: place.districtId,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.state ? { state: query.state } : {}),
    ...(query.locationId !== undefined ? { locationId: query.locationId } : {}),
    ...(place.acId != null ? { acId: place.acId } : {}),
    ...(query.serialPrefix ? { serialPrefix: query.serialPrefix } : {}),
  };
}

/** One page of a district's units in the order asked for, with the total the filter matches. */
export async function listUnitsPage(
  db: Db,
  place: DistrictPlace,
  input: UnitListInput,
): Promise<Result<{ items: UnitListItem[]; nextCursor: string | null; total: number }, UnitReadError>> {
  const after = input.cursor ? decodeCursor(input.cursor, input) : undefined;
  if (after && !after.ok) return after;
  const filter = filterOf(place, input);
  const page = { sort: input.sort, dir: input.dir, limit: input.limit + 1, ...(after ? { after: after.value } : {}) };
  const [rows, total] = await Promise.all([lists.listUnits(db, filter, page), lists.countUnits(db, filter)]);
  const shown = rows.slice(0, input.limit);
  const last = shown.at(-1);
  return ok({ items: shown.map((r) => toListItem(r.unit)), nextCursor: rows.length > input.limit && last ? encodeCursor(input, last) : null, total });
}

/** Every unit of a filtered list, in its order, a page at a time (the CSV export). */
export async function* allUnits(db: Db, place: DistrictPlace, query: UnitListQuery): AsyncGenerator<UnitListItem> {
  const filter = filterOf(place, query);
  let after: lists.UnitListKey | undefined;
  for (;;) {
    const rows = await lists.listUnits(db, filter, { sort: query.sort, dir: query.dir, limit: 1000, ...(after ? { after } : {}) });
    for (const row of rows) yield toListItem(row.unit);
    const last = rows.at(-1);
    if (rows.length < 1000 || !last) return;
    after = { key: last.key, serial: last.unit.serial };
  }
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

/**
 * A unit, its history from its district's custody log, and proofs against a signed checkpoint.
 * Judged here on the row read: another district's unit answers like an unknown serial.
 */
export async function getUnitWithTimeline(db: Db, actor: Actor, serial: string, now: Date): Promise<Result<UnitDetail, UnitReadError>> {
  const unit = await repo.findUnitBySerial(db, serial);
  if (!unit || !reachesDistrict(actor.jurisdiction, unit)) return err(unitNotFound(serial));
  const verdict = await judge(db, actor, 'unit.read', unit, { serial });
  if (!verdict.ok) return verdict;
  const { logVkey, ...checkpoint } = await signCheckpoint(db, { districtId: unit.districtId, now });
  const entries = (await getEntriesForUnit(db, serial)).filter(
    (e) => e.districtId === unit.districtId && e.idx < checkpoint.size,
  );
  const proofs = await inclusionProofs(db, unit.districtId, entries.map((e) => e.idx), checkpoint.size);
  const { locationId, locationCode, locationName, ...facts } = toListItem(unit);
  return ok({
    unit: { ...facts, location: { id: locationId, code: locationCode, name: locationName, kind: unit.locationKind } },
    timeline: entries.map((e, i) => ({ index: e.idx, entry: e.entry, leafHashHex: toHex(e.leafHash), proof: proofs[i] ?? [] })),
    checkpoint,
    logVkey,
  });
}
