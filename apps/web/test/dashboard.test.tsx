import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEO } from './fixtures';
import { calls, mockApi } from './msw';
import { renderApp } from './render-app';

const COUNTS = {
  rows: [
    { kind: 'BU', state: 'in_warehouse', count: 120 },
    { kind: 'BU', state: 'flc_ok', count: 30 },
    { kind: 'CU', state: 'flc_ok', count: 75 },
    { kind: 'VVPAT', state: 'flc_rejected', count: 4 },
  ],
  total: 229,
};

describe('dashboard', () => {
  it('draws one segment per kind and state with the counts from the api', async () => {
    mockApi({ 'auth.me': () => DEO, 'dashboard.unitCounts': () => COUNTS });
    renderApp('/');
    const chart = await screen.findByRole('figure', { name: 'Units by kind and state' });
    const segments = [...chart.querySelectorAll('rect[data-state]')].map((r) => ({
      kind: r.closest('g')?.getAttribute('data-kind'),
      state: r.getAttribute('data-state'),
      count: Number(r.getAttribute('data-count')),
    }));
    expect(segments).toEqual([
      { kind: 'BU', state: 'in_warehouse', count: 120 },
      { kind: 'BU', state: 'flc_ok', count: 30 },
      { kind: 'CU', state: 'flc_ok', count: 75 },
      { kind: 'VVPAT', state: 'flc_rejected', count: 4 },
    ]);
    const titles = [...chart.querySelectorAll('rect[data-state] > title')].map((t) => t.textContent);
    expect(titles).toContain('Ballot Unit · In warehouse: 120');
    expect(titles).toContain('Control Unit · FLC passed: 75');
    // Widths are proportional to the counts, on one scale for all bars.
    const width = (state: string, kind: string) =>
      Number(chart.querySelector(`g[data-kind="${kind}"] rect[data-state="${state}"]`)?.getAttribute('width'));
    expect(width('in_warehouse', 'BU') / width('flc_ok', 'CU')).toBeCloseTo(120 / 75, 5);

    const table = screen.getByRole('table', { name: 'Units by state and kind' });
    const row = within(table).getByRole('row', { name: /FLC passed/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['30', '75', '0', '105']);
    expect(screen.getByText('229', { selector: '.big-number strong' })).toBeTruthy();
    // A district user never picks a district: the api scopes by session.
    expect(calls.find((c) => c.path === 'dashboard.unitCounts')?.input).toEqual({ districtId: 12 });
    expect(screen.queryByRole('form', { name: 'Choose a district' })).toBeNull();
  });

  it('says so when there are no units', async () => {
    mockApi({ 'auth.me': () => DEO, 'dashboard.unitCounts': () => ({ rows: [], total: 0 }) });
    renderApp('/');
    expect(await screen.findByText('No units are recorded here yet.')).toBeTruthy();
  });

  it('says loudly when the district log failed its self-check, and nothing when it is verified', async () => {
    const checkpoint = (verified: boolean) => ({ origin: 'evm-custody.test/PUNE', size: 790, rootHex: 'ab'.repeat(32), note: '', logVkey: '', verified, ...(verified ? {} : { problem: 'node (3, 7) differs from the signed tree' }) });
    mockApi({ 'auth.me': () => DEO, 'dashboard.unitCounts': () => COUNTS, 'log.checkpoint': () => checkpoint(false) });
    const first = renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("This district's custody log failed its self-check");
    expect(alert.textContent).toContain('node (3, 7) differs from the signed tree');
    first.unmount();

    mockApi({ 'auth.me': () => DEO, 'dashboard.unitCounts': () => COUNTS, 'log.checkpoint': () => checkpoint(true) });
    renderApp('/');
    await screen.findByRole('figure', { name: 'Units by kind and state' });
    await waitFor(() => expect(calls.some((c) => c.path === 'log.checkpoint')).toBe(true));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
