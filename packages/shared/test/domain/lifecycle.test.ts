import { describe, expect, test } from 'vitest';
import {
  applyTransition,
  guardsFor,
  transition,
  type Role,
  type TransitionContext,
  type UnitEvent,
  type UnitSnapshot,
} from '../../src/domain/index.ts';
import { buildContext, buildUnit } from '../../src/testing/index.ts';

interface Step {
  readonly event: UnitEvent;
  readonly role: Role;
  readonly to?: number;
}

/** Fire each step, expecting ok, and return the unit after each. */
function run(start: UnitSnapshot, steps: readonly Step[], cycle = 1): UnitSnapshot[] {
  const seen: UnitSnapshot[] = [];
  let unit = start;
  for (const step of steps) {
    const ctx = buildContext({ role: step.role, currentFlcCycle: cycle, targetLocationId: step.to });
    const result = transition(unit, step.event, ctx);
    if (!result.ok) throw new Error(result.error.message);
    unit = applyTransition(unit, result.value, ctx);
    seen.push(unit);
  }
  return seen;
}

function errorOf(unit: UnitSnapshot, event: UnitEvent, ctx: Partial<TransitionContext>) {
  const result = transition(unit, event, buildContext(ctx));
  if (result.ok) throw new Error(`expected ${event} to fail`);
  return result.error;
}

const HAPPY_PATH: readonly Step[] = [
  { event: 'dispatch_from_factory', role: 'engineer', to: 2 },
  { event: 'receive', role: 'warehouse', to: 3 },
  { event: 'start_flc', role: 'dy_deo' },
  { event: 'pass_flc', role: 'engineer' },
  { event: 'allocate_poll', role: 'deo' },
  { event: 'receive_at_ac_strongroom', role: 'ro', to: 4 },
  { event: 'assign_ps', role: 'ro' },
  { event: 'commission', role: 'ro' },
  { event: 'issue_to_party', role: 'ro', to: 5 },
  { event: 'pass_mock_poll', role: 'presiding_officer' },
  { event: 'start_poll', role: 'presiding_officer' },
  { event: 'close_poll', role: 'presiding_officer' },
  { event: 'receive_polled', role: 'ro', to: 6 },
  { event: 'take_to_counting', role: 'ro', to: 7 },
  { event: 'count', role: 'ro' },
  { event: 'store_after_count', role: 'ro', to: 6 },
  { event: 'release', role: 'deo' },
  { event: 'return_to_warehouse', role: 'warehouse', to: 3 },
];

describe('transition: the happy path', () => {
  test('manufactured -> ... -> counted -> ep_window -> released -> in_warehouse', () => {
    const seen = run(buildUnit({ kind: 'CU', serial: 'CU-000204' }), HAPPY_PATH);
    expect(seen.map((unit) => unit.state)).toEqual([
      'in_transit', 'in_warehouse', 'flc_in_progress', 'flc_ok', 'allocated_poll', 'in_ac_strongroom',
      'assigned_ps', 'commissioned', 'issued_to_polling_party', 'mock_poll_ok', 'in_poll',
      'poll_closed_sealed', 'in_polled_strongroom', 'at_counting_table', 'counted', 'ep_window',
      'released', 'in_warehouse',
    ]);
    expect(seen.map((unit) => unit.locationId)).toEqual([2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 6, 7, 7, 6, 6, 3]);
    expect(seen[3]?.flcCycle).toBe(1);
  });

  test('the outcome names from, to, event, log type and place', () => {
    const unit = buildUnit({ state: 'flc_in_progress', locationId: 9 });
    const result = transition(unit, 'pass_flc', buildContext({ role: 'engineer', currentFlcCycle: 4 }));
    expect(result).toEqual({
      ok: true,
      value: { from: 'flc_in_progress', to: 'flc_ok', event: 'pass_flc', logType: 'FLC_PASS', locationId: 9 },
    });
  });

  test('an allocated unit rides to its AC strongroom still allocated (dispatch_to_ac), then is received there', () => {
    const start = buildUnit({ state: 'allocated_poll', flcCycle: 1, locationId: 3 });
    const seen = run(start, [
      { event: 'dispatch_to_ac', role: 'warehouse', to: 8 },
      { event: 'receive_at_ac_strongroom', role: 'warehouse', to: 4 },
    ]);
    expect(seen.map((unit) => [unit.state, unit.locationId])).toEqual([['allocated_poll', 8], ['in_ac_strongroom', 4]]);
    // Only the warehouse side loads it; the RO receives, never sends; a unit not allocated cannot ride.
    expect(errorOf(start, 'dispatch_to_ac', { role: 'ro', targetLocationId: 8 }).type).toBe('role_not_allowed');
    expect(errorOf(buildUnit({ state: 'flc_ok', flcCycle: 1 }), 'dispatch_to_ac', { role: 'deo', targetLocationId: 8 }).type).toBe('illegal_transition');
    expect(errorOf(buildUnit({ state: 'allocated_poll', flcCycle: 1 }), 'dispatch', { role: 'deo', targetLocationId: 8 }).type).toBe('illegal_transition');
    expect(errorOf(start, 'dispatch_to_ac', { role: 'deo' }).type).toBe('location_required');
  });

  test('a training unit goes to the AC and back to the warehouse', () => {
    const start = buildUnit({ state: 'flc_ok', flcCycle: 1 });
    const seen = run(start, [
      { event: 'allocate_training', role: 'deo' },
      { event: 'receive_at_ac_strongroom', role: 'ro', to: 4 },
      { event: 'return_to_warehouse', role: 'ro', to: 1 },
    ]);
    expect(seen.map((unit) => [unit.state, unit.isTraining])).toEqual([
      ['allocated_training', true], ['in_ac_strongroom', true], ['in_warehouse', true],
    ]);
  });

  test('a field reserve replaces a failed VVPAT during the poll, with no mock poll', () => {
    const vvpat = buildUnit({ kind: 'VVPAT', serial: 'VV-000304', state: 'with_sector_officer' });
    const [after] = run(vvpat, [{ event: 'replace_vvpat_in_poll', role: 'sector_officer', to: 5 }]);
    expect(after?.state).toBe('in_poll');
  });
});

describe('transition: illegal transitions', () => {
  test('an event from the wrong state names the unit, the state and the event', () => {
    const error = errorOf(buildUnit({ state: 'in_transit' }), 'pass_flc', { role: 'engineer' });
    expect(error).toEqual({
      type: 'illegal_transition', serial: 'BU-000115', from: 'in_transit', event: 'pass_flc',
      message: "Unit BU-000115 cannot go from 'in_transit' by 'pass_flc'",
    });
  });

  test('only a VVPAT may be replaced alone during the poll', () => {
    const bu = buildUnit({ state: 'with_sector_officer' });
    const error = errorOf(bu, 'replace_vvpat_in_poll', { role: 'sector_officer', targetLocationId: 5 });
    expect(error.type).toBe('illegal_transition');
    expect(error.message).toContain('only VVPAT units may, this is a BU');
  });

  test('nothing leaves destroyed', () => {
    const error = errorOf(buildUnit({ state: 'destroyed' }), 'report_missing', { role: 'deo' });
    expect(error.type).toBe('illegal_transition');
  });
});

describe('transition: role guard', () => {
  test('a role not listed for the event is refused, naming role, event and unit', () => {
    const error = errorOf(buildUnit({ state: 'flc_in_progress' }), 'pass_flc', { role: 'deo' });
    expect(error).toEqual({
      type: 'role_not_allowed', serial: 'BU-000115', role: 'deo', event: 'pass_flc',
      message: "Role 'deo' cannot fire 'pass_flc' on unit BU-000115",
    });
  });

  test('an observer cannot report a unit missing', () => {
    expect(errorOf(buildUnit({ state: 'in_warehouse' }), 'report_missing', { role: 'observer' }).type)
      .toBe('role_not_allowed');
  });
});

describe('transition: hold guard', () => {
  test('a unit under an EP hold cannot be condemned', () => {
    const unit = buildUnit({ state: 'released', hold: 'ep' });
    const error = errorOf(unit, 'condemn', { role: 'eci_admin' });
    expect(error).toMatchObject({ type: 'unit_on_hold', hold: 'ep', serial: 'BU-000115', event: 'condemn' });
    expect(error.message).toBe("Unit BU-000115 is under an election-petition hold: 'condemn' is not allowed");
  });

  test('a court hold blocks a move out of the warehouse', () => {
    const unit = buildUnit({ state: 'in_warehouse', hold: 'court' });
    const error = errorOf(unit, 'dispatch', { role: 'deo', targetLocationId: 2 });
    expect(error).toMatchObject({ type: 'unit_on_hold', hold: 'court' });
    expect(error.message).toContain('a court hold');
  });

  test('a held unit can still be released, finish C&V, and be reported missing', () => {
    const held = buildUnit({ state: 'ep_hold', hold: 'ep' });
    const [released] = run(held, [{ event: 'release', role: 'deo' }]);
    expect(released).toMatchObject({ state: 'released', hold: 'none' });
    run(buildUnit({ state: 'cv_selected', hold: 'court' }), [{ event: 'complete_cv', role: 'engineer' }]);
    run(held, [{ event: 'report_missing', role: 'warehouse' }]);
  });

  test('mark_ep_hold puts the hold on, and C&V selection is refused under it', () => {
    const [held] = run(buildUnit({ state: 'ep_window' }), [{ event: 'mark_ep_hold', role: 'ceo' }]);
    expect(held).toMatchObject({ state: 'ep_hold', hold: 'ep' });
    const inWindow = buildUnit({ state: 'ep_window', hold: 'ep' });
    expect(errorOf(inWindow, 'select_cv', { role: 'deo' }).type).toBe('unit_on_hold');
  });
});

describe('transition: FLC cycle guard', () => {
  test('a unit FLC-OK in an old cycle cannot enter the first randomisation', () => {
    const unit = buildUnit({ state: 'flc_ok', flcCycle: 1 });
    const error = errorOf(unit, 'allocate_poll', { role: 'deo', currentFlcCycle: 2 });
    expect(error).toMatchObject({ type: 'flc_not_current', flcCycle: 1, currentFlcCycle: 2 });
    expect(error.message).toBe(
      "Unit BU-000115 is not FLC-OK in the current FLC cycle 2 (last passed: 1): 'allocate_poll' is not allowed",
    );
  });

  test('a unit that never passed FLC cannot be assigned to a polling station', () => {
    const unit = buildUnit({ state: 'in_ac_strongroom', flcCycle: null });
    const error = errorOf(unit, 'assign_ps', { role: 'ro' });
    expect(error.message).toContain('(last passed: never)');
  });

  test('an old-cycle unit is checked again, then may be allocated', () => {
    const old = buildUnit({ state: 'flc_ok', flcCycle: 1 });
    const seen = run(old, [
      { event: 'start_flc', role: 'deo' },
      { event: 'pass_flc', role: 'engineer' },
      { event: 'allocate_training', role: 'deo' },
    ], 2);
    expect(seen[2]).toMatchObject({ state: 'allocated_training', flcCycle: 2 });
  });
});

describe('transition: training guard', () => {
  test('a training unit can never be allocated for the poll in the same election', () => {
    const unit = buildUnit({ state: 'flc_ok', flcCycle: 1, isTraining: true });
    const error = errorOf(unit, 'allocate_poll', { role: 'deo' });
    expect(error).toMatchObject({ type: 'training_unit', serial: 'BU-000115', event: 'allocate_poll' });
    expect(error.message).toContain('allocated for training');
  });

  test('nor assigned to a polling station or the AC reserve', () => {
    const unit = buildUnit({ state: 'in_ac_strongroom', flcCycle: 1, isTraining: true });
    expect(errorOf(unit, 'assign_ps', { role: 'ro' }).type).toBe('training_unit');
    expect(errorOf(unit, 'assign_reserve', { role: 'ro' }).type).toBe('training_unit');
  });

  test('training is kept through FLC in the same cycle and cleared in a new one', () => {
    const unit = buildUnit({ state: 'in_warehouse', flcCycle: 1, isTraining: true });
    const flc: Step[] = [{ event: 'start_flc', role: 'deo' }, { event: 'pass_flc', role: 'engineer' }];
    expect(run(unit, flc, 1)[1]?.isTraining).toBe(true);
    expect(run(unit, flc, 2)[1]?.isTraining).toBe(false);
  });
});

describe('transition: location guard', () => {
  test('a moving event without a target place is refused', () => {
    const error = errorOf(buildUnit({ state: 'in_transit' }), 'receive', { role: 'warehouse' });
    expect(error).toEqual({
      type: 'location_required', serial: 'BU-000115', event: 'receive',
      message: "Unit BU-000115: 'receive' moves the unit and needs a target location",
    });
  });

  test('an event that does not move keeps the place even when a target is given', () => {
    const unit = buildUnit({ state: 'flc_in_progress', locationId: 3 });
    const result = transition(unit, 'fail_flc', buildContext({ role: 'engineer', targetLocationId: 8 }));
    expect(result.ok && result.value.locationId).toBe(3);
  });

  test('guards run in a fixed order: hold before location', () => {
    expect(guardsFor('dispatch')).toEqual(['not_on_hold', 'has_target']);
    expect(guardsFor('allocate_poll')).toEqual(['not_on_hold', 'flc_current', 'not_training']);
    expect(guardsFor('recover')).toEqual([]);
    const held = buildUnit({ state: 'in_transit', hold: 'court' });
    expect(errorOf(held, 'receive', { role: 'warehouse' }).type).toBe('unit_on_hold');
  });
});

describe('transition: exceptions and recover', () => {
  test('missing remembers the state before and recover goes back to it', () => {
    const unit = buildUnit({ state: 'in_transit', locationId: 2 });
    const [missing, back] = run(unit, [
      { event: 'report_missing', role: 'warehouse' },
      { event: 'recover', role: 'deo' },
    ]);
    expect(missing).toMatchObject({ state: 'missing', previousState: 'in_transit', locationId: 2 });
    expect(back).toMatchObject({ state: 'in_transit', previousState: null });
  });

  test('recover with no recorded earlier state is refused', () => {
    const damaged = buildUnit({ state: 'damaged', previousState: null });
    const error = errorOf(damaged, 'recover', { role: 'deo' });
    expect(error.type).toBe('illegal_transition');
    expect(error.message).toContain('no earlier state');
    const noField = buildUnit({ state: 'missing', previousState: undefined });
    expect(errorOf(noField, 'recover', { role: 'ceo' }).type).toBe('illegal_transition');
    const loop = buildUnit({ state: 'missing', previousState: 'damaged' });
    expect(errorOf(loop, 'recover', { role: 'ceo' }).type).toBe('illegal_transition');
  });

  test('a damaged unit goes to the factory; a condemned unit is destroyed', () => {
    const damaged = buildUnit({ state: 'damaged', previousState: 'in_warehouse' });
    const seen = run(damaged, [
      { event: 'send_for_repair', role: 'deo', to: 90 },
      { event: 'return_from_repair', role: 'engineer', to: 3 },
      { event: 'condemn', role: 'ceo' },
      { event: 'destroy', role: 'eci_admin' },
    ]);
    expect(seen.map((unit) => unit.state)).toEqual(['at_factory_repair', 'in_warehouse', 'condemned', 'destroyed']);
    expect(seen[0]?.previousState).toBeNull();
  });
});
