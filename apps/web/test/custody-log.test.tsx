import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildUnitDetail, DEO, ORIGIN } from './fixtures';
import { http, HttpResponse } from 'msw';
import { calls, mockApi, server } from './msw';
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
    });
    const bundle = '{"format":"EVMLOG/1 bundle"}';
    const exports: string[] = [];
    server.use(
      http.get('http://localhost/export/districts/:districtId/bundle.json', ({ params }) => {
        exports.push(String(params.districtId));
        return new HttpResponse(bundle, {
          headers: { 'content-type': 'application/json', 'content-length': String(bundle.length), 'content-disposition': 'attachment; filename="evmtrail-MH-PUNE-628.json"' },
        });
      }),
    );
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
    expect(await blobs[0]?.text()).toBe(bundle);
    expect(exports).toEqual(['12']);
    expect(calls.some((c) => c.path === 'log.exportBundle')).toBe(false);
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

  it('shows the progress of a long download, then a refusal from the export limit', async () => {
    const { checkpoint, logVkey } = buildUnitDetail();
    mockApi({ 'auth.me': () => DEO, 'log.checkpoint': () => ({ ...checkpoint, logVkey }) });
    let finish: () => void = () => undefined;
    const encoder = new TextEncoder();
    server.use(
      http.get('http://localhost/export/districts/:districtId/bundle.json', () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode('x'.repeat(250)));
            finish = () => {
              controller.enqueue(encoder.encode('y'.repeat(750)));
              controller.close();
            };
          },
        });
        return new HttpResponse(body, { headers: { 'content-length': '1000' } });
      }, { once: true }),
      http.get('http://localhost/export/districts/:districtId/bundle.json', () =>
        HttpResponse.json({ error: { message: 'deo.pune already runs 2 exports; wait for one to finish', domainError: { type: 'export_limited', message: 'deo.pune already runs 2 exports; wait for one to finish', params: { limit: 2 } } } }, { status: 429 })),
    );
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:http://localhost/bundle');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    renderApp('/log');
    const main = await screen.findByRole('main');
    await userEvent.click(await within(main).findByRole('button', { name: 'Download export bundle' }));
    const bar = await within(main).findByRole('progressbar', { name: 'Downloading the export bundle' });
    await waitFor(() => expect(bar.getAttribute('value')).toBe('250'));
    expect(bar.getAttribute('max')).toBe('1000');
    expect(within(main).getByText('25%')).toBeTruthy();
    finish();
    expect(await within(main).findByText('Saved district-12.evmlog.json.')).toBeTruthy();

    await userEvent.click(within(main).getByRole('button', { name: 'Download export bundle' }));
    expect((await within(main).findByRole('alert')).textContent).toContain('already runs 2 exports');
  });
});
