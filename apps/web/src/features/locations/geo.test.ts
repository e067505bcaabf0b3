import { describe, expect, it } from 'vitest';
import { acColour, boundsOf, centroidsBy, convexHull, formatDegrees, graticuleLines, graticuleStep, padBounds } from './geo';

describe('geo helpers', () => {
  it('draws an area around points as their convex hull, inner points left out', () => {
    const square = [{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }, { lat: 1, lon: 1 }, { lat: 1, lon: 0 }];
    expect(convexHull([...square, { lat: 0.5, lon: 0.5 }, { lat: 0, lon: 0.5 }, { lat: 1, lon: 1 }])).toEqual([
      { lat: 0, lon: 0 }, { lat: 0, lon: 1 }, { lat: 1, lon: 1 }, { lat: 1, lon: 0 },
    ]);
    expect(convexHull([{ lat: 1, lon: 2 }, { lat: 1, lon: 2 }])).toEqual([{ lat: 1, lon: 2 }]);
  });

  it('finds the bounds of points, or null for none', () => {
    expect(boundsOf([{ lat: 18.5, lon: 73.8 }, { lat: 18.9, lon: 74.2 }, { lat: 18.2, lon: 73.9 }])).toEqual({ south: 18.2, west: 73.8, north: 18.9, east: 74.2 });
    expect(boundsOf([])).toBeNull();
  });

  it('pads bounds by a fraction with a minimum', () => {
    expect(padBounds({ south: 18, west: 73, north: 19, east: 75 }, 0.1)).toEqual({ south: 17.9, west: 72.8, north: 19.1, east: 75.2 });
    expect(padBounds({ south: 18, west: 73, north: 18, east: 73 }, 0.1, 0.05)).toEqual({ south: 17.95, west: 72.95, north: 18.05, east: 73.05 });
  });

  it('draws parallels and meridians on round values inside the box', () => {
    const b = { south: 18.03, west: 73.31, north: 19.37, east: 74.98 };
    const step = graticuleStep(b);
    expect(step).toBe(0.5);
    const g = graticuleLines(b, step);
    expect(g.lat).toEqual([18.5, 19]);
    expect(g.lon).toEqual([73.5, 74, 74.5]);
  });

  it('averages points per group', () => {
    const c = centroidsBy([
      { key: 1, lat: 18, lon: 73 },
      { key: 1, lat: 19, lon: 74 },
      { key: 2, lat: 10, lon: 70 },
    ]);
    expect(c.get(1)).toEqual({ lat: 18.5, lon: 73.5, count: 2 });
    expect(c.get(2)).toEqual({ lat: 10, lon: 70, count: 1 });
  });

  it('gives distinct AC colours and readable degree labels', () => {
    const colours = new Set(Array.from({ length: 21 }, (_, i) => acColour(i)));
    expect(colours.size).toBe(21);
    expect(formatDegrees(18.5, 'lat')).toBe('18.5°N');
    expect(formatDegrees(-0.25, 'lon')).toBe('0.25°W');
  });
});
