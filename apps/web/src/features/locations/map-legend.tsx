import { STATION_STATUSES, type StationStatus } from '@evmtrail/shared';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/labels';
import { STATUS_COLOURS } from '../map/station-statuses';

export function MapLegend({ counts }: { counts: Readonly<Record<StationStatus, number>> }) {
  const { t } = useTranslation();
  return (
    <ul className="map-legend" aria-label={t('map.legend')}>
      <li>
        <span className="legend-shape" aria-hidden="true">
          <span className="shape shape-warehouse" />
        </span>
        {t('locationKinds.warehouse')}
      </li>
      <li>
        <span className="legend-shape" aria-hidden="true">
          <span className="shape shape-strongroom" />
        </span>
        {t('locationKinds.strongroom')}
      </li>
      <li>
        <span className="legend-shape" aria-hidden="true">
          <span className="shape shape-other" />
        </span>
        {t('map.otherFacility')}
      </li>
      {STATION_STATUSES.map((s) => (
        <li key={s}>
          <span className="legend-shape" aria-hidden="true">
            <span className="status-dot" style={{ background: STATUS_COLOURS[s] }} />
          </span>
          <span>
            {t(`map.status.${s}`)}: <span className="legend-count">{formatCount(counts[s])}</span>
          </span>
        </li>
      ))}
      <li>
        <span className="legend-shape legend-cluster" aria-hidden="true">
          12
        </span>
        {t('map.clusterLegend')}
      </li>
      <li>
        <span className="legend-shape legend-area" aria-hidden="true" />
        {t('map.acArea')}
      </li>
      <li>
        <span className="legend-shape legend-extent" aria-hidden="true" />
        {t('map.extent')}
      </li>
    </ul>
  );
}
