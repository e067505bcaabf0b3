import { screen, waitFor, within } from '@testing-library/react';
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

/** A keyset-paginated unit.list over ALL, two per page, like the api's, with its total. */
function unitList(input: unknown) {
  const { serialPrefix = '', cursor, dir } = input as { serialPrefix?: string; cursor?: string; dir?: string };
  const ordered = dir === 'desc' ? [...ALL].reverse() : ALL;
  const all = ordered.filter((s) => s.startsWith(serialPrefix));
  const after = cursor === undefined ? all : all.slice(all.indexOf(cursor) + 1);
  const page = after.slice(0, 2);
  const more = after.length > page.length;
  return { items: page.map(unitRow), nextCursor: more ? (page.at(-1) ?? null) : null, total: all.length };
}

function listedSerials(): string[] {
  return within(screen.getByRole('table', { name: 'Units' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]?.textContent ?? '');
}

const listCalls = () => calls.filter((c) => c.path === 'unit.list').map((c) => c.input as Record<string, unknown>);
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
  it('lists matches for a typed prefix with their total, loading the next page as the end comes into view', async () => {
    mock();
    renderApp('/units');
    const search = await screen.findByRole('searchbox', { name: 'Serial number' });
    expect(document.activeElement).toBe(search);
    await userEvent.type(search, 'bu-0001');

    // Two per page: the second page comes by itself, as it is in view.
    await waitFor(() => expect(listedSerials()).toEqual(['BU-000101', 'BU-000115', 'BU-000116']), { timeout: 5000 });
    expect(screen.getByText('3 units match')).toBeTruthy();
    expect(listCalls().filter((c) => c.serialPrefix === 'BU-0001')).toEqual([
      { limit: 100, districtId: 12, serialPrefix: 'BU-0001' },
      { limit: 100, districtId: 12, serialPrefix: 'BU-0001', cursor: 'BU-000115' },
    ]);
    // The prefix is in the URL, so Back, reload and a shared link keep it.
    await waitFor(() => expect(new URL(window.location.href).searchParams.get('q')).toBe('BU-0001'));
    const row = within(screen.getByRole('table', { name: 'Units' })).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByRole('link', { name: /WH-D0412-01/ }).getAttribute('href')).toBe('/locations/12/3');
  });

  it('restores filters and sort from the URL, exports the same list and sorts by a column', async () => {
    mock();
    renderApp('/units?kind=%22CU%22&state=%22in_warehouse%22&sort=%22state%22&dir=%22desc%22');
    await waitFor(() => expect(listCalls().length).toBeGreaterThan(0));
    expect(listCalls()[0]).toEqual({ limit: 100, districtId: 12, kind: 'CU', state: 'in_warehouse', sort: 'state', dir: 'desc' });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Kind' }).value).toBe('CU');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'State' }).value).toBe('in_warehouse');
    const csv = screen.getByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toBe('/export/units.csv?districtId=12&kind=CU&state=in_warehouse&sort=state&dir=desc');
    const stateHeader = await screen.findByRole('columnheader', { name: /State/ });
    expect(stateHeader.getAttribute('aria-sort')).toBe('descending');

    await userEvent.click(within(screen.getByRole('columnheader', { name: /Serial/ })).getByRole('button'));
    await waitFor(() => expect(listCalls().at(-1)).toEqual({ limit: 100, districtId: 12, kind: 'CU', state: 'in_warehouse' }));
    expect(new URL(window.location.href).searchParams.get('sort')).toBe('serial');
    await userEvent.click(within(screen.getByRole('columnheader', { name: /Serial/ })).getByRole('button'));
    await waitFor(() => expect(listCalls().at(-1)).toMatchObject({ sort: 'serial', dir: 'desc' }));
    expect(screen.getByRole('columnheader', { name: /Serial/ }).getAttribute('aria-sort')).toBe('descending');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Ballot Unit');
    await waitFor(() => expect(listCalls().at(-1)).toMatchObject({ kind: 'BU' }));
    window.history.back();
    await waitFor(() => expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Kind' }).value).toBe('CU'));
  });

  it('hides a column the user unticks and remembers the choice', async () => {
    mock();
    renderApp('/units');
    const table = await screen.findByRole('table', { name: 'Units' });
    expect(within(table).getByRole('columnheader', { name: 'Maker' })).toBeTruthy();
    await userEvent.click(screen.getByText('Columns', { selector: 'summary' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Maker' }));
    expect(within(table).queryByRole('columnheader', { name: 'Maker' })).toBeNull();
    expect(JSON.parse(localStorage.getItem('evmtrail.units.columns') ?? '{}')).toEqual({ maker: false });
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

  it('shows why the list failed instead of an empty list', async () => {
    mockApi({
      'auth.me': () => DEO,
      'unit.list': () => {
        throw new TrpcFailure('SERVICE_UNAVAILABLE', 'Database unavailable', {
          type: 'database_unavailable',
          message: 'Database unavailable',
          params: {},
        });
      },
    });
    renderApp('/units');
    const alert = await within(await screen.findByRole('main')).findByRole('alert');
    expect(alert.firstElementChild?.textContent).toBe('The server is reconnecting to its database. This page retries by itself.');
    expect(screen.queryByText('No units match.')).toBeNull();
  });
});
