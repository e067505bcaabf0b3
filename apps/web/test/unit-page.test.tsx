import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildUnitDetail, DEO, ORIGIN, type UnitDetailFixture } from './fixtures';
import { mockApi, TrpcFailure } from './msw';
import { renderApp } from './render-app';

function serve(detail: UnitDetailFixture) {
  mockApi({ 'auth.me': () => DEO, 'unit.bySerial': () => detail });
}

describe('unit page', () => {
  it('verifies a genuine timeline in the browser and shows it newest first', async () => {
    serve(buildUnitDetail());
    renderApp('/units/BU-000115');
    const banner = await screen.findByTestId('verify-banner');
    expect(banner.getAttribute('data-verified')).toBe('true');
    expect(banner.textContent).toContain(`Verified in this browser against signed checkpoint 5 (${ORIGIN})`);

    const facts = screen.getByRole('heading', { level: 1 }).nextElementSibling as HTMLElement;
    expect(within(facts).getByText('Ballot Unit')).toBeTruthy();
    expect(within(facts).getByText('In AC strongroom')).toBeTruthy();

    const timeline = screen.getByRole('list', { name: 'Custody timeline' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-leaf-index'))).toEqual(['3', '2', '0']);
    const newest = items[0] as HTMLElement;
    expect(within(newest).getByText('23 Mar 2029, 09:30:00 IST')).toBeTruthy();
    expect(within(newest).getByText('WH-D0412-01 → SR-AC057')).toBeTruthy();
    expect(within(newest).getByText('TRUCK-88812')).toBeTruthy();
    await userEvent.click(within(newest).getByText('Show logged entry (canonical JSON)'));
    expect(newest.querySelector('pre')?.textContent).toMatch(/^\{"actor":"OFF-D0412-0011",/);
  });

  it('shows a red banner naming the entry when one byte of it was changed', async () => {
    const detail = buildUnitDetail();
    const second = detail.timeline[1];
    if (!second) throw new Error('fixture has 3 entries');
    detail.timeline[1] = { ...second, entry: second.entry.replace('P02-REP-03', 'P02-REP-04') };
    serve(detail);
    renderApp('/units/BU-000115');
    const banner = await screen.findByTestId('verify-banner');
    expect(banner.getAttribute('data-verified')).toBe('false');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('Verification FAILED');
    expect(banner.textContent).toContain('Entry #2 (MOVE)');
    const bad = screen.getByRole('list', { name: 'Custody timeline' }).querySelector('[data-leaf-index="2"]');
    expect(bad?.className).toContain('timeline-bad');
  });

  it("shows the api's message for an unknown serial", async () => {
    mockApi({
      'auth.me': () => DEO,
      'unit.bySerial': () => {
        throw new TrpcFailure('NOT_FOUND', 'Unit BU-000999 not found');
      },
    });
    renderApp('/units/BU-000999');
    const main = await screen.findByRole('main');
    expect((await within(main).findByRole('alert')).textContent).toContain('Unit BU-000999 not found');
  });
});
