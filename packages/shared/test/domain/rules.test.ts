import { describe, expect, test } from 'vitest';
import {
  DEFAULT_ELECTION_RULES,
  ElectionRulesSchema,
  buLimitBreach,
  busPerPollingStation,
  tightestCuModel,
  epWindowEndsAt,
  maxCandidatesForCu,
  maxCandidatesForModel,
} from '../../src/domain/index.ts';

describe('election rules', () => {
  test('defaults follow eci-brief §12.4', () => {
    expect(DEFAULT_ELECTION_RULES).toEqual({
      busSlots: 16,
      maxBuPerCu: { M2: 4, M3: 24 },
      maxVotesPerCu: 2000,
      maxElectorsPerPs: 1200,
      reserveFirstRand: { bu: 0.2, cu: 0.2, vvpat: 0.3 },
      reserveSecondRand: { bu: 0.2, cu: 0.2, vvpat: 0.3 },
      flcPartyNoticeDays: 7,
      flcMockpollSample: [
        { fraction: 0.01, votes: 1200 },
        { fraction: 0.02, votes: 1000 },
        { fraction: 0.02, votes: 500 },
      ],
      flcFaultCodes: ['DISPLAY', 'KEYPAD', 'PRINTER', 'BATTERY', 'SEAL_DAMAGED', 'SELF_TEST', 'CABLE', 'OTHER'],
      psMockpollMinVotes: 50,
      vvpatVerifyPsPerAc: 5,
      observerRecheckCusPerRound: 2,
      epHoldDays: 45,
      cvMaxFraction: 0.05,
      sluHoldDays: 45,
      psPerSectorOfficer: 12,
      psPerSectorOfficerMin: 10,
      commissioningMockpoll: { sampleFraction: 0.05, sampleVotes: 1000 },
    });
  });

  test('an election overrides some rules and keeps the other defaults', () => {
    const rules = ElectionRulesSchema.parse({ maxElectorsPerPs: 1500, reserveFirstRand: { bu: 0.3, cu: 0.3, vvpat: 0.4 } });
    expect(rules.maxElectorsPerPs).toBe(1500);
    expect(rules.reserveFirstRand.vvpat).toBe(0.4);
    expect(rules.busSlots).toBe(16);
  });

  test('bad rules are refused', () => {
    expect(ElectionRulesSchema.safeParse({ busSlots: 0 }).success).toBe(false);
    expect(ElectionRulesSchema.safeParse({ cvMaxFraction: 1.5 }).success).toBe(false);
    expect(ElectionRulesSchema.safeParse({ epHoldDays: 4.5 }).success).toBe(false);
  });

  test('BUs per polling station count NOTA: ceil((c + 1) / 16)', () => {
    const cases: [number, number][] = [[1, 1], [15, 1], [16, 2], [31, 2], [32, 3], [63, 4], [64, 5], [383, 24]];
    for (const [candidates, bus] of cases) {
      expect(busPerPollingStation(candidates, DEFAULT_ELECTION_RULES), `${candidates}`).toBe(bus);
    }
    expect(busPerPollingStation(16, { ...DEFAULT_ELECTION_RULES, busSlots: 8 })).toBe(3);
  });

  test('a candidate count that is not a positive integer is a bug', () => {
    expect(() => busPerPollingStation(0, DEFAULT_ELECTION_RULES)).toThrow('got 0');
    expect(() => busPerPollingStation(2.5, DEFAULT_ELECTION_RULES)).toThrow();
  });

  test('the most candidates one CU serves: M2 63, M3 383', () => {
    expect(maxCandidatesForCu('M2', DEFAULT_ELECTION_RULES)).toBe(63);
    expect(maxCandidatesForCu('M3', DEFAULT_ELECTION_RULES)).toBe(383);
    expect(maxCandidatesForModel('M2')).toBe(64);
  });

  test('the EP window ends 45 days after the result', () => {
    const result = new Date('2029-06-04T18:00:00+05:30');
    expect(epWindowEndsAt(result, DEFAULT_ELECTION_RULES).toISOString()).toBe('2029-07-19T12:30:00.000Z');
    expect(epWindowEndsAt(result, { ...DEFAULT_ELECTION_RULES, epHoldDays: 1 }).toISOString()).toBe(
      '2029-06-05T12:30:00.000Z',
    );
  });
});

describe('the CU model limit on BUs per station', () => {
  test('the tightest model among the CUs given decides; M3 when none is known', () => {
    expect(tightestCuModel(['M3', 'M2'], DEFAULT_ELECTION_RULES)).toEqual({ model: 'M2', limit: 4 });
    expect(tightestCuModel([], DEFAULT_ELECTION_RULES)).toEqual({ model: 'M3', limit: 24 });
  });

  test('a breach names the BUs needed, the limit and the most candidates the model serves', () => {
    expect(buLimitBreach(63, ['M2'], DEFAULT_ELECTION_RULES)).toBeUndefined();
    expect(buLimitBreach(64, ['M2', 'M3'], DEFAULT_ELECTION_RULES)).toEqual({ bus: 5, limit: 4, model: 'M2', most: 63 });
    expect(buLimitBreach(383, [], DEFAULT_ELECTION_RULES)).toBeUndefined();
    expect(buLimitBreach(384, ['M3'], DEFAULT_ELECTION_RULES)).toEqual({ bus: 25, limit: 24, model: 'M3', most: 383 });
  });
});
