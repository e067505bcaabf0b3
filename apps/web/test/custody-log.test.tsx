import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildUnitDetail, DEO, ORIGIN } from './fixtures';
import { calls, mockApi } from './msw';
import { renderApp } from './render-app';

describe('custody log page', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows the signed checkpoint and downloads the export bundle as a file', async () => {
    const { checkpoint, logVkey } = buildUnitDetail();
    mockApi({
      'auth.me': () => DEO,
      'log.checkpoint': () => ({ ...checkpoint, logVkey }),
      'log.exportBundle': () => ({ filename: 'evmtrail-MH-PUNE-628.json', bundle: '{"format":"EVMLOG/1 bundle"}' }),
    });
    // why: happy-dom has no real downloads; capture the Blob and the <a download> click instead.
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:http://localhost/bundle';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });

    renderApp('/log');
    const main = await screen.findByRole('main');
    expect((await within(main).findByLabelText('Signed note')).textContent).toBe(checkpoint.note);
    expect(within(main).getByText(checkpoint.rootHex)).toBeTruthy();
    expect(within(main).getByText(logVkey)).toBeTruthy();
    expect(within(main).getByText(ORIGIN)).toBeTruthy();
    expect(calls.find((c) => c.path === 'log.checkpoint')?.input).toEqual({ districtId: 12 });

    await userEvent.click(within(main).getByRole('button', { name: 'Download export bundle' }));
    expect(await within(main).findByText('Saved evmtrail-MH-PUNE-628.json.')).toBeTruthy();
    expect(clicked).toEqual(['evmtrail-MH-PUNE-628.json']);
    expect(await blobs[0]?.text()).toBe('{"format":"EVMLOG/1 bundle"}');
    expect(within(main).getByText('pnpm verify evmtrail-MH-PUNE-628.json')).toBeTruthy();
  });

  it('says loudly when the log failed its self-check, and still shows the last good checkpoint', async () => {
    const { checkpoint, logVkey } = buildUnitDetail();
    const problem = 'Merkle node level 2 index 0 of log evmtrail.test/MH-PUNE has been changed';
    mockApi({
      'auth.me': () => DEO,
      'log.checkpoint': () => ({ ...checkpoint, logVkey, verified: false, problem }),
    });
    renderApp('/log');
    const main = await screen.findByRole('main');
    const alert = await within(main).findByRole('alert');
    expect(alert.textContent).toContain('failed its self-check');
    expect(alert.textContent).toContain(problem);
    expect(within(main).getByText(checkpoint.rootHex)).toBeTruthy();
  });

  it('shows no alert for a verified log', async () => {
    const { checkpoint, logVkey } = buildUnitDetail();
    mockApi({ 'auth.me': () => DEO, 'log.checkpoint': () => ({ ...checkpoint, logVkey }) });
    renderApp('/log');
    const main = await screen.findByRole('main');
    await within(main).findByLabelText('Signed note');
    expect(within(main).queryByRole('alert')).toBeNull();
  });
});
