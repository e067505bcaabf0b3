import type { ScanOutcome, ScanResult } from '@evmtrail/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DEO } from './fixtures';
import { API, calls, mockApi, server, TrpcFailure, type Procedures } from './msw';
import { renderApp } from './render-app';

const PAGE = '/scan/12/receipt/5';
const MANIFEST = [...Array(20).keys()].map((i) => `BU-${String(100 + i).padStart(6, '0')}`);

interface RecordInput {
  readonly districtId: number;
  readonly task: { kind: string; id: number };
  readonly serial: string;
  readonly key: string;
  readonly scannedAt: string;
  readonly via: string;
}

/**
 * A stand-in for the api's `scan.record` with the contract's rules: each key applied at most
 * once (a repeat gets the stored answer, replayed), a serial counted once per receipt.
 */
function scanServer() {
  const byKey = new Map<string, ScanResult>();
  const received = new Set<string>();
  let orphans = 0;
  let rejected = 0;
  let clock = Date.parse('2029-03-21T04:00:00Z');
  function outcomeOf(serial: string): ScanOutcome {
    if (serial.startsWith('X')) return 'unknown_serial';
    if (serial.startsWith('WP')) return 'wrong_place';
    if (serial.startsWith('WS')) return 'wrong_state';
    if (!MANIFEST.includes(serial)) return 'orphan';
    return received.has(serial) ? 'duplicate' : 'accepted';
  }
  function record(input: RecordInput): ScanResult {
    const stored = byKey.get(input.key);
    if (stored) return { ...stored, replayed: true };
    const outcome = outcomeOf(input.serial);
    if (outcome === 'accepted') received.add(input.serial);
    if (outcome === 'orphan') orphans += 1;
    if (outcome === 'wrong_place' || outcome === 'wrong_state' || outcome === 'unknown_serial') rejected += 1;
    const known = outcome === 'accepted' || outcome === 'duplicate' || outcome === 'wrong_place' || outcome === 'wrong_state';
    clock += 1000;
    const result: ScanResult = {
      key: input.key,
      serial: input.serial,
      outcome,
      replayed: false,
      ...(known
        ? { unit: { serial: input.serial, kind: 'BU' as const, state: outcome === 'wrong_state' ? ('flc_rejected' as const) : ('in_warehouse' as const), locationName: outcome === 'wrong_place' ? 'AC 57 strongroom' : 'District warehouse, Pune' } }
        : {}),
      detail: `${input.serial}: ${outcome}`,
      tally: { expected: MANIFEST.length, accepted: received.size, missing: MANIFEST.length - received.size, orphan: orphans, rejected },
      recordedAt: new Date(clock).toISOString(),
    };
    byKey.set(input.key, result);
    return result;
  }
  return { record, byKey, received };
}

type Server = ReturnType<typeof scanServer>;

function procedures(api: Server, extra: Procedures = {}): Procedures {
  return {
    'auth.me': () => DEO,
    'scan.record': (input) => api.record(input as RecordInput),
    'scan.list': () => [],
    ...extra,
  };
}

/** The network is gone: every api request fails as fetch does offline. Returns the keys of the scans tried meanwhile. */
function goOffline(): string[] {
  const tried: string[] = [];
  server.use(
    http.post(`${API}/:paths`, async ({ request }) => {
      const body = (await request.json()) as Record<string, { key?: string }>;
      for (const input of Object.values(body)) if (input.key) tried.push(input.key);
      return HttpResponse.error();
    }),
    http.get(`${API}/:paths`, () => HttpResponse.error()),
  );
  return tried;
}

function wedge(serial: string) {
  for (const key of [...serial, 'Enter']) fireEvent.keyDown(document.body, { key });
}

const recordCalls = () => calls.filter((c) => c.path === 'scan.record').map((c) => c.input as RecordInput);
const list = () => screen.getByRole('list', { name: 'Recent scans' });
const rows = () => within(list()).getAllByRole('listitem');
const rowOf = (serial: string) => rows().filter((r) => within(r).queryByText(serial));
const count = (name: string) => within(screen.getByLabelText('Counts for this task')).getByText(name).nextElementSibling?.textContent;

async function openPanel() {
  await screen.findByRole('heading', { level: 2, name: 'Receipt 5' });
}

describe('scanning panel', () => {
  it('takes a burst of ten wedge scans with no field focused: ten calls, none lost, none doubled', async () => {
    const api = scanServer();
    mockApi(procedures(api));
    renderApp(PAGE);
    await openPanel();
    const burst = MANIFEST.slice(0, 10);
    for (const serial of burst) wedge(serial);

    await waitFor(() => expect(api.received.size).toBe(10));
    await waitFor(() => expect(rows()).toHaveLength(10));
    const sent = recordCalls();
    expect(sent.map((c) => c.serial).sort()).toEqual([...burst].sort());
    expect(new Set(sent.map((c) => c.key)).size).toBe(10);
    expect(sent.every((c) => c.via === 'wedge' && c.districtId === 12 && c.task.kind === 'receipt' && c.task.id === 5)).toBe(true);
    // Newest on top, each accepted.
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(burst.map(() => 'accepted')));
    expect(rows().map((r) => within(r).getByText(/^BU-/).textContent)).toEqual([...burst].reverse());
    expect(count('Accepted')).toBe('10');
    expect(count('Missing')).toBe('10');
    expect(screen.getByText('Not yet synced: 0')).toBeTruthy();
    // The layout's "open this unit" did not take the scans.
    expect(window.location.pathname).toBe(PAGE);
    expect(calls.some((c) => c.path === 'unit.bySerial')).toBe(false);
  });

  it('counts a burst into the focused serial field once, as a wedge scan, and a slow typist as typed', async () => {
    const api = scanServer();
    mockApi(procedures(api));
    renderApp(PAGE);
    await openPanel();
    const field = screen.getByRole('textbox', { name: 'Serial' });
    await userEvent.type(field, `${MANIFEST[0]}{Enter}`, { delay: null });
    await waitFor(() => expect(recordCalls()).toHaveLength(1));
    expect(recordCalls()[0]).toMatchObject({ serial: MANIFEST[0], via: 'wedge' });
    expect((field as HTMLInputElement).value).toBe('');

    await userEvent.type(field, 'bu-000101', { delay: 60 });
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(recordCalls()).toHaveLength(2));
    expect(recordCalls()[1]).toMatchObject({ serial: 'BU-000101', via: 'typed' });
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['accepted', 'accepted']));
  });

  it('keeps offline scans through a reload, shows them unsynced, and sends each exactly once when the network returns', async () => {
    const api = scanServer();
    mockApi(procedures(api));
    const first = renderApp(PAGE);
    await openPanel();
    const tried = goOffline();
    for (const serial of MANIFEST.slice(0, 3)) wedge(serial);
    await screen.findByText('Not yet synced: 3');
    expect(rows().map((r) => within(r).getByText(/Waiting to sync/).textContent)).toHaveLength(3);
    await waitFor(() => expect(new Set(tried).size).toBe(3));
    const triedKeys = new Set(tried);
    first.unmount();

    // Reload: a new page reads the scans back from IndexedDB; the network is still gone.
    renderApp(PAGE);
    await openPanel();
    await screen.findByText('Not yet synced: 3');
    expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['pending', 'pending', 'pending']);

    mockApi(procedures(api));
    act(() => void window.dispatchEvent(new Event('online')));
    await screen.findByText('Not yet synced: 0');
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['accepted', 'accepted', 'accepted']));
    expect([...api.received].sort()).toEqual(MANIFEST.slice(0, 3));
    expect(api.byKey.size).toBe(3);
    // The keys sent after the reload are the ones made at the scans.
    expect(new Set(api.byKey.keys())).toEqual(triedKeys);
    expect(count('Accepted')).toBe('3');
  });

  it('shows a second scan of a serial as a duplicate at once, still sends it with its own key, and counts the unit once', async () => {
    const api = scanServer();
    mockApi(procedures(api));
    renderApp(PAGE);
    await openPanel();
    goOffline();
    wedge('BU-000100');
    wedge('BU-000100');
    await screen.findByText('Not yet synced: 2');
    const [newest] = rowOf('BU-000100');
    expect(within(newest as HTMLElement).getByText('Already received: not counted again')).toBeTruthy();
    expect(within(newest as HTMLElement).getByText('Waiting to sync')).toBeTruthy();

    mockApi(procedures(api));
    act(() => void window.dispatchEvent(new Event('online')));
    await screen.findByText('Not yet synced: 0');
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['duplicate', 'accepted']));
    expect(new Set(recordCalls().filter((c) => c.serial === 'BU-000100').map((c) => c.key)).size).toBe(2);
    expect(count('Accepted')).toBe('1');
  });

  it('does not count a replayed answer twice when an answer was lost on the way back', async () => {
    const api = scanServer();
    mockApi(procedures(api));
    // The first request is applied by the server, but its answer never arrives.
    server.use(
      http.post(`${API}/:paths`, async ({ request }) => {
        const body = (await request.json()) as Record<string, RecordInput>;
        for (const input of Object.values(body)) api.record(input);
        return HttpResponse.error();
      }, { once: true }),
    );
    renderApp(PAGE);
    await openPanel();
    wedge('BU-000105');
    await screen.findByText('Not yet synced: 1');
    expect(api.received.size).toBe(1);

    act(() => void window.dispatchEvent(new Event('online')));
    await screen.findByText('Not yet synced: 0');
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['accepted']));
    expect(within(rows()[0] as HTMLElement).getByText(/Sent before; the server gave its stored answer\./)).toBeTruthy();
    expect(count('Accepted')).toBe('1');
    expect(api.byKey.size).toBe(1);
  });

  it('shows every outcome in its own words, mark and style', async () => {
    const api = scanServer();
    mockApi(procedures(api));
    renderApp(PAGE);
    await openPanel();
    for (const serial of ['BU-000100', 'BU-000100', 'WP-000001', 'WS-000001', 'XX-000001', 'CU-999999']) wedge(serial);
    await waitFor(() => expect(rows()).toHaveLength(6));
    await screen.findByText('Not yet synced: 0');
    const shown = rows().map((r) => ({
      outcome: r.getAttribute('data-outcome'),
      mark: r.querySelector('.scan-icon')?.textContent,
      words: r.querySelector('.scan-outcome')?.textContent,
      detail: r.querySelector('.scan-detail')?.textContent ?? null,
    }));
    expect(shown).toEqual([
      // A receipt's scans speak the receipt's own words (receipts.outcomes).
      { outcome: 'orphan', mark: '+', words: 'Orphan: not on the manifest, kept for the DEO', detail: 'Kept for the district election officer to resolve.' },
      { outcome: 'unknown_serial', mark: '?', words: 'Unknown serial', detail: 'No unit with this serial is known to you.' },
      { outcome: 'wrong_state', mark: '⊘', words: 'On the manifest, but cannot be received now', detail: 'FLC rejected at District warehouse, Pune' },
      { outcome: 'wrong_place', mark: '⇄', words: 'Not on this manifest: held elsewhere', detail: 'At AC 57 strongroom' },
      { outcome: 'duplicate', mark: '×2', words: 'Already received: not counted again', detail: 'At District warehouse, Pune' },
      { outcome: 'accepted', mark: '✓', words: 'Received', detail: 'At District warehouse, Pune' },
    ]);
    expect(new Set(rows().map((r) => r.className)).size).toBe(6);
    expect(count('Orphans')).toBe('1');
    expect(count('Rejected')).toBe('3');
  });

  it('marks a refusal failed with its sentence, retries a reconnecting database, and refuses a malformed serial before sending', async () => {
    const api = scanServer();
    let databaseDown = true;
    mockApi(
      procedures(api, {
        'scan.record': (input) => {
          const scan = input as RecordInput;
          if (scan.serial === 'VV-000304') throw new TrpcFailure('FORBIDDEN', 'AC 210 is outside', { type: 'outside_jurisdiction', message: 'AC 210 Kothrud is outside your jurisdiction', params: { acNumber: 210, acName: 'Kothrud', role: 'deo' } });
          if (databaseDown) throw new TrpcFailure('SERVICE_UNAVAILABLE', 'db', { type: 'database_unavailable', message: 'reconnecting', params: {} });
          return api.record(scan);
        },
      }),
    );
    renderApp(PAGE);
    await openPanel();
    wedge('VV-000304');
    await waitFor(() => expect(rows()[0]?.getAttribute('data-outcome')).toBe('failed'));
    expect(within(rows()[0] as HTMLElement).getByText('Refused')).toBeTruthy();
    expect(within(rows()[0] as HTMLElement).getByText('AC 210 Kothrud is outside your jurisdiction as District Election Officer.')).toBeTruthy();
    expect(screen.getByText('Not yet synced: 0')).toBeTruthy();

    wedge('BU-000100');
    await screen.findByText('Not yet synced: 1');
    await within(list()).findByText(/The server is reconnecting to its database/);
    databaseDown = false;
    act(() => void window.dispatchEvent(new Event('online')));
    await screen.findByText('Not yet synced: 0');
    await waitFor(() => expect(rows()[0]?.getAttribute('data-outcome')).toBe('accepted'));

    const sentBefore = recordCalls().length;
    const field = screen.getByRole('textbox', { name: 'Serial' });
    await userEvent.type(field, 'BU 1{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('“BU 1” is not a unit serial: a serial has 3 to 32 capital letters, digits and hyphens.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(recordCalls()).toHaveLength(sentBefore);
  });

  it('sounds each outcome once, the duplicate at the scan itself, and keeps quiet when muted (remembered)', async () => {
    const played = fakeAudio();
    const api = scanServer();
    mockApi(procedures(api));
    const first = renderApp(PAGE);
    await openPanel();
    wedge('BU-000100');
    await waitFor(() => expect(played).toEqual([1320]));
    wedge('BU-000100');
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['duplicate', 'accepted']));
    wedge('XX-000001');
    await waitFor(() => expect(rows()).toHaveLength(3));
    await waitFor(() => expect(played).toEqual([1320, 880, 880, 220, 220, 220]));

    await userEvent.click(screen.getByRole('button', { name: 'Sound on' }));
    expect(screen.getByRole('button', { name: 'Sound off' }).getAttribute('aria-pressed')).toBe('false');
    first.unmount();
    renderApp(PAGE);
    await openPanel();
    expect(screen.getByRole('button', { name: 'Sound off' })).toBeTruthy();
    wedge('WS-000001');
    await waitFor(() => expect(rows()[0]?.getAttribute('data-outcome')).toBe('wrong_state'));
    expect(played).toHaveLength(6);
  });
});

/**
 * why: happy-dom has no Web Audio; this stands in for the browser's AudioContext and records
 * the pitch of every tone started.
 */
function fakeAudio(): number[] {
  const played: number[] = [];
  const param = { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined };
  class FakeAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume() {
      return Promise.resolve();
    }
    createGain() {
      return { gain: param, connect: (node: unknown) => node };
    }
    createOscillator() {
      const osc = {
        type: 'sine',
        frequency: { value: 0 },
        connect: (node: unknown) => node,
        start: () => void played.push(osc.frequency.value),
        stop: () => undefined,
      };
      return osc;
    }
  }
  globalThis.AudioContext = FakeAudioContext as unknown as typeof AudioContext;
  return played;
}
