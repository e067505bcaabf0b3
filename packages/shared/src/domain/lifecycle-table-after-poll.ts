/**
 * Rows of the transition table from counting to the end of life, and the exceptions
 * (eci-brief §12.2 rows 22–29, §8). Assembled in lifecycle-table.ts.
 */
import type { Role } from './roles.ts';
import type { EventSpec, UnitEvent } from './lifecycle-events.ts';
import type { UnitState } from './lifecycle-states.ts';

/** Row 29, "whoever detects it": every role that handles units. */
const DETECTING_ROLES: readonly Role[] = [
  'eci_admin', 'ceo', 'deo', 'dy_deo', 'ro', 'warehouse', 'engineer', 'sector_officer', 'presiding_officer',
];

/** Every state but the terminal one and the exception states themselves. */
const EXCEPTION_SOURCES: readonly UnitState[] = [
  'manufactured', 'in_transit', 'in_warehouse', 'flc_in_progress', 'flc_ok', 'flc_rejected',
  'at_factory_repair', 'allocated_poll', 'allocated_training', 'in_ac_strongroom', 'assigned_ps',
  'ac_reserve', 'commissioned', 'commissioning_failed', 'issued_to_polling_party',
  'with_sector_officer', 'mock_poll_ok', 'failed_mock_poll', 'in_poll', 'failed_in_poll',
  'poll_closed_sealed', 'reserve_returned', 'in_polled_strongroom', 'at_counting_table', 'counted',
  'ep_window', 'ep_hold', 'cv_selected', 'cv_done', 'released', 'condemned',
];

export const AFTER_POLL_TRANSITIONS = {
  // Row 22: counting day; only the units counted there leave the strongroom.
  take_to_counting: {
    from: ['in_polled_strongroom'], to: 'at_counting_table', roles: ['ro'],
    logType: 'MOVE', evidence: ['strongroom_session_id', 'seal_check', 'round', 'table'],
  },
  // Row 23.
  count: {
    from: ['at_counting_table'], to: 'counted', roles: ['ro'],
    logType: 'COUNTING', evidence: ['form_17c_part2'],
  },
  // Row 24: back into the strongroom, sealed; the EP window starts. Units that stayed in the
  // strongroom (BUs, VVPATs not drawn) join the window where they are.
  store_after_count: {
    from: ['counted', 'in_polled_strongroom'], to: 'ep_window', roles: ['ro'],
    logType: 'EP_WINDOW_START', evidence: ['seal_serials'],
  },
  // Row 25: on EP status from the High Court registrar.
  mark_ep_hold: {
    from: ['ep_window', 'cv_selected', 'cv_done'], to: 'ep_hold', roles: ['deo', 'ceo'],
    logType: 'HOLD', evidence: ['court_case_ref'],
  },
  // Row 26: checking and verification of burnt memory, on a candidate's application.
  select_cv: {
    from: ['ep_window'], to: 'cv_selected', roles: ['deo'],
    logType: 'CV_SELECT', evidence: ['cv_application_id'],
  },
  complete_cv: {
    from: ['cv_selected'], to: 'cv_done', roles: ['engineer'],
    logType: 'CV_RESULT', evidence: ['cv_certificate', 'cv_result'],
  },
  // Row 27: after the window with no petition, or by court order; data cleared.
  release: {
    from: ['ep_window', 'ep_hold', 'cv_done'], to: 'released', roles: ['deo'],
    logType: 'RELEASE', evidence: ['release_order', 'data_cleared'],
  },
  return_to_warehouse: {
    from: [
      'released', 'reserve_returned', 'ac_reserve', 'in_ac_strongroom', 'allocated_training',
      'commissioning_failed', 'failed_mock_poll',
    ],
    to: 'in_warehouse', roles: ['deo', 'ro', 'warehouse'],
    logType: 'MOVE', evidence: ['transfer_order_id', 'scan'],
  },
  // Row 28: end of life or beyond repair; only from rest, never mid-election.
  condemn: {
    from: ['in_warehouse', 'flc_ok', 'flc_rejected', 'at_factory_repair', 'released', 'damaged', 'missing'],
    to: 'condemned', roles: ['eci_admin', 'ceo'],
    logType: 'CONDEMN', evidence: ['condemnation_order'],
  },
  destroy: {
    from: ['condemned'], to: 'destroyed', roles: ['eci_admin', 'ceo'],
    logType: 'DESTROY', evidence: ['handover_certificate'],
  },
  // Row 29: exceptions block everything else until resolved.
  report_missing: {
    from: EXCEPTION_SOURCES, to: 'missing', roles: DETECTING_ROLES,
    logType: 'EXCEPTION', evidence: ['fir_or_inquiry_ref'],
  },
  report_damaged: {
    from: EXCEPTION_SOURCES, to: 'damaged', roles: DETECTING_ROLES,
    logType: 'EXCEPTION', evidence: ['damage_report'],
  },
  recover: {
    from: ['missing', 'damaged'], to: 'restore', roles: ['deo', 'ceo', 'eci_admin'],
    logType: 'EXCEPTION_RESOLVED', evidence: ['inquiry_outcome'],
  },
} as const satisfies Partial<Record<UnitEvent, EventSpec>>;
