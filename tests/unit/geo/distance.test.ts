import { describe, expect, it } from 'vitest';
import { distanceMeters, distanceToBoundaryMeters, type AreaGeometry } from '../../../src/domain/geo';
import { square, squareRing } from './fixtures';

const celle = { lat: 52.6226, lon: 10.0805 };

/** Relative error of `actual` against `expected`. */
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

describe('distanceMeters (haversine)', () => {
  it.each([
    ['0.01° of latitude', { lat: 52, lon: 9 }, { lat: 52.01, lon: 9 }, 1111.95],
    ['1° of longitude on the equator', { lat: 0, lon: 0 }, { lat: 0, lon: 1 }, 111_195.08],
    ['0.01° of longitude at 60° N (half as long)', { lat: 60, lon: 0 }, { lat: 60, lon: 0.01 }, 555.97],
    ['a quarter meridian', { lat: 0, lon: 0 }, { lat: 90, lon: 0 }, 10_007_557.18],
  ])('%s', (_name, a, b, expected) => {
    expect(distanceMeters(a, b)).toBeCloseTo(expected, 1);
    expect(distanceMeters(b, a)).toBeCloseTo(expected, 1);
  });

  it('is zero for the same point', () => {
    expect(distanceMeters(celle, { ...celle })).toBe(0);
  });
});

describe('distanceToBoundaryMeters', () => {
  it('measures to a horizontal edge: 0.01° of latitude ≈ 1111.95 m', () => {
    const north = square(9.9, celle.lat + 0.01, 0.2);
    expect(distanceToBoundaryMeters({ lat: celle.lat, lon: 10 }, north)).toBeCloseTo(1111.95, 1);
  });

  it('measures to a vertical edge, matching haversine to the foot point', () => {
    const east = square(celle.lon + 0.05, celle.lat - 0.1, 0.2);
    const expected = distanceMeters(celle, { lat: celle.lat, lon: celle.lon + 0.05 });
    expect(relativeError(distanceToBoundaryMeters(celle, east), expected)).toBeLessThan(1e-4);
  });

  it.each([1_000, 5_000, 10_000, 19_000])('is within 1%% of haversine for a vertex %i m away diagonally', (meters) => {
    // A tiny square whose south-west corner is the nearest point, north-east of Celle.
    const offset = meters / Math.SQRT2;
    const corner = {
      lat: celle.lat + offset / 111_195,
      lon: celle.lon + offset / (111_195 * Math.cos((celle.lat * Math.PI) / 180)),
    };
    const target = square(corner.lon, corner.lat, 0.001);
    const expected = distanceMeters(celle, corner);
    expect(relativeError(distanceToBoundaryMeters(celle, target), expected)).toBeLessThan(0.01);
  });

  it('is the distance to the nearest edge from inside, holes included', () => {
    // Point at (lon 0.5, lat 52.5) in a 1° square; a hole's east edge is 0.001° of longitude away.
    const geometry = square(0, 52, 1, [[0.4, 52.45, 0.099]]);
    const point = { lat: 52.5, lon: 0.5 };
    const expected = distanceMeters(point, { lat: 52.5, lon: 0.499 });
    expect(relativeError(distanceToBoundaryMeters(point, geometry), expected)).toBeLessThan(1e-4);
  });

  it('takes the nearest polygon of a MultiPolygon', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[squareRing(10, 52, 0.1)], [squareRing(10, 52.62, 0.1)]],
    };
    // Celle's latitude 52.6226 is 0.0026° north of the second square's south edge.
    expect(distanceToBoundaryMeters({ lat: 52.6226, lon: 10.05 }, multi)).toBeCloseTo(0.0026 * 111_195.08, 0);
  });

  it.each([
    ['an edge', { lat: 52.5, lon: 10 }],
    ['a vertex', { lat: 52, lon: 10 }],
  ])('is zero on %s', (_name, point) => {
    expect(distanceToBoundaryMeters(point, square(10, 52, 1))).toBeLessThan(1e-6);
  });
});
