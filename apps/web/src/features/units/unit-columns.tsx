import { Link } from '@tanstack/react-router';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { UnitSort } from '../../app/search';
import { holdLabel, kindLabel, stateLabel } from '../../lib/labels';
import type { UnitRow } from './use-unit-list';

const col = createColumnHelper<UnitRow>();

/** Columns the api can sort by, keyed by column id. */
export const SORTABLE: Readonly<Record<string, UnitSort>> = {
  serial: 'serial',
  kind: 'kind',
  state: 'state',
  location: 'location',
};

/** Column ids in display order; `serial` is always shown. */
export const COLUMN_IDS = ['serial', 'kind', 'maker', 'model', 'year', 'state', 'hold', 'location'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export function unitColumns(t: TFunction): ColumnDef<UnitRow, unknown>[] {
  const columns = [
    col.accessor('serial', {
      id: 'serial',
      header: t('units.col.serial'),
      enableHiding: false,
      cell: (c) => (
        <Link to="/units/$serial" params={{ serial: c.getValue() }} className="mono">
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor('kind', { id: 'kind', header: t('units.col.kind'), cell: (c) => kindLabel(t, c.getValue()) }),
    col.accessor('maker', { id: 'maker', header: t('units.col.maker') }),
    col.accessor('model', { id: 'model', header: t('units.col.model') }),
    col.accessor('year', { id: 'year', header: t('units.col.year') }),
    col.accessor('state', {
      id: 'state',
      header: t('units.col.state'),
      cell: (c) => <span className="state-pill">{stateLabel(t, c.getValue())}</span>,
    }),
    col.accessor('hold', {
      id: 'hold',
      header: t('units.col.hold'),
      cell: (c) => (c.getValue() === 'none' ? '—' : <span className="hold-pill">{holdLabel(t, c.getValue())}</span>),
    }),
    col.accessor('locationCode', {
      id: 'location',
      header: t('units.col.location'),
      cell: (c) => {
        const u = c.row.original;
        return (
          <Link
            to="/locations/$districtId/$locationId"
            params={{ districtId: u.districtId, locationId: u.locationId }}
            title={u.locationName}
          >
            <span className="mono">{u.locationCode}</span> <span className="hide-narrow">{u.locationName}</span>
          </Link>
        );
      },
    }),
  ];
  return columns as ColumnDef<UnitRow, unknown>[];
}
