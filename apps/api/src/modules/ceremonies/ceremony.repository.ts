import type { CeremonyAllocationRow, CeremonyDetail, CeremonyStage, CeremonyStatus, CeremonySummary, UnitKind } from '@evmtrail/shared';
import { sql } from 'kysely';

import type { Queryable } from '../../db/handle.ts';
import { toJurisdiction } from '../auth/auth.service.ts';
import type { Actor } from '../authority/authority.service.ts';

export interface CeremonyRow {
  id: number; districtId: number; stateId: number; code: string; stage: CeremonyStage; acId: number | null;
  electionId: string; scope: string; status: CeremonyStatus;
  poolCsv: string; poolHash: string; demandCsv: string; demandHash: string;
  dice: string | null; seed: string | null; allocationCsv: string | null; allocationHash: string | null;
  createdBy: number; allocatedBy: number | null; finalisedAt: Date | null;
}

export async function findDistrictRow(db: Queryable, districtId: number) {
  return db.selectFrom('districts').select(['id', 'stateId', 'code', 'name', 'nameHi']).where('id', '=', districtId).executeTakeFirst();
}

export async function findAcRow(db: Queryable, districtId: number, acId: number) {
  return db.selectFrom('acs').select(['id', 'number', 'name', 'nameHi']).where('id', '=', acId).where('districtId', '=', districtId).executeTakeFirst();
}

/** Every AC of the district by number and name (both scripts), for the lists' places. */
export async function districtAcNames(db: Queryable, districtId: number): Promise<{ number: number; name: string; nameHi: string | null }[]> {
  return db.selectFrom('acs').select(['number', 'name', 'nameHi']).where('districtId', '=', districtId).execute();
}

/** An AC's polling stations by number and name (both scripts). */
export async function acStationNames(db: Queryable, districtId: number, acId: number): Promise<{ number: number; name: string; nameHi: string | null }[]> {
  const rows = await db.selectFrom('locations').select(['psNumber', 'name', 'nameHi'])
    .where('districtId', '=', districtId).where('acId', '=', acId).where('kind', '=', 'polling_station').where('psNumber', 'is not', null).execute();
  return rows.map((r) => ({ number: Number(r.psNumber), name: r.name, nameHi: r.nameHi }));
}

/** The RAND_* entries that name ceremony `code` below tree size `size` (the caller confirms each by parsing it). */
export async function ceremonyLogRows(db: Queryable, districtId: number, code: string, size: number): Promise<{ idx: number; entry: string; leafHash: Uint8Array }[]> {
  return db.selectFrom('logEntries').select(['idx', 'entry', 'leafHash'])
    .where('districtId', '=', districtId).where('idx', '<', size)
    .where('entry', 'like', '%"type":"RAND\\_%').where('entry', 'like', `%Ceremony ${code}%`)
    .orderBy('idx').execute();
}

export async function currentElection(db: Queryable): Promise<{ code: string; rules: unknown } | undefined> {
  return db.selectFrom('elections').select(['code', 'rules']).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export interface PoolRow { serial: string; kind: string }

/** An AC's pool: units of the AC in one of `states`, not on hold, FLC-OK in the current cycle. */
export async function acPoolUnits(db: Queryable, districtId: number, acId: number, states: readonly string[], cycle: number): Promise<PoolRow[]> {
  return db.selectFrom('units').select(['serial', 'kind'])
    .where('districtId', '=', districtId).where('acId', '=', acId).where('state', 'in', [...states]).where('flcCycle', '=', cycle)
    .where('hold', '=', 'none').where('isTraining', '=', false).where('kind', 'in', ['BU', 'CU', 'VVPAT'])
    .orderBy('serial').execute();
}

/** The models of the CUs among `serials` (the second randomisation's BU limit follows the model). */
export async function cuModels(db: Queryable, districtId: number, serials: readonly string[]): Promise<string[]> {
  if (serials.length === 0) return [];
  const rows = await db.selectFrom('units').select('model').distinct().where('districtId', '=', districtId).where('kind', '=', 'CU').where('serial', 'in', [...serials]).execute();
  return rows.map((r) => r.model).sort();
}

/** A second randomisation's stations: PS target, number and name. */
export async function stationNames(db: Queryable, districtId: number, acId: number): Promise<Array<{ target: string; number: number; name: string }>> {
  const rows = await db.selectFrom('locations').select(['psNumber', 'name']).where('districtId', '=', districtId).where('acId', '=', acId)
    .where('kind', '=', 'polling_station').where('psNumber', 'is not', null).orderBy('psNumber').execute();
  return rows.map((r) => ({ target: `PS-${String(r.psNumber).padStart(3, '0')}`, number: Number(r.psNumber), name: r.name }));
}

/** Why a serial is not eligible, in words a person understands. */
export async function whyIneligible(db: Queryable, districtId: number, serial: string, cycle: number): Promise<string> {
  const u = await db.selectFrom('units').select(['state', 'hold', 'flcCycle', 'acId']).where('districtId', '=', districtId).where('serial', '=', serial).executeTakeFirst();
  if (!u) return 'no unit of that serial is in this district';
  if (u.hold !== 'none') return `it is on hold (${u.hold})`;
  if (u.state === 'flc_rejected') return 'it was rejected at FLC';
  if (u.state === 'flc_ok' && u.flcCycle !== cycle) return 'its FLC is not of the current cycle';
  return `it is ${u.state.replaceAll('_', ' ')}${u.acId !== null ? ', allocated to an AC' : ''}`;
}

export async function acsWithStations(db: Queryable, districtId: number): Promise<{ id: number; number: number; stations: number }[]> {
  const rows = await db.selectFrom('acs')
    .leftJoin('locations', (j) => j.onRef('locations.acId', '=', 'acs.id').on('locations.kind', '=', 'polling_station').on('locations.districtId', '=', districtId))
    .select(['acs.id', 'acs.number', sql<number>`count(locations.id)`.as('stations')])
    .where('acs.districtId', '=', districtId).groupBy(['acs.id', 'acs.number']).orderBy('acs.number').execute();
  return rows.map((r) => ({ id: r.id, number: r.number, stations: Number(r.stations) })).filter((r) => r.stations > 0);
}

export async function acsByScope(db: Queryable, districtId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('acs').select(['id', 'number']).where('districtId', '=', districtId).orderBy('number').execute();
  return new Map(rows.map((r) => [`AC-${String(r.number).padStart(3, '0')}`, r.id]));
}

export async function pollingStations(db: Queryable, districtId: number, acId: number): Promise<number[]> {
  const rows = await db.selectFrom('locations').select('psNumber').where('districtId', '=', districtId).where('acId', '=', acId)
    .where('kind', '=', 'polling_station').where('psNumber', 'is not', null).orderBy('psNumber').execute();
  return rows.map((r) => Number(r.psNumber));
}

export async function countCeremonies(db: Queryable, districtId: number): Promise<number> {
  const row = await db.selectFrom('ceremonies').select(sql<number>`count(*)`.as('n')).where('districtId', '=', districtId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertCeremony(db: Queryable, r: {
  districtId: number; code: string; stage: CeremonyStage; acId: number | null; electionId: string; scope: string;
  poolCsv: string; poolHash: string; demandCsv: string; demandHash: string; reservePct: string; createdBy: number; now: Date;
  flcCampaignId?: number;
}): Promise<number> {
  const row = await db.insertInto('ceremonies').values({
    districtId: r.districtId, code: r.code, stage: r.stage, acId: r.acId, electionId: r.electionId, scope: r.scope, status: 'committing',
    poolCsv: r.poolCsv, poolHash: r.poolHash, demandCsv: r.demandCsv, demandHash: r.demandHash, reservePct: r.reservePct,
    createdBy: r.createdBy, createdAt: r.now, ...(r.flcCampaignId !== undefined ? { flcCampaignId: r.flcCampaignId } : {}),
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findCeremony(db: Queryable, districtId: number, id: number, lock: boolean): Promise<CeremonyRow | undefined> {
  let q = db.selectFrom('ceremonies').innerJoin('districts', 'districts.id', 'ceremonies.districtId')
    .select([
      'ceremonies.id', 'ceremonies.districtId', 'districts.stateId', 'ceremonies.code', 'ceremonies.stage', 'ceremonies.acId', 'ceremonies.electionId',
      'ceremonies.scope', 'ceremonies.status', 'ceremonies.poolCsv', 'ceremonies.poolHash', 'ceremonies.demandCsv', 'ceremonies.demandHash',
      'ceremonies.dice', 'ceremonies.seed', 'ceremonies.allocationCsv', 'ceremonies.allocationHash', 'ceremonies.createdBy', 'ceremonies.allocatedBy',
      'ceremonies.finalisedAt',
    ])
    .where('ceremonies.districtId', '=', districtId).where('ceremonies.id', '=', id);
  if (lock) q = q.forUpdate('ceremonies');
  const row = await q.executeTakeFirst();
  return row ? { ...row, id: Number(row.id), stage: row.stage as CeremonyStage, status: row.status as CeremonyStatus } : undefined;
}

export async function updateCeremony(db: Queryable, districtId: number, id: number, set: {
  status?: CeremonyStatus; dice?: string; diceBy?: number; diceAt?: Date; seed?: string; allocationCsv?: string; allocationHash?: string;
  allocatedBy?: number; allocatedAt?: Date; finalisedBy?: number; finalisedAt?: Date; abandonedBy?: number; abandonedAt?: Date; abandonReason?: string;
}): Promise<void> {
  await db.updateTable('ceremonies').set(set).where('districtId', '=', districtId).where('id', '=', id).execute();
}

export async function insertParty(db: Queryable, r: { districtId: number; ceremonyId: number; party: string; commitment: string; by: number; now: Date }): Promise<boolean> {
  const res = await db.insertInto('ceremonyParties').values({
    districtId: r.districtId, ceremonyId: r.ceremonyId, party: r.party, commitment: r.commitment, committedBy: r.by, committedAt: r.now,
  }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findParty(db: Queryable, districtId: number, ceremonyId: number, party: string) {
  return db.selectFrom('ceremonyParties').select(['party', 'commitment', 'reveal'])
    .where('districtId', '=', districtId).where('ceremonyId', '=', ceremonyId).where('party', '=', party).executeTakeFirst();
}

export async function listParties(db: Queryable, districtId: number, ceremonyId: number) {
  return db.selectFrom('ceremonyParties').select(['party', 'commitment', 'reveal'])
    .where('districtId', '=', districtId).where('ceremonyId', '=', ceremonyId).orderBy('party').execute();
}

export async function setReveal(db: Queryable, r: { districtId: number; ceremonyId: number; party: string; reveal: string; by: number; now: Date }): Promise<void> {
  await db.updateTable('ceremonyParties').set({ reveal: r.reveal, revealedBy: r.by, revealedAt: r.now })
    .where('districtId', '=', r.districtId).where('ceremonyId', '=', r.ceremonyId).where('party', '=', r.party).execute();
}

export interface AllocationInsert { kind: UnitKind; serial: string; target: string; reserve: boolean; position: number; ticket: string }

export async function insertAllocation(db: Queryable, districtId: number, ceremonyId: number, rows: readonly AllocationInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('ceremonyUnits').values(rows.slice(i, i + 1000).map((r) => ({ districtId, ceremonyId, ...r }))).execute();
  }
}

export async function listAllocation(db: Queryable, districtId: number, ceremonyId: number): Promise<CeremonyAllocationRow[]> {
  const rows = await db.selectFrom('ceremonyUnits').select(['kind', 'target', 'serial', 'reserve', 'position', 'ticket'])
    .where('districtId', '=', districtId).where('ceremonyId', '=', ceremonyId).orderBy('kind').orderBy('position').execute();
  return rows.map((r) => ({ ...r, kind: r.kind as UnitKind }));
}

export async function listReplacements(db: Queryable, districtId: number, ceremonyId: number) {
  return db.selectFrom('ceremonyReplacements').innerJoin('users', 'users.id', 'ceremonyReplacements.replacedBy')
    .select(['kind', 'target', 'oldSerial', 'newSerial', 'reason', 'users.username', 'replacedAt'])
    .where('ceremonyReplacements.districtId', '=', districtId).where('ceremonyReplacements.ceremonyId', '=', ceremonyId).orderBy('ceremonyReplacements.id').execute();
}

export async function insertReplacement(db: Queryable, r: { districtId: number; ceremonyId: number; kind: string; target: string; oldSerial: string; newSerial: string; reason: string; by: number; now: Date }): Promise<void> {
  await db.insertInto('ceremonyReplacements').values({
    districtId: r.districtId, ceremonyId: r.ceremonyId, kind: r.kind, target: r.target, oldSerial: r.oldSerial, newSerial: r.newSerial,
    reason: r.reason, replacedBy: r.by, replacedAt: r.now,
  }).execute();
}

export async function passwordHashOf(db: Queryable, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('passwordHash').where('id', '=', userId).where('active', '=', true).executeTakeFirst();
  return row?.passwordHash;
}

/** The officer who ran the ceremony, as the unit service judges them. */
export async function actorOf(db: Queryable, userId: number): Promise<Actor> {
  const u = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  return { userId: u.id, username: u.username, role: u.role as Actor['role'], jurisdiction: toJurisdiction(u) };
}

export async function listCeremonyIds(db: Queryable, districtId: number, acId?: number): Promise<number[]> {
  let q = db.selectFrom('ceremonies').select('id').where('districtId', '=', districtId);
  if (acId !== undefined) q = q.where((eb) => eb.or([eb('acId', '=', acId), eb('acId', 'is', null)]));
  const rows = await q.orderBy('id', 'desc').execute();
  return rows.map((r) => Number(r.id));
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export async function summary(db: Queryable, districtId: number, id: number): Promise<CeremonySummary | undefined> {
  const c = await db.selectFrom('ceremonies as c')
    .leftJoin('acs', 'acs.id', 'c.acId')
    .leftJoin('users as uc', 'uc.id', 'c.createdBy')
    .leftJoin('users as ud', 'ud.id', 'c.diceBy')
    .leftJoin('users as ua', 'ua.id', 'c.allocatedBy')
    .leftJoin('users as uf', 'uf.id', 'c.finalisedBy')
    .leftJoin('users as ux', 'ux.id', 'c.abandonedBy')
    .select([
      'c.id', 'c.code', 'c.stage', 'c.acId', 'acs.number as acNumber', 'acs.name as acName', 'c.electionId', 'c.scope', 'c.status',
      'c.poolHash', 'c.demandHash', 'c.allocationHash', 'c.poolCsv',
      'uc.username as createdByName', 'c.createdAt', 'ud.username as diceByName', 'c.diceAt', 'ua.username as allocatedByName', 'c.allocatedAt',
      'uf.username as finalisedByName', 'c.finalisedAt', 'ux.username as abandonedByName', 'c.abandonedAt', 'c.abandonReason',
      'c.flcCampaignId',
    ])
    .where('c.districtId', '=', districtId).where('c.id', '=', id).executeTakeFirst();
  if (!c) return undefined;
  const poolCounts = { BU: 0, CU: 0, VVPAT: 0 } as Record<UnitKind, number>;
  for (const line of c.poolCsv.split('\n')) {
    const kind = line.split(',')[0] as UnitKind;
    if (kind in poolCounts) poolCounts[kind] += 1;
  }
  const step = (by: string | null, at: Date | string | null) => (by !== null && at !== null ? { by, at: iso(at) ?? '' } : null);
  const abandoned = step(c.abandonedByName, c.abandonedAt);
  return {
    id: Number(c.id), code: c.code, stage: c.stage as CeremonyStage,
    ac: c.acId !== null && c.acNumber !== null && c.acName !== null ? { id: c.acId, number: c.acNumber, name: c.acName } : null,
    electionId: c.electionId, scope: c.scope, status: c.status as CeremonyStatus,
    poolHash: c.poolHash, demandHash: c.demandHash, allocationHash: c.allocationHash, poolCounts,
    created: step(c.createdByName, c.createdAt) ?? { by: '', at: iso(c.createdAt) ?? '' },
    dice: step(c.diceByName, c.diceAt), allocated: step(c.allocatedByName, c.allocatedAt), finalised: step(c.finalisedByName, c.finalisedAt),
    abandoned: abandoned ? { ...abandoned, reason: c.abandonReason ?? '' } : null,
    flcCampaignId: c.flcCampaignId === null ? null : Number(c.flcCampaignId),
  };
}

export async function detail(db: Queryable, districtId: number, id: number): Promise<CeremonyDetail | undefined> {
  const s = await summary(db, districtId, id);
  if (!s) return undefined;
  const c = await db.selectFrom('ceremonies').select(['dice', 'seed', 'demandCsv']).where('districtId', '=', districtId).where('id', '=', id).executeTakeFirstOrThrow();
  const parties = await db.selectFrom('ceremonyParties as p')
    .leftJoin('users as uc', 'uc.id', 'p.committedBy').leftJoin('users as ur', 'ur.id', 'p.revealedBy')
    .select(['p.party', 'p.commitment', 'uc.username as cBy', 'p.committedAt', 'p.reveal', 'ur.username as rBy', 'p.revealedAt'])
    .where('p.districtId', '=', districtId).where('p.ceremonyId', '=', id).orderBy('p.party').execute();
  const replacements = await listReplacements(db, districtId, id);
  const stations = s.stage === 'second' && s.ac ? await stationNames(db, districtId, s.ac.id) : [];
  return {
    stations,
    ...s,
    diceDigits: c.dice, seed: c.seed,
    demand: c.demandCsv.split('\n').filter((l) => l !== '').map((l) => {
      const [kind, target, count] = l.split(',');
      return { kind: kind as UnitKind, target: target ?? '', count: Number(count) };
    }),
    parties: parties.map((p) => ({
      party: p.party, commitment: p.commitment, committed: { by: p.cBy ?? '', at: iso(p.committedAt) ?? '' },
      reveal: p.reveal, revealed: p.rBy !== null && p.revealedAt !== null ? { by: p.rBy, at: iso(p.revealedAt) ?? '' } : null,
    })),
    allocation: await listAllocation(db, districtId, id),
    replacements: replacements.map((r) => ({
      kind: r.kind as UnitKind, target: r.target, oldSerial: r.oldSerial, newSerial: r.newSerial, reason: r.reason,
      replaced: { by: r.username, at: iso(r.replacedAt) ?? '' },
    })),
  };
}
