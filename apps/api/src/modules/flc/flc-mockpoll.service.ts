/**
 * The engineer's FLC mock-poll result for a sampled CU (issue 9 item 3); the sample itself is
 * drawn in a 'flc_sample' ceremony (flc-sample.ts, ceremonies/ceremony.service.ts).
 */
import { err, ok, type FlcMockpollResultInput, type FlcSampleRow, type Result } from '@evmtrail/shared';

import type { Db, Tx } from '../../db/handle.ts';
import { failure, Rollback } from '../../failure.ts';
import type { Actor } from '../authority/authority.service.ts';
import { appendEventEntries, applyUnitEventInTx } from '../units/unit.service.ts';
import { sampleView, tierVotes } from './flc-sample.ts';
import * as samples from './flc-sample.repository.ts';
import * as repo from './flc.repository.ts';
import { lockCampaign, type FlcFailure } from './flc.service.ts';

async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<Result<T, FlcFailure>> {
  try {
    return ok(await db.transaction().execute(work));
  } catch (error) {
    if (error instanceof Rollback) return err(error.failure as FlcFailure);
    throw error;
  }
}

export const MOCKPOLL_FAULT = 'MOCKPOLL_MISMATCH';

/**
 * An engineer's mock-poll result for one sampled CU of the campaign's finalised sample: votes
 * cast (must be its tier's), the CU's result total and the VVPAT slips. A match is logged
 * (FLC_MOCKPOLL). A mismatch (slips or CU total differ from the votes cast) BLOCKS the unit: it
 * is rejected at FLC (fail_flc, flc_ok -> flc_rejected, fault MOCKPOLL_MISMATCH) through the unit
 * service with its FLC_FAIL entry, so it leaves every randomisation pool and goes to the maker
 * like any FLC reject (eci-brief §3 "Defective units ... are returned to BEL/ECIL"). One
 * transaction; refused: a unit not sampled, a second result, a count not of the unit's tier.
 */
type MockpollCounts = Pick<FlcMockpollResultInput, 'serial' | 'votesCast' | 'cuTotal' | 'slips'>;

export async function recordMockpollResult(
  db: Db,
  p: Omit<FlcMockpollResultInput, 'districtId'> & { actor: Actor; districtId: number; now: Date },
): Promise<Result<FlcSampleRow, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    const c = await recordInTx(tx, { ...p, results: [p] });
    const view = await sampleView(tx, p.districtId, c.id);
    const row = view?.rows.find((r) => r.serial === p.serial);
    if (!row) throw new Error('unreachable: the result was just written');
    return row;
  });
}

/** Many sampled units' results in one transaction, each checked and logged as recordMockpollResult does (the demo). */
export async function recordMockpollResults(
  db: Db,
  p: { actor: Actor; districtId: number; campaignId: number; results: readonly MockpollCounts[]; now: Date },
): Promise<Result<{ count: number }, FlcFailure>> {
  return inTransaction(db, async (tx) => {
    await recordInTx(tx, p);
    return { count: p.results.length };
  });
}

async function recordInTx(tx: Tx, p: { actor: Actor; districtId: number; campaignId: number; results: readonly MockpollCounts[]; now: Date }) {
  if (p.actor.role !== 'engineer') {
    throw new Rollback(failure('forbidden', `The ${p.actor.role} role may not record an FLC mock-poll result: the BEL/ECIL engineer records it`, { role: p.actor.role, action: 'unit.transition' }));
  }
  const c = await lockCampaign(tx, { ...p, statuses: ['running'], step: 'take mock-poll results', judgeRun: false });
  const code = repo.campaignCode(c);
  const sample = await samples.liveSample(tx, p.districtId, c.id);
  for (const r of p.results) {
    const unit = sample?.status === 'finalised' ? await samples.sampledUnit(tx, p.districtId, sample.id, r.serial) : undefined;
    if (!sample || !unit) {
      const why = !sample ? 'no mock-poll sample has been drawn' : sample.status !== 'finalised' ? `its sample ${sample.code} is not finalised yet` : `it is not in sample ${sample.code}`;
      throw new Rollback(failure('flc_not_sampled', `Unit ${r.serial} is not in the mock-poll sample of FLC campaign ${code}: ${why}`, { serial: r.serial, campaign: code }));
    }
    const done = await samples.findMockpollResult(tx, p.districtId, c.id, r.serial);
    if (done) {
      throw new Rollback(failure('flc_sample_recorded', `The mock-poll result of unit ${r.serial} in FLC campaign ${code} is already recorded (votes ${done.votesCast}, CU ${done.cuTotal}, slips ${done.slips})`, { serial: r.serial, campaign: code }));
    }
    const votes = tierVotes(unit.target);
    if (r.votesCast !== votes) {
      throw new Rollback(failure('flc_sample_votes', `Unit ${r.serial} of FLC campaign ${code} is in the ${votes}-vote tier (${unit.target}): ${r.votesCast} votes cast were entered`, { serial: r.serial, campaign: code, expected: String(votes), given: String(r.votesCast) }));
    }
    const mismatch = r.cuTotal !== r.votesCast || r.slips !== r.votesCast;
    const counts = `votes cast ${r.votesCast}, CU total ${r.cuTotal}, VVPAT slips ${r.slips}`;
    if (mismatch) {
      await applyUnitEventInTx(tx, {
        actor: p.actor, districtId: p.districtId, serials: [r.serial], event: 'fail_flc', now: p.now,
        reason: `${code}: fault ${MOCKPOLL_FAULT}, mock poll of sample ${sample.code} (${unit.target}) does not match: ${counts}`,
      });
      await repo.insertResults(tx, {
        districtId: p.districtId, campaignId: c.id, flcCycle: c.flcCycle, by: p.actor.userId, now: p.now,
        results: [{ serial: r.serial, kind: 'CU', result: 'fail', pinkSeal: null, faultCode: MOCKPOLL_FAULT, note: counts }],
      });
    } else {
      await appendEventEntries(tx, p.districtId, [{
        type: 'FLC_MOCKPOLL', units: [r.serial], from: c.hallCode, to: c.hallCode, actor: p.actor.username,
        reason: `${code}: mock poll of sample ${sample.code} (${unit.target}) matches: ${counts}`,
      }], p.now);
    }
    await samples.insertMockpollResult(tx, {
      districtId: p.districtId, campaignId: c.id, ceremonyId: Number(sample.id), serial: r.serial, tier: unit.target,
      votesCast: r.votesCast, cuTotal: r.cuTotal, slips: r.slips, status: mismatch ? 'mismatch' : 'matched', by: p.actor.userId, now: p.now,
    });
  }
  return c;
}
