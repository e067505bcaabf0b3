import type { StationStatus } from '@evmtrail/shared';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, stateLabel } from '../../lib/labels';
import { useLocalName } from '../../lib/use-local-name';
import type { Located } from '../locations/map-model';
import { useUnitList } from '../units/use-unit-list';
import { STATUS_COLOURS } from './station-statuses';

/** The station a click picked: its status, its set's units (each linking to its page and timeline). */
export function StationPanel({ districtId, station, status, version, onClose }: { districtId: number; station: Located; status: StationStatus; version: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const { list, items } = useUnitList({ districtId, locationId: station.id });
  const { refetch } = list;
  // The units' states change with the statuses: read them again when the log grows.
  useEffect(() => {
    if (version !== undefined) void refetch();
  }, [version, refetch]);
  return (
    <section className="station-panel" aria-labelledby="station-panel-title">
      <div className="station-panel-head">
        <h2 id="station-panel-title">
          <span className="mono">{station.code}</span> {localName(station)}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('map.closePanel')}
        </button>
      </div>
      <p>
        <span className="status-dot" style={{ background: STATUS_COLOURS[status] }} aria-hidden="true" />{' '}
        <strong>{t(`map.status.${status}`)}</strong>
        {station.psNumber !== null && <> · {t('map.psNumber', { n: station.psNumber })}</>}
        {station.electors !== null && <> · {t('map.electors', { n: formatCount(station.electors) })}</>}
      </p>
      {list.isPending ? null : items.length === 0 ? (
        <p>{t('map.noSetYet')}</p>
      ) : (
        <ul className="station-units">
          {items.map((u) => (
            <li key={u.serial}>
              <Link to="/units/$serial" params={{ serial: u.serial }}>
                <span className="mono">{u.serial}</span>
              </Link>{' '}
              {u.kind} · {stateLabel(t, u.state)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/locations/$districtId/$locationId" params={{ districtId, locationId: station.id }}>
          {t('map.openStation')}
        </Link>
      </p>
    </section>
  );
}
