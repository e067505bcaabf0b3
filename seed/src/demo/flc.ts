import type { DB } from '@evmtrail/api/db';
import {
  applyUnitEvent, computeAllocation, createCeremony, createFlcCampaign, enterDice, finaliseCeremony, istDay, openReveal, recordAttendance,
  recordFlcResults, recordMockpollResults, registerCommitment, sampleView, startFlcCampaign, startUnitsFlc,
  type Actor, type FlcUnitResult,
} from '@evmtrail/api/services';
import { commit } from '@evmtrail/shared';
import type { Kysely } from 'kysely';

import type { ConsignmentRow } from './types.ts';

/**
 * The first FLC campaign of the demo district, through the FLC services (issue 9): planned with
 * a notice to the parties eight days ahead, started, an attendance register each day; every
 * FLC_SHARE-th consignment is checked as one batch (start_flc, then the engineer's results in
 * one transaction); every other batch has one unit rejected. Rejected units go to their maker;
 * the first comes back repaired and passes a fresh FLC. The last batch is still on the table.
 * The parties' mock-poll sample of the campaign's FLC-OK CUs is drawn in a ceremony (Dy. DEO
 * draws, party.pune commits and reveals, observer.pune cosigns) and the engineer records each
 * sampled unit's mock poll: the last one's VVPAT slips do not match, so it is rejected (blocked).
 */
const FLC_SHARE = 5;
/** Batches checked per day; the campaign runs over several days so progress has a chart. */
const BATCHES_PER_DAY = 3;
/** FLC steps of a day follow each other at this interval, from 10:00 IST. */
export const FLC_STEP_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const NOTICE_DAYS = 8;
const FAULTS: ReadonlyArray<{ code: string; note: string }> = [
  { code: 'DISPLAY', note: 'Display segment failure' },
  { code: 'KEYPAD', note: 'Button 7 does not register' },
  { code: 'PRINTER', note: 'Printer jam at self-test' },
  { code: 'SEAL_DAMAGED', note: 'Battery section seal damaged' },
];
const PARTIES = ['Bharatiya Janata Party', 'Indian National Congress', 'Nationalist Congress Party', 'Shiv Sena', 'Bahujan Samaj Party', 'Communist Party of India (Marxist)', 'Aam Aadmi Party'];

export interface FlcActors {
  readonly supervisor: Actor;
  readonly engineer: Actor;
  readonly deo: Actor;
  readonly party: Actor;
  readonly observer: Actor;
  readonly observerPassword: string;
}

export interface FlcPlaces {
  readonly hallId: number;
  readonly locationId: (code: string) => number;
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { type: string; message: string } }, step: string): T {
  if (!result.ok) throw new Error(`Seeding FLC (${step}) failed: ${result.error.type}: ${result.error.message}`);
  return result.value;
}

/** Runs the FLC campaign; returns the number of steps taken and when the last one happened. */
export async function logFlcRound(
  db: Kysely<DB>,
  input: { districtId: number; electionId: number; consignments: readonly ConsignmentRow[]; actors: FlcActors; places: FlcPlaces; startAt: Date },
): Promise<{ steps: number; endAt: Date }> {
  const { districtId, actors } = input;
  const batches = input.consignments.filter((_, i) => i % FLC_SHARE === 0);
  const days = Math.ceil(batches.length / BATCHES_PER_DAY) + 1;
  const campaign = must(await createFlcCampaign(db, {
    actor: actors.supervisor, districtId, electionId: input.electionId, hallLocationId: input.places.hallId,
    startsOn: istDay(input.startAt), endsOn: istDay(new Date(input.startAt.getTime() + days * DAY_MS)),
    supervisorName: 'Shri S. Deshmukh, Dy. DEO', noticeDate: istDay(new Date(input.startAt.getTime() - NOTICE_DAYS * DAY_MS)),
    parties: PARTIES, now: new Date(input.startAt.getTime() - NOTICE_DAYS * DAY_MS),
  }), 'plan');
  let steps = 1;
  let at = input.startAt;
  const next = (): Date => {
    steps += 1;
    at = new Date(at.getTime() + FLC_STEP_MS);
    return at;
  };
  must(await startFlcCampaign(db, { actor: actors.supervisor, districtId, campaignId: campaign.id, now: next() }), 'start');
  const base = { districtId, campaignId: campaign.id };
  const attend = async (day: Date): Promise<void> => {
    const lines = [
      { name: 'Shri R. Jadhav', role: 'party_rep' as const, affiliation: PARTIES[1], timeIn: '09:50', timeOut: '17:30' },
      { name: 'Smt. A. Kulkarni', role: 'party_rep' as const, affiliation: PARTIES[0], timeIn: '10:05', timeOut: '16:45' },
      { name: 'K. Srinivasan', role: 'engineer' as const, affiliation: 'BEL', timeIn: '09:30', timeOut: '18:00' },
      { name: 'Shri S. Deshmukh', role: 'official' as const, affiliation: 'Dy. DEO', timeIn: '09:30', timeOut: '18:10' },
    ];
    for (const line of lines) must(await recordAttendance(db, { ...base, actor: actors.supervisor, day: istDay(day), ...line, now: next() }), 'attendance');
  };
  const rejected: Array<{ serial: string; maker: string }> = [];
  for (const [i, consignment] of batches.entries()) {
    if (i % BATCHES_PER_DAY === 0) {
      at = new Date(input.startAt.getTime() + (i / BATCHES_PER_DAY) * DAY_MS);
      await attend(at);
    }
    must(await startUnitsFlc(db, { ...base, actor: actors.supervisor, serials: consignment.serials, now: next() }), `start FLC of ${consignment.code}`);
    if (i === batches.length - 1) break;
    const fault = FAULTS[i % FAULTS.length];
    const failing = i % 2 === 0 && fault ? consignment.serials.slice(0, 1) : [];
    const results: FlcUnitResult[] = consignment.serials.map((serial, n) => (failing.includes(serial) && fault
      ? { serial, result: { result: 'fail', faultCode: fault.code, note: fault.note } }
      : { serial, result: { result: 'pass', pinkSeal: `PK-${String(i + 1).padStart(3, '0')}${String(n + 1).padStart(3, '0')}` } }));
    must(await recordFlcResults(db, { ...base, actor: actors.engineer, results, now: next() }), `results of ${consignment.code}`);
    for (const serial of failing) rejected.push({ serial, maker: consignment.fromLocationCode });
  }
  const sample = await drawMockpollSample(db, { districtId, campaignId: campaign.id, actors, next });
  steps += sample.steps;
  const blockedMaker = input.consignments.find((c) => c.serials.includes(sample.blocked))?.fromLocationCode;
  if (blockedMaker) rejected.push({ serial: sample.blocked, maker: blockedMaker });
  // The rejected units leave for their makers; the first comes back repaired and is checked again.
  for (const [maker, serials] of groupBy(rejected)) {
    must(await applyUnitEvent(db, {
      actor: actors.deo, districtId, serials, event: 'send_for_repair', toLocationId: input.places.locationId(maker),
      reason: `${campaign.code}: FLC rejects to the maker for repair`, now: next(),
    }), 'send for repair');
  }
  const repaired = rejected[0];
  const home = input.consignments[0]?.toLocationCode;
  if (repaired && home) {
    must(await applyUnitEvent(db, {
      actor: actors.engineer, districtId, serials: [repaired.serial], event: 'return_from_repair', toLocationId: input.places.locationId(home),
      reason: 'Repaired at the factory; repair report attached', now: next(),
    }), 'return from repair');
    must(await startUnitsFlc(db, { ...base, actor: actors.supervisor, serials: [repaired.serial], now: next() }), 'fresh FLC');
    must(await recordFlcResults(db, { ...base, actor: actors.engineer, results: [{ serial: repaired.serial, result: { result: 'pass', pinkSeal: 'PK-R01001' } }], now: next() }), 'fresh FLC result');
  }
  return { steps, endAt: at };
}

/** The mock-poll sample ceremony of the campaign and the engineer's results (one mismatch, blocked). */
async function drawMockpollSample(
  db: Kysely<DB>,
  p: { districtId: number; campaignId: number; actors: FlcActors; next: () => Date },
): Promise<{ steps: number; blocked: string }> {
  const { actors, next } = p;
  const sample = must(await createCeremony(db, { actor: actors.supervisor, districtId: p.districtId, stage: 'flc_sample', flcCampaignId: p.campaignId, now: next() }), 'mock-poll sample');
  const id = { districtId: p.districtId, ceremonyId: sample.id };
  const value = '9a8b7c6d5e4f30211203f4e5d6c7b8a9';
  must(await registerCommitment(db, { ...id, actor: actors.party, party: 'INC', commitment: must(commit({ party: 'INC', value }), 'commitment'), now: next() }), 'sample commitment');
  must(await enterDice(db, { ...id, actor: actors.supervisor, dice: '35624153621435261453', now: next() }), 'sample dice');
  must(await openReveal(db, { ...id, actor: actors.party, party: 'INC', reveal: value, now: next() }), 'sample reveal');
  must(await computeAllocation(db, { ...id, actor: actors.supervisor, now: next() }), 'sample allocation');
  must(await finaliseCeremony(db, { ...id, actor: actors.observer, password: actors.observerPassword, now: next() }), 'sample cosignature');
  const rows = (await sampleView(db, p.districtId, p.campaignId))?.rows ?? [];
  // The engineer's results in one transaction (one entry each); the last sampled unit's slips are one short.
  must(await recordMockpollResults(db, {
    actor: actors.engineer, districtId: p.districtId, campaignId: p.campaignId, now: next(),
    results: rows.map((row, i) => ({ serial: row.serial, votesCast: row.votes, cuTotal: row.votes, slips: i === rows.length - 1 ? row.votes - 1 : row.votes })),
  }), 'mock-poll results');
  const blocked = rows[rows.length - 1]?.serial;
  if (!blocked) throw new Error('Seeding FLC: the mock-poll sample is empty');
  return { steps: 7, blocked };
}

function groupBy(rows: ReadonlyArray<{ serial: string; maker: string }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.maker, [...(out.get(r.maker) ?? []), r.serial]);
  return out;
}
