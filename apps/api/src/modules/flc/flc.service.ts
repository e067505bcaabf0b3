import {
  err, ok, type CreateFlcCampaignInput, type FlcCampaignList, type FlcAttendeeRole, type FlcCampaignDetail, type FlcCampaignSummary, type FlcScanResult, type Result,
} from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback, type Failure } from '../../failure.ts';
import { judge, type Actor } from '../authority/authority.service.ts';
import { findLocation } from '../stocktakes/stocktake.repository.ts';
import { appendEventEntries, applyUnitEventInTx, type UnitServiceError } from '../units/unit.service.ts';
import * as units from '../units/unit.repository.ts';
import * as repo from './flc.repository.ts';
import { pendingSampleCount, sampleView } from './flc-sample.ts';

export type FlcFailure = Failure<
  | 'not_found' | 'invalid_input' | 'flc_notice_period' | 'flc_campaign_status' | 'forbidden' | 'outside_jurisdiction' | 'flc_not_hall'
  | 'flc_sample_drawn' | 'flc_not_sampled' | 'flc_sample_recorded' | 'flc_sample_votes' | 'flc_close_outstanding' | 'rand_pool_too_small'
> | UnitServiceError;

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const IST_OFFSET_MS = 330 * 60 * 1000;

/** The IST calendar day of an instant, YYYY-MM-DD. */
export function istDay(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The first day a campaign may start: its notice date plus the election's notice period. */
export function mayStartOn(c: { noticeDate: string; noticeDays: number }): string {
  return addDays(c.noticeDate, c.noticeDays);
}

export function campaignNotFound(campaignId: number): Failure<'not_found'> {
  return failure('not_found', `FLC campaign ${campaignId} not found in this district`, { campaignId });
}

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, FlcFailure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as FlcFailure);
    throw error;
  }
}

async function judgeAtHall(tx: Tx, actor: Actor, c: repo.CampaignRow): Promise<void> {
  const verdict = await judge(tx, actor, 'flc.run', { stateId: c.stateId, districtId: c.districtId, acId: c.hallAcId }, { locationName: c.hallName });
  if (!verdict.ok) throw new Rollback(verdict.error);
}

/** The campaign row-locked, the actor judged, in one of `statuses`; else a Rollback. */
export async function lockCampaign(
  tx: Tx,
  p: { actor: Actor; districtId: number; campaignId: number; statuses: readonly string[]; step: string; judgeRun: boolean },
): Promise<repo.CampaignRow> {
  const c = await repo.findCampaign(tx, p.districtId, p.campaignId, true);
  if (!c) throw new Rollback(campaignNotFound(p.campaignId));
  if (p.judgeRun) await judgeAtHall(tx, p.actor, c);
  if (!p.statuses.includes(c.status)) {
    const code = repo.campaignCode(c);
    throw new Rollback(failure('flc_campaign_status', `FLC campaign ${code} at ${c.hallName} is ${c.status}: it cannot ${p.step}`, { campaign: code, locationName: c.hallName, campaignStatus: c.status }));
  }
  return c;
}

/**
 * Plans an FLC campaign: the hall, the schedule, the supervisor and the dated notice to every
 * recognised party, with one FLC_CAMPAIGN entry in the same transaction.
 */
export async function createFlcCampaign(
  db: Db,
  p: Omit<CreateFlcCampaignInput, 'districtId' | 'hallLocationId'> & { actor: Actor; districtId: number; hallLocationId: number; now: Date },
): Promise<Result<FlcCampaignSummary, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    const hall = await findLocation(tx, p.districtId, p.hallLocationId);
    if (!hall) throw new Rollback(failure('not_found', `Location ${p.hallLocationId} not found in this district`, { locationId: p.hallLocationId }));
    const verdict = await judge(tx, p.actor, 'flc.run', { stateId: hall.stateId, districtId: p.districtId, acId: hall.acId }, { locationName: hall.name });
    if (!verdict.ok) throw new Rollback(verdict.error);
    if (hall.kind !== 'flc_hall') {
      throw new Rollback(failure('flc_not_hall', `${hall.name} (${hall.code}) is not an FLC hall: an FLC campaign is held in a location of kind FLC hall`, { locationName: hall.name }));
    }
    const election = await repo.findElection(tx, p.electionId);
    if (!election) throw new Rollback(failure('not_found', `Election ${p.electionId} not found`, { electionId: p.electionId }));
    if (p.endsOn < p.startsOn) throw new Rollback(failure('invalid_input', `The FLC at ${hall.name} cannot end (${p.endsOn}) before it starts (${p.startsOn})`, { locationName: hall.name }));
    if (p.noticeDate > p.startsOn) throw new Rollback(failure('invalid_input', `The notice to the parties (${p.noticeDate}) must be dated before the FLC at ${hall.name} starts (${p.startsOn})`, { locationName: hall.name }));
    const parties = [...new Set(p.parties.map((x) => x.trim()).filter(Boolean))];
    const id = await repo.insertCampaign(tx, { ...p, parties, by: p.actor.userId });
    const code = repo.campaignCode({ districtId: p.districtId, id });
    await appendEventEntries(tx, p.districtId, [{
      type: 'FLC_CAMPAIGN', units: [], from: hall.code, to: hall.code, actor: p.actor.username,
      reason: `${code} planned for ${election.name} at ${hall.name}, ${p.startsOn} to ${p.endsOn}, supervisor ${p.supervisorName}; `
        + `notice dated ${p.noticeDate} to ${parties.join(', ')}`,
    }], p.now);
    return summaryOf(tx, p.districtId, id);
  });
}

/**
 * Starts a campaign: refused before the notice period has run (flc_notice_period names the
 * campaign and the first day it may start). One FLC_CAMPAIGN_START entry.
 */
export async function startFlcCampaign(db: Db, p: { actor: Actor; districtId: number; campaignId: number; now: Date }): Promise<Result<FlcCampaignSummary, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await lockCampaign(tx, { ...p, statuses: ['planned'], step: 'start again', judgeRun: true });
    const code = repo.campaignCode(c);
    const first = mayStartOn(c);
    const today = istDay(p.now);
    if (today < first) {
      throw new Rollback(failure('flc_notice_period',
        `FLC campaign ${code} cannot start before ${first}: the notice to the parties is dated ${c.noticeDate} and they must have ${c.noticeDays} days' notice`,
        { campaign: code, date: first, noticeDate: c.noticeDate, days: c.noticeDays }));
    }
    await repo.markStarted(tx, { districtId: p.districtId, id: c.id, by: p.actor.userId, now: p.now });
    await appendEventEntries(tx, p.districtId, [{
      type: 'FLC_CAMPAIGN_START', units: [], from: c.hallCode, to: c.hallCode, actor: p.actor.username,
      reason: `${code} started at ${c.hallName} for ${c.electionName} (FLC cycle ${c.flcCycle}); parties notified on ${c.noticeDate}`,
    }], p.now);
    return summaryOf(tx, p.districtId, c.id);
  });
}

/** One line of the daily attendance register, with its FLC_ATTENDANCE entry. */
export async function recordAttendance(
  db: Db,
  p: {
    actor: Actor; districtId: number; campaignId: number; day: string; name: string; role: FlcAttendeeRole; affiliation?: string | undefined;
    timeIn?: string | undefined; timeOut?: string | undefined; now: Date;
  },
): Promise<Result<FlcCampaignSummary, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await lockCampaign(tx, { ...p, statuses: ['running'], step: 'take attendance', judgeRun: true });
    const affiliation = p.affiliation?.trim() ? p.affiliation.trim() : null;
    if (p.timeIn && p.timeOut && p.timeOut < p.timeIn) {
      throw new Rollback(failure('invalid_input', `${p.name} cannot leave (${p.timeOut}) before arriving (${p.timeIn}) on ${p.day}`, {}));
    }
    const times = { timeIn: p.timeIn ?? null, timeOut: p.timeOut ?? null };
    await repo.insertAttendance(tx, { districtId: p.districtId, campaignId: c.id, day: p.day, name: p.name, role: p.role, affiliation, ...times, by: p.actor.userId, now: p.now });
    const when = [times.timeIn ? `in ${times.timeIn}` : '', times.timeOut ? `out ${times.timeOut}` : ''].filter(Boolean).join(', ');
    await appendEventEntries(tx, p.districtId, [{
      type: 'FLC_ATTENDANCE', units: [], from: c.hallCode, to: c.hallCode, actor: p.actor.username,
      reason: `${repo.campaignCode(c)} attendance ${p.day}: ${p.name} (${p.role.replace('_', ' ')}${affiliation ? `, ${affiliation}` : ''})${when ? ` ${when}` : ''}`,
    }], p.now);
    return summaryOf(tx, p.districtId, c.id);
  });
}

/**
 * Puts units on the FLC table of a running campaign (start_flc through the unit service, one
 * entry per group of units standing together), all in one transaction.
 */
export async function startUnitsFlc(db: Db, p: { actor: Actor; districtId: number; campaignId: number; serials: readonly string[]; now: Date }): Promise<Result<{ count: number }, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await lockCampaign(tx, { ...p, statuses: ['running'], step: 'take units', judgeRun: false });
    const locked = await units.lockUnits(tx, p.districtId, p.serials);
    const groups = new Map<string, string[]>();
    for (const serial of p.serials) {
      const unit = locked.find((u) => u.serial === serial);
      const key = unit ? `${unit.locationId}/${unit.state}/${unit.acId ?? ''}` : `missing/${serial}`;
      groups.set(key, [...(groups.get(key) ?? []), serial]);
    }
    for (const serials of groups.values()) {
      await applyUnitEventInTx(tx, { actor: p.actor, districtId: p.districtId, serials, event: 'start_flc', reason: `${repo.campaignCode(c)} at ${c.hallName}`, now: p.now });
    }
    return { count: p.serials.length };
  });
}

/**
 * Closes a running campaign (FLC_CAMPAIGN_CLOSE): refused while units are still under check
 * (flc_in_progress in the district) or the mock-poll sample is unfinished (not drawn to the
 * cosignature, or sampled units without a result), naming how many.
 */
export async function closeFlcCampaign(db: Db, p: { actor: Actor; districtId: number; campaignId: number; now: Date }): Promise<Result<FlcCampaignSummary, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await lockCampaign(tx, { ...p, statuses: ['running'], step: 'close', judgeRun: true });
    const code = repo.campaignCode(c);
    const progress = await repo.progress(tx, p.districtId, c.id);
    const underCheck = progress.remaining.reduce((n, r) => n + r.count, 0);
    const sample = await pendingSampleCount(tx, p.districtId, c.id);
    const noSample = (await sampleView(tx, p.districtId, c.id)) === null;
    if (underCheck > 0 || sample.pending > 0 || sample.unfinished !== null || noSample) {
      const parts = [
        underCheck > 0 ? `${underCheck} unit(s) still under check` : '',
        noSample ? 'no mock-poll sample drawn' : '',
        sample.unfinished ? `mock-poll sample ${sample.unfinished} not finalised` : '',
        sample.pending > 0 ? `${sample.pending} sampled unit(s) without a mock-poll result` : '',
      ].filter(Boolean).join('; ');
      throw new Rollback(failure('flc_close_outstanding', `FLC campaign ${code} cannot close: ${parts}`, {
        campaign: code, count: underCheck, pending: sample.pending, ...(sample.unfinished ? { code: sample.unfinished } : {}), ...(noSample ? { noSample: 1 } : {}),
      }));
    }
    await repo.markClosed(tx, { districtId: p.districtId, id: c.id, by: p.actor.userId, now: p.now });
    await appendEventEntries(tx, p.districtId, [{
      type: 'FLC_CAMPAIGN_CLOSE', units: [], from: c.hallCode, to: c.hallCode, actor: p.actor.username,
      reason: `${code} closed at ${c.hallName}: ${progress.passed} passed, ${progress.failed} rejected`,
    }], p.now);
    return summaryOf(tx, p.districtId, c.id);
  });
}

export interface FlcUnitResult { readonly serial: string; readonly result: FlcScanResult }

/**
 * Records FLC results inside the caller's transaction: the fault codes checked against the
 * election's list, every pass in one pass_flc event (its pink seals in the entry), every fail in
 * its own fail_flc event (fault and note in the reason), and a result row per unit. The lifecycle
 * refuses a unit not under FLC and anyone but an engineer.
 */
export async function recordResultsInTx(tx: Tx, c: repo.CampaignRow, p: { actor: Actor; now: Date; results: readonly FlcUnitResult[] }): Promise<void> {
  const code = repo.campaignCode(c);
  for (const r of p.results) {
    if (r.result.result === 'fail' && !c.faultCodes.includes(r.result.faultCode)) {
      throw new Rollback(failure('invalid_input', `Fault code ${r.result.faultCode} for unit ${r.serial} is not on the FLC fault list of ${c.electionName} (${c.faultCodes.join(', ')})`, { serial: r.serial }));
    }
  }
  const base = { actor: p.actor, districtId: c.districtId, now: p.now };
  const passes = p.results.filter((r) => r.result.result === 'pass');
  if (passes.length > 0) {
    await applyUnitEventInTx(tx, {
      ...base, event: 'pass_flc', serials: passes.map((r) => r.serial),
      seals: passes.map((r) => (r.result.result === 'pass' ? r.result.pinkSeal : '')), reason: `${code}: passed, data cleared, pink paper seal fixed`,
    });
  }
  for (const r of p.results) {
    if (r.result.result !== 'fail') continue;
    const note = r.result.note?.trim();
    await applyUnitEventInTx(tx, { ...base, event: 'fail_flc', serials: [r.serial], reason: `${code}: fault ${r.result.faultCode}${note ? ` (${note})` : ''}` });
  }
  const kinds = new Map((await units.lockUnits(tx, c.districtId, p.results.map((r) => r.serial))).map((u) => [u.serial, u.kind]));
  await repo.insertResults(tx, {
    districtId: c.districtId, campaignId: c.id, flcCycle: c.flcCycle, by: p.actor.userId, now: p.now,
    results: p.results.map((r) => ({
      serial: r.serial, kind: kinds.get(r.serial) ?? '', result: r.result.result,
      pinkSeal: r.result.result === 'pass' ? r.result.pinkSeal : null,
      faultCode: r.result.result === 'fail' ? r.result.faultCode : null,
      note: r.result.result === 'fail' ? r.result.note?.trim() || null : null,
    })),
  });
}

/** Many results in one transaction (an engineer's batch; the demo). Single scans go through scan.record. */
export async function recordFlcResults(db: Db, p: { actor: Actor; districtId: number; campaignId: number; results: readonly FlcUnitResult[]; now: Date }): Promise<Result<{ count: number }, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await lockCampaign(tx, { ...p, statuses: ['running'], step: 'take results', judgeRun: false });
    await recordResultsInTx(tx, c, p);
    return { count: p.results.length };
  });
}

function toSummary(c: repo.CampaignRow): FlcCampaignSummary {
  return {
    id: c.id, code: repo.campaignCode(c), electionId: c.electionId, electionName: c.electionName, hall: { id: c.hallId, name: c.hallName },
    status: c.status, startsOn: c.startsOn, endsOn: c.endsOn, supervisorName: c.supervisorName, noticeDate: c.noticeDate,
    mayStartOn: mayStartOn(c), parties: c.parties, faultCodes: c.faultCodes, startedAt: c.startedAt?.toISOString() ?? null,
  };
}

async function summaryOf(tx: Tx, districtId: number, id: number): Promise<FlcCampaignSummary> {
  const c = await repo.findCampaign(tx, districtId, id);
  if (!c) throw new Error('unreachable: the campaign was just written');
  return toSummary(c);
}

/** The district's campaigns, newest first, and what a new one may name (elections, FLC halls). */
export async function listFlcCampaigns(db: Db, districtId: number): Promise<FlcCampaignList> {
  return { campaigns: (await repo.listCampaigns(db, districtId)).map(toSummary), ...await repo.planChoices(db, districtId) };
}

export async function flcCampaignDetail(db: Db, districtId: number, campaignId: number): Promise<Result<FlcCampaignDetail, FlcFailure>> {
  const c = await repo.findCampaign(db, districtId, campaignId);
  if (!c) return err(campaignNotFound(campaignId));
  return ok({
    ...toSummary(c),
    progress: await repo.progress(db, districtId, campaignId),
    recent: await repo.listResults(db, { districtId, campaignId, newestFirst: true, limit: 20 }),
    attendance: await repo.listAttendance(db, districtId, campaignId),
    sample: await sampleView(db, districtId, campaignId),
    closedAt: c.closedAt?.toISOString() ?? null,
  });
}
