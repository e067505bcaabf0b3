/** Queries of the FLC mock-poll sample (issue 9 item 3): the 'flc_sample' ceremony of a campaign and its results. */
import { sql } from 'kysely';

import type { Queryable, Tx } from '../../db/handle.ts';

/** The campaign's live sample ceremony (not abandoned), newest first. */
export async function liveSample(db: Queryable, districtId: number, campaignId: number) {
  return db.selectFrom('ceremonies').select(['id', 'code', 'status'])
    .where('districtId', '=', districtId).where('flcCampaignId', '=', campaignId).where('stage', '=', 'flc_sample')
    .where('status', '!=', 'abandoned').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** CUs that passed in this campaign (any attempt). */
export async function passedCus(db: Queryable, districtId: number, campaignId: number): Promise<string[]> {
  const rows = await db.selectFrom('flcResults').select('serial').distinct()
    .where('districtId', '=', districtId).where('campaignId', '=', campaignId).where('kind', '=', 'CU').where('result', '=', 'pass').execute();
  return rows.map((r) => r.serial);
}

/** The sampled (non-reserve) units of a sample ceremony, in ticket order. */
export async function sampledUnits(db: Queryable, districtId: number, ceremonyId: number) {
  return db.selectFrom('ceremonyUnits').select(['serial', 'target', 'position'])
    .where('districtId', '=', districtId).where('ceremonyId', '=', ceremonyId).where('reserve', '=', false).orderBy('position').execute();
}

export async function sampledUnit(db: Queryable, districtId: number, ceremonyId: number, serial: string) {
  return db.selectFrom('ceremonyUnits').select(['target']).where('districtId', '=', districtId).where('ceremonyId', '=', ceremonyId)
    .where('serial', '=', serial).where('reserve', '=', false).executeTakeFirst();
}

export async function mockpollResults(db: Queryable, districtId: number, campaignId: number, ceremonyId: number) {
  return db.selectFrom('flcMockpollResults as m').innerJoin('users as u', 'u.id', 'm.recordedBy')
    .select(['m.serial', 'm.votesCast', 'm.cuTotal', 'm.slips', 'm.status', 'u.displayName', 'm.recordedAt'])
    .where('m.districtId', '=', districtId).where('m.campaignId', '=', campaignId).where('m.ceremonyId', '=', ceremonyId).execute();
}

export async function findMockpollResult(db: Queryable, districtId: number, campaignId: number, serial: string) {
  return db.selectFrom('flcMockpollResults').select(['votesCast', 'cuTotal', 'slips'])
    .where('districtId', '=', districtId).where('campaignId', '=', campaignId).where('serial', '=', serial).executeTakeFirst();
}

export async function insertMockpollResult(tx: Tx, r: {
  districtId: number; campaignId: number; ceremonyId: number; serial: string; tier: string; votesCast: number; cuTotal: number; slips: number;
  status: 'matched' | 'mismatch'; by: number; now: Date;
}): Promise<void> {
  await tx.insertInto('flcMockpollResults').values({
    districtId: r.districtId, campaignId: r.campaignId, ceremonyId: r.ceremonyId, serial: r.serial, tier: r.tier,
    votesCast: r.votesCast, cuTotal: r.cuTotal, slips: r.slips, status: r.status, recordedBy: r.by, recordedAt: r.now,
  }).execute();
}

/** Sampled units of a ceremony without a result. */
export async function countPending(db: Queryable, districtId: number, ceremonyId: number): Promise<number> {
  const row = await db.selectFrom('ceremonyUnits as u')
    .leftJoin('flcMockpollResults as m', (j) => j.onRef('m.districtId', '=', 'u.districtId').onRef('m.ceremonyId', '=', 'u.ceremonyId').onRef('m.serial', '=', 'u.serial'))
    .select(sql<number>`count(*)`.as('n'))
    .where('u.districtId', '=', districtId).where('u.ceremonyId', '=', ceremonyId).where('u.reserve', '=', false).where('m.serial', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
