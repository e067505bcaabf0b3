/**
 * The events of the unit lifecycle (one per row of eci-brief §12.2, a few rows split by who
 * fires them) and the facts about each event that the guards use.
 */
import type { Role } from './roles.ts';
import type { UnitState } from './lifecycle-states.ts';
import type { UnitKind } from './units.ts';

export const UNIT_EVENTS = [
  'dispatch_from_factory',
  'dispatch',
  'receive',
  'start_flc',
  'pass_flc',
  'fail_flc',
  'send_for_repair',
  'return_from_repair',
  'allocate_poll',
  'allocate_training',
  'dispatch_to_ac',
  'receive_at_ac_strongroom',
  'assign_ps',
  'assign_reserve',
  'commission',
  'fail_commissioning',
  'issue_to_party',
  'issue_to_sector_officer',
  'issue_replacement',
  'replace_vvpat_in_poll',
  'pass_mock_poll',
  'fail_mock_poll',
  'start_poll',
  'fail_in_poll',
  'close_poll',
  'return_reserve',
  'receive_polled',
  'take_to_counting',
  'count',
  'store_after_count',
  'mark_ep_hold',
  'select_cv',
  'complete_cv',
  'release',
  'return_to_warehouse',
  'condemn',
  'destroy',
  'report_missing',
  'report_damaged',
  'recover',
] as const;
export type UnitEvent = (typeof UNIT_EVENTS)[number];

/** EVMLOG/1 entry types that lifecycle events write (specs/evmlog-v1.md §5.4, extended). */
export const LIFECYCLE_LOG_TYPES = [
  'DISPATCH',
  'RECEIPT',
  'MOVE',
  'FLC_START',
  'FLC_PASS',
  'FLC_FAIL',
  'RANDOMISATION_1',
  'RANDOMISATION_2',
  'COMMISSION',
  'DEFECT',
  'REPLACE',
  'MOCK_POLL',
  'POLL_START',
  'POLL_CLOSE',
  'COUNTING',
  'EP_WINDOW_START',
  'HOLD',
  'CV_SELECT',
  'CV_RESULT',
  'RELEASE',
  'CONDEMN',
  'DESTROY',
  'EXCEPTION',
  'EXCEPTION_RESOLVED',
] as const;
export type LifecycleLogType = (typeof LIFECYCLE_LOG_TYPES)[number];

/** `restore`: go back to the state the unit was in before the exception (`previousState`). */
export type TransitionTarget = UnitState | 'restore';

export interface EventSpec {
  readonly from: readonly UnitState[];
  readonly to: TransitionTarget;
  /** Who may fire the event (eci-brief §12.5). Never empty; never observer or party_rep. */
  readonly roles: readonly Role[];
  readonly logType: LifecycleLogType;
  /** What the log entry must carry, as snake_case field names (eci-brief §12.2, last column). */
  readonly evidence: readonly string[];
  /** When set, only these unit kinds may take the event. */
  readonly kinds?: readonly UnitKind[];
}

/** Events that carry the unit to a new place: they need `targetLocationId`. */
export const MOVING_EVENTS: readonly UnitEvent[] = [
  'dispatch_from_factory',
  'dispatch',
  'receive',
  'send_for_repair',
  'return_from_repair',
  'dispatch_to_ac',
  'receive_at_ac_strongroom',
  'issue_to_party',
  'issue_to_sector_officer',
  'issue_replacement',
  'replace_vvpat_in_poll',
  'return_reserve',
  'receive_polled',
  'take_to_counting',
  'store_after_count',
  'return_to_warehouse',
];

/** Events allowed while the unit is on hold (EP or court): release, C&V result, exceptions. */
export const HOLD_EXEMPT_EVENTS: readonly UnitEvent[] = [
  'release',
  'complete_cv',
  'report_missing',
  'report_damaged',
  'recover',
];

/** Events that need the unit FLC-OK in the current FLC cycle (randomisation pools). */
export const FLC_GUARDED_EVENTS: readonly UnitEvent[] = [
  'allocate_poll',
  'allocate_training',
  'assign_ps',
  'assign_reserve',
];

/** Events that put a unit into the poll: a training unit may never take them. */
export const POLL_ONLY_EVENTS: readonly UnitEvent[] = ['allocate_poll', 'assign_ps', 'assign_reserve'];

/** Events that report an exception: they remember the state before, for `recover`. */
export const EXCEPTION_EVENTS: readonly UnitEvent[] = ['report_missing', 'report_damaged'];

export function isMovingEvent(event: UnitEvent): boolean {
  return MOVING_EVENTS.includes(event);
}
