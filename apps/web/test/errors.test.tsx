import { DOMAIN_ERROR_TYPES } from '@evmtrail/shared';
import { onlineManager } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTO_RETRY_MS, ErrorAlert } from '../src/components/status';
import { i18n } from '../src/i18n';
import { describeError } from '../src/lib/describe-error';
import { DEO } from './fixtures';
import { mockApi } from './msw';
import { renderApp } from './render-app';

function domainError(type: string, params: Record<string, string | number> = {}, message = `English: ${type}`) {
  return TRPCClientError.from({
    error: { message, code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403, domainError: { type, message, params } } },
  });
}

const networkError = () => TRPCClientError.from(new TypeError('Failed to fetch'));

afterEach(() => {
  vi.useRealTimers();
  onlineManager.setOnline(true);
});

describe('describeError', () => {
  it('turns every domain error type into a sentence of its own, never the raw key', () => {
    const t = i18n.getFixedT('en');
    for (const type of DOMAIN_ERROR_TYPES) {
      const { sentence, kind } = describeError(t, domainError(type));
      expect(kind).toBe(type);
      expect(sentence).not.toContain('errors.');
      expect(sentence).not.toContain('{{');
      expect(sentence).not.toContain('English:');
    }
  });

  it('names the AC by number and name and the role by its title', () => {
    const t = i18n.getFixedT('en');
    const error = domainError('outside_jurisdiction', { acNumber: 210, acName: 'Kothrud', role: 'deo' });
    expect(describeError(t, error).sentence).toBe('AC 210 Kothrud is outside your jurisdiction as District Election Officer.');
    expect(describeError(i18n.getFixedT('mr'), error).sentence).toBe(
      'विधानसभा मतदारसंघ 210 Kothrud हे जिल्हा निवडणूक अधिकारी म्हणून तुमच्या अधिकारक्षेत्राबाहेर आहे.',
    );
  });

  it("words an FLC campaign's status in the user's language, and leaves other flows' statuses alone", () => {
    const refused = domainError('flc_campaign_status', { campaign: 'FLC-1-1', locationName: 'FLC Hall, Pune', campaignStatus: 'running' });
    expect(describeError(i18n.getFixedT('en'), refused).sentence).toBe('FLC campaign FLC-1-1 at FLC Hall, Pune is running: this step is not possible now.');
    expect(describeError(i18n.getFixedT('hi'), refused).sentence).toContain(i18n.getFixedT('hi')('flc.status.running'));
    const receipt = domainError('receipt_status', { orderRef: 'SO-1', status: 'completed' });
    expect(describeError(i18n.getFixedT('en'), receipt).sentence).not.toContain('flc.status');
  });
});

describe('ErrorAlert', () => {
  it('offers no "Try again" for a refusal, and keeps the technical text behind "details"', () => {
    const onRetry = vi.fn();
    render(<ErrorAlert error={domainError('forbidden', { role: 'observer' }, "Role 'observer' may not do 'unit.transition'")} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.firstElementChild?.textContent).toBe('As Observer, you may not do this.');
    expect(within(alert).queryByRole('button')).toBeNull();
    expect(within(alert).getByText('Details').closest('details')?.textContent).toContain("Role 'observer' may not do 'unit.transition'");
  });

  it('offers "Try again" for a conflict', () => {
    const onRetry = vi.fn();
    render(<ErrorAlert error={domainError('conflict', { serial: 'BU-000115' })} onRetry={onRetry} />);
    screen.getByRole('button', { name: 'Try again' }).click();
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert').firstElementChild?.textContent).toBe(
      'Unit BU-000115 was changed by someone else a moment ago. Reload it and try again.',
    );
  });

  it('retries by itself while the database reconnects', () => {
    vi.useFakeTimers();
    const onRetry = vi.fn();
    render(<ErrorAlert error={domainError('database_unavailable')} onRetry={onRetry} />);
    expect(screen.getByRole('alert').firstElementChild?.textContent).toBe(
      'The server is reconnecting to its database. This page retries by itself.',
    );
    vi.advanceTimersByTime(AUTO_RETRY_MS * 2 + 10);
    expect(onRetry).toHaveBeenCalledTimes(2);
  });

  it('says the connection is lost and retries when the network comes back', () => {
    const onRetry = vi.fn();
    render(<ErrorAlert error={networkError()} onRetry={onRetry} />);
    expect(screen.getByRole('alert').firstElementChild?.textContent).toBe(
      'No connection to the server. This page retries by itself when the network is back.',
    );
    window.dispatchEvent(new Event('online'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('offline banner', () => {
  it('shows while the browser is offline and goes when it is back', async () => {
    mockApi({ 'auth.me': () => DEO, 'dashboard.unitCounts': () => ({ rows: [], total: 0 }) });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    act(() => onlineManager.setOnline(false));
    expect(screen.getByText(/You are offline/)).toBeTruthy();
    act(() => onlineManager.setOnline(true));
    expect(screen.queryByText(/You are offline/)).toBeNull();
  });
});
