import { ElectionRulesSchema, type FlcAttendanceView, type FlcAttendeeRole, type FlcCampaignStatus, type FlcProgress, type FlcResultView } from '@evmtrail/shared';
import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';

export interface CampaignRow {
  readonly districtId: number;
  readonly id: number;
  readonly electionId: number;
  readonly electionName: string;
  readonly flcCycle: number;
  readonly faultCodes: readonly string[];
  readonly noticeDays: number;
  readonly hallId: number;
  readonly hallName: string;
  readonly hallCode: string;
  readonly hallAcId: number | null;
  readonly stateId: number;
  readonly status: FlcCampaignStatus;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly supervisorName: string;
  readonly noticeDate: string;
  readonly parties: readonly string[];
  readonly startedAt: Date | null;
  readonly closedAt: Date | null;
}

/** The campaign's code as people say it: FLC-<district>-<id>. */
export function campaignCode(c: { districtId: number; id: number }): string {
  return `FLC-${c.districtId}-${c.id}`;
}

export async function findCampaign(db: Queryable, districtId: number, id: number, lock = false): Promise<CampaignRow | undefined> {
  if (lock) {
    const locked = await db.selectFrom('flcCampaigns').select('id').where('districtId', '=', districtId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) return undefined;
  }
  const row = await campaignQuery(db, districtId).where('c.id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

function campaignQuery(db: Queryable, districtId: number) {
  return db.selectFrom('flcCampaigns as c')
    .innerJoin('elections as e', 'e.id', 'c.electionId')
    .innerJoin('locations as l', (j) => j.onRef('l.districtId', '=', 'c.districtId').onRef('l.id', '=', 'c.hallLocationId'))
    .innerJoin('districts as d', 'd.id', 'c.districtId')
    .select([
      'c.districtId', 'c.id', 'c.electionId', 'e.name as electionName', 'e.flcCycle', 'e.rules', 'l.id as hallId', 'l.name as hallName',
      'l.code as hallCode', 'l.acId as hallAcId', 'd.stateId', 'c.status', 'c.startsOn', 'c.endsOn', 'c.supervisorName',
      'c.noticeDate', 'c.parties', 'c.startedAt', 'c.closedAt',
    ])
    .where('c.districtId', '=', districtId);
}

type QueryRow = Awaited<ReturnType<ReturnType<typeof campaignQuery>['executeTakeFirstOrThrow']>>;

function toRow(r: QueryRow): CampaignRow {
  const rules = ElectionRulesSchema.parse(typeof r.rules === 'string' ? JSON.parse(r.rules) : r.rules ?? {});
  const parties = (typeof r.parties === 'string' ? JSON.parse(r.parties) : r.parties) as string[];
  return {
    districtId: r.districtId, id: r.id, electionId: r.electionId, electionName: r.electionName, flcCycle: r.flcCycle,
    faultCodes: rules.flcFaultCodes, noticeDays: rules.flcPartyNoticeDays,
    hallId: r.hallId, hallName: r.hallName, hallCode: r.hallCode, hallAcId: r.hallAcId, stateId: r.stateId,
    status: r.status as FlcCampaignStatus, startsOn: r.startsOn, endsOn: r.endsOn, supervisorName: r.supervisorName,
    noticeDate: r.noticeDate, parties, startedAt: r.startedAt === null ? null : new Date(r.startedAt),
    closedAt: r.closedAt === null ? null : new Date(r.closedAt),
  };
}

export async function listCampaigns(db: Queryable, districtId: number): Promise<CampaignRow[]> {
  const rows = await campaignQuery(db, districtId).orderBy('c.id', 'desc').limit(100).execute();
  return rows.map(toRow);
}

export async function findElection(db: Queryable, id: number): Promise<{ id: number; name: string; rules: unknown } | undefined> {
  return db.selectFrom('elections').select(['id', 'name', 'rules']).where('id', '=', id).executeTakeFirst();
}

export async function insertCampaign(
  tx: Tx,
  r: { districtId: number; electionId: number; hallLocationId: number; startsOn: string; endsOn: string; supervisorName: string; noticeDate: string; parties: readonly string[]; by: number; now: Date },
): Promise<number> {
  const row = await tx.insertInto('flcCampaigns').values({
    districtId: r.districtId, electionId: r.electionId, hallLocationId: r.hallLocationId, startsOn: r.startsOn, endsOn: r.endsOn,
    supervisorName: r.supervisorName, noticeDate: r.noticeDate, parties: JSON.stringify(r.parties), createdBy: r.by, createdAt: r.now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function markStarted(tx: Tx, p: { districtId: number; id: number; by: number; now: Date }): Promise<void> {
  await tx.updateTable('flcCampaigns').set({ status: 'running', startedBy: p.by, startedAt: p.now })
    .where('districtId', '=', p.districtId).where('id', '=', p.id).execute();
}

export async function markClosed(tx: Tx, p: { districtId: number; id: number; by: number; now: Date }): Promise<void> {
  await tx.updateTable('flcCampaigns').set({ status: 'closed', closedBy: p.by, closedAt: p.now })
    .where('districtId', '=', p.districtId).where('id', '=', p.id).execute();
}

export interface NewResult {
  readonly serial: string;
  readonly kind: string;
  readonly result: 'pass' | 'fail';
  readonly pinkSeal: string | null;
  readonly faultCode: string | null;
  readonly note: string | null;
}

/** Result rows, each the next attempt of its unit in this campaign (a repaired unit is checked again). */
export async function insertResults(tx: Tx, p: { districtId: number; campaignId: number; flcCycle: number; by: number; now: Date; results: readonly NewResult[] }): Promise<void> {
  if (p.results.length === 0) return;
  const serials = p.results.map((r) => r.serial);
  const previous = await tx.selectFrom('flcResults').select(['serial', sql<number>`max(attempt)`.as('attempt')])
    .where('districtId', '=', p.districtId).where('campaignId', '=', p.campaignId).where('serial', 'in', serials)
    .groupBy('serial').execute();
  const attempts = new Map(previous.map((r) => [r.serial, Number(r.attempt)]));
  await tx.insertInto('flcResults').values(p.results.map((r) => ({
    districtId: p.districtId, campaignId: p.campaignId, serial: r.serial, attempt: (attempts.get(r.serial) ?? 0) + 1, kind: r.kind,
    flcCycle: p.flcCycle, result: r.result, pinkSeal: r.pinkSeal, faultCode: r.faultCode, note: r.note, recordedBy: p.by, recordedAt: p.now,
  }))).execute();
}

export async function insertAttendance(
  tx: Tx,
  p: {
    districtId: number; campaignId: number; day: string; name: string; role: FlcAttendeeRole; affiliation: string | null;
    timeIn: string | null; timeOut: string | null; by: number; now: Date;
  },
): Promise<void> {
  await tx.insertInto('flcAttendance').values({
    districtId: p.districtId, campaignId: p.campaignId, day: p.day, name: p.name, role: p.role, affiliation: p.affiliation,
    timeIn: p.timeIn, timeOut: p.timeOut, recordedBy: p.by, recordedAt: p.now,
  }).execute();
}

export async function listAttendance(db: Queryable, districtId: number, campaignId: number): Promise<FlcAttendanceView[]> {
  const rows = await db.selectFrom('flcAttendance').select(['day', 'name', 'role', 'affiliation', 'timeIn', 'timeOut'])
    .where('districtId', '=', districtId).where('campaignId', '=', campaignId).orderBy('day').orderBy('id').execute();
  return rows.map((r) => ({ ...r, role: r.role as FlcAttendeeRole }));
}

/** The register: every result of the campaign in the order recorded (or newest first, `limit` of them). */
export async function listResults(db: Queryable, p: { districtId: number; campaignId: number; newestFirst?: boolean; limit?: number }): Promise<FlcResultView[]> {
  let query = db.selectFrom('flcResults as r').innerJoin('users as u', 'u.id', 'r.recordedBy')
    .select(['r.serial', 'r.kind', 'r.result', 'r.pinkSeal', 'r.faultCode', 'r.note', 'u.displayName as recordedBy', 'r.recordedAt'])
    .where('r.districtId', '=', p.districtId).where('r.campaignId', '=', p.campaignId)
    .orderBy('r.recordedAt', p.newestFirst ? 'desc' : 'asc').orderBy('r.serial').orderBy('r.attempt');
  if (p.limit !== undefined) query = query.limit(p.limit);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, result: r.result as 'pass' | 'fail', recordedAt: new Date(r.recordedAt).toISOString() }));
}

/** Checked per IST day and kind, units still in FLC, rejections by fault. */
export async function progress(db: Queryable, districtId: number, campaignId: number): Promise<FlcProgress> {
  const day = sql<string>`to_char(r.recorded_at at time zone 'Asia/Kolkata', 'YYYY-MM-DD')`;
  const perDay = await db.selectFrom('flcResults as r')
    .select([day.as('day'), 'r.kind',
      sql<number>`count(*) filter (where r.result = 'pass')`.as('passed'),
      sql<number>`count(*) filter (where r.result = 'fail')`.as('failed')])
    .where('r.districtId', '=', districtId).where('r.campaignId', '=', campaignId)
    .groupBy([day, 'r.kind']).orderBy(day).orderBy('r.kind').execute();
  const remaining = await db.selectFrom('units').select(['kind', sql<number>`count(*)`.as('count')])
    .where('districtId', '=', districtId).where('state', '=', 'flc_in_progress').groupBy('kind').orderBy('kind').execute();
  const faults = await db.selectFrom('flcResults').select(['faultCode', sql<number>`count(*)`.as('count')])
    .where('districtId', '=', districtId).where('campaignId', '=', campaignId).where('result', '=', 'fail')
    .groupBy('faultCode').orderBy(sql`count(*)`, 'desc').orderBy('faultCode').execute();
  const rows = perDay.map((r) => ({ day: r.day, kind: r.kind, passed: Number(r.passed), failed: Number(r.failed) }));
  return {
    perDay: rows,
    remaining: remaining.map((r) => ({ kind: r.kind, count: Number(r.count) })),
    rejectionsByFault: faults.map((r) => ({ faultCode: r.faultCode ?? '', count: Number(r.count) })),
    passed: rows.reduce((n, r) => n + r.passed, 0),
    failed: rows.reduce((n, r) => n + r.failed, 0),
  };
}

/** What a new campaign may name: the elections, and the district's FLC halls. */
export async function planChoices(db: Queryable, districtId: number): Promise<{ elections: Array<{ id: number; name: string }>; halls: Array<{ id: number; name: string }> }> {
  const elections = await db.selectFrom('elections').select(['id', 'name']).orderBy('id', 'desc').limit(50).execute();
  const halls = await db.selectFrom('locations').select(['id', 'name']).where('districtId', '=', districtId).where('kind', '=', 'flc_hall').orderBy('name').execute();
  return { elections, halls };
}
