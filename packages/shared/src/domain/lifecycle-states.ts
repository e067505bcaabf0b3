/**
 * The states of one unit (eci-brief §12.2). Values equal the database values.
 * The events and the transition table live in lifecycle-events.ts.
 */
export const UNIT_STATES = [
  'manufactured',
  'in_transit',
  'in_warehouse',
  'flc_in_progress',
  'flc_ok',
  'flc_rejected',
  'at_factory_repair',
  'allocated_poll',
  'allocated_training',
  'in_ac_strongroom',
  'assigned_ps',
  'ac_reserve',
  'commissioned',
  'commissioning_failed',
  'issued_to_polling_party',
  'with_sector_officer',
  'mock_poll_ok',
  'failed_mock_poll',
  'in_poll',
  'failed_in_poll',
  'poll_closed_sealed',
  'reserve_returned',
  'in_polled_strongroom',
  'at_counting_table',
  'counted',
  'ep_window',
  'ep_hold',
  'cv_selected',
  'cv_done',
  'released',
  'condemned',
  'destroyed',
  'missing',
  'damaged',
] as const;
export type UnitState = (typeof UNIT_STATES)[number];

/**
 * States with no way out. Only `destroyed`: a condemned unit still has to be handed
 * over, a missing unit may be found, a damaged one repaired or condemned.
 */
export const TERMINAL_STATES: readonly UnitState[] = ['destroyed'];

/** Exception states: entered from (almost) anywhere, left by `recover` to the state before. */
export const EXCEPTION_STATES: readonly UnitState[] = ['missing', 'damaged'];

/** What each state means on the ground, for docs and tooltips. */
export const UNIT_STATE_DESCRIPTIONS: Readonly<Record<UnitState, string>> = {
  manufactured: 'Built at the BEL/ECIL plant, not yet shipped against a supply order.',
  in_transit: 'On a logged consignment between two places; the consignment is its place.',
  in_warehouse: 'In the district warehouse; needs First Level Checking before any allocation.',
  flc_in_progress: 'Under First Level Checking in the FLC hall, parties notified.',
  flc_ok: 'Passed FLC in the recorded FLC cycle (green sticker, pink seal).',
  flc_rejected: 'Failed FLC (red sticker, fault code); waits to go to the factory.',
  at_factory_repair: 'With the manufacturer for repair; must pass FLC again on return.',
  allocated_poll: 'Allocated to an assembly constituency for the poll by the first randomisation.',
  allocated_training: 'Allocated to an assembly constituency for training; never a poll unit this election.',
  in_ac_strongroom: 'Received in the AC strongroom after the first randomisation.',
  assigned_ps: 'Assigned to a polling station by the second randomisation.',
  ac_reserve: 'Kept as AC reserve by the second randomisation.',
  commissioned: 'Candidate set and sealed at commissioning (ballot paper, symbols loaded).',
  commissioning_failed: 'Failed at commissioning (Category C); replaced from the AC reserve.',
  issued_to_polling_party: 'Issued to a polling party at the distribution centre.',
  with_sector_officer: 'Carried as a field reserve by a sector officer.',
  mock_poll_ok: 'Passed the poll-day mock poll; the Mock Poll Certificate is signed.',
  failed_mock_poll: 'Failed the poll-day mock poll (Category C); only this unit is replaced.',
  in_poll: 'Recording votes at the polling station.',
  failed_in_poll: 'Failed or withdrawn during the poll (Category B); a CU keeps its votes.',
  poll_closed_sealed: 'Poll closed, unit sealed, Form 17C Part I written.',
  reserve_returned: 'Unused field reserve returned at the receiving centre (Category D).',
  in_polled_strongroom: 'In the double-locked strongroom for polled units.',
  at_counting_table: 'At a counting table on counting day; seals checked against Form 17C.',
  counted: 'Result read (and VVPAT slips counted where drawn).',
  ep_window: 'Stored after counting; frozen for the election-petition window.',
  ep_hold: 'Frozen by an election petition or a court order.',
  cv_selected: 'Selected for checking and verification of burnt memory.',
  cv_done: 'Checking and verification of burnt memory finished; certificate issued.',
  released: 'Released after the election-petition window or by court order; data cleared.',
  condemned: 'Condemned (end of life or beyond repair); waits for destruction.',
  destroyed: 'Handed over to the manufacturer and destroyed. The end.',
  missing: 'Reported missing (FIR or inquiry); blocks all other movement.',
  damaged: 'Reported damaged; repair, condemnation or recovery decides what follows.',
};

export function isTerminal(state: UnitState): boolean {
  return TERMINAL_STATES.includes(state);
}

const UNIT_STATE_SET: ReadonlySet<string> = new Set(UNIT_STATES);

export function isUnitState(value: unknown): value is UnitState {
  return typeof value === 'string' && UNIT_STATE_SET.has(value);
}
