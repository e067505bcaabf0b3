import { latLngBounds } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/**
 * Brings the chosen stations into view: when a filter or search narrows them (`key` changes),
 * the map fits their extent; a picked station is flown to.
 */
export function FitTo({ points, fitKey, focus }: { points: readonly { lat: number; lon: number }[]; fitKey: string; focus: { lat: number; lon: number } | undefined }) {
  const map = useMap();
  useEffect(() => {
    if (fitKey === '' || points.length === 0) return;
    map.fitBounds(latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])), { padding: [24, 24], maxZoom: 15 });
    // Only a new filter refits: live status changes must not move the map under the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fitKey, map]);
  useEffect(() => {
    if (focus) map.flyTo([focus.lat, focus.lon], Math.max(map.getZoom(), 15));
  }, [focus, map]);
  return null;
}
