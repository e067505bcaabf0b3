import type { DB } from '@evmtrail/api/db';
import type { Kysely, Transaction } from 'kysely';

import type { DemoDistrict, UserRow } from './types.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** PGlite is slow per statement and fast per batch: insert in multi-row chunks. */
const CHUNK_ROWS = 1000;

function chunk<T>(items: readonly T[], size = CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Natural keys -> database ids, filled as the rows are written. */
export interface IdMaps {
  readonly states: Map<string, number>;
  readonly bodies: Map<string, number>;
  readonly districts: Map<string, number>;
  /** `${stateCode}:${number}` */
  readonly pcs: Map<string, number>;
  /** `${stateCode}:${number}` */
  readonly acs: Map<string, number>;
  /** `${districtCode}:${code}` */
  readonly locations: Map<string, number>;
  readonly users: Map<string, number>;
}

export function need<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Seed data refers to unknown ${what} ${String(key)}`);
  return value;
}

/** States, election bodies, models, districts, PCs, ACs and elections (the reference tables). */
export async function writeReference(db: Db, data: DemoDistrict, ids: IdMaps): Promise<void> {
  for (const row of await db.insertInto('states').values(data.states.map((s) => ({ ...s }))).returning(['id', 'code']).execute()) {
    ids.states.set(row.code, row.id);
  }
  const bodies = data.bodies.map((b) => ({
    code: b.code, name: b.name, kind: b.kind, stateId: b.stateCode ? need(ids.states, b.stateCode, 'state') : null,
  }));
  for (const row of await db.insertInto('electionBodies').values(bodies).returning(['id', 'code']).execute()) {
    ids.bodies.set(row.code, row.id);
  }
  await db.insertInto('unitModels').values(data.unitModels.map((m) => ({ ...m }))).execute();
  const districts = data.districts.map(({ stateCode, ...d }) => ({ ...d, stateId: need(ids.states, stateCode, 'state') }));
  for (const row of await db.insertInto('districts').values(districts).returning(['id', 'code']).execute()) {
    ids.districts.set(row.code, row.id);
  }
  const pcs = data.pcs.map(({ stateCode, ...pc }) => ({ ...pc, stateId: need(ids.states, stateCode, 'state') }));
  const pcRows = await db.insertInto('pcs').values(pcs).returning(['id', 'stateId', 'number']).execute();
  const stateCodeById = new Map([...ids.states].map(([code, id]) => [id, code]));
  for (const row of pcRows) ids.pcs.set(`${stateCodeById.get(row.stateId) ?? ''}:${row.number}`, row.id);
  const acs = data.acs.map((ac) => ({
    stateId: need(ids.states, ac.stateCode, 'state'),
    districtId: need(ids.districts, ac.districtCode, 'district'),
    pcId: need(ids.pcs, `${ac.stateCode}:${ac.pcNumber}`, 'PC'),
    number: ac.number, name: ac.name, nameHi: ac.nameHi,
  }));
  const acRows = await db.insertInto('acs').values(acs).returning(['id', 'stateId', 'number']).execute();
  for (const row of acRows) ids.acs.set(`${stateCodeById.get(row.stateId) ?? ''}:${row.number}`, row.id);
  const elections = data.elections.map((e) => ({
    code: e.code, name: e.name, kind: e.kind, bodyId: need(ids.bodies, e.bodyCode, 'election body'),
    stateId: e.stateCode ? need(ids.states, e.stateCode, 'state') : null, rules: JSON.stringify(e.rules),
  }));
  await db.insertInto('elections').values(elections).execute();
}

function stateOfDistrict(data: DemoDistrict, districtCode: string): string {
  const district = data.districts.find((d) => d.code === districtCode);
  if (!district) throw new Error(`Seed data refers to unknown district ${districtCode}`);
  return district.stateCode;
}

export async function writeLocations(db: Db, data: DemoDistrict, ids: IdMaps): Promise<void> {
  const rows = data.locations.map((l) => ({
    districtId: need(ids.districts, l.districtCode, 'district'),
    code: l.code, kind: l.kind, strongroomType: l.strongroomType, name: l.name, nameHi: l.nameHi,
    acId: l.acNumber === null ? null : need(ids.acs, `${stateOfDistrict(data, l.districtCode)}:${l.acNumber}`, 'AC'),
    lat: l.lat, lon: l.lon, psNumber: l.psNumber, electors: l.electors,
    // A strongroom stands sealed until a session opens it.
    sealed: l.kind === 'strongroom',
  }));
  const districtCodeById = new Map([...ids.districts].map(([code, id]) => [id, code]));
  for (const part of chunk(rows)) {
    const inserted = await db.insertInto('locations').values(part).returning(['districtId', 'id', 'code']).execute();
    for (const row of inserted) ids.locations.set(`${districtCodeById.get(row.districtId) ?? ''}:${row.code}`, row.id);
  }
}

/** Every unit starts 'manufactured' at its plant; the custody log then moves it. */
export async function writeUnits(db: Db, data: DemoDistrict, ids: IdMaps, manufacturedAt: Date): Promise<void> {
  const rows = data.units.map((u) => ({
    districtId: need(ids.districts, u.districtCode, 'district'),
    serial: u.serial, kind: u.kind, maker: u.maker, model: u.model, year: u.year,
    ownerBodyId: need(ids.bodies, u.ownerBodyCode, 'election body'),
    state: 'manufactured',
    locationId: need(ids.locations, `${u.districtCode}:${u.locationCode}`, 'location'),
    updatedAt: manufacturedAt,
  }));
  for (const part of chunk(rows)) await db.insertInto('units').values(part).execute();
}

export async function writeUsers(
  db: Db,
  users: readonly UserRow[],
  ids: IdMaps,
  hashPassword: (password: string) => Promise<string>,
): Promise<void> {
  const rows = await Promise.all(users.map(async (u) => ({
    username: u.username, displayName: u.displayName, role: u.role, jurisdictionLevel: u.jurisdictionLevel,
    stateId: u.stateCode ? need(ids.states, u.stateCode, 'state') : null,
    districtId: u.districtCode ? need(ids.districts, u.districtCode, 'district') : null,
    acId: u.acNumber !== null && u.stateCode ? need(ids.acs, `${u.stateCode}:${u.acNumber}`, 'AC') : null,
    passwordHash: await hashPassword(u.password),
  })));
  for (const row of await db.insertInto('users').values(rows).returning(['id', 'username']).execute()) {
    ids.users.set(row.username, row.id);
  }
}
