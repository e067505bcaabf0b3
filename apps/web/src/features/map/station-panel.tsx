import type { StationStatus } from '@evmtrail/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, stateLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { useLocalName } from '../../lib/use-local-name';
import type { Located } from '../locations/map-model';
import { useUnitList } from '../units/use-unit-list';
import { STATUS_COLOURS } from './station-statuses';

/** The station a click picked: its status, its set's units (each linking to its page and timeline). */
export function StationPanel({ districtId, station, status, version, onClose }: { districtId: number; station: Located; status: StationStatus; version: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const { list, items } = useUnitList({ districtId, locationId: station.id });
  const trpc = useTRPC();
  const setQuery = useQuery(trpc.sets.byStation.queryOptions({ districtId, stationId: station.id }));
  const set = setQuery.data?.set ?? null;
  const { refetch } = list;
  const { refetch: refetchSet } = setQuery;
  // The units' states change with the statuses: read them again when the log grows.
  useEffect(() => {
    if (version !== undefined) {
      void refetch();
      void refetchSet();
    }
  }, [version, refetch, refetchSet]);
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
      {set && (
        <div className="station-set" data-testid="station-set">
          <p>
            <strong>{set.code}</strong> · {t(`sets.status.${set.status}`)}{set.version > 1 ? ` · ${t('sets.version', { n: set.version })}` : ''}
            {set.issue && <> · {t('sets.issuedTo', { party: set.issue.partyId, vehicle: set.issue.vehicleId, route: set.issue.routeCode })}</>}
          </p>
          <ul className="station-units">
            {set.members.map((m) => (
              <li key={m.serial}>
                <Link to="/units/$serial" params={{ serial: m.serial }}>
                  <span className="mono">{m.serial}</span>
                </Link>{' '}
                {m.kind} · {stateLabel(t, m.state)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {list.isPending ? null : items.length === 0 ? (
        set ? null : <p>{t('map.noSetYet')}</p>
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
