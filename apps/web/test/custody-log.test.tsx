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
});
