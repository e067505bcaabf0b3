import { describe, expect, it } from 'vitest';
import { buildMapModel, decodeLocations, type LocationTree } from './map-model';

type Place = ReturnType<typeof decodeLocations>[number];
type District = LocationTree['district'];

function loc(id: number, kind: Place['kind'], acId: number | null, lat: number | null, lon: number | null): Place {
  return {
    id, code: `L${id}`, kind, strongroomType: kind === 'strongroom' ? 'ac' : null, name: `Place ${id}`, nameHi: null, acId, parentId: null,
    lat, lon, psNumber: kind === 'polling_station' ? id : null, electors: kind === 'polling_station' ? 1000 : null, unitCount: 3,
  };
}

/** The wire's columns, written out the way the api's location-map.ts lays them out. */
function columns(places: Place[]): LocationTree['locations'] {
  const kinds = [...new Set(places.map((p) => p.kind))];
  const types = [...new Set(places.flatMap((p) => (p.strongroomType ? [p.strongroomType] : [])))];
  return {
    kinds, strongroomTypes: types,
    id: places.map((p) => p.id), code: places.map((p) => p.code), kind: places.map((p) => kinds.indexOf(p.kind)),
    strongroomType: places.map((p) => (p.strongroomType ? types.indexOf(p.strongroomType) : null)),
    name: places.map((p) => p.name), nameHi: places.map((p) => p.nameHi), acId: places.map((p) => p.acId),
    parentId: places.map((p) => p.parentId), lat: places.map((p) => p.lat), lon: places.map((p) => p.lon),
    psNumber: places.map((p) => p.psNumber), electors: places.map((p) => p.electors), unitCount: places.map((p) => p.unitCount),
  };
}

describe('buildMapModel', () => {
  it('splits places, colours ACs, and sums each AC', () => {
    const tree: LocationTree = {
      district: { id: 12 as District['id'], code: 'D12', name: 'Pune', nameHi: 'पुणे', lat: 18.5, lon: 73.8 },
      acs: [
        { id: 2, districtId: 12 as District['id'], number: 210, name: 'Kothrud', nameHi: null, pcId: null },
        { id: 1, districtId: 12 as District['id'], number: 205, name: 'Shivajinagar', nameHi: null, pcId: null },
      ],
      locations: columns([
        loc(1, 'warehouse', null, 18.6, 73.9),
        loc(2, 'strongroom', 1, 18.55, 73.85),
        loc(3, 'polling_station', 1, 18.4, 73.7),
        loc(4, 'polling_station', 1, 18.6, 73.9),
        loc(5, 'polling_station', 2, 18.9, 74.1),
        loc(6, 'polling_station', 2, null, null),
        loc(7, 'vehicle', null, 17.4, 78.5),
        loc(8, 'manufacturer', null, 13.0, 77.5),
      ]),
    };
    const m = buildMapModel(tree);
    expect(m.pollingStations.map((p) => p.id)).toEqual([3, 4, 5]);
    expect(m.facilities.map((p) => p.id)).toEqual([1, 2]);
    expect(m.notDrawn).toBe(3);
    expect(m.acs.map((a) => [a.number, a.pollingStations, a.electors, a.units])).toEqual([
      [205, 2, 2000, 9],
      [210, 2, 2000, 6],
    ]);
    expect(m.acs[0]?.centroid?.lat).toBeCloseTo(18.5, 9);
    expect(m.acs[0]?.centroid?.lon).toBeCloseTo(73.8, 9);
    expect(m.colourOfAc(1)).not.toBe(m.colourOfAc(2));
    expect(m.extent).toEqual({ south: 18.4, west: 73.7, north: 18.9, east: 74.1 });
    expect(m.latitudes.length).toBeGreaterThan(1);
  });

  it('decodes every column of the wire back into places', () => {
    const places = [loc(1, 'warehouse', null, 18.6, 73.9), loc(2, 'strongroom', 1, 18.55, 73.85), loc(3, 'polling_station', 1, null, null)];
    expect(decodeLocations(columns(places))).toEqual(places);
  });
});
