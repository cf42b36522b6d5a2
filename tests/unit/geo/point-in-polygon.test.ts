import { describe, expect, it } from 'vitest';
import type { LatLon } from '../../../src/domain/model';
import { locatePoint, type AreaGeometry, type PointLocation } from '../../../src/domain/geo';
import { square, squareRing } from './fixtures';

type Case = [description: string, point: LatLon, expected: PointLocation];

function cases(geometry: AreaGeometry, table: Case[]) {
  it.each(table)('%s → %s', (_description, point, expected) => {
    expect(locatePoint(point, geometry)).toBe(expected);
  });
}

describe('locatePoint: square 0..10 with a hole 4..6', () => {
  cases(square(0, 0, 10, [[4, 4, 2]]), [
    ['interior', { lon: 2, lat: 2 }, 'inside'],
    ['in the hole', { lon: 5, lat: 5 }, 'outside'],
    ['on a hole edge', { lon: 4, lat: 5 }, 'boundary'],
    ['on a hole vertex', { lon: 6, lat: 6 }, 'boundary'],
    ['on an outer edge', { lon: 10, lat: 3 }, 'boundary'],
    ['on an outer vertex', { lon: 0, lat: 0 }, 'boundary'],
    ['just inside the hole edge', { lon: 4 + 1e-9, lat: 5 }, 'outside'],
    ['just outside the hole edge', { lon: 4 - 1e-9, lat: 5 }, 'inside'],
    ['west, ray through the hole', { lon: -1, lat: 5 }, 'outside'],
    ['north-east', { lon: 11, lat: 11 }, 'outside'],
    ['level with the top edge, beyond it', { lon: 12, lat: 10 }, 'outside'],
    ['level with the top edge, before it', { lon: -2, lat: 10 }, 'outside'],
  ]);
});

describe('locatePoint: ring orientation does not matter', () => {
  const clockwise: AreaGeometry = { type: 'Polygon', coordinates: [squareRing(0, 0, 10, true)] };
  cases(clockwise, [
    ['interior', { lon: 5, lat: 5 }, 'inside'],
    ['edge', { lon: 5, lat: 0 }, 'boundary'],
    ['outside', { lon: 5, lat: -1 }, 'outside'],
  ]);
});

describe('locatePoint: MultiPolygon with an island in a hole', () => {
  const multi: AreaGeometry = {
    type: 'MultiPolygon',
    coordinates: [[squareRing(0, 0, 10), squareRing(2, 2, 6, true)], [squareRing(4, 4, 2)], [squareRing(20, 0, 1)]],
  };
  cases(multi, [
    ['in the frame', { lon: 1, lat: 5 }, 'inside'],
    ['in the hole, beside the island', { lon: 3, lat: 3 }, 'outside'],
    ['on the island', { lon: 5, lat: 5 }, 'inside'],
    ['on the island coast', { lon: 4, lat: 5 }, 'boundary'],
    ['on the hole edge', { lon: 2, lat: 5 }, 'boundary'],
    ['in the far polygon', { lon: 20.5, lat: 0.5 }, 'inside'],
    ['on the far polygon corner', { lon: 21, lat: 1 }, 'boundary'],
    ['between the polygons', { lon: 15, lat: 0.5 }, 'outside'],
  ]);
});

describe('locatePoint: MultiPolygon members sharing an edge (invalid but seen in the wild)', () => {
  const twins: AreaGeometry = { type: 'MultiPolygon', coordinates: [[squareRing(0, 0, 1)], [squareRing(1, 0, 1)]] };
  cases(twins, [
    ['on the shared edge', { lon: 1, lat: 0.5 }, 'boundary'],
    ['in the second', { lon: 1.5, lat: 0.5 }, 'inside'],
  ]);
});

describe('locatePoint: concave U, rays along horizontal edges and through vertices', () => {
  // A U open to the north: arms x 0..2 and 4..6, base y 0..2, notch x 2..4 y 2..6.
  const u: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [6, 0],
        [6, 6],
        [4, 6],
        [4, 2],
        [2, 2],
        [2, 6],
        [0, 6],
        [0, 0],
      ],
    ],
  };
  cases(u, [
    ['left arm', { lon: 1, lat: 4 }, 'inside'],
    ['right arm', { lon: 5, lat: 4 }, 'inside'],
    ['in the notch', { lon: 3, lat: 4 }, 'outside'],
    ['on the notch floor', { lon: 3, lat: 2 }, 'boundary'],
    ['left arm level with the notch floor (ray along it)', { lon: 1, lat: 2 }, 'inside'],
    ['west, level with the notch floor', { lon: -1, lat: 2 }, 'outside'],
    ['mouth of the notch, level with the arm tops', { lon: 3, lat: 6 }, 'outside'],
    ['inner corner', { lon: 4, lat: 2 }, 'boundary'],
    ['base, level with no vertex', { lon: 3, lat: 1 }, 'inside'],
  ]);
});

describe('locatePoint: diamond, rays through vertices', () => {
  const diamond: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [0, -1],
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ],
    ],
  };
  cases(diamond, [
    ['centre (ray through the east vertex)', { lon: 0, lat: 0 }, 'inside'],
    ['west (ray through two vertices)', { lon: -2, lat: 0 }, 'outside'],
    ['level with the top vertex', { lon: -0.5, lat: 1 }, 'outside'],
    ['east vertex', { lon: 1, lat: 0 }, 'boundary'],
    ['mid-edge', { lon: 0.5, lat: 0.5 }, 'boundary'],
    ['1e-7 beyond the edge', { lon: 0.5, lat: 0.5 + 1e-7 }, 'outside'],
    ['1e-7 within the edge', { lon: 0.5, lat: 0.5 - 1e-7 }, 'inside'],
  ]);
});

describe('locatePoint: floating-point edges', () => {
  const a: [number, number] = [9.996238, 52.581243];
  const b: [number, number] = [9.995561, 52.582782];
  const triangle: AreaGeometry = { type: 'Polygon', coordinates: [[a, b, [9.99, 52.58], a]] };
  const mid = { lon: (a[0] + b[0]) / 2, lat: (a[1] + b[1]) / 2 };
  cases(triangle, [
    ['computed midpoint of an oblique edge', mid, 'boundary'],
    ['a third of the way along', { lon: a[0] + (b[0] - a[0]) / 3, lat: a[1] + (b[1] - a[1]) / 3 }, 'boundary'],
    ['1e-9° off the edge, outward', { lon: mid.lon + 1e-9, lat: mid.lat }, 'outside'],
    ['1e-9° off the edge, inward', { lon: mid.lon - 1e-9, lat: mid.lat }, 'inside'],
  ]);
});
