/**
 * Poll-day replacements by the rules (eci-brief §7.2, issue 10 item 5): ONE pure rule, used by the
 * api before anything changes and by the web form before it sends. Given the phase the set is in,
 * the kinds of the units that failed, the kinds of the set's current members and the kinds of
 * the reserve units offered, it says how the replacement goes, or why it is refused.
 *
 * - At mock poll, only the failed unit(s) are replaced, kind for kind; a whole set is refused.
 * - During the poll, a failed BU or CU withdraws the whole set: a whole new set replaces it and a
 *   fresh mock poll follows (issue_replacement, then pass_mock_poll and start_poll again).
 * - During the poll, a failed VVPAT alone is replaced by one VVPAT, with no mock poll
 *   (replace_vvpat_in_poll).
 */
import type { UnitKind } from './units.ts';

export const POLL_PHASES = ['mock_poll', 'in_poll'] as const;
export type PollPhase = (typeof POLL_PHASES)[number];

export interface ReplacementAsk {
  readonly phase: PollPhase;
  /** Kinds of the members that failed. */
  readonly failed: readonly UnitKind[];
  /** Kinds of the set's current members (1 CU, its BUs, 1 VVPAT). */
  readonly set: readonly UnitKind[];
  /** Kinds of the reserve units offered in their place. */
  readonly offered: readonly UnitKind[];
}

export type ReplacementPlan =
  | { readonly ok: true; readonly mode: 'failed_units'; readonly event: 'issue_replacement'; readonly freshMockPoll: false; readonly withdrawWholeSet: false }
  | { readonly ok: true; readonly mode: 'whole_set'; readonly event: 'issue_replacement'; readonly freshMockPoll: true; readonly withdrawWholeSet: true }
  | { readonly ok: true; readonly mode: 'vvpat_alone'; readonly event: 'replace_vvpat_in_poll'; readonly freshMockPoll: false; readonly withdrawWholeSet: false };

/** Why the rule refuses: each has a sentence of its own in the web's three languages. */
export const REPLACEMENT_REFUSALS = [
  'nothing_failed',
  'whole_set_at_mock_poll',
  'kinds_differ',
  'whole_set_in_poll',
  'vvpat_alone_in_poll',
] as const;
export type ReplacementRefusal = (typeof REPLACEMENT_REFUSALS)[number];

export type ReplacementVerdict = ReplacementPlan | { readonly ok: false; readonly refusal: ReplacementRefusal; readonly need: string; readonly offered: string };

const ORDER: readonly UnitKind[] = ['CU', 'BU', 'VVPAT'];

/** "1 CU, 2 BU, 1 VVPAT": a multiset of kinds, for comparisons and sentences. */
export function kindsText(kinds: readonly UnitKind[]): string {
  const parts = ORDER.flatMap((k) => {
    const n = kinds.filter((x) => x === k).length;
    return n === 0 ? [] : [`${n} ${k}`];
  });
  return parts.length === 0 ? '—' : parts.join(', ');
}

export function replacementRule(ask: ReplacementAsk): ReplacementVerdict {
  const offered = kindsText(ask.offered);
  const refuse = (refusal: ReplacementRefusal, need: readonly UnitKind[]): ReplacementVerdict => ({ ok: false, refusal, need: kindsText(need), offered });
  if (ask.failed.length === 0) return refuse('nothing_failed', []);
  const wholeSet = kindsText(ask.set);
  if (ask.phase === 'mock_poll') {
    if (kindsText(ask.failed) === kindsText(ask.offered)) {
      return { ok: true, mode: 'failed_units', event: 'issue_replacement', freshMockPoll: false, withdrawWholeSet: false };
    }
    if (ask.failed.length < ask.set.length && offered === wholeSet) return refuse('whole_set_at_mock_poll', ask.failed);
    return refuse('kinds_differ', ask.failed);
  }
  const machineFailed = ask.failed.some((k) => k === 'BU' || k === 'CU');
  if (machineFailed) {
    if (offered === wholeSet) return { ok: true, mode: 'whole_set', event: 'issue_replacement', freshMockPoll: true, withdrawWholeSet: true };
    return refuse('whole_set_in_poll', ask.set);
  }
  if (ask.failed.length === 1 && ask.offered.length === 1 && ask.offered[0] === 'VVPAT') {
    return { ok: true, mode: 'vvpat_alone', event: 'replace_vvpat_in_poll', freshMockPoll: false, withdrawWholeSet: false };
  }
  return refuse('vvpat_alone_in_poll', ['VVPAT']);
}
