/**
 * The services over a snapshot built from the real data/ sources: locate, search and the
 * district and officer views, asserted with real places, ids and neighbours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatLon } from '../../src/domain/model';
import type { Portal } from '../../src/services/portal';
import { buildProjectPortal, removeTempDirs } from './helpers/data-dir';

let portal: Portal;

beforeAll(async () => {
  portal = await buildProjectPortal();
});
afterAll(removeTempDirs);

const CELLE_DISTRICT = '033510006';
/** Inspections without a digital officer in the demo data: their pages fall back to the inspection's accounts. */
const WITHOUT_DIGITAL = ['pi-cuxhaven', 'pi-diepholz', 'pi-wolfsburg-helmstedt'];

function inside(point: LatLon) {
  const result = portal.locate(point);
  if (result.kind !== 'inside') throw new Error(`${point.lat},${point.lon} should be inside Niedersachsen`);
  return result;
}

/** The point `meters` from `from` towards `bearingDeg` (small distances: a flat local approximation is enough). */
function offset(from: LatLon, bearingDeg: number, meters: number): LatLon {
  const rad = (bearingDeg * Math.PI) / 180;
  const dLat = (meters * Math.cos(rad)) / 111_320;
  const dLon = (meters * Math.sin(rad)) / (111_320 * Math.cos((from.lat * Math.PI) / 180));
  return { lat: from.lat + dLat, lon: from.lon + dLon };
}

function allDistrictIds(): string[] {
  return portal
    .overviewGeoJson()
    .features.filter((feature) => feature.properties?.kind === 'district')
    .map((feature) => String(feature.properties!.id));
}

describe('locate', () => {
  // Town centres, at least one per Polizeidirektion.
  const towns: Array<[string, LatLon, { ags: string; district: string; inspection: string; directorate: string }]> = [
    [
      'Celle',
      { lat: 52.6226, lon: 10.0805 },
      { ags: '03351006', district: CELLE_DISTRICT, inspection: 'pi-celle', directorate: 'pd-lueneburg' },
    ],
    [
      'Lüneburg',
      { lat: 53.2494, lon: 10.4141 },
      { ags: '03355022', district: '033550022', inspection: 'pi-lueneburg-luechow-dannenberg-uelzen', directorate: 'pd-lueneburg' },
    ],
    [
      'Braunschweig',
      { lat: 52.2689, lon: 10.5268 },
      { ags: '03101000', district: '031010000', inspection: 'pi-braunschweig', directorate: 'pd-braunschweig' },
    ],
    [
      'Wolfsburg',
      { lat: 52.4227, lon: 10.7865 },
      { ags: '03103000', district: '031030000', inspection: 'pi-wolfsburg-helmstedt', directorate: 'pd-braunschweig' },
    ],
    [
      'Göttingen',
      { lat: 51.5413, lon: 9.9158 },
      { ags: '03159016', district: '031590016', inspection: 'pi-goettingen', directorate: 'pd-goettingen' },
    ],
    [
      'Hann. Münden',
      { lat: 51.4167, lon: 9.65 },
      { ags: '03159017', district: '031590017', inspection: 'pi-goettingen', directorate: 'pd-goettingen' },
    ],
    [
      'Hameln',
      { lat: 52.104, lon: 9.3561 },
      { ags: '03252006', district: '032520006', inspection: 'pi-hameln-pyrmont-holzminden', directorate: 'pd-goettingen' },
    ],
    // A city divided into districts: the municipality names its city (the district it was), the point its Stadtteil.
    [
      'Hannover',
      { lat: 52.3759, lon: 9.732 },
      { ags: '03241001', district: '032410001-01', inspection: 'pi-hannover-stadt-pi-garbsen-pi-burgdorf', directorate: 'pd-hannover' },
    ],
    [
      'Oldenburg (Oldb)',
      { lat: 53.1435, lon: 8.2146 },
      { ags: '03403000', district: '034030000', inspection: 'pi-oldenburg-stadt-ammerland', directorate: 'pd-oldenburg' },
    ],
    [
      'Cuxhaven',
      { lat: 53.861, lon: 8.6944 },
      { ags: '03352011', district: '033520011', inspection: 'pi-cuxhaven', directorate: 'pd-oldenburg' },
    ],
    [
      'Diepholz',
      { lat: 52.6074, lon: 8.3711 },
      { ags: '03251012', district: '032510012', inspection: 'pi-diepholz', directorate: 'pd-oldenburg' },
    ],
    [
      'Osnabrück',
      { lat: 52.2799, lon: 8.0472 },
      { ags: '03404000', district: '034040000', inspection: 'pi-osnabrueck', directorate: 'pd-osnabrueck' },
    ],
    [
      'Emden',
      { lat: 53.3669, lon: 7.2061 },
      { ags: '03402000', district: '034020000', inspection: 'pi-leer-emden', directorate: 'pd-osnabrueck' },
    ],
    [
      'Lingen (Ems)',
      { lat: 52.522, lon: 7.3164 },
      { ags: '03454032', district: '034540032', inspection: 'pi-emsland-grafschaft-bentheim', directorate: 'pd-osnabrueck' },
    ],
  ];

  it.each(towns)('finds %s with its district, inspection and directorate', (name, point, expected) => {
    const result = inside(point);
    expect(result.municipality).toMatchObject({ ags: expected.ags, name, districtId: expected.district.split('-')[0] });
    expect(result.district.id).toBe(expected.district);
    expect(result.inspection.id).toBe(expected.inspection);
    expect(result.inspection.directorateId).toBe(expected.directorate);
    expect(result.directorate.id).toBe(expected.directorate);
    expect(result.point).toEqual(point);
  });

  it('covers all six directorates with the towns above', () => {
    expect(new Set(towns.map(([, , expected]) => expected.directorate)).size).toBe(6);
  });

  it('names PI Celle and PD Lüneburg for Celle', () => {
    const result = inside({ lat: 52.6226, lon: 10.0805 });
    expect(result.district.name).toBe('Celle');
    expect(result.inspection.name).toBe('PI Celle');
    expect(result.directorate.name).toBe('PD Lüneburg');
  });

  it.each<[string, { lat: number; lon: number }, string | null]>([
    ['Berlin', { lat: 52.52, lon: 13.405 }, null],
    ['the North Sea', { lat: 54.2, lon: 7.0 }, null],
    // A hole of Niedersachsen's outline: Bremen, named by its own places (domain/geo/enclave.ts).
    ['Bremen (a Land of its own, enclosed by Niedersachsen)', { lat: 53.0793, lon: 8.8017 }, 'bremen'],
    ["Bremen-Vegesack (its postcodes all lie on Bremen's centre)", { lat: 53.1717, lon: 8.6217 }, 'bremen'],
    ['Bremen-Blumenthal', { lat: 53.19, lon: 8.56 }, 'bremen'],
    // Bremerhaven's south is closed by Niedersachsen on every side; its centre opens onto the
    // Weser mouth, where the data cannot rule out another state: named nobody, never wrongly.
    ['Bremerhaven-Wulsdorf', { lat: 53.5, lon: 8.58 }, 'bremerhaven'],
    ['Bremerhaven-Mitte', { lat: 53.5396, lon: 8.5809 }, null],
    ['Hamburg', { lat: 53.5511, lon: 9.9937 }, null],
    ['Groningen (Netherlands)', { lat: 53.2194, lon: 6.5665 }, null],
    ['Kassel (Hessen)', { lat: 51.3127, lon: 9.4797 }, null],
    ['Magdeburg (Sachsen-Anhalt)', { lat: 52.1205, lon: 11.6276 }, null],
    ["Niedersachsen's own Jadebusen, left out of the land outlines", { lat: 53.45, lon: 8.2 }, null],
    ['the null island', { lat: 0, lon: 0 }, null],
    ['the south pole', { lat: -90, lon: -180 }, null],
  ])('answers outside for %s, naming the police only where the data allow it', (_name, point, police) => {
    const result = portal.locate(point);
    expect(result.kind).toBe('outside');
    expect(result.kind === 'outside' ? (result.enclave?.id ?? null) : 'inside').toBe(police);
  });

  it('names the neighbour for a point about 100 m inside a district boundary', () => {
    const centre = { lat: 52.6226, lon: 10.0805 };
    // Walk east from Celle's centre until the district changes, then bisect to the boundary.
    let inStep = 0;
    let outStep = 0;
    let neighbourId = '';
    for (let meters = 500; meters < 40_000; meters += 500) {
      const result = portal.locate(offset(centre, 90, meters));
      if (result.kind === 'inside' && result.district.id === CELLE_DISTRICT) {
        inStep = meters;
        continue;
      }
      outStep = meters;
      break;
    }
    expect(outStep).toBeGreaterThan(0);
    while (outStep - inStep > 1) {
      const mid = (inStep + outStep) / 2;
      const result = portal.locate(offset(centre, 90, mid));
      if (result.kind === 'inside' && result.district.id === CELLE_DISTRICT) inStep = mid;
      else outStep = mid;
    }
    const across = portal.locate(offset(centre, 90, outStep + 100));
    if (across.kind !== 'inside') throw new Error('east of Celle lies Niedersachsen');
    neighbourId = across.district.id;
    expect(neighbourId).not.toBe(CELLE_DISTRICT);

    const near = inside(offset(centre, 90, inStep - 100));
    expect(near.district.id).toBe(CELLE_DISTRICT);
    const neighbour = near.nearBoundary.find((entry) => entry.id === neighbourId);
    expect(neighbour, JSON.stringify(near.nearBoundary)).toBeDefined();
    expect(neighbour!.name).toBe(across.district.name);
    expect(neighbour!.distanceMeters).toBeLessThanOrEqual(150);
    expect(near.nearBoundary.every((entry) => entry.id !== CELLE_DISTRICT)).toBe(true);

    // And from the other side, Celle is the neighbour.
    const other = inside(offset(centre, 90, outStep + 100));
    expect(other.nearBoundary.map((entry) => entry.id)).toContain(CELLE_DISTRICT);
  });

  it('names no neighbour in the middle of a big district', () => {
    expect(inside({ lat: 52.6226, lon: 10.0805 }).nearBoundary).toEqual([]);
    expect(inside({ lat: 52.3759, lon: 9.732 }).nearBoundary).toEqual([]);
  });

  it('finds all 968 municipalities at their own centres, in their own district (a divided city in one of its parts)', () => {
    let checked = 0;
    for (const id of allDistrictIds()) {
      const view = portal.districtView(id)!;
      for (const municipality of view.municipalities) {
        const result = inside(municipality.centre);
        expect(result.municipality.ags, municipality.name).toBe(municipality.ags);
        expect(result.district.id, municipality.name).toBe(id);
        expect(result.inspection.id).toBe(view.inspection.id);
        checked++;
      }
    }
    for (const city of portal.cities.list()) {
      const result = inside(city.centre);
      expect(result.municipality.ags).toBe(city.ags);
      expect(portal.cities.parts(city.id).map((part) => part.id)).toContain(result.district.id);
      checked++;
    }
    expect(checked).toBe(968);
  });
});

describe('districtView', () => {
  it('shows Celle with PI Celle, PD Lüneburg, kobb and digital officers, verified', () => {
    const view = portal.districtView(CELLE_DISTRICT)!;
    expect(view.district.name).toBe('Celle');
    expect(view.inspection.name).toBe('PI Celle');
    expect(view.directorate.name).toBe('PD Lüneburg');
    expect(view.kreis.ags).toBe('03351');
    expect(view.municipalities.map((m) => m.ags)).toEqual(['03351006']);
    expect(view.kobbOfficers.length).toBeGreaterThanOrEqual(1);
    expect(view.digitalOfficers.length).toBeGreaterThanOrEqual(1);
    expect(view.kobbOfficers.every((officer) => officer.role === 'kobb')).toBe(true);
    expect(view.digitalOfficers.every((officer) => officer.role === 'digital')).toBe(true);
    expect(view.station).not.toBeNull();
    expect(view.responsibilityVerified).toBe(true);
    expect(view.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('gives every district a kobb and digital officers, or the inspection accounts as fallback', () => {
    const ids = allDistrictIds();
    // 431 Samt- and Einheitsgemeinden, Hannover's one replaced by its 51 Stadtteile.
    expect(ids).toHaveLength(481);
    const fallbackSeen = new Set<string>();
    for (const id of ids) {
      const view = portal.districtView(id)!;
      expect(view, id).not.toBeNull();
      expect(view.kobbOfficers.length, id).toBeGreaterThanOrEqual(1);
      if (WITHOUT_DIGITAL.includes(view.inspection.id)) {
        expect(view.digitalOfficers, id).toEqual([]);
        expect(view.inspectionAccounts.length, id).toBeGreaterThanOrEqual(1);
        fallbackSeen.add(view.inspection.id);
      } else {
        expect(view.digitalOfficers.length, id).toBeGreaterThanOrEqual(1);
      }
      for (const officer of [...view.digitalOfficers, ...view.kobbOfficers]) {
        expect(officer.isDemo).toBe(true);
        for (const account of officer.accounts) expect(account.url).toMatch(/^\/demo-konto\//);
      }
    }
    expect([...fallbackSeen].sort()).toEqual([...WITHOUT_DIGITAL].sort());
  });

  it('marks Region Hannover as not verified', () => {
    const hannover = allDistrictIds().filter((id) => id.startsWith('03241'));
    expect(hannover.length).toBeGreaterThan(10);
    for (const id of hannover) expect(portal.districtView(id)!.responsibilityVerified, id).toBe(false);
  });

  it('returns null for unknown ids', () => {
    expect(portal.districtView('999999999')).toBeNull();
    expect(portal.districtView('')).toBeNull();
    expect(portal.districtView('__proto__')).toBeNull();
  });
});

describe('search', () => {
  const first = (query: string, limit = 10) => portal.search(query, limit).results[0];
  const goes = (query: string) => portal.search(query, 20).decision.action === 'go';

  it('finds Celle first and confidently', () => {
    const { results } = portal.search('Celle', 10);
    expect(results[0]).toMatchObject({ type: 'municipality', label: 'Celle', ags: '03351006' });
    expect(results[0]!.district).toMatchObject({ id: CELLE_DISTRICT, name: 'Celle' });
    expect(results[0]!.municipality).toEqual({ ags: '03351006', name: 'Celle' });
    expect(goes('Celle')).toBe(true);
  });

  it.each([
    ['Cele', 'Celle'],
    ['celle', 'Celle'],
    ['  CELLE ', 'Celle'],
    ['Goettingen', 'Göttingen'],
    ['Göttingen', 'Göttingen'],
    ['Gottingen', 'Göttingen'],
    ['Hann. Münden', 'Hann. Münden'],
    ['Hannoversch Münden', 'Hann. Münden'],
    ['Hann Muenden', 'Hann. Münden'],
    ['Lüneburg', 'Lüneburg'],
    ['Lueneburg', 'Lüneburg'],
    ['Lünebu', 'Lüneburg'],
    ['Hannover', 'Hannover'],
    ['Osnabrueck', 'Osnabrück'],
    ['Brauschweig', 'Braunschweig'],
  ])('ranks %j → %s first', (query, label) => {
    expect(first(query)?.label).toBe(label);
  });

  it('finds a postcode of one municipality confidently', () => {
    const { results } = portal.search('29221', 10);
    expect(results[0]).toMatchObject({ type: 'postcode', postcode: '29221', ags: '03351006' });
    expect(goes('29221')).toBe(true);
  });

  it('returns every municipality of a postcode spanning several, not confidently', () => {
    // 37434 (around Gieboldehausen, Landkreis Göttingen) reaches 11 municipalities.
    const { results } = portal.search('37434', 20);
    expect(results.every((result) => result.type === 'postcode' && result.postcode === '37434')).toBe(true);
    expect(results.map((result) => result.ags).sort()).toEqual([
      '03159005',
      '03159006',
      '03159014',
      '03159019',
      '03159022',
      '03159025',
      '03159027',
      '03159028',
      '03159030',
      '03159037',
      '03159038',
    ]);
    expect(goes('37434')).toBe(false);
    expect(goes('27419')).toBe(false);
    expect(portal.search('27419', 20).results).toHaveLength(9);
  });

  it('is not confident for a name several places share', () => {
    const { results } = portal.search('Neuenkirchen', 10);
    expect(results.filter((result) => result.label.startsWith('Neuenkirchen (')).length).toBeGreaterThanOrEqual(5);
    expect(goes('Neuenkirchen')).toBe(false);
  });

  it('honours the limit', () => {
    expect(portal.search('Lün', 3).results).toHaveLength(3);
    expect(portal.search('Lün', 1).results).toHaveLength(1);
  });

  it.each(['xqzjkw', 'zzzzzzzz', '99999', '0000', '!!!', '%', '_', '<script>alert(1)</script>'])('returns nothing for %j', (query) => {
    expect(portal.search(query, 10).results).toEqual([]);
  });

  it('treats SQL as text: "\' OR 1=1 --" is at most a prefix of a place ("or" → Oerel), never everything', () => {
    const { results } = portal.search("' OR 1=1 --", 20);
    expect(results.length).toBeLessThanOrEqual(3);
    expect(() => portal.search("Celle'; DROP TABLE districts; --", 5)).not.toThrow();
  });

  it('gives each result a district (or its divided city) and a point inside Niedersachsen', () => {
    for (const query of ['Lün', 'Neuenkirchen', '37434', 'Samtgemeinde', 'Ol', 'Hannover']) {
      for (const result of portal.search(query, 20).results) {
        if (result.district) expect(portal.districtView(result.district.id), result.label).not.toBeNull();
        else expect(result.city, result.label).not.toBeNull();
        expect(result.point.lat).toBeGreaterThan(51.2);
        expect(result.point.lat).toBeLessThan(54.0);
        expect(result.point.lon).toBeGreaterThan(6.6);
        expect(result.point.lon).toBeLessThan(11.7);
      }
    }
  });
});

describe('officerView', () => {
  it('lists every district of the inspection a digital officer covers', () => {
    const celle = portal.districtView(CELLE_DISTRICT)!;
    const officer = celle.digitalOfficers[0]!;
    const view = portal.officerView(officer.id)!;
    expect(view.officer.id).toBe(officer.id);
    expect(view.inspections.map((inspection) => inspection.id)).toEqual(['pi-celle']);
    const digital = view.roles.find((entry) => entry.role === 'digital')!;
    const expectedIds = allDistrictIds().filter((id) => portal.districtView(id)!.inspection.id === 'pi-celle');
    const overview = portal.inspectionOverview().find((entry) => entry.inspection.id === 'pi-celle')!;
    expect(expectedIds).toHaveLength(overview.districtCount);
    expect(digital.districts.map((district) => district.id).sort()).toEqual(expectedIds.sort());
    expect(digital.districts.map((district) => district.name)).toContain('Celle');
  });

  it('lists the few districts of a kobb', () => {
    const kobb = portal.districtView(CELLE_DISTRICT)!.kobbOfficers[0]!;
    const view = portal.officerView(kobb.id)!;
    const districts = view.roles.find((entry) => entry.role === 'kobb')!.districts;
    expect(districts.map((district) => district.id)).toContain(CELLE_DISTRICT);
    expect(districts.length).toBeLessThan(12);
  });

  it('returns null for unknown officers', () => {
    expect(portal.officerView('no-such-officer')).toBeNull();
  });
});

describe('inspectionOverview', () => {
  it('lists 28 inspections in 6 directorates, covering all 481 districts', () => {
    const overview = portal.inspectionOverview();
    expect(overview).toHaveLength(28);
    expect(new Set(overview.map((entry) => entry.directorate.id)).size).toBe(6);
    expect(overview.reduce((sum, entry) => sum + entry.districtCount, 0)).toBe(481);
    const without = overview.filter((entry) => entry.digitalOfficers.length === 0).map((entry) => entry.inspection.id);
    expect(without.sort()).toEqual([...WITHOUT_DIGITAL].sort());
  });
});
