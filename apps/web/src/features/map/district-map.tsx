import type { LatLngBoundsExpression } from 'leaflet';
import type { ReactNode } from 'react';
import { MapContainer, ScaleControl, TileLayer } from 'react-leaflet';

export interface MapBounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

export function toLeafletBounds(b: MapBounds): LatLngBoundsExpression {
  return [
    [b.south, b.west],
    [b.north, b.east],
  ];
}

/** On wide screens the legend floats over the map's right side: keep the district clear of it. */
function legendPadding() {
  const wide = typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 721px)').matches;
  return { paddingTopLeft: [12, 12] as [number, number], paddingBottomRight: [wide ? 230 : 12, 12] as [number, number] };
}

/**
 * The map frame. Tiles come only from VITE_TILE_URL (a self-hosted server); without it the map
 * draws no tile layer at all and relies on the vector layers its children add. Canvas rendering
 * keeps thousands of circle markers fast.
 */
export function DistrictMap({ bounds, label, children }: { bounds: MapBounds; label: string; children: ReactNode }) {
  const tileUrl = import.meta.env.VITE_TILE_URL;
  // MapContainer hands unknown props to Leaflet, not to its element: name the map from outside.
  return (
    <div role="region" aria-label={label}>
      <MapContainer
        bounds={toLeafletBounds(bounds)}
        boundsOptions={legendPadding()}
        preferCanvas
        zoomSnap={0.5}
        className="district-map"
        attributionControl={Boolean(tileUrl)}
      >
        {tileUrl && <TileLayer url={tileUrl} attribution={import.meta.env.VITE_TILE_ATTRIBUTION ?? ''} />}
        <ScaleControl position="bottomleft" imperial={false} />
        {children}
      </MapContainer>
    </div>
  );
}
