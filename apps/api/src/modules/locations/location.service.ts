import { err, ok, STATION_STATUSES, stationStatus, type Result, type StationUnit } from '@evmtrail/shared';

import type { Db } from '../../db/handle.ts';
import { failure, type Failure } from '../../failure.ts';
import { judge, type Actor, type DistrictPlace } from '../authority/authority.service.ts';
import { findAc, findDistrict, listAcs } from '../districts/district.repository.ts';
import { countUnitsByKindAndState } from '../units/unit-list.repository.ts';
import { toLocationColumns } from './location-map.ts';
import * as repo from './location.repository.ts';

export type LocationError = Failure<'not_found' | 'forbidden' | 'outside_jurisdiction'>;

/** A district's (or an AC's) places for the map: the district, its ACs, the locations by column. */
export async function locationTree(db: Db, place: DistrictPlace) {
  const [district, acs, locations] = await Promise.all([
    findDistrict(db, place.districtId),
    listAcs(db, place.districtId, place.acId),
    repo.listLocations(db, place.districtId, place.acId),
  ]);
  if (!district) throw new Error(`District ${place.districtName} vanished while being read`);
  const { stateId: _stateId, ...shown } = district;
  return { district: shown, acs, locations: toLocationColumns(locations) };
}

export interface LocationDetail extends repo.Location {
  readonly ac: { readonly id: number; readonly number: number; readonly name: string } | null;
  readonly parentName: string | null;
  readonly counts: {
    readonly total: number;
    readonly byKind: Partial<Record<string, number>>;
    readonly byState: Partial<Record<string, number>>;
    /** The same units by kind and state together, one row per pair present. */
    readonly cells: readonly { readonly kind: string; readonly state: string; readonly count: number }[];
  };
}

/** One location of the judged district, with the units there now counted by kind and by state. */
export async function locationById(db: Db, actor: Actor, place: DistrictPlace, locationId: number): Promise<Result<LocationDetail, LocationError>> {
  const location = await repo.findLocationWithParent(db, place.districtId, locationId);
  if (!location) {
    return err(failure('not_found', `Location ${locationId} not found in ${place.districtName} district`, { districtName: place.districtName }));
  }
  const verdict = await judge(db, actor, 'location.read', { ...place, acId: location.acId }, { locationName: location.name });
  if (!verdict.ok) return verdict;
  const ac = location.acId === null ? undefined : await findAc(db, location.acId);
  const rows = await countUnitsByKindAndState(db, { districtIds: [place.districtId], locationId: location.id });
  const byKind: Partial<Record<string, number>> = {};
  const byState: Partial<Record<string, number>> = {};
  for (const r of rows) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + r.count;
    byState[r.state] = (byState[r.state] ?? 0) + r.count;
  }
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return ok({ ...location, ac: ac ? { id: ac.id, number: ac.number, name: ac.name } : null, counts: { total, byKind, byState, cells: rows.map((r) => ({ kind: r.kind, state: r.state, count: r.count })) } });
}


export interface MapStatus {
  /** The version these statuses belong to: send it back as `since`. */
  readonly version: number;
  /** The status codes `status` indexes (STATION_STATUSES). */
  readonly statuses: typeof STATION_STATUSES;
  /** Null when nothing changed since `since`; else every station with a status other than `no_set`. */
  readonly stations: { readonly id: number[]; readonly status: number[] } | null;
}

/**
 * The live map's poll-day status of every polling station of the district (or the actor's AC),
 * by column. Polled every second by each open map: unchanged, it is one row read.
 */
export async function mapStatus(db: Db, place: DistrictPlace, since?: number): Promise<MapStatus> {
  // The version first: a change landing between the two reads shows again at the next poll.
  const version = await repo.districtLogSize(db, place.districtId);
  if (since === version) return { version, statuses: STATION_STATUSES, stations: null };
  const rows = await repo.listStationUnits(db, place.districtId, place.acId);
  const byStation = new Map<number, StationUnit[]>();
  for (const r of rows) {
    const units = byStation.get(r.stationId) ?? [];
    units.push({ state: r.state as StationUnit['state'], atStation: r.atStation });
    byStation.set(r.stationId, units);
  }
  const id: number[] = [];
  const status: number[] = [];
  for (const [stationId, units] of [...byStation].sort((a, b) => a[0] - b[0])) {
    const s = stationStatus(units);
    if (s === 'no_set') continue;
    id.push(stationId);
    status.push(STATION_STATUSES.indexOf(s));
  }
  return { version, statuses: STATION_STATUSES, stations: { id, status } };
}
