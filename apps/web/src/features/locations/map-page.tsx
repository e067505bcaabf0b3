import 'leaflet/dist/leaflet.css';
import { STATION_STATUSES, type StationStatus } from '@evmtrail/shared';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { Polygon } from 'react-leaflet';
import { DistrictPicker } from '../../components/district-picker';
import { Empty, ErrorAlert, Loading } from '../../components/status';
import { useTRPC } from '../../lib/trpc';
import { useLocalName } from '../../lib/use-local-name';
import { ClusterLayer, type ClusterPoint } from '../map/cluster-layer';
import { DistrictMap } from '../map/district-map';
import { GraticuleLayer } from '../map/graticule-layer';
import { IconMarkers, TextLabels, type IconPoint } from '../map/icon-markers';
import { FitTo } from '../map/fit-to';
import { MapFilters } from '../map/map-filters';
import { StationPanel } from '../map/station-panel';
import { STATUS_COLOURS, statusOf, useStationStatuses } from '../map/station-statuses';
import type { MapSearch } from '../../app/search';
import { AcTable } from './ac-table';
import { formatDegrees } from './geo';
import { LocationTooltip } from './location-tooltip';
import { MapLegend } from './map-legend';
import { buildMapModel, type LocationTree, type Located } from './map-model';

const routeApi = getRouteApi('/map');

export function MapPage() {
  const { t } = useTranslation();
  usePageTitle(t('map.title'));
  const { districtId } = useSession();
  return (
    <section aria-labelledby="map-title">
      <div className="page-head">
        <h1 id="map-title">{t('map.title')}</h1>
        <DistrictPicker />
      </div>
      {districtId === null ? <Empty>{t('district.pickFirst')}</Empty> : <MapBody districtId={districtId} />}
    </section>
  );
}

function MapBody({ districtId }: { districtId: number }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.location.tree.queryOptions({ districtId }));
  if (tree.isPending) return <Loading />;
  if (tree.isError) return <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />;
  return <LoadedMap tree={tree.data} districtId={districtId} />;
}

/** Halls and centres crowd the district view; they appear once the user zooms in. */
const HALLS_FROM_ZOOM = 11;
/** Below this zoom an AC label is just its number. */
const AC_NAMES_FROM_ZOOM = 11;

function shapeClass(l: Located): string {
  if (l.kind === 'warehouse') return 'shape-warehouse';
  if (l.kind === 'strongroom') return 'shape-strongroom';
  return 'shape-other';
}

/** A station matches the search by its number, its code or its name (either script). */
function matchesSearch(l: Located, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === '') return true;
  if (/^\d+$/.test(needle)) return l.psNumber === Number(needle);
  return l.code.toLowerCase().includes(needle) || l.name.toLowerCase().includes(needle) || (l.nameHi ?? '').includes(needle);
}

function LoadedMap({ tree, districtId }: { tree: LocationTree; districtId: number }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const onFilter = useCallback(
    (patch: Partial<MapSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true }),
    [navigate],
  );
  const model = useMemo(() => buildMapModel(tree), [tree]);
  const live = useStationStatuses(districtId);
  const byId = live.data?.byId;
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const shown = useMemo(
    () =>
      model.pollingStations.filter(
        (l) =>
          (search.ac === undefined || l.acId === search.ac) &&
          (search.status === undefined || (byId?.get(l.id) ?? 'no_set') === search.status) &&
          (search.q === undefined || matchesSearch(l, search.q)),
      ),
    [model, byId, search.ac, search.status, search.q],
  );
  const points = useMemo<ClusterPoint<Located>[]>(
    () =>
      shown.map((l) => {
        const status = byId?.get(l.id) ?? 'no_set';
        return { id: l.id, lat: l.lat, lon: l.lon, colour: STATUS_COLOURS[status], group: status, data: l };
      }),
    [shown, byId],
  );
  const counts = useMemo(() => {
    const out = Object.fromEntries(STATION_STATUSES.map((s) => [s, 0])) as Record<StationStatus, number>;
    for (const l of shown) out[byId?.get(l.id) ?? 'no_set'] += 1;
    return out;
  }, [shown, byId]);
  const selected = selectedId === null ? undefined : model.pollingStations.find((l) => l.id === selectedId);
  const facilities = useMemo<IconPoint[]>(
    () =>
      model.facilities.map((l) => ({
        key: String(l.id),
        lat: l.lat,
        lon: l.lon,
        shapeClass: shapeClass(l),
        title: `${l.code} ${localName(l)}`,
        tooltip: <LocationTooltip location={l} />,
        ...(l.kind !== 'warehouse' && l.kind !== 'strongroom' && { minZoom: HALLS_FROM_ZOOM }),
      })),
    [model, localName],
  );
  const acLabels = useMemo(
    () =>
      model.acs.flatMap((ac) =>
        ac.centroid
          ? [{ key: String(ac.id), ...ac.centroid, text: `${ac.number} ${localName(ac)}`, shortText: t('map.acShort', { n: ac.number }), colour: ac.colour }]
          : [],
      ),
    [model, localName, t],
  );
  const districtName = localName(tree.district);

  return (
    <>
      <p className="page-sub">
        {t('map.summary', { district: districtName, ps: model.pollingStations.length, facilities: model.facilities.length })}
        {model.notDrawn > 0 && ` ${t('map.notDrawn', { count: model.notDrawn })}`}
      </p>
      <MapFilters search={search} acs={model.acs} onChange={onFilter} />
      <p className="map-live" data-version={live.data?.version}>
        {t('map.shown', { count: shown.length })}{' '}
        {live.isError ? t('map.liveLost') : live.data ? t('map.live', { time: new Date(live.data.checkedAt).toLocaleTimeString() }) : ''}
      </p>
      {search.q !== undefined && search.q.trim() !== '' && (
        <ul className="map-results" aria-label={t('map.results')}>
          {shown.slice(0, 8).map((l) => (
            <li key={l.id}>
              <button type="button" className="button-link" onClick={() => setSelectedId(l.id)}>
                <span className="mono">{l.code}</span> {localName(l)}
              </button>{' '}
              <span className="status-dot" style={{ background: STATUS_COLOURS[statusOf(live.data, l.id)] }} aria-hidden="true" />{' '}
              <span data-testid={`status-${l.code}`}>{t(`map.status.${statusOf(live.data, l.id)}`)}</span>
            </li>
          ))}
          {shown.length === 0 && <li>{t('map.noMatch')}</li>}
        </ul>
      )}
      <div className="map-frame">
        <DistrictMap bounds={model.extent} label={t('map.ariaLabel', { district: districtName })}>
          <GraticuleLayer
            bounds={model.gridBounds}
            latitudes={model.latitudes}
            longitudes={model.longitudes}
            format={formatDegrees}
            extent={model.extent}
          />
          {model.acs.map(
            (ac) =>
              ac.area.length >= 3 && (
                <Polygon
                  key={ac.id}
                  positions={ac.area.map((p) => [p.lat, p.lon] as [number, number])}
                  interactive={false}
                  pathOptions={{ color: ac.colour, weight: search.ac === ac.id ? 2.5 : 1.2, fillColor: ac.colour, fillOpacity: search.ac === ac.id ? 0.12 : 0.05 }}
                />
              ),
          )}
          <ClusterLayer
            points={points}
            renderPoint={(p) => <LocationTooltip location={p.data} />}
            clusterLabel={(count) => t('map.cluster', { count })}
            colourOfGroup={(g) => STATUS_COLOURS[(STATION_STATUSES as readonly string[]).includes(g) ? (g as StationStatus) : 'no_set']}
            onPointClick={(p) => setSelectedId(p.id)}
          />
          <FitTo
            points={shown}
            fitKey={search.ac === undefined && search.status === undefined && search.q === undefined ? '' : `${search.ac}|${search.status}|${search.q}`}
            focus={selected}
          />
          <TextLabels labels={acLabels} fullFromZoom={AC_NAMES_FROM_ZOOM} />
          <IconMarkers points={facilities} />
        </DistrictMap>
        <MapLegend counts={counts} />
      </div>
      {selected && <StationPanel districtId={districtId} station={selected} status={statusOf(live.data, selected.id)} version={live.data?.version} onClose={() => setSelectedId(null)} />}
      {model.pollingStations.length === 0 && <Empty>{t('map.noPollingStations')}</Empty>}
      <AcTable acs={model.acs} />
    </>
  );
}
