import { describe, expect, test } from 'vitest';

import { kindsText, replacementRule, type UnitKind } from '../../src/index.ts';

const SET: UnitKind[] = ['CU', 'BU', 'BU', 'VVPAT'];

describe('poll-day replacements by the rules (eci-brief §7.2)', () => {
  test('at mock poll only the failed unit is replaced, kind for kind', () => {
    expect(replacementRule({ phase: 'mock_poll', failed: ['BU'], set: SET, offered: ['BU'] })).toMatchObject({ ok: true, mode: 'failed_units', event: 'issue_replacement', freshMockPoll: false });
    expect(replacementRule({ phase: 'mock_poll', failed: ['VVPAT'], set: SET, offered: ['VVPAT'] })).toMatchObject({ ok: true, mode: 'failed_units' });
    expect(replacementRule({ phase: 'mock_poll', failed: ['CU', 'BU'], set: SET, offered: ['BU', 'CU'] })).toMatchObject({ ok: true, mode: 'failed_units' });
  });

  test('at mock poll a whole set is refused, and a unit of another kind too', () => {
    expect(replacementRule({ phase: 'mock_poll', failed: ['BU'], set: SET, offered: ['CU', 'BU', 'BU', 'VVPAT'] })).toEqual({ ok: false, refusal: 'whole_set_at_mock_poll', need: '1 BU', offered: '1 CU, 2 BU, 1 VVPAT' });
    expect(replacementRule({ phase: 'mock_poll', failed: ['BU'], set: SET, offered: ['CU'] })).toMatchObject({ ok: false, refusal: 'kinds_differ' });
    expect(replacementRule({ phase: 'mock_poll', failed: [], set: SET, offered: ['BU'] })).toMatchObject({ ok: false, refusal: 'nothing_failed' });
  });

  test('in the poll a failed BU or CU replaces the whole set, with a fresh mock poll', () => {
    for (const failed of [['BU'], ['CU'], ['BU', 'VVPAT']] as UnitKind[][]) {
      expect(replacementRule({ phase: 'in_poll', failed, set: SET, offered: ['VVPAT', 'BU', 'CU', 'BU'] })).toMatchObject({ ok: true, mode: 'whole_set', freshMockPoll: true, withdrawWholeSet: true });
    }
    expect(replacementRule({ phase: 'in_poll', failed: ['BU'], set: SET, offered: ['BU'] })).toEqual({ ok: false, refusal: 'whole_set_in_poll', need: '1 CU, 2 BU, 1 VVPAT', offered: '1 BU' });
  });

  test('in the poll a failed VVPAT alone is replaced by one VVPAT, without a mock poll', () => {
    expect(replacementRule({ phase: 'in_poll', failed: ['VVPAT'], set: SET, offered: ['VVPAT'] })).toMatchObject({ ok: true, mode: 'vvpat_alone', event: 'replace_vvpat_in_poll', freshMockPoll: false });
    expect(replacementRule({ phase: 'in_poll', failed: ['VVPAT'], set: SET, offered: SET })).toMatchObject({ ok: false, refusal: 'vvpat_alone_in_poll', need: '1 VVPAT' });
  });

  test('kinds read as a person counts them', () => {
    expect(kindsText(['VVPAT', 'BU', 'CU', 'BU'])).toBe('1 CU, 2 BU, 1 VVPAT');
    expect(kindsText([])).toBe('—');
  });
});
