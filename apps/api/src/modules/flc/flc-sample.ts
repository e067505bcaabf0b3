/**
 * The parties' FLC mock-poll sample (issue 9 item 3, eci-brief §3 "FLC mock poll on a 5% sample
 * chosen by the parties"): the pool and the demand of the 'flc_sample' ceremony, the engineer's
 * result per sampled unit, and the sample's table on the campaign page.
 */
import { ElectionRulesSchema, type DemandRow, type FlcSampleRow, type FlcSampleView } from '@evmtrail/shared';
import type { Queryable, Tx } from '../../db/handle.ts';
import { failure, Rollback } from '../../failure.ts';
import { flcEligiblePool } from './flc-eligibility.ts';
import * as repo from './flc.repository.ts';
import * as samples from './flc-sample.repository.ts';

export { liveSample } from './flc-sample.repository.ts';

/** A tier's target in demand.csv: MP-<votes cast in the mock poll>. */
export function tierTarget(votes: number): string {
  return `MP-${votes}`;
}

export function tierVotes(target: string): number {
  return Number(target.replace(/^MP-/, ''));
}

/**
 * How many units a tier samples: the rule's share of the pool, ROUNDED UP. The norm is a floor
 * ("1,200 votes on 1% of machines"): rounding down would sample no unit at all in a campaign of
 * fewer than 100 CUs, so a tier would never be checked; rounding up keeps every tier at least
 * its share.
 */
export function tierCount(fraction: number, pool: number): number {
  return Math.ceil(fraction * pool - 1e-9);
}

/**
 * The pool and the demand of a campaign's mock-poll sample, inside the ceremony's transaction.
 * The pool is the campaign's FLC-OK CUs: CUs that passed in this campaign and are still FLC-OK in
 * the current cycle, not on hold (FLC's one eligibility rule). The sample is of CUs, not of sets:
 * eci-brief §3 says "1,200 votes on 1% of machines, 1,000 votes on 2% and 500 votes on 2%" and,
 * at Erode, "mock poll for 5% of the total units (25 machines)"; at FLC no sets exist yet (they are
 * formed at commissioning, §5) and the CU is the machine whose result total is compared with the
 * votes cast and the VVPAT slips. One demand block per tier (target MP-<votes>), counts from the
 * election's flcMockpollSample rule (tierCount rounds up).
 */
export async function flcSampleDraw(tx: Tx, p: { districtId: number; campaignId: number }): Promise<{ units: { serial: string; kind: string }[]; demand: DemandRow[]; campaignCode: string }> {
  const c = await repo.findCampaign(tx, p.districtId, p.campaignId, true);
  if (!c) throw new Rollback(failure('not_found', `FLC campaign ${p.campaignId} not found in this district`, { campaignId: p.campaignId }));
  const code = repo.campaignCode(c);
  if (c.status !== 'running') {
    throw new Rollback(failure('flc_campaign_status', `FLC campaign ${code} at ${c.hallName} is ${c.status}: it cannot draw its mock-poll sample`, { campaign: code, locationName: c.hallName, campaignStatus: c.status }));
  }
  const existing = await samples.liveSample(tx, p.districtId, c.id);
  if (existing) {
    throw new Rollback(failure('flc_sample_drawn', `FLC campaign ${code} already has its mock-poll sample, ceremony ${existing.code} (${existing.status}); abandon it to draw again`, { campaign: code, code: existing.code }));
  }
  const passed = await samples.passedCus(tx, p.districtId, c.id);
  const units = await flcEligiblePool(tx, { districtId: p.districtId, kinds: ['CU'], serials: passed });
  const election = await repo.findElection(tx, c.electionId);
  const rules = ElectionRulesSchema.parse(typeof election?.rules === 'string' ? JSON.parse(election.rules) : election?.rules ?? {});
  const demand: DemandRow[] = [];
  for (const tier of rules.flcMockpollSample) {
    const count = tierCount(tier.fraction, units.length);
    if (count > 0) demand.push({ kind: 'CU', target: tierTarget(tier.votes), count });
  }
  if (units.length === 0 || demand.length === 0) {
    throw new Rollback(failure('rand_pool_too_small', `FLC campaign ${code} has no FLC-OK CU to sample yet`, { kind: 'CU', campaign: code }));
  }
  return { units, demand, campaignCode: code };
}

/** The sample's table: every sampled unit in ticket order by tier, with its result once recorded. */
export async function sampleView(db: Queryable, districtId: number, campaignId: number): Promise<FlcSampleView | null> {
  const c = await samples.liveSample(db, districtId, campaignId);
  if (!c) return null;
  const units = await samples.sampledUnits(db, districtId, c.id);
  const results = await samples.mockpollResults(db, districtId, campaignId, c.id);
  const bySerial = new Map(results.map((r) => [r.serial, r]));
  const rows: FlcSampleRow[] = units.map((u) => {
    const r = bySerial.get(u.serial);
    return {
      tier: u.target, votes: tierVotes(u.target), serial: u.serial,
      votesCast: r?.votesCast ?? null, cuTotal: r?.cuTotal ?? null, slips: r?.slips ?? null,
      status: (r?.status as FlcSampleRow['status'] | undefined) ?? 'pending',
      recordedBy: r?.displayName ?? null, recordedAt: r ? new Date(r.recordedAt).toISOString() : null,
    };
  });
  rows.sort((a, b) => b.votes - a.votes);
  return { ceremonyId: Number(c.id), code: c.code, status: c.status, rows };
}

/** Sampled units of the campaign's finalised sample still without a result. */
export async function pendingSampleCount(db: Queryable, districtId: number, campaignId: number): Promise<{ pending: number; unfinished: string | null }> {
  const c = await samples.liveSample(db, districtId, campaignId);
  if (!c) return { pending: 0, unfinished: null };
  if (c.status !== 'finalised') return { pending: 0, unfinished: c.code };
  return { pending: await samples.countPending(db, districtId, c.id), unfinished: null };
}

