import 'leaflet/dist/leaflet.css';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useSession } from '../../app/session';
import { DistrictPicker } from '../../components/district-picker';
import { Empty, ErrorAlert, Loading } from '../../components/status';
import { useTRPC } from '../../lib/trpc';
import { useLocalName } from '../../lib/use-local-name';
import { ClusterLayer, type ClusterPoint } from '../map/cluster-layer';
import { DistrictMap } from '../map/district-map';
import { GraticuleLayer } from '../map/graticule-layer';
import { IconMarkers, TextLabels, type IconPoint } from '../map/icon-markers';
import { AcTable } from './ac-table';
import { formatDegrees } from './geo';
import { LocationTooltip } from './location-tooltip';
import { MapLegend } from './map-legend';
import { buildMapModel, type LocationTree, type Located } from './map-model';

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
  return <LoadedMap tree={tree.data} />;
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

function LoadedMap({ tree }: { tree: LocationTree }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const model = useMemo(() => buildMapModel(tree), [tree]);
  const points = useMemo<ClusterPoint<Located>[]>(
    () =>
      model.pollingStations.map((l) => ({ id: l.id, lat: l.lat, lon: l.lon, colour: model.colourOfAc(l.acId), group: String(l.acId ?? ''), data: l })),
    [model],
  );
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
      <div className="map-frame">
        <DistrictMap bounds={model.extent} label={t('map.ariaLabel', { district: districtName })}>
          <GraticuleLayer
            bounds={model.gridBounds}
            latitudes={model.latitudes}
            longitudes={model.longitudes}
            format={formatDegrees}
            extent={model.extent}
          />
          <ClusterLayer
            points={points}
            renderPoint={(p) => <LocationTooltip location={p.data} />}
            clusterLabel={(count) => t('map.cluster', { count })}
            colourOfGroup={(g) => model.colourOfAc(g === '' ? null : Number(g))}
          />
          <TextLabels labels={acLabels} fullFromZoom={AC_NAMES_FROM_ZOOM} />
          <IconMarkers points={facilities} />
        </DistrictMap>
        <MapLegend />
      </div>
      {model.pollingStations.length === 0 && <Empty>{t('map.noPollingStations')}</Empty>}
      <AcTable acs={model.acs} />
    </>
  );
}
