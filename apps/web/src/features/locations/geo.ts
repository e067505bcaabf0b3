/** Small, pure geometry for the district map (degrees; the map is a few tens of km across). */

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export interface Bounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** The smallest box holding every point, or null when there are none. */
export function boundsOf(points: Iterable<LatLon>): Bounds | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const p of points) {
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
  }
  return south === Infinity ? null : { south, west, north, east };
}

/** Grows a box by a fraction of its size on every side (at least `minDeg`). */
export function padBounds(b: Bounds, fraction: number, minDeg = 0.01): Bounds {
  const dLat = Math.max((b.north - b.south) * fraction, minDeg);
  const dLon = Math.max((b.east - b.west) * fraction, minDeg);
  return { south: b.south - dLat, west: b.west - dLon, north: b.north + dLat, east: b.east + dLon };
}

const NICE_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10];

/** A round grid step giving roughly `target` lines across the larger side of the box. */
export function graticuleStep(b: Bounds, target = 6): number {
  const span = Math.max(b.north - b.south, b.east - b.west);
  const raw = span / target;
  return NICE_STEPS.find((s) => s >= raw) ?? 10;
}

/** The round latitudes (parallels) and longitudes (meridians) inside the box. */
export function graticuleLines(b: Bounds, step: number): { lat: number[]; lon: number[] } {
  const lat: number[] = [];
  const lon: number[] = [];
  const round = (x: number) => Math.round(x / step) * step;
  for (let y = Math.ceil(b.south / step) * step; y <= b.north + 1e-9; y += step) lat.push(Number(round(y).toFixed(6)));
  for (let x = Math.ceil(b.west / step) * step; x <= b.east + 1e-9; x += step) lon.push(Number(round(x).toFixed(6)));
  return { lat, lon };
}

/** Mean position of each group's points, with how many points it has. */
export function centroidsBy<K>(items: Iterable<LatLon & { readonly key: K }>): Map<K, LatLon & { count: number }> {
  const acc = new Map<K, { lat: number; lon: number; count: number }>();
  for (const it of items) {
    const a = acc.get(it.key) ?? { lat: 0, lon: 0, count: 0 };
    a.lat += it.lat;
    a.lon += it.lon;
    a.count += 1;
    acc.set(it.key, a);
  }
  const out = new Map<K, LatLon & { count: number }>();
  for (const [k, a] of acc) out.set(k, { lat: a.lat / a.count, lon: a.lon / a.count, count: a.count });
  return out;
}

/** Distinct colours for any number of ACs: hues spaced by the golden angle, dark enough for text. */
export function acColour(index: number): string {
  const hue = Math.round((index * 137.508 + 210) % 360);
  return `hsl(${hue} 70% 38%)`;
}

/** Formats a coordinate for a graticule label, e.g. 18.5°N, 73.85°E. */
export function formatDegrees(value: number, axis: 'lat' | 'lon'): string {
  const hemi = axis === 'lat' ? (value >= 0 ? 'N' : 'S') : value >= 0 ? 'E' : 'W';
  return `${Number(Math.abs(value).toFixed(2))}°${hemi}`;
}

function cross(o: LatLon, a: LatLon, b: LatLon): number {
  return (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon);
}

/**
 * The convex hull of the points (Andrew's monotone chain), counter-clockwise, without repeating
 * the first point. Fewer than three distinct points give what there is. An AC drawn without
 * uploaded boundaries is the hull of its stations.
 */
export function convexHull(points: readonly LatLon[]): LatLon[] {
  const sorted = [...points].sort((a, b) => a.lon - b.lon || a.lat - b.lat);
  const unique = sorted.filter((p, i) => i === 0 || p.lon !== sorted[i - 1]?.lon || p.lat !== sorted[i - 1]?.lat);
  if (unique.length < 3) return unique;
  const lower: LatLon[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as LatLon, lower[lower.length - 1] as LatLon, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: LatLon[] = [];
  for (const p of [...unique].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2] as LatLon, upper[upper.length - 1] as LatLon, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}
