import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/labels';
import { useLocalName } from '../../lib/use-local-name';
import type { AcSummary } from './map-model';

/** The same places as the map, as numbers: one row per assembly constituency. */
export function AcTable({ acs }: { acs: readonly AcSummary[] }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  if (acs.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="data-table numeric-table">
        <caption>{t('map.acTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('map.ac')}</th>
            <th scope="col">{t('map.pollingStations')}</th>
            <th scope="col">{t('map.electorsCol')}</th>
            <th scope="col">{t('map.unitsCol')}</th>
          </tr>
        </thead>
        <tbody>
          {acs.map((ac) => (
            <tr key={ac.id}>
              <th scope="row">
                <span className="swatch swatch-round" style={{ background: ac.colour }} aria-hidden="true" />
                {ac.number} · {localName(ac)}
              </th>
              <td>{formatCount(ac.pollingStations)}</td>
              <td>{formatCount(ac.electors)}</td>
              <td>{formatCount(ac.units)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
