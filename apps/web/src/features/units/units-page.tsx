import type { UnitState } from '@evmtrail/shared';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, unitPath } from '../../app/router';
import { useSession } from '../../app/session';
import { DistrictPicker } from '../../components/district-picker';
import { ErrorAlert } from '../../components/status';
import { kindLabel, stateLabel } from '../../lib/labels';
import { useTRPC, useTRPCClient, type RouterInputs } from '../../lib/trpc';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { UNIT_KIND_ORDER, UNIT_STATE_ORDER } from '../../lib/unit-states';
import { UnitsTable } from './units-table';
import { useWedgeScan } from './use-wedge-scan';
import { normaliseSerial } from './wedge-scanner';

type ListInput = RouterInputs['unit']['list'];
type Kind = NonNullable<ListInput['kind']>;
const PAGE_SIZE = 50;
const DEBOUNCE_MS = 250;

/** Opens a unit by exact serial: checks it exists first, so an unknown scan is reported here. */
function useOpenSerial() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = useCallback(
    async (raw: string) => {
      const serial = normaliseSerial(raw);
      if (serial === '') return;
      setOpening(serial);
      setError(null);
      try {
        await queryClient.fetchQuery(trpc.unit.bySerial.queryOptions({ serial }));
        navigate(unitPath(serial));
      } catch (e) {
        setError(e);
        setOpening(null);
      }
    },
    [queryClient, trpc],
  );
  const clearError = useCallback(() => setError(null), []);
  return { open, opening, error, clearError };
}

export function UnitsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { districtId } = useSession();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [state, setState] = useState<UnitState | ''>('');
  const prefix = normaliseSerial(useDebouncedValue(search, DEBOUNCE_MS));
  const { open, opening, error: openError, clearError } = useOpenSerial();
  useWedgeScan((text) => void open(text));

  const input: ListInput = {
    limit: PAGE_SIZE,
    ...(districtId !== null && { districtId }),
    ...(kind !== '' && { kind }),
    ...(state !== '' && { state }),
    ...(prefix !== '' && { serialPrefix: prefix }),
  };
  // A plain infinite query: tRPC's infiniteQueryOptions adds a `direction` field that the
  // api's strict input schema rejects. The cursor goes in as the api's own `cursor`.
  const list = useInfiniteQuery({
    queryKey: [...trpc.unit.list.queryKey(input), 'pages'],
    queryFn: ({ pageParam }) => client.unit.list.query(pageParam === null ? input : { ...input, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Keep the old rows on screen while the next prefix loads: no flicker while typing.
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void open(search);
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
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              clearError();
            }}
            onKeyDown={onSearchKey}
          />
        </label>
        <label className="field">
          <span>{t('units.filterKind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind | '')}>
            <option value="">{t('common.all')}</option>
            {UNIT_KIND_ORDER.map((k) => (
              <option key={k} value={k}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('units.filterState')}</span>
          <select value={state} onChange={(e) => setState(e.target.value as UnitState | '')}>
            <option value="">{t('common.all')}</option>
            {UNIT_STATE_ORDER.map((s) => (
              <option key={s} value={s}>
                {stateLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="units-search-hint" className="hint">
        {opening ? t('units.opening', { serial: opening }) : t('units.searchHint')}
      </p>
      {openError !== null && <ErrorAlert error={openError} />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <UnitsTable
        items={items}
        loading={list.isPending}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </section>
  );
}
