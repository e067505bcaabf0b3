import { divIcon } from 'leaflet';
import { useMemo, type ReactNode } from 'react';
import { Marker, Tooltip } from 'react-leaflet';
import { escapeHtml } from './html';
import { useZoom } from './use-zoom';

export interface IconPoint {
  readonly key: string;
  readonly lat: number;
  readonly lon: number;
  /** CSS class of the shape, e.g. `shape-warehouse` (drawn on an inner element: Leaflet owns the outer one's transform). */
  readonly shapeClass: string;
  readonly title: string;
  readonly tooltip: ReactNode;
  /** Hidden below this zoom (default: always shown). */
  readonly minZoom?: number;
}

const SIZE = 14;

/** Markers drawn as CSS shapes (no image icons), each with a tooltip. */
export function IconMarkers({ points }: { points: readonly IconPoint[] }) {
  const zoom = useZoom();
  const withIcons = useMemo(
    () => points.map((p) => ({ ...p, icon: divIcon({ className: 'facility', html: `<span class="shape ${escapeHtml(p.shapeClass)}"></span>`, iconSize: [SIZE, SIZE] }) })),
    [points],
  );
  return (
    <>
      {withIcons
        .filter((p) => p.minZoom === undefined || zoom >= p.minZoom)
        .map((p) => (
          <Marker key={p.key} position={[p.lat, p.lon]} icon={p.icon} title={p.title} alt={p.title} zIndexOffset={1000}>
            <Tooltip>{p.tooltip}</Tooltip>
          </Marker>
        ))}
    </>
  );
}

export interface TextLabel {
  readonly key: string;
  readonly lat: number;
  readonly lon: number;
  readonly text: string;
  /** Shown instead of `text` when zoomed out below `fullFromZoom`. */
  readonly shortText: string;
  readonly colour: string;
}

function labelIcon(text: string, colour: string) {
  return divIcon({ className: 'map-text-label', iconSize: [0, 0], html: `<span style="color:${escapeHtml(colour)}">${escapeHtml(text)}</span>` });
}

/** Non-interactive text labels centred on a point (e.g. AC names at their centroids). */
export function TextLabels({ labels, fullFromZoom }: { labels: readonly TextLabel[]; fullFromZoom: number }) {
  const full = useZoom() >= fullFromZoom;
  const icons = useMemo(() => labels.map((l) => ({ ...l, icon: labelIcon(full ? l.text : l.shortText, l.colour) })), [labels, full]);
  return (
    <>
      {icons.map((l) => (
        <Marker key={l.key} position={[l.lat, l.lon]} icon={l.icon} interactive={false} keyboard={false} zIndexOffset={500} />
      ))}
    </>
  );
}
