import { getRouteApi } from '@tanstack/react-router';
import type { SortingState } from '@tanstack/react-table';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import type { UnitsSearch } from '../../app/search';
import { useSession } from '../../app/session';
import { DistrictPicker } from '../../components/district-picker';
import { ErrorAlert } from '../../components/status';
import { formatCount } from '../../lib/labels';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { ColumnChooser, useColumnVisibility } from './column-chooser';
import { SORTABLE } from './unit-columns';
import { UnitsTable } from './units-table';
import { UnitsFilters } from './units-filters';
import { unitsCsvHref, useUnitList } from './use-unit-list';
import { useOpenSerial } from './use-global-scan';
import { normaliseSerial } from './wedge-scanner';

const DEBOUNCE_MS = 250;
const routeApi = getRouteApi('/units');

/** Sorting by a column: first ascending, a second click descending. */
function nextSort(search: UnitsSearch, columnId: string): Pick<UnitsSearch, 'sort' | 'dir'> {
  const sort = SORTABLE[columnId] ?? 'serial';
  const current = search.sort ?? 'serial';
  const dir = current === sort && (search.dir ?? 'asc') === 'asc' ? 'desc' : 'asc';
  return { sort, dir };
}

export function UnitsPage() {
  const { t } = useTranslation();
  usePageTitle(t('units.title'));
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { districtId } = useSession();
  const [text, setText] = useState(search.q ?? '');
  const prefix = normaliseSerial(useDebouncedValue(text, DEBOUNCE_MS));
  const openSerial = useOpenSerial();
  const [openError, setOpenError] = useState<unknown>(null);
  // While Enter opens a unit, the debounced prefix must not navigate back to the list over it.
  const opening = useRef(false);
  const columns = useColumnVisibility();

  const update = (patch: Partial<UnitsSearch>, replace = false) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace });

  // The typed prefix goes into the URL once typing pauses (replacing, so Back skips keystrokes).
  useEffect(() => {
    if (opening.current) return;
    if (prefix !== (search.q ?? '')) void navigate({ search: (prev) => ({ ...prev, q: prefix || undefined }), replace: true });
  }, [prefix, search.q, navigate]);

  const { list, input, items, total } = useUnitList({
    districtId: districtId ?? undefined,
    kind: search.kind,
    state: search.state,
    acId: search.acId,
    locationId: search.locationId,
    serialPrefix: search.q,
    sort: search.sort,
    dir: search.dir,
  });
  const sorting: SortingState = [{ id: search.sort === 'updated' ? 'serial' : (search.sort ?? 'serial'), desc: search.dir === 'desc' }];

  async function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    opening.current = true;
    const failure = await openSerial(text);
    opening.current = false;
    setOpenError(failure);
  }

  return (
    <section aria-labelledby="units-title">
      <div className="page-head">
        <h1 id="units-title">{t('units.title')}</h1>
        <DistrictPicker allowAll />
      </div>
      <div className="filters" role="search" aria-label={t('units.searchRegion')}>
        <label className="field field-grow">
          <span>{t('units.searchLabel')}</span>
          <input
            type="search"
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={t('units.searchPlaceholder')}
            aria-describedby="units-search-hint"
            aria-invalid={openError !== null}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpenError(null);
            }}
            onKeyDown={(e) => void onSearchKey(e)}
          />
        </label>
        <UnitsFilters search={search} districtId={districtId} onChange={(patch) => update(patch)} />
      </div>
      <p id="units-search-hint" className="hint">
        {t('units.searchHint')}
      </p>
      {openError !== null && <ErrorAlert error={openError} />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <div className="list-tools">
        <p className="list-total" role="status" aria-live="polite">
          {total !== null && t('units.total', { count: total, n: formatCount(total) })}
        </p>
        <ColumnChooser visibility={columns.visibility} onToggle={columns.toggle} />
        <a className="button-quiet" href={unitsCsvHref(input)} download>
          {t('units.exportCsv')}
        </a>
      </div>
      {!(list.isError && items.length === 0) && (
        <UnitsTable
        items={items}
        total={total}
        loading={list.isPending}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        sorting={sorting}
        onSort={(id) => update(nextSort(search, id))}
        columnVisibility={columns.visibility}
        />
      )}
    </section>
  );
}
