import type { RouterOutputs } from '../../lib/trpc';
import { acColour, boundsOf, centroidsBy, convexHull, graticuleLines, graticuleStep, padBounds, type Bounds, type LatLon } from './geo';

/** The map's data as it comes over the wire: locations by column (see the api's location-map.ts). */
export type LocationTree = RouterOutputs['location']['tree'];
type LocationColumns = LocationTree['locations'];

/** One place, decoded from the columns. */
export interface MapLocation {
  readonly id: number;
  readonly code: string;
  readonly kind: LocationColumns['kinds'][number];
  readonly strongroomType: string | null;
  readonly name: string;
  readonly nameHi: string | null;
  readonly acId: number | null;
  readonly parentId: number | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly psNumber: number | null;
  readonly electors: number | null;
  readonly unitCount: number;
}
export type Located = MapLocation & { lat: number; lon: number };

export type Ac = LocationTree['acs'][number];

export interface AcSummary extends Ac {
  readonly colour: string;
  readonly pollingStations: number;
  readonly electors: number;
  readonly units: number;
  readonly centroid: { lat: number; lon: number } | null;
  /** The AC's area drawn without tiles: the convex hull of its polling stations. */
  readonly area: readonly LatLon[];
}

export interface MapModel {
  readonly extent: Bounds;
  readonly gridBounds: Bounds;
  readonly latitudes: readonly number[];
  readonly longitudes: readonly number[];
  readonly pollingStations: readonly Located[];
  readonly facilities: readonly Located[];
  readonly acs: readonly AcSummary[];
  readonly colourOfAc: (acId: number | null) => string;
  /** Places not drawn: vehicles, factories outside the district, places without coordinates. */
  readonly notDrawn: number;
}

const NO_AC_COLOUR = '#5b6770';
/** Shown only when a district has no coordinates at all. */
const INDIA: Bounds = { south: 8, west: 68, north: 36, east: 97 };

function isLocated(l: MapLocation): l is Located {
  return l.lat !== null && l.lon !== null;
}

/** Undoes the api's front coding: entry i repeats the first `shared[i]` characters of entry i-1. */
function frontDecode(rests: ReadonlyArray<string | null>, shared: readonly number[]): Array<string | null> {
  let previous = '';
  return rests.map((rest, i) => {
    if (rest === null) return null;
    previous = previous.slice(0, shared[i] ?? 0) + rest;
    return previous;
  });
}

/** The places of the wire's columns, one object each (entry i of every column is place i). */
export function decodeLocations(columns: LocationColumns): MapLocation[] {
  const codes = frontDecode(columns.code, columns.codeShared);
  const names = frontDecode(columns.name, columns.nameShared);
  const namesHi = frontDecode(columns.nameHi, columns.nameHiShared);
  return columns.id.map((id, i) => {
    const kind = columns.kinds[columns.kind[i] ?? -1];
    if (kind === undefined) throw new Error(`Location ${id} has no kind in the map data`);
    const type = columns.strongroomType[i];
    return {
      id,
      code: codes[i] ?? '',
      kind,
      strongroomType: type == null ? null : (columns.strongroomTypes[type] ?? null),
      name: names[i] ?? '',
      nameHi: namesHi[i] ?? null,
      acId: columns.acId[i] ?? null,
      parentId: columns.parentId[i] ?? null,
      lat: columns.lat[i] ?? null,
      lon: columns.lon[i] ?? null,
      psNumber: columns.psNumber[i] ?? null,
      electors: columns.electors[i] ?? null,
      unitCount: columns.unitCount[i] ?? 0,
    };
  });
}

/** Everything the map page draws, derived once from the location tree. */
export function buildMapModel(tree: LocationTree): MapModel {
  const locations = decodeLocations(tree.locations);
  // Vehicles move and factories lie in other states: neither belongs on the district's map.
  const located = locations.filter(isLocated).filter((l) => l.kind !== 'vehicle' && l.kind !== 'manufacturer');
  const pollingStations = located.filter((l) => l.kind === 'polling_station');
  const facilities = located.filter((l) => l.kind !== 'polling_station');
  const sortedAcs = [...tree.acs].sort((a, b) => a.number - b.number);
  const colours = new Map(sortedAcs.map((ac, i) => [ac.id, acColour(i)]));
  const colourOfAc = (acId: number | null) => (acId === null ? NO_AC_COLOUR : (colours.get(acId) ?? NO_AC_COLOUR));

  const centroids = centroidsBy(pollingStations.filter((p) => p.acId !== null).map((p) => ({ key: p.acId, lat: p.lat, lon: p.lon })));
  const totals = new Map<number, { ps: number; electors: number; units: number }>();
  for (const l of locations) {
    if (l.acId === null) continue;
    const t = totals.get(l.acId) ?? { ps: 0, electors: 0, units: 0 };
    if (l.kind === 'polling_station') t.ps += 1;
    t.electors += l.electors ?? 0;
    t.units += l.unitCount;
    totals.set(l.acId, t);
  }
  const stationsOfAc = new Map<number, LatLon[]>();
  for (const p of pollingStations) {
    if (p.acId === null) continue;
    const list = stationsOfAc.get(p.acId) ?? [];
    list.push({ lat: p.lat, lon: p.lon });
    stationsOfAc.set(p.acId, list);
  }
  const acs = sortedAcs.map((ac) => {
    const t = totals.get(ac.id);
    const c = centroids.get(ac.id);
    return {
      ...ac,
      colour: colourOfAc(ac.id),
      pollingStations: t?.ps ?? 0,
      electors: t?.electors ?? 0,
      units: t?.units ?? 0,
      centroid: c ? { lat: c.lat, lon: c.lon } : null,
      area: convexHull(stationsOfAc.get(ac.id) ?? []),
    };
  });

  const { lat, lon } = tree.district;
  const centre = lat !== null && lon !== null ? [{ lat, lon }] : [];
  const extent = boundsOf([...centre, ...located]) ?? INDIA;
  const gridBounds = padBounds(extent, 0.08, 0.05);
  const grid = graticuleLines(gridBounds, graticuleStep(gridBounds));
  return {
    extent,
    gridBounds,
    latitudes: grid.lat,
    longitudes: grid.lon,
    pollingStations,
    facilities,
    acs,
    colourOfAc,
    notDrawn: locations.length - located.length,
  };
}
