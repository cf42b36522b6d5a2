/**
 * Cities divided into districts: Hannover's 51 Stadtteile in the project data (locate, search,
 * views), a second, made-up split of Celle from the test fixtures (the way any town is split),
 * and the validation of bad split files (file and feature named, the live database untouched).
 */
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../src/data-import/build-database';
import { DataValidationError } from '../../src/data-import/errors';
import { bboxOf, LocalProjection, polygonsOf } from '../../src/domain/geo';
import type { LatLon } from '../../src/domain/model';
import type { LocateResult, Portal } from '../../src/services/portal';
import { loadPortal } from '../../src/services/snapshot';
import { cityView } from '../../src/services/city-view';
import { copyDataDir, editJson, makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from './helpers/data-dir';

const HANNOVER = '032410001';
const HANNOVER_AGS = '03241001';
const part = (number: string) => `${HANNOVER}-${number}`;
const FIXTURE = path.resolve('tests/fixtures/city-districts/celle-vier-teile.geojson');

let portal: Portal;
let goodDatabase: string;
beforeAll(async () => {
  goodDatabase = path.join(await makeTempDir(), 'portal.db');
  await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: goodDatabase });
  portal = loadPortal(goodDatabase);
});
afterAll(removeTempDirs);

function inside(point: LatLon): Extract<LocateResult, { kind: 'inside' }> {
  const result = portal.locate(point);
  if (result.kind !== 'inside') throw new Error(`outside: ${JSON.stringify(point)}`);
  return result;
}

describe('Hannover as 51 Stadtteil districts in 13 Stadtbezirke', () => {
  it('is one city of 51 districts, grouped by 13 Stadtbezirke, ids "032410001-<number>"', () => {
    const city = portal.cities.city(HANNOVER)!;
    expect(city).toMatchObject({ ags: HANNOVER_AGS, name: 'Hannover', districtType: 'Stadtteil', boroughType: 'Stadtbezirk' });
    const parts = portal.cities.parts(HANNOVER);
    expect(parts).toHaveLength(51);
    expect(parts.every((d) => /^032410001-\d{2}$/.test(d.id) && d.cityId === HANNOVER && d.type === 'Stadtteil')).toBe(true);
    expect(portal.cities.groups(HANNOVER)).toHaveLength(13);
    expect(portal.listDistricts().some((d) => d.id === HANNOVER)).toBe(false);
    expect(portal.districtsOfMunicipality(HANNOVER_AGS)).toHaveLength(51);
    expect(portal.districtView(part('33'))).toMatchObject({
      district: { name: 'Linden-Nord' },
      city: { name: 'Hannover', borough: 'Linden-Limmer' },
    });
  });

  it('places a point inside each Stadtteil (its label point) in that Stadtteil', () => {
    for (const district of portal.cities.parts(HANNOVER)) {
      const result = inside(district.centre);
      expect(result.municipality.ags, district.name).toBe(HANNOVER_AGS);
      expect(result.district.id, district.name).toBe(district.id);
    }
  });

  it.each<[string, LatLon, string]>([
    ['Hauptbahnhof', { lat: 52.3766, lon: 9.7414 }, 'Mitte'],
    ['Limmerplatz', { lat: 52.3774, lon: 9.7057 }, 'Linden-Nord'],
    ['Lister Platz', { lat: 52.3881, lon: 9.7522 }, 'List'],
    ['Misburger Rathaus', { lat: 52.3915, lon: 9.8565 }, 'Misburg-Nord'],
  ])('places %s in %s', (_name, point, name) => {
    expect(inside(point).district.name).toBe(name);
  });

  it('names the neighbouring Stadtteil near a Stadtteil border, as at other borders', () => {
    // Linden-Nord and Limmer meet along the Fösse: a point there and 100 m to either side.
    const shared = sharedBoundaryPoint(part('33'), part('36'));
    const here = inside(shared);
    expect([part('33'), part('36')]).toContain(here.district.id);
    const other = here.district.id === part('33') ? part('36') : part('33');
    expect(here.nearBoundary.map((n) => n.id)).toContain(other);
    expect(here.nearBoundary.find((n) => n.id === other)!.distanceMeters).toBeLessThan(5);
  });

  it('gives every point it places in Hannover exactly one Stadtteil, at the outer edge too', () => {
    // A grid of 150 m over Hannover and 1 km around it: wherever the municipality (outline and
    // slack) says Hannover, the answer is one of its parts, and a part only there.
    const outline = portal.cities.outline(HANNOVER)!;
    const [minLon, minLat, maxLon, maxLat] = bboxOf(outline);
    const projection = new LocalProjection({ lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 });
    const dLat = 150 / projection.metersPerDegreeLat;
    const dLon = 150 / projection.metersPerDegreeLon;
    const margin = 1000 / projection.metersPerDegreeLat;
    const partIds = new Set(portal.cities.parts(HANNOVER).map((d) => d.id));
    let inCity = 0;
    let nearEdge = 0;
    for (let lat = minLat - margin; lat <= maxLat + margin; lat += dLat) {
      for (let lon = minLon - margin * 1.6; lon <= maxLon + margin * 1.6; lon += dLon) {
        const result = portal.locate({ lat, lon });
        if (result.kind !== 'inside') continue;
        if (result.municipality.ags === HANNOVER_AGS) {
          expect(partIds.has(result.district.id), `${lat},${lon}`).toBe(true);
          inCity++;
          if (result.nearBoundary.some((n) => !partIds.has(n.id))) nearEdge++;
        } else {
          expect(partIds.has(result.district.id), `${lat},${lon}`).toBe(false);
        }
      }
    }
    expect(inCity).toBeGreaterThan(8000);
    expect(nearEdge).toBeGreaterThan(100);
  });

  it('gives the points along the city outline, 100 m inside and 100 m outside, a Stadtteil of Hannover', () => {
    const outline = portal.cities.outline(HANNOVER)!;
    const centre = portal.cities.city(HANNOVER)!.centre;
    const partIds = new Set(portal.cities.parts(HANNOVER).map((d) => d.id));
    let checked = 0;
    for (const [lon, lat] of polygonsOf(outline)[0]![0]!) {
      for (const metres of [-100, 100]) {
        const point = towards({ lat: lat!, lon: lon! }, centre, metres);
        const result = portal.locate(point);
        if (result.kind !== 'inside' || result.municipality.ags !== HANNOVER_AGS) continue;
        expect(partIds.has(result.district.id), `${point.lat},${point.lon}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('searching Hannover by Stadtteil, Stadtbezirk and street', () => {
  const search = (query: string) => portal.search(query, 20);

  it.each([
    ['Linden-Nord', 'Linden-Nord'],
    ['Vahrenwald', 'Vahrenwald'],
    ['Hannover Döhren', 'Döhren'],
    ['Döhren Hannover', 'Döhren'],
    ['Hannover-List', 'List'],
    ['Stadtteil Groß-Buchholz', 'Groß-Buchholz'],
    ['Zoo', 'Zoo'],
  ])('%s goes to the Stadtteil %s', (query, name) => {
    const answer = search(query);
    expect(answer.decision).toEqual({ action: 'go', index: 0 });
    expect(answer.results[0]).toMatchObject({ type: 'district', match: 'exact', district: { name }, city: { id: HANNOVER } });
  });

  it.each([
    ['Linden', ['Linden-Nord', 'Linden-Mitte', 'Linden-Süd']],
    ['Hannover-Linden', ['Linden-Nord', 'Linden-Mitte', 'Linden-Süd']],
    ['Linden Hannover', ['Linden-Nord', 'Linden-Mitte', 'Linden-Süd']],
    ['Linden-Limmer', ['Linden-Nord', 'Linden-Mitte', 'Linden-Süd', 'Limmer']],
    ['Misburg', ['Misburg-Nord', 'Misburg-Süd']],
    ['Hannover Mitte', ['Mitte', 'Calenberger Neustadt', 'Zoo', 'Oststadt']],
  ])('%s asks to choose among its Stadtteile', (query, names) => {
    const answer = search(query);
    expect(answer.decision).toEqual({ action: 'choose', reason: 'several' });
    const exact = answer.results.filter((r) => r.match === 'exact').map((r) => r.district?.name);
    expect(exact.sort()).toEqual([...names].sort());
  });

  it.each(['Südstadt', 'Nordstadt', 'Oststadt', 'Mitte'])(
    '%s, a name many towns give a part of theirs, alone is a choice, never a jump',
    (query) => {
      const answer = search(query);
      expect(answer.decision.action).toBe('choose');
      expect(answer.results.filter((r) => r.match === 'exact')).toEqual([]);
      expect(answer.results.some((r) => r.city?.id === HANNOVER)).toBe(true);
    },
  );

  it.each([
    ['Hannover Südstadt', 'Südstadt'],
    ['Nordstadt Hannover', 'Nordstadt'],
    ['Hannover-Oststadt', 'Oststadt'],
  ])('%s, with the city, goes to the Stadtteil %s', (query, name) => {
    const answer = search(query);
    expect(answer.decision).toEqual({ action: 'go', index: 0 });
    expect(answer.results[0]).toMatchObject({ district: { name }, city: { id: HANNOVER } });
  });

  it.each(['List', 'Burg', 'Döhren'])('%s, also the name of another place, is a choice, never a jump', (query) => {
    const answer = search(query);
    expect(answer.decision.action).toBe('choose');
    expect(answer.results[0]).toMatchObject({ match: 'exact', city: { id: HANNOVER } });
  });

  it.each(['Hannover', '30159', '30159 Hannover', 'Hannover 30159'])('%s is the whole city: which part of town?', (query) => {
    const answer = search(query);
    expect(answer.decision).toEqual({ action: 'choose', reason: 'partOfTown' });
    expect(answer.results[0]).toMatchObject({ match: 'exact', district: null, city: { id: HANNOVER, name: 'Hannover', districts: 51 } });
  });

  it.each(['Limmerstraße 5, Hannover', 'Limmerstraße Hannover', 'Podbielskistraße 100, Hannover'])(
    '%s: a street of Hannover, known only along part of its course, is shown with its part, never gone to',
    (query) => {
      const answer = search(query);
      expect(answer.results[0]).toMatchObject({
        type: expect.stringMatching(/^(street|address)$/),
        match: 'exact',
        city: { id: HANNOVER },
      });
      expect(answer.results[0]!.district).not.toBeNull();
      expect(answer.decision.action).toBe('choose');
    },
  );

  it('a street we do not know in Hannover asks which part of town', () => {
    const answer = search('Gibtsnichtweg 5, Hannover');
    expect(answer.decision).toEqual({ action: 'choose', reason: 'partOfTown' });
    expect(answer.results[0]).toMatchObject({ streetUnknown: true, district: null, city: { id: HANNOVER } });
  });

  it.each(['Lindn-Nord', 'Vahrenwlad', 'Dörhen Hannover'])('a misspelt Stadtteil %s is a guess, never a jump', (query) => {
    expect(search(query).decision.action).not.toBe('go');
  });

  it('a main road through several Stadtteile offers each, with its point there', () => {
    const answer = search('Vahrenwalder Straße');
    expect(answer.decision).toEqual({ action: 'choose', reason: 'several' });
    const streets = answer.results.filter((r) => r.type === 'street' && r.match === 'exact');
    expect(streets.map((r) => r.district?.name).sort()).toEqual(expect.arrayContaining(['Vahrenwald', 'Vahrenheide']));
    for (const street of streets) {
      expect(street.label).toBe(`Vahrenwalder Straße, Hannover-${street.district!.name}`);
      expect(inside(street.point).district.id).toBe(street.district!.id);
    }
  });

  it('a street known in one Stadtteil is shown with it (never gone to: we know only part of its course), naming a Stadtteil within 300 m', () => {
    const answer = search('Limmerstraße');
    expect(answer.decision).toEqual({ action: 'choose', reason: 'partOfTown' });
    const [street] = answer.results;
    expect(street!.city?.id).toBe(HANNOVER);
    expect(inside(street!.point).district.id).toBe(street!.district!.id);
    expect(street!.nearBoundary.map((n) => n.id)).toEqual(inside(street!.point).nearBoundary.map((n) => n.id));
  });

  it('searches within the city from its overview: the words with the city', async () => {
    const { queryInCity } = await import('../../src/services/city-view');
    expect(queryInCity(portal, 'Limmerstraße', HANNOVER)).toBe('Limmerstraße Hannover');
    expect(queryInCity(portal, 'Limmerstraße, hannover', HANNOVER)).toBe('Limmerstraße, hannover');
    expect(queryInCity(portal, 'Celle', '033510006')).toBe('Celle');
    expect(search(queryInCity(portal, 'Linden', HANNOVER)).decision).toEqual({ action: 'choose', reason: 'several' });
  });
});

describe('the city overview', () => {
  it('lists every Stadtteil once, grouped by Stadtbezirk, with its KOBB; digital officers by group; responsibility not confirmed', () => {
    const view = cityView(portal, HANNOVER)!;
    const names = view.groups.flatMap((group) => group.parts.map((p) => p.district.name));
    expect(names).toHaveLength(51);
    expect(new Set(names).size).toBe(51);
    expect(view.groups.find((group) => group.borough?.name === 'Linden-Limmer')!.parts.map((p) => p.district.name)).toEqual([
      'Limmer',
      'Linden-Mitte',
      'Linden-Nord',
      'Linden-Süd',
    ]);
    expect(view.groups.every((group) => group.parts.every((p) => p.kobb.length >= 1))).toBe(true);
    expect(view.digitalOfficers.length).toBeGreaterThanOrEqual(3);
    expect(view.digitalOfficers.every(({ officer }) => officer.isDemo)).toBe(true);
    expect(new Set(view.digitalOfficers.flatMap(({ covers }) => covers)).size).toBeGreaterThanOrEqual(13);
    expect(view.responsibilityVerified).toBe(false);
    expect(view.source).toMatchObject({ id: 'hannover-stadtteile', licence: 'CC BY 4.0' });
  });

  it("shows the Region's own digital officers outside the city, not in its Stadtteile", () => {
    const garbsen = portal.districtView('032410005')!;
    const linden = portal.districtView(part('33'))!;
    const ids = (view: typeof garbsen) => new Set(view.digitalOfficers.map((o) => o.id));
    expect([...ids(garbsen)].some((id) => ids(linden).has(id))).toBe(false);
    expect(linden.digitalOfficers.length).toBeGreaterThanOrEqual(1);
  });
});

describe('any other town the same way: a made-up split of Celle from the fixtures', () => {
  async function splitCelle(
    dataDir: string,
    change: (geojson: any) => void = () => {},
    config: Record<string, unknown> = {},
  ): Promise<void> {
    const geojson = JSON.parse(await readFile(FIXTURE, 'utf8'));
    change(geojson);
    await writeFile(path.join(dataDir, 'geo/celle-teile.geojson'), JSON.stringify(geojson));
    await editJson<{ cities: unknown[] }>(dataDir, 'city-districts.json', (value) => {
      value.cities.push({
        municipality: '03351006',
        file: 'geo/celle-teile.geojson',
        source: 'bkg-vg250',
        districts: { type: 'Stadtteil', idProperty: 'teil_nr', nameProperty: 'teil' },
        boroughs: { type: 'Stadtbezirk', idProperty: 'bereich_nr', nameProperty: 'bereich' },
        ...config,
      });
    });
  }

  it('is divided by a GeoJSON file and a few lines of city-districts.json: districts, locate, search, old id', async () => {
    const dataDir = await copyDataDir();
    await splitCelle(dataDir);
    const dbPath = path.join(await makeTempDir(), 'portal.db');
    const report = await buildDatabase({ dataDir, outputPath: dbPath });
    expect(report.counts).toMatchObject({ cities: 2, districts: 481 - 1 + 4 });
    const split = loadPortal(dbPath);
    // By name: Nordost, Nordwest, Südost, Südwest.
    expect(split.cities.parts('033510006').map((d) => d.id)).toEqual(['033510006-2', '033510006-1', '033510006-4', '033510006-3']);
    for (const district of split.cities.parts('033510006')) {
      const result = split.locate(district.centre);
      expect(result.kind === 'inside' && result.district.id).toBe(district.id);
    }
    expect(split.search('Celle', 10).decision).toEqual({ action: 'choose', reason: 'partOfTown' });
    expect(split.search('Celle-Nordwest', 10).decision).toEqual({ action: 'go', index: 0 });
    expect(split.search('Celle-Nord', 10).decision).toEqual({ action: 'choose', reason: 'several' });
    // Hannover is still divided as before.
    expect(split.cities.parts(HANNOVER)).toHaveLength(51);
  });

  /** Builds a broken split over a copy of the good database: the error names file and feature, the database stays. */
  async function expectRejected(change: (geojson: any) => void, expected: Array<string | RegExp>, config: Record<string, unknown> = {}) {
    const dataDir = await copyDataDir();
    await splitCelle(dataDir, change, config);
    const outDir = await makeTempDir();
    const outputPath = path.join(outDir, 'portal.db');
    await copyFile(goodDatabase, outputPath);
    const before = await readFile(outputPath);
    const error = await buildDatabase({ dataDir, outputPath }).then(
      () => new Error('build should have failed'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(DataValidationError);
    for (const part of expected) {
      if (typeof part === 'string') expect(error.message).toContain(part);
      else expect(error.message).toMatch(part);
    }
    expect((await readFile(outputPath)).equals(before)).toBe(true);
    expect(await readdir(outDir)).toEqual(['portal.db']);
  }

  it('rejects a part outside its municipality, naming file and feature', () =>
    expectRejected(
      (geojson) => shift(geojson.features[3].geometry, 0.05, 0),
      ['geo/celle-teile.geojson, Datensatz 4 (id "Celle-Südost"), Feld "geometry"', /ragt \d+ m über die Gemeinde Celle hinaus/],
    ));

  it('rejects a part far away from its municipality', () =>
    expectRejected(
      (geojson) => shift(geojson.features[0].geometry, 1, 1),
      ['Datensatz 1 (id "Celle-Nordwest")', 'liegt ganz außerhalb der Gemeinde Celle'],
    ));

  it('rejects a gap: a quarter of the town in no part', () =>
    expectRejected((geojson) => geojson.features.splice(2, 1), ['geo/celle-teile.geojson', /Lücke: \d+ Prüfpunkte der Gemeinde Celle/]));

  it('rejects overlapping parts', () =>
    expectRejected(
      (geojson) =>
        geojson.features.push({
          ...geojson.features[0],
          properties: { ...geojson.features[0].properties, teil_nr: 9, teil: 'Celle-Doppelt' },
        }),
      ['Datensatz 5 (id "Celle-Doppelt")', 'überlappt Celle-Nordwest (Datensatz 1)'],
    ));

  it('rejects duplicate names and numbers', () =>
    expectRejected(
      (geojson) => {
        geojson.features[1].properties.teil = 'Celle-Nordwest';
        geojson.features[2].properties.teil_nr = 1;
      },
      [
        'Datensatz 2 (id "Celle-Nordwest"), Feld "properties.teil": doppelter Name "Celle-Nordwest"',
        'Datensatz 3 (id "Celle-Südwest"), Feld "properties.teil_nr": doppelte Nummer "1"',
      ],
    ));

  it('rejects a missing property and a group named two ways', () =>
    expectRejected(
      (geojson) => {
        delete geojson.features[0].properties.teil;
        geojson.features[3].properties.bereich = 'Celle-Unten';
      },
      ['Datensatz 1, Feld "properties.teil"', 'Stadtbezirk s heißt hier "Celle-Unten", anderswo "Celle-Süd"'],
    ));

  it('rejects a municipality that is not a district of its own, and an unknown source', async () => {
    await expectRejected(() => {}, ['city-districts.json, Datensatz 2 (id "03351006"), Feld "source": unbekannte Quelle "keine-quelle"'], {
      source: 'keine-quelle',
    });
    await expectRejected(() => {}, ['Feld "municipality"', 'aufteilen lässt sich nur eine Gemeinde, die allein ein Bezirk ist'], {
      municipality: '03351005',
    });
  });
});

/** A point on the boundary two districts share (a vertex of one lying on the other's outline). */
function sharedBoundaryPoint(a: string, b: string): LatLon {
  const outlineA = portal.districtOutline(a)!;
  const outlineB = portal.districtOutline(b)!;
  const onB = new Set(polygonsOf(outlineB).flatMap((polygon) => polygon.flatMap((ring) => ring.map(([lon, lat]) => `${lon},${lat}`))));
  const shared = polygonsOf(outlineA)
    .flatMap((polygon) => polygon.flatMap((ring) => ring))
    .filter(([lon, lat]) => onB.has(`${lon},${lat}`));
  const [lon, lat] = shared[Math.floor(shared.length / 2)]!;
  return { lat: lat!, lon: lon! };
}

/** A point `metres` from `from` towards `to` (negative: away from it). */
function towards(from: LatLon, to: LatLon, metres: number): LatLon {
  const projection = new LocalProjection(from);
  const dx = projection.x(to.lon);
  const dy = projection.y(to.lat);
  const length = Math.hypot(dx, dy);
  return {
    lat: from.lat + (dy / length) * (metres / projection.metersPerDegreeLat),
    lon: from.lon + (dx / length) * (metres / projection.metersPerDegreeLon),
  };
}

function shift(geometry: { type: string; coordinates: any }, dLon: number, dLat: number): void {
  const move = (ring: number[][]) => ring.forEach((position) => ((position[0]! += dLon), (position[1]! += dLat)));
  if (geometry.type === 'Polygon') geometry.coordinates.forEach(move);
  else geometry.coordinates.forEach((polygon: number[][][]) => polygon.forEach(move));
}
