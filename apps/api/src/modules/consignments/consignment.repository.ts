import type { ConsignmentDetail, ConsignmentIssue, ConsignmentSummary } from '@evmtrail/shared';

import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';

export interface ConsignmentRow {
  readonly id: number;
  readonly code: string;
  readonly kind: string;
  readonly status: string;
  readonly districtId: number;
  readonly fromLocationId: number;
  readonly toDistrictId: number;
  readonly toLocationId: number;
  readonly approvalRole: string | null;
  readonly approvedBy: number | null;
  readonly vehicleLocationId: number | null;
  readonly toVehicleLocationId: number | null;
  /** An AC-strongroom consignment: the AC whose allocated units alone it carries. */
  readonly acId: number | null;
  readonly ceremonyId: number | null;
}

const ROW = ['id', 'code', 'kind', 'status', 'districtId', 'fromLocationId', 'toDistrictId', 'toLocationId', 'approvalRole', 'approvedBy', 'vehicleLocationId', 'toVehicleLocationId', 'acId', 'ceremonyId'] as const;

/** The consignment row-locked, seen from a district that sends or receives it. */
export async function lockConsignment(tx: Tx, districtId: number, id: number): Promise<ConsignmentRow | undefined> {
  return tx.selectFrom('consignments').select(ROW).where('id', '=', id)
    .where((eb) => eb.or([eb('districtId', '=', districtId), eb('toDistrictId', '=', districtId)]))
    .forUpdate().executeTakeFirst();
}

export async function insertConsignment(tx: Tx, p: {
  kind: string; districtId: number; fromLocationId: number; toDistrictId: number; toLocationId: number;
  reference: string | null; approvalRole: string | null; createdBy: number; now: Date; acId?: number; ceremonyId?: number;
}): Promise<{ id: number; code: string }> {
  const { id } = await tx.insertInto('consignments').values({
    code: `pending-${Math.random().toString(36).slice(2)}`, kind: p.kind, districtId: p.districtId, fromLocationId: p.fromLocationId,
    acId: p.acId ?? null, ceremonyId: p.ceremonyId ?? null,
    toDistrictId: p.toDistrictId, toLocationId: p.toLocationId, reference: p.reference, approvalRole: p.approvalRole,
    approvedBy: null, vehicleLocationId: null, toVehicleLocationId: null, vehicleNumber: null, driver: null, escort: null, seals: null,
    dispatchedBy: null, dispatchIdx: null, arrivedIdx: null, completedBy: null, createdBy: p.createdBy, createdAt: p.now,
  }).returning('id').executeTakeFirstOrThrow();
  const code = `CN-${String(id).padStart(5, '0')}`;
  await tx.updateTable('consignments').set({ code }).where('id', '=', id).execute();
  return { id, code };
}

export async function setStatus(tx: Tx, id: number, values: Record<string, unknown>): Promise<void> {
  await tx.updateTable('consignments').set(values).where('id', '=', id).execute();
}

export async function loadedSerials(db: Queryable, id: number, status?: string): Promise<string[]> {
  let q = db.selectFrom('consignmentUnits').select('serial').where('consignmentId', '=', id);
  if (status) q = q.where('status', '=', status);
  return (await q.orderBy('serial').execute()).map((r) => r.serial);
}

export async function unitLine(tx: Tx, id: number, serial: string): Promise<{ status: string; dispatchIdx: number | null } | undefined> {
  return tx.selectFrom('consignmentUnits').select(['status', 'dispatchIdx']).where('consignmentId', '=', id).where('serial', '=', serial).forUpdate().executeTakeFirst();
}

/** The consignment (other than `except`) that holds a unit in transit now, if any. */
export async function inTransitOn(db: Queryable, serial: string, except: number): Promise<{ code: string } | undefined> {
  return db.selectFrom('consignmentUnits as cu').innerJoin('consignments as c', 'c.id', 'cu.consignmentId')
    .select('c.code').where('cu.serial', '=', serial).where('cu.status', '=', 'in_transit').where('c.id', '!=', except).executeTakeFirst();
}

/** A unit already on a consignment not yet dispatched (a unit is loaded once). */
export async function loadedElsewhere(db: Queryable, serials: readonly string[]): Promise<{ serial: string; code: string } | undefined> {
  if (serials.length === 0) return undefined;
  return db.selectFrom('consignmentUnits as cu').innerJoin('consignments as c', 'c.id', 'cu.consignmentId')
    .select(['cu.serial', 'c.code']).where('cu.serial', 'in', serials).where('c.status', 'in', ['draft', 'approved']).executeTakeFirst();
}

export async function insertLines(tx: Tx, id: number, serials: readonly string[], by: number, now: Date): Promise<void> {
  if (serials.length === 0) return;
  await tx.insertInto('consignmentUnits').values(serials.map((serial) => ({ consignmentId: id, serial, loadedBy: by, loadedAt: now, dispatchIdx: null }))).execute();
}

export async function markLines(tx: Tx, p: { id: number; serials: readonly string[]; to: string; dispatchIdx?: number; by?: number; now?: Date }): Promise<void> {
  if (p.serials.length === 0) return;
  await tx.updateTable('consignmentUnits').set({
    status: p.to,
    ...(p.dispatchIdx !== undefined ? { dispatchIdx: p.dispatchIdx } : {}),
    ...(p.by !== undefined ? { receivedBy: p.by, receivedAt: p.now ?? null } : {}),
  }).where('consignmentId', '=', p.id).where('serial', 'in', p.serials).execute();
}

export async function insertIssue(tx: Tx, p: { id: number; serial: string; kind: string; detail: string; now: Date }): Promise<boolean> {
  const row = await tx.insertInto('consignmentIssues').values({ consignmentId: p.id, serial: p.serial, kind: p.kind, detail: p.detail, createdAt: p.now, resolution: null, resolutionNote: null, resolvedBy: null })
    .onConflict((c) => c.columns(['consignmentId', 'serial']).doNothing()).returning('serial').executeTakeFirst();
  return row !== undefined;
}

export async function findIssue(tx: Tx, id: number, serial: string): Promise<{ kind: string; resolution: string | null } | undefined> {
  return tx.selectFrom('consignmentIssues').select(['kind', 'resolution']).where('consignmentId', '=', id).where('serial', '=', serial).forUpdate().executeTakeFirst();
}

export async function resolveIssue(tx: Tx, p: { id: number; serial: string; resolution: string; note: string; by: number; now: Date }): Promise<void> {
  await tx.updateTable('consignmentIssues').set({ resolution: p.resolution, resolutionNote: p.note, resolvedBy: p.by, resolvedAt: p.now })
    .where('consignmentId', '=', p.id).where('serial', '=', p.serial).execute();
}

export async function openIssueCount(db: Queryable, id: number): Promise<number> {
  const row = await db.selectFrom('consignmentIssues').select(sql<number>`count(*)::int`.as('n')).where('consignmentId', '=', id).where('resolution', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function locationOf(db: Queryable, districtId: number, id: number): Promise<{ id: number; code: string; name: string; kind: string } | undefined> {
  return db.selectFrom('locations').select(['id', 'code', 'name', 'kind']).where('districtId', '=', districtId).where('id', '=', id).executeTakeFirst();
}

export async function insertVehicle(tx: Tx, p: { districtId: number; code: string; name: string }): Promise<number> {
  const row = await tx.insertInto('locations').values({
    districtId: p.districtId, code: p.code, kind: 'vehicle', name: p.name, nameHi: null, strongroomType: null, acId: null, parentId: null, lat: null, lon: null, psNumber: null, electors: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function leafHashHex(db: Queryable, districtId: number, idx: number): Promise<{ origin: string; hash: string }> {
  const row = await db.selectFrom('logEntries as e').innerJoin('districtLogs as d', 'd.districtId', 'e.districtId')
    .select(['e.leafHash', 'd.origin']).where('e.districtId', '=', districtId).where('e.idx', '=', idx).executeTakeFirstOrThrow();
  return { origin: row.origin, hash: Buffer.from(row.leafHash).toString('hex') };
}

/** Hands a unit in transit over to the receiving district: its row moves to that district's vehicle place. */
export async function handOver(tx: Tx, p: { serial: string; fromDistrictId: number; fromVehicleId: number; toDistrictId: number; toVehicleId: number; now: Date }): Promise<number> {
  const result = await tx.updateTable('units').set((eb) => ({ districtId: p.toDistrictId, locationId: p.toVehicleId, acId: null, updatedAt: p.now, version: eb('version', '+', 1) }))
    .where('districtId', '=', p.fromDistrictId).where('serial', '=', p.serial).where('state', '=', 'in_transit').where('locationId', '=', p.fromVehicleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function summaries(db: Queryable, where: { districtId: number; id?: number }): Promise<ConsignmentSummary[]> {
  let q = db.selectFrom('consignments as c')
    .innerJoin('locations as f', (j) => j.onRef('f.districtId', '=', 'c.districtId').onRef('f.id', '=', 'c.fromLocationId'))
    .innerJoin('locations as t', (j) => j.onRef('t.districtId', '=', 'c.toDistrictId').onRef('t.id', '=', 'c.toLocationId'))
    .leftJoin('acs as a', 'a.id', 'c.acId')
    .leftJoin('ceremonies as r', (j) => j.onRef('r.districtId', '=', 'c.districtId').onRef('r.id', '=', 'c.ceremonyId'))
    .select(['a.id as acId', 'a.number as acNumber', 'a.name as acName', 'r.code as ceremonyCode'])
    .select(['c.id', 'c.code', 'c.kind', 'c.status', 'c.districtId', 'c.toDistrictId', 'c.toLocationId', 'c.reference', 'c.approvalRole', 'c.approvedBy',
      'c.vehicleNumber', 'c.driver', 'c.escort', 'c.seals', 'f.name as fromName', 't.name as toName'])
    .select([
      sql<number>`(select count(*)::int from consignment_units u where u.consignment_id = c.id)`.as('loaded'),
      sql<number>`(select count(*)::int from consignment_units u where u.consignment_id = c.id and u.status = 'received')`.as('received'),
      sql<number>`(select count(*)::int from consignment_issues i where i.consignment_id = c.id and i.resolution is null)`.as('openIssues'),
    ])
    .where((eb) => eb.or([eb('c.districtId', '=', where.districtId), eb('c.toDistrictId', '=', where.districtId)]));
  if (where.id !== undefined) q = q.where('c.id', '=', where.id);
  const rows = await q.orderBy('c.id', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, kind: r.kind as ConsignmentSummary['kind'], status: r.status as ConsignmentSummary['status'],
    districtId: r.districtId, toDistrictId: r.toDistrictId, toLocationId: Number(r.toLocationId), fromName: r.fromName, toName: r.toName, reference: r.reference,
    ac: r.acId !== null && r.acNumber !== null && r.acName !== null ? { id: r.acId, number: r.acNumber, name: r.acName } : null,
    ceremonyCode: r.ceremonyCode,
    approvalRole: r.approvalRole as ConsignmentSummary['approvalRole'], approved: r.approvedBy !== null,
    vehicleNumber: r.vehicleNumber, driver: r.driver, escort: r.escort, seals: r.seals ? r.seals.split('\n') : [],
    loaded: Number(r.loaded), received: Number(r.received), openIssues: Number(r.openIssues),
  }));
}

export async function detailParts(db: Queryable, id: number, districtId: number, code: string): Promise<Pick<ConsignmentDetail, 'units' | 'issues' | 'entries'>> {
  const units = await db.selectFrom('consignmentUnits as cu')
    .leftJoin('units as u', 'u.serial', 'cu.serial')
    .select(['cu.serial', 'cu.status', 'u.kind']).where('cu.consignmentId', '=', id).orderBy('cu.serial').execute();
  const issues = await db.selectFrom('consignmentIssues').select(['serial', 'kind', 'detail', 'resolution', 'resolutionNote'])
    .where('consignmentId', '=', id).orderBy('serial').execute();
  const entries = await db.selectFrom('logEntries').select(['idx', 'type', 'ts', 'actor'])
    .where('districtId', '=', districtId).where(sql<boolean>`entry like ${`%${code}%`}`).orderBy('idx').limit(200).execute();
  return {
    units: units.map((u) => ({ serial: u.serial, kind: u.kind ?? '', status: u.status as ConsignmentDetail['units'][number]['status'] })),
    issues: issues.map((i) => ({ ...i, kind: i.kind as ConsignmentIssue['kind'], resolution: i.resolution as ConsignmentIssue['resolution'] })),
    entries: entries.map((e) => ({ idx: Number(e.idx), type: e.type, ts: new Date(e.ts).toISOString(), actor: e.actor })),
  };
}

/**
 * Units a consignment may still take: at its origin, in a state dispatch leaves from, not loaded
 * anywhere (at most 500). For an AC-strongroom consignment: exactly the units allocated to its AC
 * (the whole list, for "load all").
 */
export async function pickableUnits(db: Queryable, districtId: number, id: number): Promise<Array<{ serial: string; kind: string }>> {
  const c = await db.selectFrom('consignments').select(['kind', 'acId']).where('id', '=', id).where('districtId', '=', districtId).executeTakeFirst();
  if (!c) return [];
  let q = db.selectFrom('units as u').innerJoin('consignments as c', (j) => j.onRef('c.districtId', '=', 'u.districtId').onRef('c.fromLocationId', '=', 'u.locationId'))
    .select(['u.serial', 'u.kind']).where('c.id', '=', id).where('c.districtId', '=', districtId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('consignmentUnits as cu').innerJoin('consignments as o', 'o.id', 'cu.consignmentId')
      .select('cu.serial').whereRef('cu.serial', '=', 'u.serial').where('o.status', 'in', ['draft', 'approved']))));
  q = c.kind === 'ac_strongroom' && c.acId !== null
    ? q.where('u.state', '=', 'allocated_poll').where('u.acId', '=', c.acId)
    : q.where('u.state', 'in', ['in_warehouse', 'flc_ok']);
  return q.orderBy('u.serial').limit(c.kind === 'ac_strongroom' ? 5000 : 500).execute();
}

/** A ceremony of the district, as preparing consignments from it needs it. */
export async function ceremonyOf(db: Queryable, districtId: number, id: number): Promise<{ id: number; code: string; stage: string; status: string; acId: number | null } | undefined> {
  const row = await db.selectFrom('ceremonies').select(['id', 'code', 'stage', 'status', 'acId']).where('districtId', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : undefined;
}

/**
 * What a finalised first randomisation sends to each AC strongroom: per AC target of the
 * allocation (reserve and TRAINING left out), the AC, its strongroom (strongroom type 'ac'), and
 * where its units still allocated to it stand now, not already on a consignment being loaded.
 */
export async function acLoadsOf(db: Queryable, districtId: number, ceremonyId: number): Promise<Array<{
  acId: number; acNumber: number; acName: string; strongroomId: number | null; fromLocationId: number; units: number;
}>> {
  const rows = await db.selectFrom('ceremonyUnits as cu')
    .innerJoin('units as u', (j) => j.onRef('u.districtId', '=', 'cu.districtId').onRef('u.serial', '=', 'cu.serial'))
    .innerJoin('acs as a', 'a.id', 'u.acId')
    .select(['a.id as acId', 'a.number as acNumber', 'a.name as acName', 'u.locationId as fromLocationId', sql<number>`count(*)::int`.as('units')])
    .select((eb) => eb.selectFrom('locations as l').select(sql<number>`min(l.id)`.as('id'))
      .whereRef('l.acId', '=', 'a.id').where('l.districtId', '=', districtId).where('l.kind', '=', 'strongroom').where('l.strongroomType', '=', 'ac').as('strongroomId'))
    .where('cu.districtId', '=', districtId).where('cu.ceremonyId', '=', ceremonyId).where('cu.reserve', '=', false).where('cu.target', 'like', 'AC-%')
    .where('u.state', '=', 'allocated_poll')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('consignmentUnits as l').innerJoin('consignments as o', 'o.id', 'l.consignmentId')
      .select('l.serial').whereRef('l.serial', '=', 'u.serial').where('o.status', 'in', ['draft', 'approved']))))
    .groupBy(['a.id', 'a.number', 'a.name', 'u.locationId']).orderBy('a.number').orderBy('u.locationId').execute();
  return rows.map((r) => ({ ...r, units: Number(r.units), strongroomId: r.strongroomId === null ? null : Number(r.strongroomId) }));
}

/** The AC an AC-strongroom consignment serves, by number and name. */
export async function acOf(db: Queryable, acId: number): Promise<{ number: number; name: string } | undefined> {
  return db.selectFrom('acs').select(['number', 'name']).where('id', '=', acId).executeTakeFirst();
}

/** Whether an AC-strongroom consignment of this ceremony, AC and origin exists already. */
export async function preparedAlready(db: Queryable, p: { ceremonyId: number; acId: number; fromLocationId: number }): Promise<string | undefined> {
  const row = await db.selectFrom('consignments').select('code').where('kind', '=', 'ac_strongroom').where('ceremonyId', '=', p.ceremonyId)
    .where('acId', '=', p.acId).where('fromLocationId', '=', p.fromLocationId).executeTakeFirst();
  return row?.code;
}
