import type { SetCommissioningView, SetStatus, UnitKind, UnitState } from '@evmtrail/shared';
import { sql } from 'kysely';

import { anyOf } from '../../db/arrays.ts';
import type { Queryable, Tx } from '../../db/handle.ts';

export interface AcRow { id: number; number: number; name: string; stateId: number; districtId: number }

export async function findAc(db: Queryable, districtId: number, acId: number): Promise<AcRow | undefined> {
  const row = await db.selectFrom('acs').select(['id', 'number', 'name', 'stateId', 'districtId'])
    .where('id', '=', acId).where('districtId', '=', districtId).executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : undefined;
}

export async function currentRules(db: Queryable): Promise<unknown> {
  const row = await db.selectFrom('elections').select('rules').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.rules ?? {};
}

export async function currentElectionCode(db: Queryable): Promise<string> {
  const row = await db.selectFrom('elections').select('code').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.code ?? 'ELECTION';
}

export interface StationRow { id: number; number: number; name: string; code: string }

export async function stationsOf(db: Queryable, districtId: number, acId: number): Promise<StationRow[]> {
  const rows = await db.selectFrom('locations').select(['id', 'psNumber', 'name', 'code'])
    .where('districtId', '=', districtId).where('acId', '=', acId).where('kind', '=', 'polling_station').where('psNumber', 'is not', null)
    .orderBy('psNumber').execute();
  return rows.map((r) => ({ id: Number(r.id), number: Number(r.psNumber), name: r.name, code: r.code }));
}

export async function findStation(db: Queryable, districtId: number, stationId: number): Promise<(StationRow & { acId: number | null }) | undefined> {
  const r = await db.selectFrom('locations').select(['id', 'psNumber', 'name', 'code', 'acId'])
    .where('districtId', '=', districtId).where('id', '=', stationId).where('kind', '=', 'polling_station').executeTakeFirst();
  return r ? { id: Number(r.id), number: Number(r.psNumber ?? 0), name: r.name, code: r.code, acId: r.acId } : undefined;
}

export async function setCandidates(tx: Tx, r: { districtId: number; acId: number; candidates: number; busPerStation: number; by: number; now: Date }): Promise<void> {
  await tx.insertInto('acCandidates').values({ districtId: r.districtId, acId: r.acId, candidates: r.candidates, busPerStation: r.busPerStation, setBy: r.by, setAt: r.now })
    .onConflict((c) => c.columns(['districtId', 'acId']).doUpdateSet({ candidates: r.candidates, busPerStation: r.busPerStation, setBy: r.by, setAt: r.now }))
    .execute();
}

export async function candidatesOf(db: Queryable, districtId: number, acId: number): Promise<{ candidates: number; busPerStation: number } | undefined> {
  return db.selectFrom('acCandidates').select(['candidates', 'busPerStation']).where('districtId', '=', districtId).where('acId', '=', acId).executeTakeFirst();
}

/** The AC's latest finalised second randomisation. */
export async function secondCeremony(db: Queryable, districtId: number, acId: number): Promise<{ id: number; code: string } | undefined> {
  const row = await db.selectFrom('ceremonies').select(['id', 'code'])
    .where('districtId', '=', districtId).where('acId', '=', acId).where('stage', '=', 'second').where('status', '=', 'finalised')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { id: Number(row.id), code: row.code } : undefined;
}

/** The models of the CUs an allocation names (the BU-per-CU limit is the model's). */
export async function cuModels(db: Queryable, districtId: number, ceremonyId: number): Promise<string[]> {
  const rows = await db.selectFrom('ceremonyUnits').innerJoin('units', (j) => j.onRef('units.serial', '=', 'ceremonyUnits.serial').onRef('units.districtId', '=', 'ceremonyUnits.districtId'))
    .select('units.model').distinct()
    .where('ceremonyUnits.districtId', '=', districtId).where('ceremonyUnits.ceremonyId', '=', ceremonyId).where('ceremonyUnits.kind', '=', 'CU').execute();
  return rows.map((r) => r.model);
}

export interface UnitBrief { serial: string; kind: UnitKind; state: UnitState; model: string }

export async function unitsBySerial(db: Queryable, districtId: number, serials: readonly string[]): Promise<Map<string, UnitBrief>> {
  if (serials.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['serial', 'kind', 'state', 'model'])
    .where('districtId', '=', districtId).where('serial', '=', anyOf(serials, 'text')).execute();
  return new Map(rows.map((r) => [r.serial, { serial: r.serial, kind: r.kind as UnitKind, state: r.state as UnitState, model: r.model }]));
}

export interface SetRow {
  id: number; districtId: number; acId: number; stationId: number; stationNumber: number; stationName: string; stationCode: string;
  code: string; ceremonyId: number; version: number; status: SetStatus;
  commissioning: unknown; commissionedBy: string | null; commissionedAt: Date | null;
  routeId: number | null; partyId: string | null; issuedAt: Date | null;
}

function setQuery(db: Queryable) {
  return db.selectFrom('pollingSets as s')
    .innerJoin('locations as l', (j) => j.onRef('l.id', '=', 's.stationId').onRef('l.districtId', '=', 's.districtId'))
    .leftJoin('users as cu', 'cu.id', 's.commissionedBy')
    .select([
      's.id', 's.districtId', 's.acId', 's.stationId', 'l.psNumber', 'l.name as stationName', 'l.code as stationCode', 's.code', 's.ceremonyId', 's.version', 's.status',
      's.commissioning', 'cu.username as commissionedBy', 's.commissionedAt', 's.routeId', 's.partyId', 's.issuedAt',
    ]);
}

type SetSelect = Awaited<ReturnType<ReturnType<typeof setQuery>['executeTakeFirstOrThrow']>>;

function toSet(r: SetSelect): SetRow {
  return {
    id: Number(r.id), districtId: r.districtId, acId: r.acId, stationId: Number(r.stationId), stationNumber: Number(r.psNumber ?? 0), stationName: r.stationName,
    stationCode: r.stationCode, code: r.code, ceremonyId: Number(r.ceremonyId), version: r.version, status: r.status as SetStatus,
    commissioning: r.commissioning, commissionedBy: r.commissionedBy, commissionedAt: r.commissionedAt,
    routeId: r.routeId === null ? null : Number(r.routeId), partyId: r.partyId, issuedAt: r.issuedAt,
  };
}

export async function listSets(db: Queryable, districtId: number, acId: number): Promise<SetRow[]> {
  const rows = await setQuery(db).where('s.districtId', '=', districtId).where('s.acId', '=', acId).orderBy('l.psNumber').execute();
  return rows.map(toSet);
}

export async function findSet(db: Queryable, districtId: number, setId: number, lock = false): Promise<SetRow | undefined> {
  if (lock) await (db as Tx).selectFrom('pollingSets').select('id').where('districtId', '=', districtId).where('id', '=', setId).forUpdate().execute();
  const row = await setQuery(db).where('s.districtId', '=', districtId).where('s.id', '=', setId).executeTakeFirst();
  return row ? toSet(row) : undefined;
}

export async function findSetByStation(db: Queryable, districtId: number, stationId: number): Promise<SetRow | undefined> {
  const row = await setQuery(db).where('s.districtId', '=', districtId).where('s.stationId', '=', stationId).executeTakeFirst();
  return row ? toSet(row) : undefined;
}

/** The set a unit is a current member of. */
export async function findSetOfMember(db: Queryable, districtId: number, serial: string): Promise<number | undefined> {
  const row = await db.selectFrom('pollingSetMembers').select('setId')
    .where('districtId', '=', districtId).where('serial', '=', serial).where('toVersion', 'is', null).executeTakeFirst();
  return row ? Number(row.setId) : undefined;
}

export async function stationsWithSets(db: Queryable, districtId: number, stationIds: readonly number[]): Promise<Set<number>> {
  if (stationIds.length === 0) return new Set();
  const rows = await db.selectFrom('pollingSets').select('stationId').where('districtId', '=', districtId).where('stationId', 'in', stationIds).execute();
  return new Set(rows.map((r) => Number(r.stationId)));
}

export async function insertSets(tx: Tx, rows: readonly { districtId: number; acId: number; stationId: number; code: string; ceremonyId: number; by: number; now: Date }[]): Promise<Map<number, number>> {
  if (rows.length === 0) return new Map();
  const out = await tx.insertInto('pollingSets').values(rows.map((r) => ({
    districtId: r.districtId, acId: r.acId, stationId: r.stationId, code: r.code, ceremonyId: r.ceremonyId, status: 'built', builtBy: r.by, builtAt: r.now,
  }))).returning(['id', 'stationId']).execute();
  return new Map(out.map((r) => [Number(r.stationId), Number(r.id)]));
}

export interface MemberRow { setId: number; serial: string; kind: UnitKind; fromVersion: number; toVersion: number | null; faultCode: string | null; replacedBy: string | null }

export async function insertMembers(tx: Tx, rows: readonly { districtId: number; setId: number; serial: string; kind: string; fromVersion: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('pollingSetMembers').values(rows.map((r) => ({ ...r, toVersion: null, faultCode: null, replacedBy: null }))).execute();
}

export async function listMembers(db: Queryable, districtId: number, setIds: readonly number[]): Promise<MemberRow[]> {
  if (setIds.length === 0) return [];
  const rows = await db.selectFrom('pollingSetMembers').select(['setId', 'serial', 'kind', 'fromVersion', 'toVersion', 'faultCode', 'replacedBy'])
    .where('districtId', '=', districtId).where('setId', 'in', setIds).orderBy('setId').orderBy('kind').orderBy('serial').execute();
  return rows.map((r) => ({ ...r, setId: Number(r.setId), kind: r.kind as UnitKind }));
}

/** Ends a member's version: it failed and `replacedBy` took its place. */
export async function endMember(tx: Tx, r: { districtId: number; setId: number; serial: string; toVersion: number; faultCode: string; replacedBy: string }): Promise<void> {
  await tx.updateTable('pollingSetMembers').set({ toVersion: r.toVersion, faultCode: r.faultCode, replacedBy: r.replacedBy })
    .where('districtId', '=', r.districtId).where('setId', '=', r.setId).where('serial', '=', r.serial).execute();
}

export async function bumpVersion(tx: Tx, districtId: number, setId: number): Promise<number> {
  const row = await tx.updateTable('pollingSets').set((eb) => ({ version: eb('version', '+', 1) }))
    .where('districtId', '=', districtId).where('id', '=', setId).returning('version').executeTakeFirstOrThrow();
  return row.version;
}

export async function markCommissioned(tx: Tx, r: { districtId: number; setId: number; record: Omit<SetCommissioningView, 'by' | 'at'>; by: number; now: Date }): Promise<void> {
  await tx.updateTable('pollingSets').set({ status: 'commissioned', commissioning: JSON.stringify(r.record), commissionedBy: r.by, commissionedAt: r.now })
    .where('districtId', '=', r.districtId).where('id', '=', r.setId).execute();
}

export async function markIssued(tx: Tx, r: { districtId: number; setId: number; routeId: number; partyId: string; by: number; now: Date }): Promise<void> {
  await tx.updateTable('pollingSets').set({ status: 'issued', routeId: r.routeId, partyId: r.partyId, issuedBy: r.by, issuedAt: r.now })
    .where('districtId', '=', r.districtId).where('id', '=', r.setId).execute();
}

/** Seals already used, among `serials` of `kind`, with the set that used them. */
export async function usedSeals(db: Queryable, districtId: number, seals: readonly { kind: string; serial: string }[]): Promise<{ kind: string; serial: string; setCode: string }[]> {
  if (seals.length === 0) return [];
  const rows = await db.selectFrom('pollingSetSeals as x').innerJoin('pollingSets as s', (j) => j.onRef('s.id', '=', 'x.setId').onRef('s.districtId', '=', 'x.districtId'))
    .select(['x.kind', 'x.serial', 's.code as setCode'])
    .where('x.districtId', '=', districtId).where('x.serial', '=', anyOf(seals.map((s) => s.serial), 'text')).execute();
  const wanted = new Set(seals.map((s) => `${s.kind}/${s.serial}`));
  return rows.filter((r) => wanted.has(`${r.kind}/${r.serial}`));
}

export async function insertSeals(tx: Tx, districtId: number, setId: number, seals: readonly { kind: string; serial: string }[]): Promise<void> {
  if (seals.length === 0) return;
  await tx.insertInto('pollingSetSeals').values(seals.map((s) => ({ districtId, setId, kind: s.kind, serial: s.serial }))).execute();
}

export async function findSample(db: Queryable, districtId: number, acId: number): Promise<{ seed: string; codes: string[]; votes: number } | undefined> {
  const row = await db.selectFrom('setSamples').select(['seed', 'codes', 'votes']).where('districtId', '=', districtId).where('acId', '=', acId).executeTakeFirst();
  if (!row) return undefined;
  const codes = (typeof row.codes === 'string' ? JSON.parse(row.codes) : row.codes) as string[];
  return { seed: row.seed, codes, votes: row.votes };
}

export async function insertSample(tx: Tx, r: { districtId: number; acId: number; dice: string; seed: string; poolHash: string; codes: readonly string[]; votes: number; by: number; now: Date }): Promise<void> {
  await tx.insertInto('setSamples').values({
    districtId: r.districtId, acId: r.acId, dice: r.dice, seed: r.seed, poolHash: r.poolHash, codes: JSON.stringify(r.codes), votes: r.votes, drawnBy: r.by, drawnAt: r.now,
  }).execute();
}

export interface RouteRow { id: number; acId: number; code: string; name: string; vehicleId: string }
export interface StopRow { routeId: number; position: number; stationId: number; stationNumber: number; stationName: string; partyId: string }

export async function countRoutes(db: Queryable, districtId: number, acId: number): Promise<number> {
  const row = await db.selectFrom('dispatchRoutes').select(sql<number>`count(*)`.as('n')).where('districtId', '=', districtId).where('acId', '=', acId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertRoute(tx: Tx, r: { districtId: number; acId: number; code: string; name: string; vehicleId: string; by: number; now: Date }): Promise<number> {
  const row = await tx.insertInto('dispatchRoutes').values({ districtId: r.districtId, acId: r.acId, code: r.code, name: r.name, vehicleId: r.vehicleId, createdBy: r.by, createdAt: r.now })
    .returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertStops(tx: Tx, districtId: number, routeId: number, stops: readonly { stationId: number; partyId: string }[]): Promise<void> {
  await tx.insertInto('dispatchRouteStops').values(stops.map((s, position) => ({ districtId, routeId, position, stationId: s.stationId, partyId: s.partyId }))).execute();
}

/** The route and stop a station is on, if any. */
export async function stopsOfStations(db: Queryable, districtId: number, stationIds: readonly number[]): Promise<Map<number, string>> {
  if (stationIds.length === 0) return new Map();
  const rows = await db.selectFrom('dispatchRouteStops as x').innerJoin('dispatchRoutes as r', (j) => j.onRef('r.id', '=', 'x.routeId').onRef('r.districtId', '=', 'x.districtId'))
    .select(['x.stationId', 'r.code']).where('x.districtId', '=', districtId).where('x.stationId', 'in', stationIds).execute();
  return new Map(rows.map((r) => [Number(r.stationId), r.code]));
}

export async function findRoute(db: Queryable, districtId: number, routeId: number, lock = false): Promise<RouteRow | undefined> {
  let q = db.selectFrom('dispatchRoutes').select(['id', 'acId', 'code', 'name', 'vehicleId']).where('districtId', '=', districtId).where('id', '=', routeId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : undefined;
}

export async function listRoutes(db: Queryable, districtId: number, acId: number): Promise<RouteRow[]> {
  const rows = await db.selectFrom('dispatchRoutes').select(['id', 'acId', 'code', 'name', 'vehicleId']).where('districtId', '=', districtId).where('acId', '=', acId).orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function listStops(db: Queryable, districtId: number, routeIds: readonly number[]): Promise<StopRow[]> {
  if (routeIds.length === 0) return [];
  const rows = await db.selectFrom('dispatchRouteStops as x').innerJoin('locations as l', (j) => j.onRef('l.id', '=', 'x.stationId').onRef('l.districtId', '=', 'x.districtId'))
    .select(['x.routeId', 'x.position', 'x.stationId', 'l.psNumber', 'l.name', 'x.partyId'])
    .where('x.districtId', '=', districtId).where('x.routeId', 'in', routeIds).orderBy('x.routeId').orderBy('x.position').execute();
  return rows.map((r) => ({ routeId: Number(r.routeId), position: r.position, stationId: Number(r.stationId), stationNumber: Number(r.psNumber ?? 0), stationName: r.name, partyId: r.partyId }));
}

export interface SectorRow { id: number; code: string; officerName: string; vehicleId: string; stationIds: number[]; serials: string[] }

export async function listSectors(db: Queryable, districtId: number, acId: number): Promise<SectorRow[]> {
  const rows = await db.selectFrom('sectorOfficers').select(['id', 'code', 'officerName', 'vehicleId', 'stationIds', 'serials'])
    .where('districtId', '=', districtId).where('acId', '=', acId).orderBy('id').execute();
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return rows.map((r) => ({ id: Number(r.id), code: r.code, officerName: r.officerName, vehicleId: r.vehicleId, stationIds: parse<number[]>(r.stationIds), serials: parse<string[]>(r.serials) }));
}

export async function insertSector(tx: Tx, r: { districtId: number; acId: number; code: string; officerName: string; vehicleId: string; stationIds: readonly number[]; serials: readonly string[]; by: number; now: Date }): Promise<void> {
  await tx.insertInto('sectorOfficers').values({
    districtId: r.districtId, acId: r.acId, code: r.code, officerName: r.officerName, vehicleId: r.vehicleId,
    stationIds: JSON.stringify(r.stationIds), serials: JSON.stringify(r.serials), issuedBy: r.by, issuedAt: r.now,
  }).execute();
}

/** Locks the AC's candidates row's AC so two builds of one AC run one after the other. */
export async function lockAc(tx: Tx, districtId: number, acId: number): Promise<void> {
  await tx.selectFrom('acs').select('id').where('districtId', '=', districtId).where('id', '=', acId).forUpdate().execute();
}

export async function unitsInState(db: Queryable, districtId: number, acId: number, states: readonly string[]): Promise<UnitBrief[]> {
  const rows = await db.selectFrom('units').select(['serial', 'kind', 'state', 'model'])
    .where('districtId', '=', districtId).where('acId', '=', acId).where('state', 'in', states).orderBy('kind').orderBy('serial').execute();
  return rows.map((r) => ({ serial: r.serial, kind: r.kind as UnitKind, state: r.state as UnitState, model: r.model }));
}

/** The vehicle's location (kind 'vehicle', code VEH-<registration>), made the first time it is named. */
export async function vehicleLocation(tx: Tx, r: { districtId: number; acId: number; vehicleId: string }): Promise<{ id: number; code: string }> {
  const code = `VEH-${r.vehicleId.toUpperCase().replace(/[^A-Z0-9-]+/g, '-')}`.slice(0, 60);
  const found = await tx.selectFrom('locations').select(['id', 'code', 'kind']).where('districtId', '=', r.districtId).where('code', '=', code).executeTakeFirst();
  if (found) return { id: Number(found.id), code: found.code };
  const row = await tx.insertInto('locations').values({
    districtId: r.districtId, code, kind: 'vehicle', name: `Vehicle ${r.vehicleId}`, nameHi: null, acId: r.acId, parentId: null,
    lat: null, lon: null, psNumber: null, electors: null, strongroomType: null,
  }).returning(['id', 'code']).executeTakeFirstOrThrow();
  return { id: Number(row.id), code: row.code };
}
