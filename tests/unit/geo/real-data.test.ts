/**
 * The geo core over the real district outlines (VG250 Samt-/Einheitsgemeinden, 431 areas).
 * Expected ids and names were checked against the file, not taken from memory.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { LatLon } from '../../../src/domain/model';
import {
  AreaIndex,
  MapFrame,
  bboxOf,
  distanceToBoundaryMeters,
  locatePoint,
  parseAreaGeometry,
  polygonsOf,
  simplifyGeometry,
  type AreaEntry,
} from '../../../src/domain/geo';
import { seededRandom } from '../../../src/domain/seeded-random';
import { countPositions } from './fixtures';
import { decodePath } from './svg-path';

interface Props {
  VWG_ARS: string;
  VWG_GEN: string;
}

const collection = JSON.parse(
  readFileSync(new URL('../../../data/geo/nds_samtgemeinden_einheitsgemeinden_vg250.geojson', import.meta.url), 'utf8'),
) as FeatureCollection<GeoJSON.Geometry, Props>;

const entries: AreaEntry<string>[] = collection.features.map((feature) => ({
  key: feature.properties.VWG_ARS,
  value: feature.properties.VWG_GEN,
  geometry: parseAreaGeometry(feature.geometry),
}));
const index = new AreaIndex(entries);
const reversed = new AreaIndex([...entries].reverse());
const geometryOf = (key: string) => entries.find((e) => e.key === key)!.geometry;

describe('real districts of Niedersachsen', () => {
  it('parses all 431 outlines', () => {
    expect(index.size).toBe(431);
  });

  it.each<[string, LatLon, { key: string; value: string } | null]>([
    ['Celle town centre', { lat: 52.6226, lon: 10.0805 }, { key: '033510006', value: 'Celle' }],
    ['Hannover', { lat: 52.3745, lon: 9.7386 }, { key: '032410001', value: 'Hannover' }],
    ['Oldenburg (Oldb)', { lat: 53.1435, lon: 8.2146 }, { key: '034030000', value: 'Oldenburg (Oldb)' }],
    ['Göttingen', { lat: 51.5413, lon: 9.9158 }, { key: '031590016', value: 'Göttingen' }],
    // Bremen is a gap enclosed by several districts, not part of any of them.
    ['Bremen', { lat: 53.0793, lon: 8.8017 }, null],
    ['Berlin', { lat: 52.52, lon: 13.405 }, null],
    // An enclave: Peine's exclave fills a hole of Ilsede.
    ['the hole of Ilsede', { lat: 52.28817, lon: 10.18877 }, { key: '031570006', value: 'Peine' }],
  ])('finds %s', (_name, point, expected) => {
    expect(index.find(point)).toEqual(expected);
  });

  it('treats the Ilsede enclave as a hole, not as Ilsede', () => {
    expect(locatePoint({ lat: 52.28817, lon: 10.18877 }, geometryOf('031570009'))).toBe('outside');
  });

  describe('at the boundary between Celle (033510006) and Flotwedel (033515402)', () => {
    // Midpoint of a 2.65 km edge the two outlines share vertex for vertex.
    const a = [10.131342, 52.586954];
    const b = [10.120687, 52.564];
    const onEdge = { lon: (a[0]! + b[0]!) / 2, lat: (a[1]! + b[1]!) / 2 };

    it('is on the boundary of both', () => {
      expect(locatePoint(onEdge, geometryOf('033510006'))).toBe('boundary');
      expect(locatePoint(onEdge, geometryOf('033515402'))).toBe('boundary');
    });

    it('goes to the smaller key, whatever the build order', () => {
      expect(index.find(onEdge)?.key).toBe('033510006');
      expect(reversed.find(onEdge)?.key).toBe('033510006');
    });

    it('names the neighbour at 0 m', () => {
      const [first] = index.near(onEdge, 2_000);
      expect(first?.key).toBe('033515402');
      expect(first?.distanceMeters).toBeLessThan(0.01);
    });

    it.each<[string, LatLon, string, string]>([
      ['500 m into Celle', { lat: 52.576698, lon: 10.118893 }, '033510006', '033515402'],
      ['500 m into Flotwedel', { lat: 52.574256, lon: 10.133136 }, '033515402', '033510006'],
    ])('from %s, names the other within 2000 m at ≈ 500 m', (_name, point, containing, neighbour) => {
      expect(index.find(point)?.key).toBe(containing);
      const near = index.near(point, 2_000);
      expect(near[0]?.key).toBe(neighbour);
      expect(near[0]?.distanceMeters).toBeGreaterThan(495);
      expect(near[0]?.distanceMeters).toBeLessThan(505);
      expect(near.map((n) => n.key)).not.toContain(containing);
      expect(index.near(point, 400)).toEqual([]);
    });
  });

  describe('answers learned per grid cell', () => {
    // The reference: every outline tested exactly, no index, no grid.
    function everyOutlineFind(point: LatLon): string | null {
      const inside = entries
        .filter((e) => locatePoint(point, e.geometry) === 'inside')
        .map((e) => e.key)
        .sort();
      const boundary = entries
        .filter((e) => locatePoint(point, e.geometry) === 'boundary')
        .map((e) => e.key)
        .sort();
      return inside[0] ?? boundary[0] ?? null;
    }
    function everyOutlineNear(point: LatLon, radius: number, except: string | null): string[] {
      return entries
        .filter((e) => e.key !== except)
        .map((e) => ({ key: e.key, distance: distanceToBoundaryMeters(point, e.geometry) }))
        .filter((n) => n.distance <= radius)
        .sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : 1))
        .map((n) => n.key);
    }
    const random = seededRandom(20261124);
    const vertices = entries.flatMap((e) => polygonsOf(e.geometry).flat(2));
    // Half anywhere in and around the state, half within about 300 m of a vertex of some outline
    // (a third exactly on one), where cells are crossed by boundaries and answers change.
    const points: LatLon[] = Array.from({ length: 400 }, (_, i) => {
      if (i % 2 === 0) return { lat: 51.2 + random() * 2.8, lon: 6.5 + random() * 5.2 };
      const [lon, lat] = vertices[Math.floor(random() * vertices.length)]!;
      const spread = i % 3 === 0 ? 0 : 0.008;
      return { lat: lat! + (random() - 0.5) * spread, lon: lon! + (random() - 0.5) * spread };
    });

    it('find gives what testing every outline gives, in a fresh index and in one that has learned', () => {
      const fresh = new AreaIndex(entries);
      for (const point of points) {
        const expected = everyOutlineFind(point);
        expect(fresh.find(point)?.key ?? null).toBe(expected);
        expect(fresh.find(point)?.key ?? null).toBe(expected);
      }
    });

    it('near gives what measuring every outline gives, for the radii the portal asks', () => {
      for (const point of points) {
        const containing = index.find(point)?.key ?? null;
        expect(index.near(point, 300, containing).map((n) => n.key)).toEqual(everyOutlineNear(point, 300, containing));
        expect(index.near(point, 250, null).map((n) => n.key)).toEqual(everyOutlineNear(point, 250, null));
      }
    });
  });

  it('simplifies every outline to valid, lighter geometry for the overview map', () => {
    let before = 0;
    let after = 0;
    for (const { geometry } of entries) {
      const simplified = simplifyGeometry(geometry, 800);
      expect(() => parseAreaGeometry(simplified)).not.toThrow();
      before += countPositions(geometry);
      after += countPositions(simplified);
    }
    expect(after).toBeLessThan(before / 2);
  });

  it('draws every district into a frame of the whole state', () => {
    const boxes = entries.map((e) => bboxOf(e.geometry));
    const frame = MapFrame.fit(
      [
        Math.min(...boxes.map((b) => b[0])),
        Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])),
        Math.max(...boxes.map((b) => b[3])),
      ],
      600,
      8,
    );
    for (const { geometry } of entries) {
      for (const [x, y] of decodePath(frame.pathFor(geometry)).flat()) {
        expect(x).toBeGreaterThanOrEqual(7.9);
        expect(x).toBeLessThanOrEqual(592.1);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(frame.height);
      }
    }
    // A click on Celle's pixel finds Celle.
    const { x, y } = frame.project({ lat: 52.6226, lon: 10.0805 });
    expect(index.find(frame.unproject(Math.round(x), Math.round(y)))?.key).toBe('033510006');
  });
});
