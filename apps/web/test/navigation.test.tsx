import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildUnitDetail, DEO } from './fixtures';
import { calls, mockApi, TrpcFailure } from './msw';
import { renderApp } from './render-app';

const COUNTS = {
  rows: [
    { kind: 'BU', state: 'in_warehouse', count: 120 },
    { kind: 'CU', state: 'flc_ok', count: 75 },
  ],
  total: 195,
};

const LOCATION = {
  id: 31,
  name: 'AC 57 strongroom',
  kind: 'strongroom',
  ac: { id: 7, number: 210, name: 'Kothrud' },
  parentName: 'District warehouse, Pune',
  counts: {
    total: 3,
    byKind: { BU: 2, CU: 1 },
    byState: { in_ac_strongroom: 3 },
    cells: [
      { kind: 'BU', state: 'in_ac_strongroom', count: 2 },
      { kind: 'CU', state: 'in_ac_strongroom', count: 1 },
    ],
  },
};

function row(serial: string) {
  return {
    serial,
    kind: 'BU',
    maker: 'BEL',
    model: 'M3',
    year: 2023,
    state: 'in_ac_strongroom',
    hold: 'none',
    districtId: 12,
    locationId: 31,
    locationCode: 'SR-AC057',
    locationName: 'AC 57 strongroom',
  };
}

function mock() {
  const detail = buildUnitDetail();
  mockApi({
    'auth.me': () => DEO,
    'dashboard.unitCounts': () => COUNTS,
    'unit.list': () => ({ items: [row('BU-000115'), row('BU-000116')], nextCursor: null, total: 2 }),
    'unit.bySerial': (input) => {
      const { serial } = input as { serial: string };
      if (serial === 'BU-000115') return detail;
      throw new TrpcFailure('NOT_FOUND', `Unit ${serial} not found`, {
        type: 'not_found',
        message: `Unit ${serial} not found`,
        params: { serial },
      });
    },
    'location.byId': () => LOCATION,
    'log.checkpoint': () => ({ ...detail.checkpoint, logVkey: detail.logVkey }),
  });
}

const lastInput = (path: string) => calls.filter((c) => c.path === path).at(-1)?.input;

describe('navigation', () => {
  it('gives each page a title and moves focus to its heading', async () => {
    mock();
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    expect(document.title).toBe('Dashboard · EVM Trail');
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Custody log' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Custody log' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.title).toBe('Custody log · EVM Trail');
  });

  it("opens the unit list filtered to a dashboard count", async () => {
    mock();
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Units by state and kind' });
    await userEvent.click(within(table).getByRole('link', { name: '75 units: FLC passed, Control Unit (open the list)' }));
    await screen.findByRole('heading', { level: 1, name: 'Units' });
    await waitFor(() => expect(lastInput('unit.list')).toEqual({ limit: 100, districtId: 12, kind: 'CU', state: 'flc_ok' }));
    expect(window.location.pathname).toBe('/units');
  });

  it('opens a unit from a keyboard-wedge scan on any page, and says so when the serial is unknown', async () => {
    mock();
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    for (const key of [...'BU-999999', 'Enter']) fireEvent.keyDown(document.body, { key });
    expect(await screen.findByText('Unit BU-999999 was not found. Check the serial or the link.')).toBeTruthy();
    expect(window.location.pathname).toBe('/');
    for (const key of [...'bu-000115', 'Enter']) fireEvent.keyDown(document.body, { key });
    expect(await screen.findByRole('heading', { level: 1, name: 'BU-000115' })).toBeTruthy();
    expect(window.location.pathname).toBe('/units/BU-000115');
  });

  it("links a unit's location to the location page, which lists its units and counts", async () => {
    mock();
    renderApp('/units/BU-000115');
    const link = await screen.findByRole('link', { name: 'SR-AC057 · AC 57 strongroom (Strongroom)' });
    expect(screen.getByRole('link', { name: 'English' }).getAttribute('href')).toBe('/pdf/units/BU-000115.pdf?lang=en');
    expect(screen.getByRole('link', { name: 'मराठी' }).getAttribute('href')).toBe('/pdf/units/BU-000115.pdf?lang=mr');
    await userEvent.click(link);

    expect(await screen.findByRole('heading', { level: 1, name: 'AC 57 strongroom' })).toBeTruthy();
    expect(window.location.pathname).toBe('/locations/12/31');
    expect(lastInput('location.byId')).toEqual({ districtId: 12, locationId: 31 });
    expect(screen.getByText('AC 210 Kothrud')).toBeTruthy();
    const register = screen.getByRole('group', { name: 'Units at this place (PDF)' });
    expect(within(register).getByRole('link', { name: 'हिन्दी' }).getAttribute('href')).toBe('/pdf/locations/12/31.pdf?lang=hi');
    const labels = screen.getByRole('group', { name: 'QR labels for this place and the places in it (PDF)' });
    expect(within(labels).getByRole('link', { name: 'मराठी' }).getAttribute('href')).toBe('/pdf/labels/12/31.pdf?lang=mr');
    const counts = screen.getByRole('table', { name: 'Units here by state and kind' });
    expect(within(counts).getByRole('link', { name: '3 units: All, All (open the list)' }).getAttribute('href')).toBe('/units?locationId=31');
    const units = await screen.findByRole('table', { name: 'Units' });
    expect(within(units).getAllByRole('link', { name: /^BU-/ }).map((a) => a.textContent)).toEqual(['BU-000115', 'BU-000116']);
    expect(lastInput('unit.list')).toEqual({ limit: 100, districtId: 12, locationId: 31 });
  });
});
