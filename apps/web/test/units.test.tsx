import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { buildUnitDetail, DEO } from './fixtures';
import { calls, mockApi, TrpcFailure } from './msw';
import { renderApp } from './render-app';

function unitRow(serial: string) {
  return {
    serial,
    kind: serial.startsWith('BU') ? 'BU' : 'CU',
    maker: 'BEL',
    model: 'M3',
    year: 2023,
    state: 'in_warehouse',
    hold: 'none',
    districtId: 12,
    locationId: 3,
    locationCode: 'WH-D0412-01',
    locationName: 'District warehouse, Pune',
  };
}

const ALL = ['BU-000001', 'BU-000101', 'BU-000115', 'BU-000116', 'BU-000200', 'CU-000204'];

/** A keyset-paginated unit.list over ALL, two per page, like the api's. */
function unitList(input: unknown) {
  const { serialPrefix = '', cursor, limit = 2 } = input as { serialPrefix?: string; cursor?: string; limit?: number };
  const matches = ALL.filter((s) => s.startsWith(serialPrefix) && (cursor === undefined || s > cursor));
  const page = matches.slice(0, Math.min(limit, 2));
  const more = matches.length > page.length;
  return { items: page.map(unitRow), nextCursor: more ? (page.at(-1) ?? null) : null };
}

function listedSerials(): string[] {
  return within(screen.getByRole('table', { name: 'Units' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]?.textContent ?? '');
}

const detail = buildUnitDetail();

function mock() {
  mockApi({
    'auth.me': () => DEO,
    'unit.list': unitList,
    'unit.bySerial': (input) => {
      const { serial } = input as { serial: string };
      if (serial === 'BU-000115') return detail;
      throw new TrpcFailure('NOT_FOUND', `Unit ${serial} not found`);
    },
  });
}

describe('units page', () => {
  it('lists matches for a typed prefix and loads more with the cursor', async () => {
    mock();
    renderApp('/units');
    const search = await screen.findByRole('searchbox', { name: 'Serial number' });
    expect(document.activeElement).toBe(search);
    await userEvent.type(search, 'bu-0001');

    await waitFor(() => expect(listedSerials()).toEqual(['BU-000101', 'BU-000115']));
    const listCalls = () => calls.filter((c) => c.path === 'unit.list').map((c) => c.input as Record<string, unknown>);
    expect(listCalls().at(-1)).toEqual({ limit: 50, districtId: 12, serialPrefix: 'BU-0001' });

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(listedSerials()).toEqual(['BU-000101', 'BU-000115', 'BU-000116']));
    expect(listCalls().at(-1)).toEqual({ limit: 50, districtId: 12, serialPrefix: 'BU-0001', cursor: 'BU-000115' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText('Showing 3 units')).toBeTruthy();
  });

  it('opens the unit page on Enter with an exact serial', async () => {
    mock();
    renderApp('/units');
    const search = await screen.findByRole('searchbox', { name: 'Serial number' });
    await userEvent.type(search, ' bu-000115{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'BU-000115' })).toBeTruthy();
    expect(window.location.pathname).toBe('/units/BU-000115');
  });

  it('reports an unknown serial and stays on the list', async () => {
    mock();
    renderApp('/units');
    const search = await screen.findByRole('searchbox', { name: 'Serial number' });
    await userEvent.type(search, 'BU-999999{Enter}');
    const region = screen.getByRole('main');
    expect((await within(region).findByRole('alert')).textContent).toBe('Unit BU-999999 not found');
    expect(window.location.pathname).toBe('/units');
    expect(search.getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(search, '{Backspace}');
    expect(search.getAttribute('aria-invalid')).toBe('false');
    expect(within(region).queryByText('Unit BU-999999 not found')).toBeNull();
  });

  it('opens a unit scanned by a keyboard-wedge scanner while focus is elsewhere', async () => {
    mock();
    renderApp('/units');
    await screen.findByRole('searchbox', { name: 'Serial number' });
    const kind = screen.getByRole('combobox', { name: 'Kind' });
    kind.focus();
    for (const key of [...'BU-000115', 'Enter']) fireEvent.keyDown(kind, { key });
    expect(await screen.findByRole('heading', { level: 1, name: 'BU-000115' })).toBeTruthy();
  });
});
