import { useTranslation } from 'react-i18next';

export function MapLegend() {
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
      <li>
        <span className="legend-shape legend-ps" aria-hidden="true" />
        {t('map.psByAc')}
      </li>
      <li>
        <span className="legend-shape legend-cluster" aria-hidden="true">
          12
        </span>
        {t('map.clusterLegend')}
      </li>
      <li>
        <span className="legend-shape legend-extent" aria-hidden="true" />
        {t('map.extent')}
      </li>
    </ul>
  );
}
