import { describe, expect, it } from 'vitest';
import type { LatLon } from '../../../src/domain/model';
import { AreaIndex, distanceMeters, type AreaEntry } from '../../../src/domain/geo';
import { square } from './fixtures';

const entry = (key: string, geometry: AreaEntry<string>['geometry']): AreaEntry<string> => ({
  key,
  value: `value of ${key}`,
  geometry,
});

/** Built forwards and backwards: answers must not depend on insertion order. */
function bothOrders(entries: AreaEntry<string>[]): AreaIndex<string>[] {
  return [new AreaIndex(entries), new AreaIndex([...entries].reverse())];
}

describe('AreaIndex.find', () => {
  // 'west' and 'east' share the edge lon = 1; 'east' < 'west', so 'east' wins that edge.
  const pair = bothOrders([entry('west', square(0, 50, 1)), entry('east', square(1, 50, 1))]);
  it.each<[string, LatLon, string | null]>([
    ['inside west', { lat: 50.5, lon: 0.5 }, 'west'],
    ['inside east', { lat: 50.5, lon: 1.5 }, 'east'],
    ['on the shared edge: smallest key', { lat: 50.5, lon: 1 }, 'east'],
    ['on a shared corner: smallest key', { lat: 51, lon: 1 }, 'east'],
    ['on the outer edge of west only', { lat: 50.5, lon: 0 }, 'west'],
    ['on the outer corner of west only', { lat: 50, lon: 0 }, 'west'],
    ['a hair west of the shared edge', { lat: 50.5, lon: 1 - 1e-9 }, 'west'],
    ['outside both', { lat: 49, lon: 0.5 }, null],
  ])('%s', (_name, point, expected) => {
    for (const index of pair) {
      const found = index.find(point);
      expect(found?.key ?? null).toBe(expected);
      if (found) expect(found.value).toBe(`value of ${found.key}`);
    }
  });

  it('gives the corner of four squares to the smallest key', () => {
    const grid = bothOrders([
      entry('d', square(0, 0, 1)),
      entry('b', square(1, 0, 1)),
      entry('c', square(0, 1, 1)),
      entry('a', square(1, 1, 1)),
    ]);
    for (const index of grid) expect(index.find({ lat: 1, lon: 1 })?.key).toBe('a');
  });

  it('prefers the area with the point inside over one it only touches', () => {
    // 'a-frame' has a hole 4..6 filled by 'z-island'; the island wins its interior, the frame
    // wins its own interior, and the shared hole edge goes to the smaller key.
    for (const index of bothOrders([entry('a-frame', square(0, 0, 10, [[4, 4, 2]])), entry('z-island', square(4, 4, 2))])) {
      expect(index.find({ lat: 5, lon: 5 })?.key).toBe('z-island');
      expect(index.find({ lat: 1, lon: 1 })?.key).toBe('a-frame');
      expect(index.find({ lat: 5, lon: 4 })?.key).toBe('a-frame');
    }
  });

  it('returns null in a hole nobody fills', () => {
    const index = new AreaIndex([entry('frame', square(0, 0, 10, [[4, 4, 2]]))]);
    expect(index.find({ lat: 5, lon: 5 })).toBeNull();
  });
});

describe('AreaIndex.near', () => {
  // Four 0.01° squares in a row along latitude 52.00..52.01: a | b | c | d.
  const row = ['a', 'b', 'c', 'd'].map((key, i) => entry(key, square(i * 0.01, 52, 0.01)));
  const point = { lat: 52.005, lon: 0.008 }; // in 'a', 0.002° west of 'b'
  const toEdge = (lon: number) => distanceMeters(point, { lat: point.lat, lon });

  it.each<[number, string[]]>([
    [100, []],
    [200, ['b']],
    [1_000, ['b', 'c']],
    [2_000, ['b', 'c', 'd']],
  ])('within %i m: %j, nearest first, never the containing area', (radius, expected) => {
    for (const index of bothOrders(row)) {
      expect(index.find(point)?.key).toBe('a');
      expect(index.near(point, radius).map((n) => n.key)).toEqual(expected);
    }
  });

  it('reports accurate distances', () => {
    const near = new AreaIndex(row).near(point, 2_000);
    const expected = [toEdge(0.01), toEdge(0.02), toEdge(0.03)]; // ≈ 137 m, 822 m, 1507 m
    near.forEach((n, i) => {
      expect(Math.abs(n.distanceMeters - expected[i]!) / expected[i]!).toBeLessThan(1e-3);
      expect(n.value).toBe(`value of ${n.key}`);
    });
  });

  it('counts an edge exactly at the radius as within', () => {
    const index = new AreaIndex(row);
    const [b] = index.near(point, 2_000);
    expect(index.near(point, b!.distanceMeters).map((n) => n.key)).toEqual(['b']);
  });

  it('lists the other areas at 0 m from a shared edge, ties by key', () => {
    const grid = new AreaIndex([
      entry('d', square(0, 0, 1)),
      entry('b', square(1, 0, 1)),
      entry('c', square(0, 1, 1)),
      entry('a', square(1, 1, 1)),
    ]);
    const near = grid.near({ lat: 1, lon: 1 }, 10);
    expect(near.map((n) => n.key)).toEqual(['b', 'c', 'd']);
    for (const n of near) expect(n.distanceMeters).toBeLessThan(1e-6);
  });

  it('finds areas north and south, not only along the row', () => {
    const index = new AreaIndex([...row, entry('north', square(0, 52.02, 0.01))]);
    // 0.015° of latitude ≈ 1668 m north of the point.
    expect(index.near(point, 1_700).map((n) => n.key)).toEqual(['b', 'c', 'd', 'north']);
    expect(index.near(point, 1_600).map((n) => n.key)).toEqual(['b', 'c', 'd']);
  });

  it('lists every area in range when the point is in none', () => {
    // ≈ 111.2 m south of 'b', 111.4 m from the corner of 'a', 690 m from 'c'.
    const outside = { lat: 51.999, lon: 0.0101 };
    expect(new AreaIndex(row).near(outside, 150).map((n) => n.key)).toEqual(['b', 'a']);
  });

  it('leaves out the area the caller names instead of the one it finds, or none for null', () => {
    const index = new AreaIndex(row);
    expect(index.near(point, 200, 'b').map((n) => n.key)).toEqual(['a']);
    expect(index.near(point, 200, null).map((n) => n.key)).toEqual(['a', 'b']);
    expect(index.near(point, 200, 'a').map((n) => n.key)).toEqual(['b']);
  });

  it('rejects a negative or NaN radius', () => {
    const index = new AreaIndex(row);
    expect(() => index.near(point, -1)).toThrow(RangeError);
    expect(() => index.near(point, NaN)).toThrow(RangeError);
  });
});

describe('AreaIndex basics', () => {
  it('exposes size and its entries in insertion order', () => {
    const entries = [entry('x', square(0, 0, 1)), entry('y', square(2, 0, 1))];
    const index = new AreaIndex(entries);
    expect(index.size).toBe(2);
    expect([...index].map((e) => e.key)).toEqual(['x', 'y']);
    expect([...index.entries()].map((e) => e.value)).toEqual(['value of x', 'value of y']);
  });

  it('is not affected by later changes to the input array', () => {
    const entries = [entry('x', square(0, 0, 1))];
    const index = new AreaIndex(entries);
    entries.push(entry('y', square(2, 0, 1)));
    expect(index.size).toBe(1);
  });

  it('rejects duplicate keys', () => {
    expect(() => new AreaIndex([entry('x', square(0, 0, 1)), entry('x', square(2, 0, 1))])).toThrow(/duplicate key "x"/);
  });

  it('works empty', () => {
    const index = new AreaIndex<string>([]);
    expect(index.size).toBe(0);
    expect(index.find({ lat: 0, lon: 0 })).toBeNull();
    expect(index.near({ lat: 0, lon: 0 }, 1_000)).toEqual([]);
  });
});
