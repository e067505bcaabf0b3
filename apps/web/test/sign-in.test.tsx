import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEO } from './fixtures';
import { calls, mockApi, TrpcFailure } from './msw';
import { renderApp } from './render-app';

const COUNTS = { rows: [{ kind: 'BU', state: 'in_warehouse', count: 40 }], total: 40 };

describe('sign-in', () => {
  it("shows the server's error message for a wrong password", async () => {
    mockApi({
      'auth.me': () => null,
      'auth.signIn': () => {
        throw new TrpcFailure('UNAUTHORIZED', 'Wrong username or password');
      },
    });
    renderApp();
    const form = await screen.findByRole('form', { name: 'EVM Trail' });
    await userEvent.type(within(form).getByLabelText('Username'), 'deo.pune');
    await userEvent.type(within(form).getByLabelText('Password'), 'nope');
    await userEvent.click(within(form).getByRole('button', { name: 'Sign in' }));
    expect(await within(form).findByRole('alert')).toHaveProperty('textContent', 'Wrong username or password');
    expect(calls.find((c) => c.path === 'auth.signIn')?.input).toEqual({ username: 'deo.pune', password: 'nope' });
  });

  it('opens the dashboard after a successful sign-in', async () => {
    let signedIn = false;
    mockApi({
      'auth.me': () => (signedIn ? DEO : null),
      'auth.signIn': () => {
        signedIn = true;
        return { user: DEO };
      },
      'dashboard.unitCounts': () => COUNTS,
    });
    renderApp();
    const form = await screen.findByRole('form', { name: 'EVM Trail' });
    await userEvent.type(within(form).getByLabelText('Username'), 'deo.pune');
    await userEvent.type(within(form).getByLabelText('Password'), 'correct horse');
    await userEvent.click(within(form).getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    const header = screen.getByRole('banner');
    expect(within(header).getByText('Suhas Diwase')).toBeTruthy();
    expect(within(header).getByText('District Election Officer · Pune district')).toBeTruthy();
    expect(await screen.findByRole('figure', { name: 'Units by kind and state' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'EVM Trail' })).toBeNull();
  });

  it('checks the form with the shared schema before sending anything', async () => {
    mockApi({ 'auth.me': () => null });
    renderApp();
    const form = await screen.findByRole('form', { name: 'EVM Trail' });
    await userEvent.type(within(form).getByLabelText('Username'), '   ');
    await userEvent.click(within(form).getByRole('button', { name: 'Sign in' }));
    expect(await within(form).findByText('Enter your Username.')).toBeTruthy();
    expect(within(form).getByText('Enter your Password.')).toBeTruthy();
    expect(calls.some((c) => c.path === 'auth.signIn')).toBe(false);
  });

  it('says "wrong username or password" in the chosen language from the domain error', async () => {
    mockApi({
      'auth.me': () => null,
      'auth.signIn': () => {
        throw new TrpcFailure('UNAUTHORIZED', 'Wrong username or password', { type: 'bad_credentials', message: 'Wrong username or password', params: {} });
      },
    });
    renderApp();
    const form = await screen.findByRole('form', { name: 'EVM Trail' });
    await userEvent.click(within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: 'हिन्दी' }));
    await userEvent.type(within(form).getByLabelText('उपयोगकर्ता नाम'), 'deo.pune');
    await userEvent.type(within(form).getByLabelText('पासवर्ड'), 'nope');
    await userEvent.click(within(form).getByRole('button', { name: 'साइन इन करें' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.firstElementChild?.textContent).toBe('उपयोगकर्ता नाम या पासवर्ड गलत है।');
    expect(within(alert).queryByRole('button')).toBeNull();
  });
});
