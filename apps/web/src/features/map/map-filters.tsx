import { STATION_STATUSES, type StationStatus } from '@evmtrail/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapSearch } from '../../app/search';
import { useLocalName } from '../../lib/use-local-name';

interface MapFiltersProps {
  readonly search: MapSearch;
  readonly acs: readonly { readonly id: number; readonly number: number; readonly name: string; readonly nameHi: string | null }[];
  readonly onChange: (patch: Partial<MapSearch>) => void;
}

function wideScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 721px)').matches;
}

/** AC, status and station search, kept in the URL. On a phone they fold into a sheet above the map. */
export function MapFilters({ search, acs, onChange }: MapFiltersProps) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [text, setText] = useState(search.q ?? '');
  // Typing updates the URL a moment after the last key, not on every key.
  useEffect(() => {
    const id = setTimeout(() => {
      if ((search.q ?? '') !== text) onChange({ q: text === '' ? undefined : text });
    }, 250);
    return () => clearTimeout(id);
  }, [text, search.q, onChange]);
  const active = [search.ac, search.status, search.q].filter((v) => v !== undefined).length;
  return (
    <details className="map-filters" open={wideScreen()}>
      <summary>{active > 0 ? t('map.filtersActive', { count: active }) : t('map.filters')}</summary>
      <div className="map-filters-body">
        <label className="field">
          <span>{t('map.filterAc')}</span>
          <select value={search.ac ?? ''} onChange={(e) => onChange({ ac: e.target.value === '' ? undefined : Number(e.target.value) })}>
            <option value="">{t('map.allAcs')}</option>
            {acs.map((ac) => (
              <option key={ac.id} value={ac.id}>
                {ac.number} {localName(ac)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('map.filterStatus')}</span>
          <select value={search.status ?? ''} onChange={(e) => onChange({ status: (e.target.value || undefined) as StationStatus | undefined })}>
            <option value="">{t('map.allStatuses')}</option>
            {STATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`map.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('map.search')}</span>
          <input type="search" value={text} placeholder={t('map.searchHint')} onChange={(e) => setText(e.target.value)} />
        </label>
        {active > 0 && (
          <button type="button" className="secondary" onClick={() => { setText(''); onChange({ ac: undefined, status: undefined, q: undefined }); }}>
            {t('map.clearFilters')}
          </button>
        )}
      </div>
    </details>
  );
}
