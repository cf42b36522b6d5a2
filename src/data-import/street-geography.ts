/**
 * The geography the import places streets and addresses in: the municipalities with the words of
 * their names and postcodes, the parts of divided cities, and the domain's rule for a point's
 * municipality and district (domain/geo/district-locator.ts, the server's locate).
 */
import { bboxOf } from '../domain/geo/geometry';
import { CityParts } from '../domain/geo/city-parts';
import { DistrictLocator } from '../domain/geo/district-locator';
import type { Borough, LatLon, PostcodeArea } from '../domain/model';
import { baseName, normaliseText } from '../domain/search';
import type { DistrictData, MunicipalityData } from './source-records';

/** An HK-DE point further than this outside its own municipality's box is located by its position instead. */
const AGS_CHECK_SLACK_DEGREES = 0.03;
/** The geography streets are placed in: municipalities, their postcodes, and the parts of divided cities. */
export interface StreetGeography {
  municipalities: readonly MunicipalityData[];
  postcodeAreas: readonly PostcodeArea[];
  districts: readonly DistrictData[];
  boroughs: readonly Borough[];
}

/** The municipalities indexed for placing streets and addresses. */
export interface Municipalities {
  byAgs: Map<string, MunicipalityData>;
  /** The domain's rule for a point's municipality and district: the server's locate (domain/geo/district-locator.ts). */
  locator: DistrictLocator<MunicipalityData, DistrictData>;
  boxes: Map<string, [number, number, number, number]>;
  placeWords: Map<string, Set<string>>;
  postcodes: Map<string, Set<string>>;
  /** The words of a part and its group (Stadtbezirk), searchable with its streets. */
  partWords: Map<string, Set<string>>;
  /** A city's part by its normalised name, or its group's (for a street list naming the Stadtteil). */
  partsByName: Map<string, Map<string, string[]>>;
}

/** The district of a point in a municipality: its part where the municipality is divided, else its district. */
export function districtAt(municipalities: Municipalities, municipality: MunicipalityData, point: LatLon): string {
  return municipalities.locator.districtIn(municipality, point).districtId;
}

/** Indexes the municipalities and the parts of divided cities for placing streets and addresses. */
export function indexMunicipalities({ municipalities: list, postcodeAreas, districts, boroughs }: StreetGeography): Municipalities {
  const byAgs = new Map(list.map((m) => [m.ags, m]));
  const boxes = new Map<string, [number, number, number, number]>();
  const placeWords = new Map<string, Set<string>>();
  const postcodes = new Map<string, Set<string>>();
  const wordsOf = (text: string) => normaliseText(text).split(' ').filter(Boolean);
  const addWords = (ags: string, text: string) => {
    const set = placeWords.get(ags) ?? new Set<string>();
    for (const word of wordsOf(text)) set.add(word);
    placeWords.set(ags, set);
  };
  for (const m of list) {
    const [minLon, minLat, maxLon, maxLat] = bboxOf(m.geometry);
    const s = AGS_CHECK_SLACK_DEGREES;
    boxes.set(m.ags, [minLon - s, minLat - s, maxLon + s, maxLat + s]);
    addWords(m.ags, m.name);
    addWords(m.ags, baseName(m.name));
  }
  for (const area of postcodeAreas) {
    if (!byAgs.has(area.ags)) continue;
    addWords(area.ags, area.placeName);
    postcodes.set(area.ags, (postcodes.get(area.ags) ?? new Set()).add(area.postcode));
  }
  // The parts of divided cities: located by point, named by their own and their group's words.
  const agsOfCity = new Map(list.map((m) => [m.districtId, m.ags]));
  const boroughName = new Map(boroughs.map((b) => [b.id, b.name]));
  const partsOf = new Map<string, DistrictData[]>();
  const partWords = new Map<string, Set<string>>();
  const partsByName = new Map<string, Map<string, string[]>>();
  for (const part of districts) {
    const ags = part.cityId === null ? undefined : agsOfCity.get(part.cityId);
    if (ags === undefined) continue;
    partsOf.set(ags, [...(partsOf.get(ags) ?? []), part]);
    const group = part.boroughId === null ? undefined : boroughName.get(part.boroughId);
    partWords.set(part.id, new Set([...wordsOf(part.name), ...(group ? wordsOf(group) : [])]));
    const names = partsByName.get(ags) ?? new Map<string, string[]>();
    for (const name of new Set([part.name, ...(group ? [group] : [])].map(normaliseText)))
      names.set(name, [...(names.get(name) ?? []), part.id]);
    partsByName.set(ags, names);
  }
  const parts = new Map(
    [...partsOf].map(([ags, list]) => [ags, new CityParts(list.map((d) => ({ key: d.id, value: d, geometry: d.geometry })))]),
  );
  const locator = new DistrictLocator(
    list.map((m) => ({ key: m.ags, value: m, geometry: m.geometry })),
    parts,
  );
  return { byAgs, locator, boxes, placeWords, postcodes, partWords, partsByName };
}

/** The municipality of a point (the domain's rule), or null outside Niedersachsen. */
export function locateMunicipality(municipalities: Municipalities, point: LatLon): MunicipalityData | null {
  return municipalities.locator.municipalityAt(point)?.value ?? null;
}

/** Whether a point lies in a box (minLon, minLat, maxLon, maxLat). */
export function inBox([minLon, minLat, maxLon, maxLat]: [number, number, number, number], { lat, lon }: LatLon): boolean {
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}
