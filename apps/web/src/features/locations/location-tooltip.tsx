import { useTranslation } from 'react-i18next';
import { formatCount, locationKindLabel } from '../../lib/labels';
import { useLocalName } from '../../lib/use-local-name';
import type { MapLocation } from './map-model';

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
