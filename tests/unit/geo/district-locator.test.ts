/**
 * The one rule that gives a point its district, shared by the import and the server
 * (domain/geo/district-locator.ts): the municipality holding the point (or within the outline
 * slack), then its part in a divided city, else the municipality's district.
 */
import { describe, expect, it } from 'vitest';
import { CityParts, DistrictLocator, OUTLINE_SLACK_METERS, type AreaGeometry } from '../../../src/domain/geo';

const square = (minLon: number, minLat: number, width: number, height = width): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [minLon, minLat],
      [minLon + width, minLat],
      [minLon + width, minLat + height],
      [minLon, minLat + height],
      [minLon, minLat],
    ],
  ],
});

// A village (its district a Samtgemeinde) west of a city divided into two parts.
const village = { ags: '03351001', districtId: '033515401' };
const city = { ags: '03241001', districtId: '032410001' };
const locator = new DistrictLocator(
  [
    { key: village.ags, value: village, geometry: square(9.6, 52.3, 0.1, 0.02) },
    { key: city.ags, value: city, geometry: square(9.7, 52.3, 0.04, 0.02) },
  ],
  new Map([
    [
      city.ags,
      new CityParts([
        { key: '032410001-1', value: 'West', geometry: square(9.7, 52.3, 0.02) },
        { key: '032410001-2', value: 'Ost', geometry: square(9.72, 52.3, 0.02) },
      ]),
    ],
  ]),
);
// About 68 km per degree of longitude at 52.3° N.
const metresEast = (lon: number, metres: number) => lon + metres / 68_000;

describe('DistrictLocator', () => {
  it("gives a point of an undivided municipality the municipality's district", () => {
    expect(locator.locate({ lat: 52.31, lon: 9.65 })).toEqual({ municipality: village, districtId: village.districtId, part: null });
  });

  it('gives a point of a divided city its part', () => {
    expect(locator.locate({ lat: 52.31, lon: 9.71 })).toMatchObject({ municipality: city, districtId: '032410001-1', part: 'West' });
    expect(locator.locate({ lat: 52.31, lon: 9.73 })).toMatchObject({ districtId: '032410001-2', part: 'Ost' });
  });

  it('counts a point just outside every outline as in the nearest municipality, and one beyond the slack as outside', () => {
    const east = 9.74;
    expect(locator.locate({ lat: 52.31, lon: metresEast(east, OUTLINE_SLACK_METERS - 50) })?.districtId).toBe('032410001-2');
    expect(locator.locate({ lat: 52.31, lon: metresEast(east, OUTLINE_SLACK_METERS + 100) })).toBeNull();
    expect(locator.municipalityAt({ lat: 52.31, lon: metresEast(east, OUTLINE_SLACK_METERS + 100) })).toBeNull();
  });

  it('places a point in a municipality the caller chose by the same rule (districtIn)', () => {
    expect(locator.districtIn(city, { lat: 52.31, lon: 9.735 }).districtId).toBe('032410001-2');
    expect(locator.districtIn(village, { lat: 52.31, lon: 9.735 }).districtId).toBe(village.districtId);
    expect(locator.isDivided(city.ags)).toBe(true);
    expect(locator.isDivided(village.ags)).toBe(false);
  });
});
