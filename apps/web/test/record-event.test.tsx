import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildUnitDetail, DEO } from './fixtures';
import { calls, mockApi, TrpcFailure, type Procedures } from './msw';
import { renderApp } from './render-app';

const TREE = {
  district: { id: 12, code: 'MH-PUNE', name: 'Pune', nameHi: 'पुणे' },
  acs: [],
  // The api's columns (location-map.ts): entry i of every column is place i.
  locations: {
    kinds: ['warehouse', 'strongroom'],
    strongroomTypes: ['ac'],
    id: [3, 31],
    code: ['WH-D0412-01', 'SR-AC057'],
    codeShared: [0, 0],
    kind: [0, 1],
    strongroomType: [null, 0],
    name: ['District warehouse, Pune', 'AC 57 strongroom'],
    nameShared: [0, 0],
    nameHi: [null, null],
    nameHiShared: [0, 0],
    acId: [null, 57],
    parentId: [null, 3],
    lat: [null, null],
    lon: [null, null],
    psNumber: [null, null],
    electors: [null, null],
    unitCount: [5, 2],
  },
};

function serve(extra: Procedures = {}) {
  const detail = buildUnitDetail();
  mockApi({ 'auth.me': () => DEO, 'unit.bySerial': () => detail, 'location.tree': () => TREE, ...extra });
}

async function openForm() {
  renderApp('/units/BU-000115');
  return screen.findByRole('form', { name: 'Record an event' });
}

describe('record an event', () => {
  it("offers only the events the lifecycle allows this role from the unit's state", async () => {
    serve();
    const form = await openForm();
    const options = within(within(form).getByRole('combobox', { name: 'Event' })).getAllByRole('option');
    // A DEO, unit in the AC strongroom: assign_ps and assign_reserve are the RO's.
    expect(options.map((o) => o.textContent)).toEqual(['Choose an event', 'Returned to warehouse', 'Reported missing', 'Reported damaged']);
  });

  it('asks where a moving event takes the unit, then records it with reason, witnesses and seals', async () => {
    serve({ 'unit.transition': () => ({ entryIndex: 5 }) });
    const form = await openForm();
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Event' }), 'Returned to warehouse');
    await userEvent.click(within(form).getByRole('button', { name: 'Record event' }));
    expect(await within(form).findByText('This event moves the unit: choose where it goes.')).toBeTruthy();
    expect(calls.some((c) => c.path === 'unit.transition')).toBe(false);

    const target = within(form).getByRole('combobox', { name: 'Goes to' });
    await within(target).findByRole('option', { name: 'WH-D0412-01 · District warehouse, Pune' });
    await userEvent.selectOptions(target, 'WH-D0412-01 · District warehouse, Pune');
    await userEvent.type(within(form).getByLabelText('Reason or remarks'), 'After FLC');
    await userEvent.type(within(form).getByLabelText('Witnesses (one per line)'), 'P02-REP-03{Enter}{Enter} OBS-1 ');
    await userEvent.type(within(form).getByLabelText('Seal numbers (one per line)'), 'PINK-0002');
    await userEvent.click(within(form).getByRole('button', { name: 'Record event' }));

    expect(await screen.findByText('Returned to warehouse: recorded for BU-000115.')).toBeTruthy();
    expect(calls.find((c) => c.path === 'unit.transition')?.input).toEqual({
      serial: 'BU-000115',
      event: 'return_to_warehouse',
      toLocationId: 3,
      reason: 'After FLC',
      witnesses: ['P02-REP-03', 'OBS-1'],
      seals: ['PINK-0002'],
    });
    // The unit is read again, so the page shows its new state and timeline.
    await waitFor(() => expect(calls.filter((c) => c.path === 'unit.bySerial').length).toBeGreaterThan(1));
  });

  it('says why the api refused, in words, with no "Try again"', async () => {
    serve({
      'unit.transition': () => {
        throw new TrpcFailure('PRECONDITION_FAILED', "Unit BU-000115 cannot take 'report_missing' from 'in_ac_strongroom'", {
          type: 'illegal_transition',
          message: "Unit BU-000115 cannot take 'report_missing' from 'in_ac_strongroom'",
          params: { serial: 'BU-000115', event: 'report_missing', state: 'in_ac_strongroom' },
        });
      },
    });
    const form = await openForm();
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Event' }), 'Reported missing');
    await userEvent.click(within(form).getByRole('button', { name: 'Record event' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.firstElementChild?.textContent).toBe(
      'Unit BU-000115 is In AC strongroom: “Reported missing” cannot be recorded from there.',
    );
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(within(alert).getByText('Details')).toBeTruthy();
  });
});
