import type { AcPollView, StationPollView } from '@evmtrail/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { calls, mockApi, TrpcFailure } from './msw';
import { renderApp } from './render-app';

/* The poll-day screen (issue 10 item 5): the sector officer's replacement form judged by the shared rule, the api's refusal worded. */

const SECTOR = {
  id: 9, username: 'sector.ac210', displayName: 'Sector Officer, 210 Kothrud', role: 'sector_officer' as const,
  jurisdiction: { level: 'ac' as const, stateId: 1, districtId: 12, acId: 5 }, jurisdictionName: 'AC 210 Kothrud', jurisdictionNameHi: 'AC 210 कोथरूड', homeDistrictId: 12,
};
const PRESIDING = { ...SECTOR, id: 10, username: 'presiding.ac210', displayName: 'Presiding Officer, 210 Kothrud', role: 'presiding_officer' as const };

const AC: AcPollView = { ac: { id: 5, number: 210, name: 'Kothrud' }, stations: [{ id: 102, number: 2, name: 'Kothrud School 2', setCode: 'SET-210-002', status: 'in_transit' }] };
const STATION: StationPollView = {
  station: { id: 102, number: 2, name: 'Kothrud School 2' }, ac: { id: 5, number: 210, name: 'Kothrud' }, setCode: 'SET-210-002', version: 1, status: 'in_transit', phase: 'mock_poll',
  members: [{ serial: 'CUK0000002', kind: 'CU', state: 'issued_to_polling_party' }, { serial: 'BUK0000002', kind: 'BU', state: 'issued_to_polling_party' }, { serial: 'VVK0000002', kind: 'VVPAT', state: 'issued_to_polling_party' }],
  sector: { code: 'SEC-210-1', officerName: 'S. Patil', reserve: [{ serial: 'CUK0000021', kind: 'CU', state: 'with_sector_officer' }, { serial: 'BUK0000021', kind: 'BU', state: 'with_sector_officer' }, { serial: 'VVK0000021', kind: 'VVPAT', state: 'with_sector_officer' }] },
  records: [], mockPollMinVotes: 50,
};

async function openStation() {
  renderApp('/poll-day');
  const select = await screen.findByRole('combobox', { name: 'Polling station' });
  await within(select).findByRole('option', { name: /PS 2 Kothrud School 2/ });
  await userEvent.selectOptions(select, '102');
}

describe('poll day', () => {
  it('the sector officer offering a whole set at mock poll is stopped by the rule, naming the station and what it needs; nothing is sent', async () => {
    mockApi({ 'auth.me': () => SECTOR, 'pollDay.byAc': () => AC, 'pollDay.byStation': () => STATION });
    await openStation();
    const form = await screen.findByRole('form', { name: 'Replace a failed unit' });
    await userEvent.click(within(form).getByRole('checkbox', { name: 'BU BUK0000002' }));
    await userEvent.type(within(form).getByLabelText('Fault'), 'BU_KEY');
    for (const name of ['CU CUK0000021', 'BU BUK0000021', 'VVPAT VVK0000021']) await userEvent.click(within(form).getByRole('checkbox', { name }));
    await userEvent.type(within(form).getByLabelText('Reason (what happened, when)'), 'key stuck');
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('SET-210-002 of PS 2 Kothrud School 2: At mock poll only the failed unit is replaced, never the whole set. The rule needs 1 BU; 1 CU, 1 BU, 1 VVPAT was offered. Nothing was changed.');
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Replace' }).disabled).toBe(true);
    expect(calls.some((c) => c.path === 'pollDay.replace')).toBe(false);
  });

  it('a typed serial from outside the reserve is refused by the api, and the refusal names the serial, the station and the sector officer', async () => {
    mockApi({
      'auth.me': () => SECTOR, 'pollDay.byAc': () => AC, 'pollDay.byStation': () => STATION,
      'pollDay.replace': () => {
        throw new TrpcFailure('BAD_REQUEST', 'not in the reserve', { type: 'not_sector_reserve', message: 'Unit BUK0000099 is not in the reserve', params: { serial: 'BUK0000099', stationNumber: 2, stationName: 'Kothrud School 2', officerName: 'S. Patil', acNumber: 210, acName: 'Kothrud', setCode: 'SET-210-002' } });
      },
    });
    await openStation();
    const form = await screen.findByRole('form', { name: 'Replace a failed unit' });
    await userEvent.click(within(form).getByRole('checkbox', { name: 'BU BUK0000002' }));
    await userEvent.type(within(form).getByLabelText('Fault'), 'BU_KEY');
    await userEvent.type(within(form).getByLabelText('Or type a serial'), 'BUK0000099');
    await userEvent.type(within(form).getByLabelText('Reason (what happened, when)'), 'key stuck');
    await userEvent.click(within(form).getByRole('button', { name: 'Replace' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Unit BUK0000099 is not in the reserve of sector officer S. Patil, who covers PS 2 Kothrud School 2 of AC 210 Kothrud.');
    expect(calls.find((c) => c.path === 'pollDay.replace')?.input).toEqual({
      districtId: 12, stationId: 102, failed: [{ serial: 'BUK0000002', faultCode: 'BU_KEY' }], replacements: ['BUK0000099'], reason: 'key stuck',
    });
  });

  it('the presiding officer records the mock poll certificate with the agents and the seals', async () => {
    mockApi({ 'auth.me': () => PRESIDING, 'pollDay.byAc': () => AC, 'pollDay.byStation': () => STATION, 'pollDay.mockPoll': () => STATION });
    await openStation();
    const form = await screen.findByRole('form', { name: 'Mock poll certificate' });
    expect(screen.queryByRole('form', { name: 'Replace a failed unit' })).toBeNull();
    await userEvent.type(within(form).getByLabelText('Agents present (one a line: name, party)'), 'R. Kulkarni, Party A{Enter}S. Deshmukh, Party B');
    await userEvent.type(within(form).getByLabelText('Seal serials put on'), 'mp-2-1, mp-2-2');
    await userEvent.click(within(form).getByRole('button', { name: 'Record the mock poll' }));
    await waitFor(() => expect(calls.find((c) => c.path === 'pollDay.mockPoll')?.input).toEqual({
      districtId: 12, stationId: 102, votes: 50, agents: [{ name: 'R. Kulkarni', party: 'Party A' }, { name: 'S. Deshmukh', party: 'Party B' }], seals: ['MP-2-1', 'MP-2-2'],
    }));
  });
});
