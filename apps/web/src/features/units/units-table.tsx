import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Loading } from '../../components/status';
import { formatCount } from '../../lib/labels';
import type { UnitRow } from './use-unit-list';
import { SORTABLE, unitColumns } from './unit-columns';

const ROW_HEIGHT = 37;
/** Rows left below the visible ones when the next page is asked for. */
const PREFETCH_ROWS = 20;
/** Height used before the browser has laid the list out (and in tests without layout). */
const FALLBACK_HEIGHT = 600;

interface UnitsTableProps {
  readonly items: readonly UnitRow[];
  readonly total: number | null;
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly onLoadMore: () => void;
  readonly sorting: SortingState;
  /** Without it the headers do not sort (the order is fixed by the page). */
  readonly onSort?: (columnId: string) => void;
  readonly columnVisibility: VisibilityState;
}

function observeWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: FALLBACK_HEIGHT }));
}

/**
 * The unit list as a table whose rows are virtual: only the rows in view are in the DOM, so a
 * district's 10,000 units scroll smoothly. Sorting is done by the api (the order of the whole
 * list, not just the loaded rows); the next page loads as the end comes into view.
 */
export function UnitsTable(props: UnitsTableProps) {
  const { t } = useTranslation();
  const { items, loading, hasMore, loadingMore, onLoadMore } = props;
  const columns = useMemo(() => unitColumns(t), [t]);
  const table = useReactTable({
    data: items as UnitRow[],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    state: { sorting: props.sorting, columnVisibility: props.columnVisibility },
    getRowId: (u) => u.serial,
  });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    observeElementRect: observeWithFallback,
  });
  const visible = virtual.getVirtualItems();
  const lastVisible = visible.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, loadingMore, lastVisible, rows.length, onLoadMore]);

  if (loading) return <Loading />;
  if (items.length === 0) return <Empty>{t('units.noMatches')}</Empty>;
  const padTop = visible[0]?.start ?? 0;
  const padBottom = virtual.getTotalSize() - (visible.at(-1)?.end ?? 0);
  const colCount = table.getVisibleLeafColumns().length;

  return (
    <>
      <div className="table-wrap table-scroll" ref={scroller}>
        <table className="data-table" aria-label={t('units.tableLabel')} aria-rowcount={(props.total ?? items.length) + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <SortableHeader key={header.id} id={header.column.id} sorting={props.sorting} onSort={props.onSort}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </SortableHeader>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }}><td colSpan={colCount} /></tr>}
            {visible.map((v) => {
              const row = rows[v.index];
              if (!row) return null;
              return (
                <tr key={row.id} aria-rowindex={v.index + 2} style={{ height: ROW_HEIGHT }}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }}><td colSpan={colCount} /></tr>}
          </tbody>
        </table>
      </div>
      <div className="table-foot">
        <span>{t('units.showing', { count: items.length, n: formatCount(items.length) })}</span>
        {hasMore && (
          <button type="button" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? t('common.loading') : t('units.loadMore')}
          </button>
        )}
      </div>
    </>
  );
}

interface SortableHeaderProps {
  readonly id: string;
  readonly sorting: SortingState;
  readonly onSort: ((columnId: string) => void) | undefined;
  readonly children: ReactNode;
}

function SortableHeader({ id, sorting, onSort, children }: SortableHeaderProps) {
  const current = sorting.find((s) => s.id === id);
  const ariaSort = current ? (current.desc ? 'descending' : 'ascending') : 'none';
  if (!onSort || !(id in SORTABLE)) return <th scope="col">{children}</th>;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => onSort(id)}>
        {children}
        <span aria-hidden="true" className="sort-mark">
          {current ? (current.desc ? ' ▼' : ' ▲') : ' ↕'}
        </span>
      </button>
    </th>
  );
}
