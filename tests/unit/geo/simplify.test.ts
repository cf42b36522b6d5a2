import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import {
  distanceToBoundaryMeters,
  parseAreaGeometry,
  polygonsOf,
  roundCoordinates,
  simplifyGeometry,
  type AreaGeometry,
} from '../../../src/domain/geo';
import { countPositions, square, squareRing } from './fixtures';

const METERS_PER_DEGREE = 111_195.08;

/** A closed ring approximating a circle of `radiusMeters` around a point near Celle, with jitter. */
function wobblyCircle(radiusMeters: number, points: number, jitterMeters: number, clockwise = false): Position[] {
  const lat0 = 52.62;
  const lon0 = 10.08;
  const cos = Math.cos((lat0 * Math.PI) / 180);
  const ring: Position[] = [];
  for (let i = 0; i < points; i++) {
    const angle = ((clockwise ? -i : i) / points) * 2 * Math.PI;
    const r = radiusMeters + jitterMeters * Math.sin(i * 7.3); // deterministic "noise"
    ring.push([lon0 + (r * Math.cos(angle)) / (METERS_PER_DEGREE * cos), lat0 + (r * Math.sin(angle)) / METERS_PER_DEGREE]);
  }
  ring.push(ring[0]!);
  return ring;
}

/** Every ring closed with at least 4 positions: what parseAreaGeometry demands. */
function expectValid(geometry: AreaGeometry) {
  expect(() => parseAreaGeometry(geometry)).not.toThrow();
}

describe('simplifyGeometry', () => {
  const circle: AreaGeometry = {
    type: 'Polygon',
    coordinates: [wobblyCircle(5_000, 720, 3), wobblyCircle(1_000, 360, 3, true)],
  };

  it.each([10, 50, 200])('reduces points and stays within %i m of the original', (tolerance) => {
    const simplified = simplifyGeometry(circle, tolerance);
    expectValid(simplified);
    expect(polygonsOf(simplified)[0]).toHaveLength(2);
    expect(countPositions(simplified)).toBeLessThan(countPositions(circle) / 4);
    // Douglas–Peucker guarantee: every dropped position is within the tolerance of the result.
    for (const ring of polygonsOf(circle)[0]!) {
      for (const [lon, lat] of ring) {
        expect(distanceToBoundaryMeters({ lat: lat!, lon: lon! }, simplified)).toBeLessThanOrEqual(tolerance * 1.01);
      }
    }
  });

  it('keeps only original positions, first and last included', () => {
    const original = new Set(circle.coordinates.flat().map((p) => p.join()));
    const simplified = simplifyGeometry(circle, 50) as GeoJSON.Polygon;
    for (const p of simplified.coordinates.flat()) expect(original.has(p.join())).toBe(true);
    expect(simplified.coordinates[0]![0]).toEqual(circle.coordinates[0]![0]);
  });

  it('removes collinear points even at tolerance 0', () => {
    const withMidpoints: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 50],
          [0.5, 50],
          [1, 50],
          [1, 50.5],
          [1, 51],
          [0, 51],
          [0, 50],
        ],
      ],
    };
    expect(simplifyGeometry(withMidpoints, 0)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 50],
          [1, 50],
          [1, 51],
          [0, 51],
          [0, 50],
        ],
      ],
    });
  });

  it('keeps an outer ring that would degenerate, and drops a hole that would', () => {
    // A 0.001° square (≈ 111 m × 68 m) with a 0.0002° hole, simplified at 1 km.
    const tiny = square(10, 52, 0.001, [[10.0004, 52.0004, 0.0002]]);
    expect(simplifyGeometry(tiny, 1_000)).toEqual(square(10, 52, 0.001));
  });

  it('keeps holes that survive', () => {
    const simplified = simplifyGeometry(square(10, 52, 0.1, [[10.04, 52.04, 0.02]]), 100);
    expect(simplified).toEqual(square(10, 52, 0.1, [[10.04, 52.04, 0.02]]));
  });

  it('handles each polygon of a MultiPolygon', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[wobblyCircle(2_000, 200, 2)], [squareRing(11, 53, 0.01)]],
    };
    const simplified = simplifyGeometry(multi, 20);
    expectValid(simplified);
    expect(simplified.type).toBe('MultiPolygon');
    expect(polygonsOf(simplified)[1]).toEqual([squareRing(11, 53, 0.01)]);
    expect(countPositions(simplified)).toBeLessThan(100);
  });

  it('does not modify its input', () => {
    const copy = structuredClone(circle);
    simplifyGeometry(circle, 100);
    expect(circle).toEqual(copy);
  });

  it('rejects a negative tolerance', () => {
    expect(() => simplifyGeometry(circle, -1)).toThrow(RangeError);
  });
});

describe('roundCoordinates', () => {
  it('rounds to the given decimals', () => {
    const geometry: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [10.123456, 52.987654],
          [10.2, 52.9],
          [10.25, 53.123449],
          [10.123456, 52.987654],
        ],
      ],
    };
    expect(roundCoordinates(geometry, 2)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [10.12, 52.99],
          [10.2, 52.9],
          [10.25, 53.12],
          [10.12, 52.99],
        ],
      ],
    });
  });

  it('drops consecutive duplicates that rounding creates, keeping rings closed', () => {
    const geometry: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0.0001, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0.0001],
          [0, 0],
        ],
      ],
    };
    const rounded = roundCoordinates(geometry, 2);
    expect(rounded).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    });
  });

  it('leaves a collapsing ring at 4 positions rather than breaking it', () => {
    const rounded = roundCoordinates(square(10.0001, 52.0001, 0.0001), 2);
    expectValid(rounded);
    expect(polygonsOf(rounded)[0]![0]).toHaveLength(5);
  });

  it.each([-1, 1.5, 16, NaN])('rejects %s decimals', (decimals) => {
    expect(() => roundCoordinates(square(0, 0, 1), decimals)).toThrow(RangeError);
  });
});
