import { divIcon, type Map as LeafletMap } from 'leaflet';
import { useMemo, useState } from 'react';
import { Marker, Polyline, Rectangle, useMap, useMapEvents } from 'react-leaflet';
import type { MapBounds } from './district-map';
import { toLeafletBounds } from './district-map';
import { escapeHtml } from './html';

export interface GraticuleProps {
  /** The area the grid covers. */
  readonly bounds: MapBounds;
  readonly latitudes: readonly number[];
  readonly longitudes: readonly number[];
  readonly format: (value: number, axis: 'lat' | 'lon') => string;
  /** Dashed outline of the district's extent. */
  readonly extent: MapBounds | null;
}

const GRID = { color: '#8896a4', weight: 1, opacity: 0.45, interactive: false } as const;
const EXTENT = { color: '#3c4a57', weight: 1.5, dashArray: '6 5', fill: false, interactive: false } as const;

function labelIcon(text: string, className: string) {
  return divIcon({ className: 'grid-label', html: `<span class="${className}">${escapeHtml(text)}</span>`, iconSize: [0, 0] });
}

/** Where the degree labels sit: the left and bottom edges of what is on screen, inside the grid. */
function labelEdges(map: LeafletMap, grid: MapBounds): { west: number; south: number } {
  const view = map.getBounds();
  return { west: Math.max(view.getWest(), grid.west), south: Math.max(view.getSouth(), grid.south) };
}

/** Faint parallels and meridians with degree labels, so the map reads without tiles. */
export function GraticuleLayer({ bounds, latitudes, longitudes, format, extent }: GraticuleProps) {
  const map = useMap();
  const [edges, setEdges] = useState(() => labelEdges(map, bounds));
  useMapEvents({ moveend: () => setEdges(labelEdges(map, bounds)) });
  const icons = useMemo(
    () => ({
      lat: latitudes.map((lat) => ({ lat, icon: labelIcon(format(lat, 'lat'), 'grid-label-lat') })),
      lon: longitudes.map((lon) => ({ lon, icon: labelIcon(format(lon, 'lon'), 'grid-label-lon') })),
    }),
    [latitudes, longitudes, format],
  );
  const labels = [
    ...icons.lat.map(({ lat, icon }) => ({ key: `lat${lat}`, pos: [lat, edges.west] as [number, number], icon })),
    ...icons.lon.map(({ lon, icon }) => ({ key: `lon${lon}`, pos: [edges.south, lon] as [number, number], icon })),
  ];
  return (
    <>
      {latitudes.map((lat) => (
        <Polyline key={`p${lat}`} positions={[[lat, bounds.west], [lat, bounds.east]]} pathOptions={GRID} />
      ))}
      {longitudes.map((lon) => (
        <Polyline key={`m${lon}`} positions={[[bounds.south, lon], [bounds.north, lon]]} pathOptions={GRID} />
      ))}
      {labels.map((l) => (
        <Marker key={l.key} position={l.pos} icon={l.icon} interactive={false} keyboard={false} />
      ))}
      {extent && <Rectangle bounds={toLeafletBounds(extent)} pathOptions={EXTENT} />}
    </>
  );
}
