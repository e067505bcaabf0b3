/**
 * Rows of the transition table from the factory to commissioning (eci-brief §12.2 rows 1–13).
 * Assembled into TRANSITIONS in lifecycle-table.ts.
 */
import type { EventSpec, UnitEvent } from './lifecycle-events.ts';

export const PRE_POLL_TRANSITIONS = {
  // Row 1: the manufacturer ships against an ECI supply order.
  dispatch_from_factory: {
    from: ['manufactured'], to: 'in_transit', roles: ['engineer', 'eci_admin'],
    logType: 'DISPATCH', evidence: ['supply_order_id', 'vehicle_id', 'consignment_list'],
  },
  // Row 3: inter-state (ECI), inter-district (CEO), inter-warehouse (DEO); staff scan out.
  dispatch: {
    from: ['in_warehouse', 'flc_ok'], to: 'in_transit', roles: ['eci_admin', 'ceo', 'deo', 'warehouse'],
    logType: 'DISPATCH', evidence: ['transfer_order_id', 'vehicle_id', 'consignment_list'],
  },
  // Row 2: the warehouse in-charge scans every unit; the DEO accepts.
  receive: {
    from: ['in_transit'], to: 'in_warehouse', roles: ['warehouse', 'deo'],
    logType: 'RECEIPT', evidence: ['consignment_id', 'scan'],
  },
  // Row 4: a unit FLC-OK in an old cycle is checked again.
  start_flc: {
    from: ['in_warehouse', 'flc_ok'], to: 'flc_in_progress', roles: ['deo', 'dy_deo'],
    logType: 'FLC_START', evidence: ['flc_schedule_id', 'party_notice', 'attendance_register', 'webcast_ref'],
  },
  // Row 5.
  pass_flc: {
    from: ['flc_in_progress'], to: 'flc_ok', roles: ['engineer'],
    logType: 'FLC_PASS', evidence: ['pink_seal_serials', 'party_signatures', 'data_cleared'],
  },
  // Row 6; also an FLC-OK unit of the parties' mock-poll sample whose FLC mock poll does not
  // match (issue 9 item 3: "a mismatch is flagged and blocks the unit"): it is rejected at FLC.
  fail_flc: {
    from: ['flc_in_progress', 'flc_ok'], to: 'flc_rejected', roles: ['engineer'],
    logType: 'FLC_FAIL', evidence: ['fault_code'],
  },
  // Row 7: FLC rejects, Category C units, damaged units, defective polled units after the EP window.
  send_for_repair: {
    from: ['flc_rejected', 'commissioning_failed', 'failed_mock_poll', 'released', 'damaged'],
    to: 'at_factory_repair', roles: ['deo', 'ceo'],
    logType: 'MOVE', evidence: ['transfer_order_id', 'fault_code'],
  },
  // Row 8: back in the warehouse, it must pass FLC again before any allocation.
  return_from_repair: {
    from: ['at_factory_repair'], to: 'in_warehouse', roles: ['engineer', 'warehouse'],
    logType: 'RECEIPT', evidence: ['repair_report', 'scan'],
  },
  // Row 9: the first randomisation, run by the DEO in front of the parties.
  allocate_poll: {
    from: ['flc_ok'], to: 'allocated_poll', roles: ['deo'],
    logType: 'RANDOMISATION_1', evidence: ['randomisation_id', 'allocation_hash'],
  },
  allocate_training: {
    from: ['flc_ok'], to: 'allocated_training', roles: ['deo'],
    logType: 'RANDOMISATION_1', evidence: ['randomisation_id', 'allocation_hash'],
  },
  // Row 10, first half: the consignment prepared from the first randomisation leaves for the AC
  // strongroom. The unit keeps its allocation (state and AC) while its place is the vehicle; only
  // the district's warehouse side loads it (eci-brief §12.5: DEO, warehouse staff).
  dispatch_to_ac: {
    from: ['allocated_poll'], to: 'allocated_poll', roles: ['deo', 'warehouse'],
    logType: 'DISPATCH', evidence: ['consignment_id', 'vehicle_id', 'randomisation_id'],
  },
  // Row 10: received into the AC strongroom by the RO of the AC or warehouse staff, by scan.
  receive_at_ac_strongroom: {
    from: ['allocated_poll', 'allocated_training'], to: 'in_ac_strongroom', roles: ['ro', 'warehouse'],
    logType: 'MOVE', evidence: ['strongroom_seal_serials', 'video_ref'],
  },
  // Row 11: the second randomisation, run by the RO with the General Observer.
  assign_ps: {
    from: ['in_ac_strongroom'], to: 'assigned_ps', roles: ['ro'],
    logType: 'RANDOMISATION_2', evidence: ['randomisation_id', 'allocation_hash'],
  },
  assign_reserve: {
    from: ['in_ac_strongroom'], to: 'ac_reserve', roles: ['ro'],
    logType: 'RANDOMISATION_2', evidence: ['randomisation_id', 'allocation_hash'],
  },
  // Row 12: RO with the engineers, candidates present.
  commission: {
    from: ['assigned_ps', 'ac_reserve'], to: 'commissioned', roles: ['ro', 'engineer'],
    logType: 'COMMISSION',
    evidence: ['ballot_paper_set', 'slu_id', 'battery_id', 'paper_roll_id', 'mock_poll_result', 'seal_serials'],
  },
  // Row 13: a unit can also fail while being set, before it counts as commissioned.
  fail_commissioning: {
    from: ['assigned_ps', 'ac_reserve', 'commissioned'], to: 'commissioning_failed', roles: ['ro', 'engineer'],
    logType: 'DEFECT', evidence: ['fault_code'],
  },
} as const satisfies Partial<Record<UnitEvent, EventSpec>>;
