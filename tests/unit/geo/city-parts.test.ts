/**
 * The one rule that gives every point of a divided city exactly one part (domain/geo/city-parts.ts):
 * the part holding the point, else the nearest within reach, never one far away.
 */
import { describe, expect, it } from 'vitest';
import { CityParts, PART_REACH_METERS, type AreaGeometry } from '../../../src/domain/geo';

const square = (minLon: number, minLat: number, size: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [minLon, minLat],
      [minLon + size, minLat],
      [minLon + size, minLat + size],
      [minLon, minLat + size],
      [minLon, minLat],
    ],
  ],
});

// Two parts side by side with a gap of about 200 m (0.003° of longitude at 52° N) between them.
const parts = new CityParts([
  { key: 'west', value: 'West', geometry: square(9.7, 52.3, 0.02) },
  { key: 'east', value: 'Ost', geometry: square(9.723, 52.3, 0.02) },
]);

describe('CityParts.at', () => {
  it('gives the part that holds the point', () => {
    expect(parts.at({ lat: 52.31, lon: 9.71 })?.key).toBe('west');
    expect(parts.at({ lat: 52.31, lon: 9.735 })?.key).toBe('east');
  });

  it('gives a point in the gap between the parts the nearer one', () => {
    expect(parts.at({ lat: 52.31, lon: 9.7205 })?.key).toBe('west');
    expect(parts.at({ lat: 52.31, lon: 9.7225 })?.key).toBe('east');
  });

  it('gives a point just beyond the outer edge the part there', () => {
    // About 300 m west of the west part: within reach.
    expect(parts.at({ lat: 52.31, lon: 9.7 - 0.0045 })?.key).toBe('west');
  });

  it('gives no part to a point far from every part (it is not in the city)', () => {
    const farWest = 9.7 - (PART_REACH_METERS + 200) / 68_000;
    expect(parts.at({ lat: 52.31, lon: farWest })).toBeNull();
  });
});
