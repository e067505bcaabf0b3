import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitsSearch } from '../../app/search';
import { kindLabel, stateLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { decodeLocations } from '../locations/map-model';
import { useLocalName } from '../../lib/use-local-name';
import { UNIT_KIND_ORDER, UNIT_STATE_ORDER } from '../../lib/unit-states';

type Patch = Partial<Pick<UnitsSearch, 'kind' | 'state' | 'acId' | 'locationId'>>;

interface UnitsFiltersProps {
  readonly search: UnitsSearch;
  readonly districtId: number | null;
  readonly onChange: (patch: Patch) => void;
}

function numberOrUndefined(value: string): number | undefined {
  return value === '' ? undefined : Number(value);
}

/** Kind, state, AC and location filters; AC and location need a district to choose from. */
export function UnitsFilters({ search, districtId, onChange }: UnitsFiltersProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const localName = useLocalName();
  // The district's places are a large answer: fetch them when a place filter is in use or touched.
  const [wanted, setWanted] = useState(search.acId !== undefined || search.locationId !== undefined);
  const tree = useQuery({
    ...trpc.location.tree.queryOptions({ districtId: (districtId ?? 0) }),
    enabled: districtId !== null && wanted,
  });
  const want = () => setWanted(true);
  const locations = (tree.data ? decodeLocations(tree.data.locations) : []).filter((l) => search.acId === undefined || l.acId === search.acId);
  return (
    <>
      <label className="field">
        <span>{t('units.filterKind')}</span>
        <select value={search.kind ?? ''} onChange={(e) => onChange({ kind: (e.target.value || undefined) as Patch['kind'] })}>
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
        <select value={search.state ?? ''} onChange={(e) => onChange({ state: (e.target.value || undefined) as Patch['state'] })}>
          <option value="">{t('common.all')}</option>
          {UNIT_STATE_ORDER.map((s) => (
            <option key={s} value={s}>
              {stateLabel(t, s)}
            </option>
          ))}
        </select>
      </label>
      {districtId !== null && (
        <>
          <label className="field">
            <span>{t('units.filterAc')}</span>
            <select
              onFocus={want}
              onPointerDown={want}
              value={search.acId ?? ''}
              onChange={(e) => onChange({ acId: numberOrUndefined(e.target.value), locationId: undefined })}
            >
              <option value="">{t('common.all')}</option>
              {!tree.data && search.acId !== undefined && <option value={search.acId}>#{search.acId}</option>}
              {(tree.data?.acs ?? []).map((ac) => (
                <option key={ac.id} value={ac.id}>
                  {ac.number} · {localName(ac)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('units.filterLocation')}</span>
            <select onFocus={want} onPointerDown={want} value={search.locationId ?? ''} onChange={(e) => onChange({ locationId: numberOrUndefined(e.target.value) })}>
              <option value="">{t('common.all')}</option>
              {!tree.data && search.locationId !== undefined && <option value={search.locationId}>#{search.locationId}</option>}
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.code} · {localName(l)}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </>
  );
}
