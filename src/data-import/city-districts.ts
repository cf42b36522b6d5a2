/**
 * Cities divided into districts: `city-districts.json` names, per municipality, a GeoJSON file of
 * its parts (Hannover: its Stadtteile) and which properties hold each part's number and name and,
 * optionally, its group's (Stadtbezirk). The municipality's district is then replaced by one
 * district per part; the municipality itself, its old district id and its outline stay.
 *
 * A split file is checked like every other source, and every problem names file and feature:
 * properties, duplicate numbers and names, a part sticking out of its municipality, a gap inside
 * the municipality that no part covers, two parts overlapping (all measured against
 * SPLIT_TOLERANCE_METERS, see domain/geo/city-parts.ts).
 */
import { z } from 'zod';
import {
  AreaIndex,
  bboxOf,
  distanceToBoundaryMeters,
  LocalProjection,
  locatePoint,
  polygonsOf,
  SPLIT_OVERLAP_METERS,
  SPLIT_TOLERANCE_METERS,
  type AreaGeometry,
} from '../domain/geo';
import type { Borough, City } from '../domain/model';
import { normaliseText } from '../domain/search';
import type { RecordRef } from './errors';
import { interiorPoint } from './geometry-helpers';
import type { SourceReader } from './source-reader';
import type { DistrictData, MunicipalityData } from './source-records';

/** The configuration file, relative to the data directory (optional: without it nothing is split). */
export const CITY_DISTRICTS_FILE = 'city-districts.json';

/** Grid step of the gap and overlap checks: finer than the tolerance, so no gap slips through. */
const CHECK_GRID_METERS = 100;
/** Problems of one kind listed per file before "… and N more". */
const MAX_LISTED = 5;

const propertyName = z.string().trim().min(1, 'darf nicht leer sein');
const citySchema = z.strictObject({
  municipality: z.string().regex(/^\d{8}$/, 'erwartet den 8-stelligen Gemeindeschlüssel (AGS) der Gemeinde'),
  file: z
    .string()
    .regex(/^[\w./-]+\.geojson$/, 'erwartet den Pfad einer .geojson-Datei im Datenverzeichnis')
    .refine((f) => !f.split('/').includes('..'), 'darf das Datenverzeichnis nicht verlassen'),
  source: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'erwartet die id einer Quelle aus sources.json'),
  districts: z.strictObject({ type: propertyName, idProperty: propertyName, nameProperty: propertyName }),
  boroughs: z.strictObject({ type: propertyName, idProperty: propertyName, nameProperty: propertyName }).optional(),
});
const configSchema = z.strictObject({ cities: z.array(citySchema) });
export type CityConfig = z.infer<typeof citySchema>;

/** A part's number in its source, as the tail of its district id: letters and digits. */
const PART_NUMBER = /^[0-9a-z]{1,12}$/;

export interface CityData extends City {
  /** The facts of the district the whole municipality was. */
  formerType: string;
  kreisAgs: string;
  inspectionId: string;
  population: number;
  areaKm2: number;
  centre: { lat: number; lon: number };
  geometry: AreaGeometry;
  /** Where the parts come from, for messages. */
  file: string;
}

export interface CitySplits {
  cities: CityData[];
  boroughs: Borough[];
  /** The parts, as districts (cityId and boroughId set). */
  districts: DistrictData[];
}

/** The id of a city's part: the city's id, a hyphen and the part's number ("032410001-33"). */
function partDistrictId(cityId: string, number: string): string {
  return `${cityId}-${number}`;
}

/** The id of a city's group of parts: the city's id, "-b" and the group's number ("032410001-b10"). */
export function boroughId(cityId: string, number: string): string {
  return `${cityId}-b${number}`;
}

/**
 * Reads the configured splits and checks them against the municipalities and their districts.
 * Problems go to the reader's collector; the caller throws.
 */
export async function readCitySplits(
  reader: SourceReader,
  municipalities: readonly MunicipalityData[],
  districts: readonly DistrictData[],
): Promise<CitySplits> {
  const out: CitySplits = { cities: [], boroughs: [], districts: [] };
  if (!(await reader.exists(CITY_DISTRICTS_FILE))) return out;
  const config = reader.check(configSchema, await reader.json(CITY_DISTRICTS_FILE), CITY_DISTRICTS_FILE, { index: 0 });
  if (!config) return out;
  const byAgs = new Map(municipalities.map((m) => [m.ags, m]));
  const districtById = new Map(districts.map((d) => [d.id, d]));
  const seen = new Set<string>();
  for (const [index, city] of config.cities.entries()) {
    const ref: RecordRef = { index, id: city.municipality };
    const problem = (field: string, detail: string) => reader.problems.add(reader.display(CITY_DISTRICTS_FILE), ref, field, detail);
    const municipality = byAgs.get(city.municipality);
    if (!municipality) {
      problem('municipality', `unbekannte Gemeinde "${city.municipality}"`);
      continue;
    }
    if (seen.has(city.municipality)) {
      problem('municipality', `Gemeinde ${city.municipality} (${municipality.name}) ist schon aufgeteilt`);
      continue;
    }
    seen.add(city.municipality);
    const members = municipalities.filter((m) => m.districtId === municipality.districtId);
    if (members.length !== 1) {
      problem(
        'municipality',
        `${municipality.name} gehört mit ${members.length - 1} anderen Gemeinden zum Bezirk ${municipality.districtId}; aufteilen lässt sich nur eine Gemeinde, die allein ein Bezirk ist (Einheitsgemeinde, kreisfreie Stadt)`,
      );
      continue;
    }
    const former = districtById.get(municipality.districtId)!;
    const split = await readSplitFile(reader, city, municipality, former);
    if (!split) continue;
    out.cities.push(split.city);
    out.boroughs.push(...split.boroughs);
    out.districts.push(...split.districts);
  }
  return out;
}

interface Part {
  number: string;
  name: string;
  borough: { number: string; name: string } | null;
  geometry: AreaGeometry;
  ref: RecordRef;
}

async function readSplitFile(
  reader: SourceReader,
  config: CityConfig,
  municipality: MunicipalityData,
  former: DistrictData,
): Promise<{ city: CityData; boroughs: Borough[]; districts: DistrictData[] } | null> {
  const file = config.file;
  const display = reader.display(file);
  const before = reader.problems.size;
  const text = (label: string) =>
    z
      .union([z.string(), z.number()])
      .transform((value) => String(value).trim())
      .pipe(z.string().min(1, `${label} darf nicht leer sein`));
  const props = z.looseObject({
    [config.districts.idProperty]: text('Nummer'),
    [config.districts.nameProperty]: text('Name'),
    ...(config.boroughs ? { [config.boroughs.idProperty]: text('Nummer'), [config.boroughs.nameProperty]: text('Name') } : {}),
  });
  const features = await reader.features(file, props, (p) => p[config.districts.nameProperty]);
  const parts: Part[] = [];
  for (const { props: values, geometry, ref } of features) {
    const number = String(values[config.districts.idProperty]).toLowerCase();
    if (!PART_NUMBER.test(number)) {
      reader.problems.add(
        display,
        ref,
        `properties.${config.districts.idProperty}`,
        `erwartet eine Nummer aus Ziffern und Buchstaben (höchstens 12), nicht "${number}"`,
      );
      continue;
    }
    const borough = config.boroughs
      ? { number: String(values[config.boroughs.idProperty]).toLowerCase(), name: String(values[config.boroughs.nameProperty]) }
      : null;
    if (borough && !PART_NUMBER.test(borough.number)) {
      reader.problems.add(
        display,
        ref,
        `properties.${config.boroughs!.idProperty}`,
        `erwartet eine Nummer aus Ziffern und Buchstaben (höchstens 12), nicht "${borough.number}"`,
      );
      continue;
    }
    parts.push({ number, name: String(values[config.districts.nameProperty]), borough, geometry, ref });
  }
  if (features.length === 0 && reader.problems.size === before) {
    reader.problems.add(display, undefined, undefined, `keine Teile für ${municipality.name}: die Datei braucht mindestens zwei Features`);
  } else if (parts.length === 1) {
    reader.problems.add(display, parts[0]!.ref, undefined, `nur ein Teil: ${municipality.name} wäre nicht aufgeteilt`);
  }
  checkUnique(reader, display, parts, config);
  checkOutline(reader, display, parts, municipality);
  if (reader.problems.size > before) return null;

  const cityId = former.id;
  const boroughs = new Map<string, Borough>();
  for (const part of parts) {
    if (!part.borough || boroughs.has(part.borough.number)) continue;
    boroughs.set(part.borough.number, { id: boroughId(cityId, part.borough.number), cityId, name: part.borough.name });
  }
  const byNumber = ([a]: [string, Borough], [b]: [string, Borough]) => a.localeCompare(b, 'de', { numeric: true });
  const city: CityData = {
    id: cityId,
    ags: municipality.ags,
    name: municipality.name,
    districtType: config.districts.type,
    boroughType: config.boroughs?.type ?? null,
    sourceId: config.source,
    formerType: former.type,
    kreisAgs: former.kreisAgs,
    inspectionId: former.inspectionId,
    population: former.population ?? municipality.population,
    areaKm2: former.areaKm2,
    centre: municipality.centre,
    geometry: municipality.geometry,
    file,
  };
  const districts = parts.map((part): DistrictData => ({
    id: partDistrictId(cityId, part.number),
    name: part.name,
    type: config.districts.type,
    kreisAgs: former.kreisAgs,
    inspectionId: former.inspectionId,
    stationId: null,
    population: null,
    areaKm2: Math.round(areaKm2(part.geometry) * 100) / 100,
    centre: interiorPoint(part.geometry),
    geometry: part.geometry,
    cityId,
    boroughId: part.borough ? boroughId(cityId, part.borough.number) : null,
  }));
  return { city, boroughs: [...boroughs].sort(byNumber).map(([, borough]) => borough), districts };
}

/** Numbers and names once per file; a group's number always with the same name, and the other way round. */
function checkUnique(reader: SourceReader, display: string, parts: readonly Part[], config: CityConfig): void {
  const numbers = new Map<string, Part>();
  const names = new Map<string, Part>();
  const boroughNames = new Map<string, string>();
  const boroughNumbers = new Map<string, string>();
  for (const part of parts) {
    const earlier = numbers.get(part.number);
    if (earlier)
      reader.problems.add(
        display,
        part.ref,
        `properties.${config.districts.idProperty}`,
        `doppelte Nummer "${part.number}" (schon in Datensatz ${earlier.ref.index + 1}, ${earlier.name})`,
      );
    else numbers.set(part.number, part);
    const key = normaliseText(part.name);
    const sameName = names.get(key);
    if (sameName)
      reader.problems.add(
        display,
        part.ref,
        `properties.${config.districts.nameProperty}`,
        `doppelter Name "${part.name}" (schon in Datensatz ${sameName.ref.index + 1})`,
      );
    else names.set(key, part);
    if (!part.borough || !config.boroughs) continue;
    const named = boroughNames.get(part.borough.number);
    if (named !== undefined && named !== part.borough.name) {
      reader.problems.add(
        display,
        part.ref,
        `properties.${config.boroughs.nameProperty}`,
        `${config.boroughs.type} ${part.borough.number} heißt hier "${part.borough.name}", anderswo "${named}"`,
      );
    }
    boroughNames.set(part.borough.number, part.borough.name);
    const numbered = boroughNumbers.get(normaliseText(part.borough.name));
    if (numbered !== undefined && numbered !== part.borough.number) {
      reader.problems.add(
        display,
        part.ref,
        `properties.${config.boroughs.idProperty}`,
        `${config.boroughs.type} "${part.borough.name}" hat hier die Nummer ${part.borough.number}, anderswo ${numbered}`,
      );
    }
    boroughNumbers.set(normaliseText(part.borough.name), part.borough.number);
  }
}

/**
 * The parts must describe their municipality: no part sticking out of it, no point of it outside
 * every part, no two parts overlapping, each beyond the tolerances of domain/geo/city-parts.ts.
 * Gaps and overlaps are looked for on a grid of CHECK_GRID_METERS over the municipality.
 */
function checkOutline(reader: SourceReader, display: string, parts: readonly Part[], municipality: MunicipalityData): void {
  const add = (ref: RecordRef | undefined, detail: string) => reader.problems.add(display, ref, 'geometry', detail);
  const at = (p: { lat: number; lon: number }) => `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`;
  for (const part of parts) {
    let worst = 0;
    let where = { lat: 0, lon: 0 };
    let inside = false;
    for (const polygon of polygonsOf(part.geometry)) {
      for (const [lon, lat] of polygon[0]!) {
        const point = { lat: lat!, lon: lon! };
        if (locatePoint(point, municipality.geometry) !== 'outside') {
          inside = true;
          continue;
        }
        const distance = distanceToBoundaryMeters(point, municipality.geometry);
        if (distance > worst) [worst, where] = [distance, point];
      }
    }
    if (!inside) add(part.ref, `${part.name} liegt ganz außerhalb der Gemeinde ${municipality.name} (${municipality.ags})`);
    else if (worst > SPLIT_TOLERANCE_METERS) {
      add(
        part.ref,
        `${part.name} ragt ${Math.round(worst)} m über die Gemeinde ${municipality.name} hinaus (bei ${at(where)}); erlaubt sind ${SPLIT_TOLERANCE_METERS} m`,
      );
    }
  }

  const index = new AreaIndex(parts.map((part, i) => ({ key: String(i), value: part, geometry: part.geometry })));
  const boxes = parts.map((part) => bboxOf(part.geometry));
  const [minLon, minLat, maxLon, maxLat] = bboxOf(municipality.geometry);
  const projection = new LocalProjection({ lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 });
  const stepLat = CHECK_GRID_METERS / projection.metersPerDegreeLat;
  const stepLon = CHECK_GRID_METERS / projection.metersPerDegreeLon;
  const gaps: string[] = [];
  const overlaps = new Map<string, { a: Part; b: Part; where: string }>();
  for (let lat = minLat + stepLat / 2; lat < maxLat; lat += stepLat) {
    for (let lon = minLon + stepLon / 2; lon < maxLon; lon += stepLon) {
      const point = { lat, lon };
      if (locatePoint(point, municipality.geometry) !== 'inside') continue;
      const holders = parts.filter((part, i) => {
        const [a, b, c, d] = boxes[i]!;
        return lon >= a && lon <= c && lat >= b && lat <= d && locatePoint(point, part.geometry) === 'inside';
      });
      if (holders.length === 0) {
        if (index.near(point, SPLIT_TOLERANCE_METERS, null).length === 0) gaps.push(at(point));
        continue;
      }
      const deep = holders.filter((part) => distanceToBoundaryMeters(point, part.geometry) > SPLIT_OVERLAP_METERS);
      for (let i = 0; i + 1 < deep.length; i++) {
        const key = `${deep[i]!.ref.index}|${deep[i + 1]!.ref.index}`;
        if (!overlaps.has(key)) overlaps.set(key, { a: deep[i]!, b: deep[i + 1]!, where: at(point) });
      }
    }
  }
  if (gaps.length > 0) {
    const listed = gaps.slice(0, MAX_LISTED).join('; ');
    add(
      undefined,
      `Lücke: ${gaps.length} Prüfpunkte der Gemeinde ${municipality.name} liegen weiter als ${SPLIT_TOLERANCE_METERS} m von jedem Teil entfernt (${listed}${gaps.length > MAX_LISTED ? '; …' : ''})`,
    );
  }
  for (const { a, b, where } of overlaps.values()) {
    add(b.ref, `${b.name} überlappt ${a.name} (Datensatz ${a.ref.index + 1}), z. B. bei ${where}`);
  }
}

/** The area of a geometry in km² (holes subtracted), in a local projection: exact enough for a city. */
export function areaKm2(geometry: AreaGeometry): number {
  const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
  const projection = new LocalProjection({ lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 });
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, i) => {
      let sum = 0;
      for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
        sum += projection.x(ring[j]![0]!) * projection.y(ring[k]![1]!) - projection.x(ring[k]![0]!) * projection.y(ring[j]![1]!);
      }
      total += (i === 0 ? 1 : -1) * Math.abs(sum / 2);
    });
  }
  return total / 1e6;
}
