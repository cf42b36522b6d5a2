/**
 * The rule naming the state of a point outside Niedersachsen (domain/geo/enclave.ts), on a
 * made-up state: a 2° × 2° square with a hole (a city-state) and a bay open to the west.
 */
import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../../../src/domain/geo';
import { distanceMeters, enclaveAt, isEnclosed, locatePoint, OutlineHoles, PointIndex, type EnclaveData } from '../../../src/domain/geo';
import type { LatLon } from '../../../src/domain/model';

const ring = (minLon: number, minLat: number, maxLon: number, maxLat: number, clockwise = false) => {
  const r = [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
  return clockwise ? r.reverse() : r;
};

// The state: lon 8..10, lat 52..54, with a hole (the "city-state") at 8.9..9.1 / 52.9..53.1, and
// a bay cut from the west edge at lat 53.5..53.6 up to lon 8.6 (a river mouth).
const STATE: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [8, 52],
      [10, 52],
      [10, 54],
      [8, 54],
      [8, 53.6],
      [8.6, 53.6],
      [8.6, 53.5],
      [8, 53.5],
      [8, 52],
    ],
    ring(8.9, 52.9, 9.1, 53.1, true),
  ],
};

type Owner = 'city' | 'port' | 'west';
const places: Array<{ point: LatLon; value: Owner | null }> = [
  { point: { lat: 53.0, lon: 9.0 }, value: 'city' }, // in the hole
  { point: { lat: 53.55, lon: 8.55 }, value: 'port' }, // in the bay
  { point: { lat: 53.0, lon: 7.5 }, value: 'west' }, // the state to the west
  { point: { lat: 52.5, lon: 9.0 }, value: null }, // a place of our state
  { point: { lat: 53.52, lon: 8.1 }, value: null }, // a village on the bay's shore
];

const covers = (p: LatLon) => locatePoint(p, STATE) === 'inside';
const holes = new OutlineHoles([STATE]);
const all = new PointIndex(places);
const outside = new PointIndex(places.filter((p) => p.value !== null));
const nearest = (index: PointIndex<Owner | null>) => (p: LatLon) => {
  const found = index.nearest(p);
  return found && { owner: found.value, point: found.point, distanceMeters: found.distanceMeters };
};
const data: EnclaveData<Owner> = { covers, holeAt: (p) => holes.holeAt(p), nearest: nearest(all), nearestOutside: nearest(outside) };

describe('enclaveAt', () => {
  it.each<[string, LatLon, Owner | null]>([
    ['a point of the state itself', { lat: 52.5, lon: 9.5 }, null],
    ['the hole, anywhere in it: its own place names it', { lat: 53.08, lon: 8.92 }, 'city'],
    ['the hole, right by its place', { lat: 53.0, lon: 9.0 }, 'city'],
    ['the bay, open on one side: nobody', { lat: 53.55, lon: 8.5 }, null],
    ['beyond the west border: nobody, though a place of the west is near', { lat: 53.0, lon: 7.9 }, null],
    ['far away', { lat: 0, lon: 0 }, null],
  ])('%s', (_name, point, expected) => {
    expect(enclaveAt(point, data)).toBe(expected);
  });

  it('a hole whose nearest outside place lies elsewhere names nobody (a gap in the outlines)', () => {
    const withoutCity = new PointIndex(places.filter((p) => p.value === 'west'));
    expect(enclaveAt({ lat: 53.0, lon: 9.0 }, { ...data, nearestOutside: nearest(withoutCity) })).toBeNull();
  });

  it('a closed pocket names the state of the nearest place, only if that place is not ours and near', () => {
    // A pocket closed on every side (not a hole of the outline: only the walk can tell).
    const pocket: LatLon = { lat: 52.7, lon: 9.5 };
    const notCovering = (p: LatLon) => covers(p) && distanceMeters(p, pocket) > 2_000;
    const inPocket = new PointIndex<Owner | null>([{ point: { lat: 52.705, lon: 9.5 }, value: 'west' }]);
    const pocketData = { ...data, covers: notCovering, holeAt: () => null, nearest: nearest(inPocket) };
    expect(enclaveAt(pocket, pocketData)).toBe('west');
    const ours = new PointIndex<Owner | null>([{ point: { lat: 52.705, lon: 9.5 }, value: null }]);
    expect(enclaveAt(pocket, { ...pocketData, nearest: nearest(ours) })).toBeNull();
    const far = new PointIndex<Owner | null>([{ point: { lat: 52.9, lon: 9.5 }, value: 'west' }]);
    expect(enclaveAt(pocket, { ...pocketData, nearest: nearest(far) })).toBeNull();
  });
});

describe('isEnclosed', () => {
  it('needs the state in all 16 directions', () => {
    expect(isEnclosed({ lat: 53.0, lon: 9.0 }, covers)).toBe(true);
    expect(isEnclosed({ lat: 53.55, lon: 8.5 }, covers)).toBe(false);
    expect(isEnclosed({ lat: 53.0, lon: 7.9 }, covers)).toBe(false);
  });
});
