import { describe, expect, it } from 'vitest';
import { bboxOf, mapRings, parseAreaGeometry } from '../../../src/domain/geo';
import { square, squareRing } from './fixtures';

describe('parseAreaGeometry', () => {
  it('accepts a Polygon with a hole and returns a clean 2D copy', () => {
    const input = {
      type: 'Polygon',
      bbox: [0, 0, 10, 10],
      crs: 'foreign member',
      coordinates: [squareRing(0, 0, 10).map(([x, y]) => [x, y, 42]), squareRing(4, 4, 2, true)],
    };
    const parsed = parseAreaGeometry(input);
    expect(parsed).toEqual({ type: 'Polygon', coordinates: [squareRing(0, 0, 10), squareRing(4, 4, 2, true)] });
    expect(parsed.coordinates[0]).not.toBe(input.coordinates[0]);
  });

  it('accepts a MultiPolygon', () => {
    const input = { type: 'MultiPolygon', coordinates: [[squareRing(0, 0, 1)], [squareRing(5, 5, 1)]] };
    expect(parseAreaGeometry(input)).toEqual(input);
  });

  const closedTriangle = [
    [0, 0],
    [1, 0],
    [0, 1],
    [0, 0],
  ];
  it.each([
    ['null', null, /geometry is not an object/],
    ['an array', [], /geometry is not an object/],
    ['a Point', { type: 'Point', coordinates: [1, 2] }, /type must be "Polygon" or "MultiPolygon", got "Point"/],
    ['a Polygon without rings', { type: 'Polygon', coordinates: [] }, /coordinates must be a non-empty array/],
    ['a MultiPolygon without polygons', { type: 'MultiPolygon', coordinates: [] }, /non-empty array of polygons/],
    ['a MultiPolygon with an empty polygon', { type: 'MultiPolygon', coordinates: [[]] }, /coordinates\[0\] must be/],
    ['a ring with 3 positions', { type: 'Polygon', coordinates: [closedTriangle.slice(1)] }, /has 3 positions/],
    ['an unclosed ring', { type: 'Polygon', coordinates: [[...closedTriangle.slice(0, 3), [1, 1]]] }, /coordinates\[0\] is not closed/],
    [
      'a NaN coordinate in a hole',
      {
        type: 'Polygon',
        coordinates: [
          closedTriangle,
          [
            [0, 0],
            [NaN, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      /coordinates\[1\]\[1\] has an invalid longitude NaN/,
    ],
    [
      'an infinite latitude',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, Infinity],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      /invalid latitude Infinity/,
    ],
    [
      'a string coordinate',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['1', 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      /invalid longitude 1/,
    ],
    [
      'a longitude beyond 180',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [181, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      /longitude 181/,
    ],
    [
      'a latitude beyond 90',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, -91],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      /latitude -91/,
    ],
    ['a one-number position', { type: 'Polygon', coordinates: [[[0, 0], [1], [0, 1], [0, 0]]] }, /\[lon, lat\]/],
  ])('rejects %s', (_name, json, message) => {
    expect(() => parseAreaGeometry(json)).toThrow(message);
  });

  it('names itself in every error', () => {
    expect(() => parseAreaGeometry({})).toThrow(/^Invalid area geometry: /);
  });
});

describe('bboxOf', () => {
  it.each([
    ['a polygon', square(2, 3, 4), [2, 3, 6, 7]],
    [
      'a multipolygon',
      { type: 'MultiPolygon' as const, coordinates: [[squareRing(-1, 50, 1)], [squareRing(5, 48, 0.5)]] },
      [-1, 48, 5.5, 51],
    ],
  ])('spans %s', (_name, geometry, expected) => {
    expect(bboxOf(geometry)).toEqual(expected);
  });
});

describe('mapRings', () => {
  it('can drop holes but not outer rings', () => {
    const withHole = square(0, 0, 10, [[4, 4, 2]]);
    expect(mapRings(withHole, (ring, isHole) => (isHole ? null : ring))).toEqual(square(0, 0, 10));
    expect(() => mapRings(withHole, () => null)).toThrow(/outer ring/);
  });
});
