import { describe, expect, it } from 'vitest';
import type { LatLon } from '../../../src/domain/model';
import { decodePath } from './svg-path';
import { MapFrame, type AreaGeometry, type BBox } from '../../../src/domain/geo';
import { square, squareRing } from './fixtures';

const niedersachsen: BBox = [6.65, 51.29, 11.6, 53.9];

describe('MapFrame.fit', () => {
  it.each<[string, BBox, number, number, number]>([
    // At the equator a small degree square is (almost exactly) square in Mercator.
    ['a square at the equator', [-1, -1, 1, 1], 200, 0, 200],
    // At 60° N a degree of latitude is twice as tall as a degree of longitude is wide.
    ['a degree square at 60° N', [10, 59.995, 10.01, 60.005], 100, 0, 200],
    ['the same, with padding', [10, 59.995, 10.01, 60.005], 120, 10, 220],
  ])('derives the height of %s from its aspect ratio', (_name, bbox, width, padding, height) => {
    const frame = MapFrame.fit(bbox, width, padding);
    expect(frame.width).toBe(width);
    expect(frame.height).toBe(height);
  });

  it('puts the bbox corners at the padding, centred vertically', () => {
    const frame = MapFrame.fit(niedersachsen, 400, 8);
    const topLeft = frame.project({ lat: niedersachsen[3], lon: niedersachsen[0] });
    const bottomRight = frame.project({ lat: niedersachsen[1], lon: niedersachsen[2] });
    expect(topLeft.x).toBeCloseTo(8, 9);
    expect(bottomRight.x).toBeCloseTo(392, 9);
    expect(topLeft.y).toBeCloseTo(frame.height - bottomRight.y, 9);
    expect(Math.abs(topLeft.y - 8)).toBeLessThanOrEqual(0.5);
    expect(Number.isInteger(frame.height)).toBe(true);
  });

  it.each<[string, BBox, number, number]>([
    ['a bbox without width', [10, 52, 10, 53], 100, 0],
    ['an upside-down bbox', [10, 53, 11, 52], 100, 0],
    ['a bbox with NaN', [10, NaN, 11, 53], 100, 0],
    ['padding that eats the width', [10, 52, 11, 53], 100, 50],
    ['a negative padding', [10, 52, 11, 53], 100, -1],
  ])('rejects %s', (_name, bbox, width, padding) => {
    expect(() => MapFrame.fit(bbox, width, padding)).toThrow(RangeError);
  });
});

describe('MapFrame.project / unproject', () => {
  const frame = MapFrame.fit(niedersachsen, 640, 16);

  it.each<[string, LatLon]>([
    ['Celle', { lat: 52.6226, lon: 10.0805 }],
    ['Göttingen', { lat: 51.5413, lon: 9.9158 }],
    ['the north-west corner', { lat: 53.9, lon: 6.65 }],
    ['outside the frame (Berlin)', { lat: 52.52, lon: 13.405 }],
    ['far away (Cape Town)', { lat: -33.92, lon: 18.42 }],
  ])('round-trips %s to within 1e-6°', (_name, point) => {
    const { x, y } = frame.project(point);
    const back = frame.unproject(x, y);
    expect(Math.abs(back.lat - point.lat)).toBeLessThan(1e-6);
    expect(Math.abs(back.lon - point.lon)).toBeLessThan(1e-6);
  });

  it('maps a clicked pixel to a point whose pixel is the click', () => {
    const click = { x: 321, y: 123 };
    const point = frame.unproject(click.x, click.y);
    expect(point.lat).toBeGreaterThan(niedersachsen[1]);
    expect(point.lat).toBeLessThan(niedersachsen[3]);
    const again = frame.project(point);
    expect(again.x).toBeCloseTo(click.x, 6);
    expect(again.y).toBeCloseTo(click.y, 6);
  });

  it('has north up and east right', () => {
    const centre = frame.project({ lat: 52.5, lon: 9 });
    expect(frame.project({ lat: 52.6, lon: 9 }).y).toBeLessThan(centre.y);
    expect(frame.project({ lat: 52.5, lon: 9.1 }).x).toBeGreaterThan(centre.x);
  });
});

describe('MapFrame.pathFor', () => {
  // bbox [0, 0, 1, 1], 120 px wide, 10 px padding: the unit square fills 10..110 both ways.
  const frame = MapFrame.fit([0, 0, 1, 1], 120, 10);

  it('draws a ring as one closed subpath without the repeated closing point', () => {
    expect(frame.pathFor(square(0, 0, 1))).toBe('M10 110l100 0 0-100-100 0z');
    expect(decodePath(frame.pathFor(square(0, 0, 1)))).toEqual([
      [
        [10, 110],
        [110, 110],
        [110, 10],
        [10, 10],
      ],
    ]);
  });

  it('draws holes as further subpaths', () => {
    expect(frame.pathFor(square(0, 0, 1, [[0.25, 0.25, 0.5]]))).toBe('M10 110l100 0 0-100-100 0z' + 'M35 85l0-50 50 0 0 50z');
  });

  it('draws every polygon of a MultiPolygon', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[squareRing(0, 0, 0.5)], [squareRing(0.5, 0.5, 0.5)]],
    };
    expect(frame.pathFor(multi).match(/M/g)).toHaveLength(2);
    expect(frame.pathFor(multi).match(/z/g)).toHaveLength(2);
  });

  it('rounds to one decimal and drops points that round together', () => {
    const geometry: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0.123456, 0.2],
          [0.123457, 0.2],
          [0.7, 0.2],
          [0.7, 0.8],
          [0.123456, 0.2],
        ],
      ],
    };
    const d = frame.pathFor(geometry);
    expect(d).not.toMatch(/\.\d\d/);
    const [ring] = decodePath(d);
    expect(ring).toHaveLength(3);
    expect(ring!.map(([x]) => x)).toEqual([22.3, 80, 80]);
  });

  it('writes whole pixels when asked for no decimals', () => {
    expect(frame.pathFor(square(0.001, 0.001, 0.5), 0)).toMatch(/^M10 110l50 0 0-50-50 0z$/);
  });

  it('leaves out rings smaller than a pixel', () => {
    expect(frame.pathFor(square(0.5, 0.5, 1e-6))).toBe('');
  });
});
