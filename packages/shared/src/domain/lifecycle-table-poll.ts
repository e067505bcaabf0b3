/**
 * Rows of the transition table from the distribution centre to the polled strongroom
 * (eci-brief §12.2 rows 14–21, §7.2 replacement rules). Assembled in lifecycle-table.ts.
 */
import type { EventSpec, UnitEvent } from './lifecycle-events.ts';

export const POLL_TRANSITIONS = {
  // Row 14: the distribution-centre counter, the day before the poll.
  issue_to_party: {
    from: ['commissioned'], to: 'issued_to_polling_party', roles: ['ro'],
    logType: 'MOVE', evidence: ['polling_party_id', 'vehicle_id'],
  },
  issue_to_sector_officer: {
    from: ['commissioned'], to: 'with_sector_officer', roles: ['ro'],
    logType: 'MOVE', evidence: ['sector_officer_id', 'vehicle_id'],
  },
  // §7.2: a field reserve replaces the failed unit (at mock poll) or the whole set (during the
  // poll, followed by a fresh mock poll).
  issue_replacement: {
    from: ['with_sector_officer'], to: 'issued_to_polling_party', roles: ['sector_officer'],
    logType: 'REPLACE', evidence: ['replaced_serial', 'reason', 'seal_serials'],
  },
  // §7.2: a VVPAT that fails during the poll is replaced alone, with no mock poll.
  replace_vvpat_in_poll: {
    from: ['with_sector_officer'], to: 'in_poll', roles: ['sector_officer', 'presiding_officer'],
    logType: 'REPLACE', evidence: ['replaced_serial', 'reason', 'seal_serials'], kinds: ['VVPAT'],
  },
  // Row 15.
  pass_mock_poll: {
    from: ['issued_to_polling_party'], to: 'mock_poll_ok', roles: ['presiding_officer'],
    logType: 'MOCK_POLL', evidence: ['mock_poll_certificate', 'votes_cast', 'agents_present', 'seal_serials'],
  },
  // Row 16: also when a unit that passed fails before the poll opens.
  fail_mock_poll: {
    from: ['issued_to_polling_party', 'mock_poll_ok'], to: 'failed_mock_poll',
    roles: ['presiding_officer', 'sector_officer'],
    logType: 'DEFECT', evidence: ['fault_code', 'mock_poll_certificate'],
  },
  // Row 17.
  start_poll: {
    from: ['mock_poll_ok'], to: 'in_poll', roles: ['presiding_officer'],
    logType: 'POLL_START', evidence: [],
  },
  // Row 18: the failed unit, and the rest of a set withdrawn with it (Category B).
  fail_in_poll: {
    from: ['in_poll'], to: 'failed_in_poll', roles: ['presiding_officer', 'sector_officer'],
    logType: 'DEFECT', evidence: ['fault_code', 'pro_report_part'],
  },
  // Row 19.
  close_poll: {
    from: ['in_poll'], to: 'poll_closed_sealed', roles: ['presiding_officer'],
    logType: 'POLL_CLOSE', evidence: ['form_17c_part1', 'seal_serials', 'agent_signatures'],
  },
  // Row 20: an unused field reserve handed in at the receiving centre (Category D).
  return_reserve: {
    from: ['with_sector_officer'], to: 'reserve_returned', roles: ['sector_officer'],
    logType: 'MOVE', evidence: ['receiving_centre_receipt'],
  },
  // Row 21: every unit of a polling station into the same double-locked room.
  receive_polled: {
    from: ['poll_closed_sealed', 'failed_in_poll'], to: 'in_polled_strongroom', roles: ['ro'],
    logType: 'MOVE', evidence: ['receiving_centre_receipt', 'strongroom_seal_serials', 'video_ref'],
  },
} as const satisfies Partial<Record<UnitEvent, EventSpec>>;
