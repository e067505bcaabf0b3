import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEO } from './fixtures';
import { calls, mockApi } from './msw';
import { renderApp } from './render-app';

const STATUSES = ['not_dispatched', 'in_transit', 'arrived', 'mock_poll_done', 'poll_on', 'closed', 'returned', 'no_set'];

const TREE = {
  district: { id: 12, code: 'MH-PUNE', name: 'Pune', nameHi: 'पुणे', lat: 18.5, lon: 73.85 },
  acs: [
    { id: 210, number: 210, name: 'Kothrud', nameHi: 'कोथरूड' },
    { id: 213, number: 213, name: 'Hadapsar', nameHi: 'हडपसर' },
  ],
  // The api's columns (location-map.ts): entry i of every column is place i.
  locations: {
    kinds: ['polling_station'],
    strongroomTypes: [],
    id: [101, 102, 201],
    code: ['PS-AC210-001', '2', 'PS-AC213-001'],
    codeShared: [0, 11, 0],
    kind: [0, 0, 0],
    strongroomType: [null, null, null],
    name: ['Kothrud School Room 1', '2', 'Hadapsar School'],
    nameShared: [0, 20, 0],
    nameHi: [null, null, null],
    nameHiShared: [0, 0, 0],
    acId: [210, 210, 213],
    parentId: [null, null, null],
    lat: [18.5, 18.51, 18.5],
    lon: [73.8, 73.81, 73.93],
    psNumber: [1, 2, 1],
    electors: [900, 950, 1000],
    unitCount: [3, 0, 3],
  },
};

const rows = (list: HTMLElement) => within(list).getAllByRole('listitem').map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());

function unitAt(serial: string, state: string) {
  return {
    serial, kind: serial.startsWith('BU') ? 'BU' : serial.startsWith('CU') ? 'CU' : 'VVPAT', maker: 'BEL', model: 'M3', year: 2023, state,
    hold: 'none', districtId: 12, locationId: 101, locationCode: 'PS-AC210-001', locationName: 'Kothrud School Room 1',
    acNumber: 210, acName: 'Kothrud', updatedAt: '2029-05-12T03:30:00.000Z',
  };
}

/** The api's answers in turn: version 5 until `change()` grows the log to 6 with station 101 arrived. */
function serve() {
  let version = 5;
  let arrived = false;
  mockApi({
    'auth.me': () => DEO,
    'location.tree': () => TREE,
    'location.mapStatus': (input) => {
      const since = (input as { since?: number }).since;
      if (since === version) return { version, statuses: STATUSES, stations: null };
      return { version, statuses: STATUSES, stations: { id: [101, 201], status: [arrived ? 2 : 0, 5] } };
    },
    'unit.list': (input) => {
      const { locationId } = input as { locationId?: number };
      const items = locationId === 101 ? ['BUM0000001', 'CUM0000001', 'VVM0000001'].map((serial) => unitAt(serial, arrived ? 'issued_to_polling_party' : 'commissioned')) : [];
      return { items, total: items.length, nextCursor: null };
    },
  });
  return {
    change() {
      version = 6;
      arrived = true;
    },
  };
}

// happy-dom lays nothing out and draws nothing: give elements a size so Leaflet can fit the
// district into the frame, and canvases a 2D context that accepts every drawing call.
const sizes = ['clientWidth', 'clientHeight'] as const;
const original = sizes.map((name) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
const originalGetContext = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext');
const noop = () => undefined;
const drawing = new Proxy({}, { get: (_t, key) => (key === 'canvas' ? undefined : noop), set: () => true });
beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, writable: true, value: () => drawing });
  for (const name of sizes) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => (name === 'clientWidth' ? 800 : 600) });
});
afterAll(() => {
  if (originalGetContext) Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', originalGetContext);
  sizes.forEach((name, i) => {
    const d = original[i];
    if (d) Object.defineProperty(HTMLElement.prototype, name, d);
  });
});

describe('the live map', () => {
  it('shows each found station with its status and changes it when the log grows, without a reload', async () => {
    const api = serve();
    renderApp('/map?q=PS-AC210');
    const results = await screen.findByRole('list', { name: 'Stations found' });
    await waitFor(() => expect(rows(results)).toEqual([
      'PS-AC210-001 Kothrud School Room 1 Not dispatched',
      'PS-AC210-002 Kothrud School Room 2 No set yet',
    ]));
    const legend = screen.getByRole('list', { name: 'Map legend' });
    expect(legend.textContent).toContain('Not dispatched: 1');
    // The map asks again with the version it holds; unchanged answers carry no statuses.
    await waitFor(() => expect(calls.some((c) => c.path === 'location.mapStatus' && (c.input as { since?: number }).since === 5)).toBe(true));

    api.change();
    await waitFor(() => expect(rows(results)[0]).toBe('PS-AC210-001 Kothrud School Room 1 Arrived'), { timeout: 2500 });
    expect(legend.textContent).toContain('Arrived: 1');
    expect(legend.textContent).toContain('Not dispatched: 0');

    // A picked station shows its set, each unit linking to its page and timeline.
    await userEvent.click(within(results).getByRole('button', { name: /PS-AC210-001/ }));
    const panel = await screen.findByRole('region', { name: /PS-AC210-001/ });
    await waitFor(() => expect(within(panel).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '/units/BUM0000001', '/units/CUM0000001', '/units/VVM0000001', '/locations/12/101',
    ]));
    expect(panel.textContent).toContain('Arrived');
  });

  it('keeps the AC and status filters in the URL and shows only the stations they select', async () => {
    serve();
    renderApp('/map?ac=213&status=closed');
    expect(await screen.findByText('1 polling station shown.', { exact: false })).toBeTruthy();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Assembly constituency' }).value).toBe('213');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Poll-day status' }).value).toBe('closed');
    expect(screen.getByRole('list', { name: 'Map legend' }).textContent).toContain('Closed: 1');
  });
});
