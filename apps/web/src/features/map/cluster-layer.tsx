import { divIcon, type Map as LeafletMap } from 'leaflet';
import { useMemo, useState, type ReactNode } from 'react';
import { CircleMarker, Marker, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import Supercluster from 'supercluster';
import { escapeHtml } from './html';

export interface ClusterPoint<P> {
  readonly id: number;
  readonly lat: number;
  readonly lon: number;
  readonly colour: string;
  /** Clusters take the colour of the group most of their points belong to (e.g. the AC). */
  readonly group: string;
  readonly data: P;
}

interface ClusterLayerProps<P> {
  readonly points: readonly ClusterPoint<P>[];
  /** Tooltip body for one point. */
  readonly renderPoint: (point: ClusterPoint<P>) => ReactNode;
  /** Tooltip text for a cluster of `count` points. */
  readonly clusterLabel: (count: number) => string;
  readonly colourOfGroup: (group: string) => string;
  /** Called when a single point is clicked (e.g. to open the station's panel). */
  readonly onPointClick?: (point: ClusterPoint<P>) => void;
}

interface View {
  readonly bbox: [number, number, number, number];
  readonly zoom: number;
}

function readView(map: LeafletMap): View {
  const b = map.getBounds();
  return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: Math.round(map.getZoom()) };
}

const icons = new Map<string, ReturnType<typeof divIcon>>();

function clusterIcon(count: number, colour: string) {
  const key = `${count}|${colour}`;
  let icon = icons.get(key);
  if (!icon) {
    const size = Math.round(22 + 8 * Math.log10(count));
    icon = divIcon({ className: 'cluster-icon', html: `<span style="background:${escapeHtml(colour)}">${count}</span>`, iconSize: [size, size] });
    icons.set(key, icon);
  }
  return icon;
}

const GROUP = 'g:';
type GroupCounts = Record<string, number>;

/** The group with the most points in a cluster's properties. */
function dominantGroup(props: GroupCounts): string {
  let best = '';
  let most = -1;
  for (const [k, n] of Object.entries(props)) {
    if (k.startsWith(GROUP) && typeof n === 'number' && n > most) {
      best = k.slice(GROUP.length);
      most = n;
    }
  }
  return best;
}

/**
 * Clusters many points with supercluster, recomputing only the clusters inside the current
 * view at the current zoom. Clusters are numbered circles that zoom in on click; single points
 * are canvas circle markers.
 */
export function ClusterLayer<P>({ points, renderPoint, clusterLabel, colourOfGroup, onPointClick }: ClusterLayerProps<P>) {
  const map = useMap();
  const [view, setView] = useState(() => readView(map));
  useMapEvents({ moveend: () => setView(readView(map)), zoomend: () => setView(readView(map)) });

  const index = useMemo(() => {
    // Flat `g:<group>` counts: supercluster clones cluster properties shallowly.
    const sc = new Supercluster<{ i: number }, GroupCounts>({
      radius: 50,
      maxZoom: 15,
      map: (p) => ({ [GROUP + (points[p.i]?.group ?? '')]: 1 }),
      reduce: (acc, p) => {
        for (const [k, n] of Object.entries(p)) if (k.startsWith(GROUP)) acc[k] = (acc[k] ?? 0) + n;
      },
    });
    sc.load(points.map((p, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })));
    return sc;
  }, [points]);
  const clusters = useMemo(() => index.getClusters(view.bbox, view.zoom), [index, view]);

  return (
    <>
      {clusters.map((c) => {
        const [lon, lat] = c.geometry.coordinates as [number, number];
        if ('cluster' in c.properties && c.properties.cluster) {
          const id = c.properties.cluster_id;
          const count = c.properties.point_count;
          return (
            <Marker
              key={`c${id}`}
              position={[lat, lon]}
              icon={clusterIcon(count, colourOfGroup(dominantGroup(c.properties)))}
              title={clusterLabel(count)}
              eventHandlers={{ click: () => map.flyTo([lat, lon], Math.min(index.getClusterExpansionZoom(id), 18)) }}
            />
          );
        }
        const p = points[(c.properties as { i: number }).i];
        if (!p) return null;
        return (
          <CircleMarker
            key={`p${p.id}`}
            center={[p.lat, p.lon]}
            radius={6}
            pathOptions={{ color: '#ffffff', weight: 1.5, fillColor: p.colour, fillOpacity: 0.95 }}
            {...(onPointClick && { eventHandlers: { click: () => onPointClick(p) } })}
          >
            <Tooltip>{renderPoint(p)}</Tooltip>
          </CircleMarker>
        );
      })}
    </>
  );
}
