import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEO } from './fixtures';
import { calls, mockApi, TrpcFailure } from './msw';
import { renderApp } from './render-app';

const CEO = {
  ...DEO,
  id: 2,
  username: 'ceo.mh',
  displayName: 'Chief Electoral Officer, Maharashtra',
  role: 'ceo' as const,
  jurisdiction: { level: 'state' as const, stateId: 1 },
  jurisdictionName: 'Maharashtra',
  jurisdictionNameHi: 'महाराष्ट्र',
  homeDistrictId: null,
};

describe('session', () => {
  it('signs out back to the sign-in page', async () => {
    let signedIn = true;
    mockApi({
      'auth.me': () => (signedIn ? DEO : null),
      'auth.signOut': () => {
        signedIn = false;
        return { ok: true };
      },
      'dashboard.unitCounts': () => ({ rows: [], total: 0 }),
    });
    renderApp('/');
    await userEvent.click(await within(await screen.findByRole('banner')).findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('form', { name: 'EVM Trail' })).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain('auth.signOut');
  });

  it('lets a state-level user pick the district the pages show', async () => {
    mockApi({
      'auth.me': () => CEO,
      'log.checkpoint': () => {
        throw new TrpcFailure('NOT_FOUND', 'No log yet');
      },
      'district.list': () => [
        { id: 5, code: 'MH-PUNE', name: 'Pune', nameHi: 'पुणे', stateId: 1, stateName: 'Maharashtra' },
        { id: 6, code: 'MH-MUMBAI-SUB', name: 'Mumbai Suburban', nameHi: null, stateId: 1, stateName: 'Maharashtra' },
      ],
      'dashboard.unitCounts': (input) => {
        const { districtId } = input as { districtId?: number };
        return { rows: [{ kind: 'CU', state: 'in_warehouse', count: districtId === 5 ? 7 : 900 }], total: districtId === 5 ? 7 : 900 };
      },
    });
    renderApp('/');
    expect(await screen.findByText('900', { selector: '.big-number strong' })).toBeTruthy();
    expect(calls.find((c) => c.path === 'dashboard.unitCounts')?.input).toEqual({});

    const picker = screen.getByRole('form', { name: 'Choose a district' });
    const select = within(picker).getByLabelText('Choose a district');
    await within(picker).findByRole('option', { name: 'Pune (Maharashtra)' });
    await userEvent.selectOptions(select, 'Pune (Maharashtra)');
    expect(await screen.findByText('7', { selector: '.big-number strong' })).toBeTruthy();
    expect(calls.filter((c) => c.path === 'dashboard.unitCounts').at(-1)?.input).toEqual({ districtId: 5 });
    // In the URL (Back, reload, a shared link) and on this device for the next visit.
    expect(new URL(window.location.href).searchParams.get('district')).toBe('5');
    expect(localStorage.getItem('evmtrail.district.2')).toBe('5');
    // The choice rides along on links to other pages.
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Custody log' }));
    await screen.findByRole('heading', { level: 1, name: 'Custody log' });
    expect(new URL(window.location.href).searchParams.get('district')).toBe('5');
  });

  it("remembers a state-level user's district on the next visit", async () => {
    localStorage.setItem('evmtrail.district.2', '6');
    mockApi({
      'auth.me': () => CEO,
      'district.list': () => [],
      'dashboard.unitCounts': () => ({ rows: [], total: 0 }),
    });
    renderApp('/');
    await screen.findByText('No units are recorded here yet.');
    expect(calls.find((c) => c.path === 'dashboard.unitCounts')?.input).toEqual({ districtId: 6 });
  });

  it('shows a page-not-found for unknown paths', async () => {
    mockApi({ 'auth.me': () => DEO });
    renderApp('/nowhere');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});

describe('expired session', () => {
  it('returns to the sign-in page when the api stops recognising the session', async () => {
    let expired = false;
    mockApi({
      'auth.me': () => (expired ? null : DEO),
      'dashboard.unitCounts': () => {
        expired = true;
        throw new TrpcFailure('UNAUTHORIZED', 'Sign in first');
      },
    });
    renderApp('/');
    expect(await screen.findByRole('form', { name: 'EVM Trail' })).toBeTruthy();
  });
});
