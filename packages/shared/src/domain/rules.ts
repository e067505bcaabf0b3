/**
 * Per-election numeric rules (eci-brief §12.4). They are configuration with these defaults,
 * never constants: an SEC election or a later ECI order may change any of them.
 */
import { z } from 'zod';
import { assert } from '../lib/assert.ts';
import { MODEL_CAPACITIES, type Model } from './units.ts';

const fraction = z.number().min(0).max(1);
const count = z.number().int().positive();

const ReserveSchema = z.object({ bu: fraction, cu: fraction, vvpat: fraction });

const MockPollSampleSchema = z.object({
  /** Share of the units checked at FLC that get this mock poll. */
  fraction,
  votes: count,
});

const DEFAULT_FIRST_RESERVE = { bu: 0.2, cu: 0.2, vvpat: 0.3 };
const DEFAULT_SECOND_RESERVE = { bu: 0.2, cu: 0.2, vvpat: 0.3 };
/** 1% of units x 1,200 votes, 2% x 1,000, 2% x 500: 5% in all, picked by the parties. */
const DEFAULT_FLC_MOCKPOLL_SAMPLE = [
  { fraction: 0.01, votes: 1200 },
  { fraction: 0.02, votes: 1000 },
  { fraction: 0.02, votes: 500 },
];

/** FLC fault codes (configurable per election): display, keys, printer, battery, seals, self-test. */
const DEFAULT_FLC_FAULT_CODES = ['DISPLAY', 'KEYPAD', 'PRINTER', 'BATTERY', 'SEAL_DAMAGED', 'SELF_TEST', 'CABLE', 'OTHER'];

export const ElectionRulesSchema = z.object({
  /** Candidate buttons on one BU, NOTA included. */
  busSlots: count.default(16),
  maxBuPerCu: z
    .object({ M2: count, M3: count })
    .default({ M2: MODEL_CAPACITIES.M2.maxBuPerCu, M3: MODEL_CAPACITIES.M3.maxBuPerCu }),
  maxVotesPerCu: count.default(2000),
  maxElectorsPerPs: count.default(1200),
  reserveFirstRand: ReserveSchema.default(DEFAULT_FIRST_RESERVE),
  reserveSecondRand: ReserveSchema.default(DEFAULT_SECOND_RESERVE),
  flcPartyNoticeDays: count.default(7),
  flcMockpollSample: z.array(MockPollSampleSchema).default(DEFAULT_FLC_MOCKPOLL_SAMPLE),
  /** The fault codes an engineer may give a unit that fails FLC. */
  flcFaultCodes: z.array(z.string().min(1).max(40)).min(1).default(DEFAULT_FLC_FAULT_CODES),
  psMockpollMinVotes: count.default(50),
  vvpatVerifyPsPerAc: count.default(5),
  observerRecheckCusPerRound: count.default(2),
  epHoldDays: count.default(45),
  cvMaxFraction: fraction.default(0.05),
  sluHoldDays: count.default(45),
  psPerSectorOfficer: count.default(12),
  /** The fewest polling stations a sector officer covers (eci-brief §6: 10 to 12). */
  psPerSectorOfficerMin: count.default(10),
  /**
   * The mock poll at commissioning (eci-brief §5, [UNVERIFIED] in the manuals): one vote per
   * candidate and NOTA on every set, and `sampleVotes` on a `sampleFraction` of the sets drawn by
   * EVMRAND/1.
   */
  commissioningMockpoll: z.object({ sampleFraction: fraction, sampleVotes: count })
    .default({ sampleFraction: 0.05, sampleVotes: 1000 }),
});
export type ElectionRules = z.infer<typeof ElectionRulesSchema>;
export type ElectionRulesInput = z.input<typeof ElectionRulesSchema>;

export const DEFAULT_ELECTION_RULES: ElectionRules = ElectionRulesSchema.parse({});

/** BUs needed at one polling station: ceil((candidates + 1) / busSlots), NOTA counted. */
export function busPerPollingStation(candidates: number, rules: ElectionRules): number {
  assert(Number.isInteger(candidates) && candidates >= 1, `Candidate count must be a positive integer, got ${candidates}`);
  return Math.ceil((candidates + 1) / rules.busSlots);
}

/**
 * The CU model's BU limit (eci-brief §5: one CU takes at most `maxBuPerCu` BUs of its model) against
 * the BUs `candidates` need: the tightest model of `models` that cannot take them (M3 when no CU is
 * known yet), or undefined when every one can. The one rule the second randomisation and candidate
 * setting both judge.
 */
export function buLimitBreach(
  candidates: number, models: readonly string[], rules: ElectionRules,
): { bus: number; limit: number; model: Model; most: number } | undefined {
  const bus = busPerPollingStation(candidates, rules);
  const { model, limit } = tightestCuModel(models, rules);
  return bus > limit ? { bus, limit, model, most: maxCandidatesForCu(model, rules) } : undefined;
}

/** Of the CU models given (M3 when none is known yet), the one that takes the fewest BUs, and that limit. */
export function tightestCuModel(models: readonly string[], rules: ElectionRules): { model: Model; limit: number } {
  const known = models.filter((m): m is Model => m in rules.maxBuPerCu);
  const model = (known.length > 0 ? known : ['M3' as Model]).reduce((a, b) => (rules.maxBuPerCu[b] < rules.maxBuPerCu[a] ? b : a));
  return { model, limit: rules.maxBuPerCu[model] };
}

/** Most candidates (NOTA not counted) one CU of `model` can serve under `rules`. */
export function maxCandidatesForCu(model: Model, rules: ElectionRules): number {
  return rules.busSlots * rules.maxBuPerCu[model] - 1;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * The instant the election-petition window closes: `epHoldDays` whole days after the result.
 * Exact for IST and UTC (no daylight saving); the caller passes the result instant.
 */
export function epWindowEndsAt(resultDate: Date, rules: ElectionRules): Date {
  return new Date(resultDate.getTime() + rules.epHoldDays * MS_PER_DAY);
}
