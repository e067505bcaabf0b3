import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, locationKindLabel } from '../../lib/labels';
import type { MapLocation } from './map-model';

/** Picks the Hindi name when Hindi is on and the place has one. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const hindi = i18n.language === 'hi';
  return useCallback((x: { name: string; nameHi?: string | null }) => (hindi && x.nameHi ? x.nameHi : x.name), [hindi]);
}

export function LocationTooltip({ location: l }: { location: MapLocation }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const kind = locationKindLabel(t, l.kind) + (l.strongroomType ? ` (${l.strongroomType.replace(/_/g, ' ')})` : '');
  return (
    <div className="loc-tip">
      <strong>
        <span className="mono">{l.code}</span> {localName(l)}
      </strong>
      <div>{kind}</div>
      {l.psNumber !== null && <div>{t('map.psNumber', { n: l.psNumber })}</div>}
      {l.electors !== null && <div>{t('map.electors', { n: formatCount(l.electors) })}</div>}
      <div>{t('map.units', { n: formatCount(l.unitCount) })}</div>
    </div>
  );
}
