/**
 * Loads the real Niedersachsen place data for the search tests and maps it to the domain types.
 * I/O lives here, in the tests only; the search itself never reads files.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { District, LatLon, Municipality, PostcodeArea } from '../../../src/domain/model';
import type { PlaceSearchInput } from '../../../src/domain/search';

interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

const root = new URL('../../../', import.meta.url);

function readFeatures(path: string): Feature[] {
  return (
    JSON.parse(readFileSync(new URL(path, root), 'utf8')) as {
      features: Feature[];
    }
  ).features;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Centre of the bounding box of any GeoJSON geometry ([lon, lat] positions). */
function bboxCentre(geometry: Feature['geometry']): LatLon {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      minLon = Math.min(minLon, c[0]);
      maxLon = Math.max(maxLon, c[0]);
      minLat = Math.min(minLat, c[1]);
      maxLat = Math.max(maxLat, c[1]);
      return;
    }
    for (const child of c) visit(child);
  };
  visit(geometry?.coordinates);
  return { lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 };
}

/** "Landkreis Celle", "Region Hannover", "Stadt Osnabrück". */
function kreisName(gen: string, bez: string): string {
  if (gen.startsWith('Region ')) return gen;
  if (bez === 'Kreisfreie Stadt') return `Stadt ${gen}`;
  return `${bez} ${gen}`;
}

let cached: PlaceSearchInput | undefined;

/** Municipalities, districts, postcode rows and Kreis names from data/. */
export function loadRealPlaces(): PlaceSearchInput {
  if (cached) return cached;
  const kreisNames = new Map<string, string>();
  const municipalities: Municipality[] = readFeatures('data/geo/nds_gemeinden_vg250.geojson').map((f) => {
    const p = f.properties;
    kreisNames.set(str(p.KRS_AGS), kreisName(str(p.KRS_GEN), str(p.KRS_BEZ)));
    const lat = num(p.ZENTRUM_LAT);
    const lon = num(p.ZENTRUM_LON);
    return {
      ags: str(p.AGS),
      name: str(p.GEN),
      type: str(p.BEZ),
      districtId: str(p.VWG_ARS),
      population: num(p.EWZ),
      centre: lat !== 0 && lon !== 0 ? { lat, lon } : bboxCentre(f.geometry),
    };
  });

  // The district file has no centre: use its most populous municipality's, else the bbox centre.
  const biggest = new Map<string, Municipality>();
  for (const m of municipalities) {
    const current = biggest.get(m.districtId);
    if (!current || m.population > current.population) biggest.set(m.districtId, m);
  }
  const districts: District[] = readFeatures('data/geo/nds_samtgemeinden_einheitsgemeinden_vg250.geojson').map((f) => {
    const p = f.properties;
    const id = str(p.VWG_ARS);
    return {
      id,
      name: str(p.VWG_GEN),
      type: str(p.VWG_BEZ),
      kreisAgs: str(p.KRS_AGS),
      inspectionId: '',
      stationId: null,
      population: num(p.EWZ),
      areaKm2: num(p.FLAECHE_KM2),
      centre: biggest.get(id)?.centre ?? bboxCentre(f.geometry),
      cityId: null,
      boroughId: null,
    };
  });

  const postcodeRows: Array<Record<string, string>> = parse(
    readFileSync(new URL('data/postcodes/plz_ort_gemeinde_niedersachsen.csv', root), 'utf8'),
    { bom: true, columns: true, skip_empty_lines: true },
  );
  const postcodeAreas: PostcodeArea[] = postcodeRows.map((row) => ({
    postcode: row.plz ?? '',
    ags: row.ags ?? '',
    placeName: row.ort ?? '',
  }));

  cached = { municipalities, districts, postcodeAreas, kreisNames };
  return cached;
}
