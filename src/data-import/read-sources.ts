/**
 * Reads the files of a data directory, validates every record (zod, geometry) and cross-checks
 * them, and returns domain-shaped records ready to be written to the database.
 * All problems of a stage are collected and thrown together as one DataValidationError.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { bboxOf, parseAreaGeometry, type AreaGeometry } from '../domain/geo/geometry';
import { locatePoint } from '../domain/geo/point-in-polygon';
import type {
  Account,
  AccountHolder,
  Borough,
  AccountHolderType,
  Assignment,
  DataSource,
  District,
  Kreis,
  LatLon,
  Municipality,
  Officer,
  OfficerRole,
  Polizeidirektion,
  Polizeiinspektion,
  PostcodeArea,
  Station,
} from '../domain/model';
import { slugify } from '../domain/slug';
import { officeHours } from '../domain/office-hours';
import { officeHoursText } from '../i18n/office-hours';
import { readAddressSources, type AddressData, type StreetData } from './addresses';
import { csvRecords, CsvSyntaxError } from './csv';
import { displayPath, ProblemCollector, type RecordRef } from './errors';
import { readGazetteer, type Gazetteer } from './gazetteer';
import { CITY_DISTRICTS_FILE, readCitySplits, type CityData } from './city-districts';
import { interiorPoint } from './geometry-helpers';
import {
  accountSchema,
  agsAliasRowSchema,
  dataSourceSchema,
  describeIssue,
  directoratePropsSchema,
  districtPropsSchema,
  featureCollectionSchema,
  formatPath,
  inspectionPropsSchema,
  kreisPropsSchema,
  municipalityPropsSchema,
  officerSchema,
  postcodeRowSchema,
  responsibilityRowSchema,
  stationSchema,
} from './schemas';

/** The files of a data directory the import reads, relative to it. */
export const SOURCE_FILES = {
  directorates: 'geo/nds_polizeidirektionen.geojson',
  inspections: 'geo/nds_polizeiinspektionen.geojson',
  kreise: 'geo/nds_kreise_vg250.geojson',
  districts: 'geo/nds_samtgemeinden_einheitsgemeinden_vg250.geojson',
  municipalities: 'geo/nds_gemeinden_vg250.geojson',
  responsibilities: 'police/nds_polizei_zustaendigkeit_kreise.csv',
  postcodes: 'postcodes/plz_ort_gemeinde_niedersachsen.csv',
  agsAliases: 'postcodes/ags_aliases.csv',
  stations: 'demo/stations.json',
  officers: 'demo/officers.json',
  accounts: 'demo/accounts.json',
  sources: 'sources.json',
} as const;

export interface WithGeometry {
  geometry: AreaGeometry;
}
export type DirectorateData = Polizeidirektion & WithGeometry;
export type InspectionData = Polizeiinspektion & WithGeometry;
export type DistrictData = District & WithGeometry;
export interface MunicipalityData extends Municipality, WithGeometry {
  /** PLZ_HAUPT: the municipality's main postcode (null for gemeindefreie Gebiete). */
  mainPostcode: string | null;
  kreisAgs: string;
}
export interface StationData extends Station {
  districtIds: string[];
}
export interface OfficerData extends Officer {
  role: OfficerRole;
  roleTitle: string | null;
  covers: { inspections: string[]; districts: string[] };
}
export interface AccountData extends Account {
  updatedAt: string;
}
export interface DataSourceData extends DataSource {
  sortOrder: number;
}

/** The official, openly licensed part: geography and police responsibilities. */
export interface OfficialData {
  directorates: DirectorateData[];
  inspections: InspectionData[];
  kreise: Kreis[];
  /** Every district: the parts of a city divided into districts in place of its one district. */
  districts: DistrictData[];
  municipalities: MunicipalityData[];
  /** Municipalities divided into districts (city-districts.json), and their parts' groups. */
  cities: CityData[];
  boroughs: Borough[];
  postcodeAreas: PostcodeArea[];
  /** Non-fatal findings, one line each (e.g. skipped postcode rows). */
  warnings: string[];
  /** Files read, relative to the data directory, in reading order. */
  files: string[];
}

/** Everything a database snapshot holds. */
export interface SourceData extends OfficialData {
  stations: StationData[];
  officers: OfficerData[];
  /** Expanded: a digital officer covering an inspection has one row per district of it. */
  assignments: Assignment[];
  accounts: AccountData[];
  accountHolders: AccountHolder[];
  dataSources: DataSourceData[];
  /** Streets (OSM centres and those of the address files), in order of importance. */
  streets: StreetData[];
  /** Street addresses, sorted by street and number. */
  addresses: AddressData[];
  /** Address files marked synthetic by their name (benchmark data, never real). */
  syntheticFiles: string[];
  /** Ortsteile (GeoNames), each in the municipality its point lies in. */
  localities: Gazetteer['localities'];
  /** The police of the other states. */
  statePolice: Gazetteer['statePolice'];
  /** Places and postcodes outside Niedersachsen (GeoNames). */
  outsidePlaces: Gazetteer['outsidePlaces'];
}

export interface ReadOptions {
  /** Address files (HK-DE .txt or plain .csv) read in addition to the data directory's `addresses/`. */
  extraAddressFiles?: readonly string[];
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export class SourceReader {
  readonly problems = new ProblemCollector();
  readonly files: string[] = [];

  constructor(readonly dataDir: string) {}

  display(rel: string): string {
    return displayPath(path.resolve(this.dataDir, rel));
  }

  async text(rel: string): Promise<string | undefined> {
    const absolute = path.resolve(this.dataDir, rel);
    try {
      const text = await readFile(absolute, 'utf8');
      this.files.push(rel);
      return text;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.problems.add(
        this.display(rel),
        undefined,
        undefined,
        code === 'ENOENT' ? 'Datei fehlt' : `Datei nicht lesbar (${code ?? String(error)})`,
      );
      return undefined;
    }
  }

  /** Whether an optional file is there. */
  async exists(rel: string): Promise<boolean> {
    return exists(path.resolve(this.dataDir, rel));
  }

  async json(rel: string): Promise<unknown> {
    const text = await this.text(rel);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      this.problems.add(this.display(rel), undefined, undefined, `kein gültiges JSON: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** A JSON file that must hold an array of records. */
  async jsonArray(rel: string): Promise<unknown[]> {
    const value = await this.json(rel);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problems.add(this.display(rel), undefined, undefined, 'erwartet eine Liste (JSON-Array) von Datensätzen');
      return [];
    }
    return value;
  }

  /** Validates one record; reports every issue with its field path and returns undefined if invalid. */
  check<S extends z.ZodType>(schema: S, value: unknown, rel: string, record: RecordRef, fieldPrefix = ''): z.infer<S> | undefined {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      let fieldPath = [...issue.path];
      if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) fieldPath = [...fieldPath, issue.keys[0]!];
      const field = [fieldPrefix, formatPath(fieldPath)].filter(Boolean).join('.');
      this.problems.add(this.display(rel), record, field || undefined, describeIssue(issue));
    }
    return undefined;
  }

  geometry(value: unknown, rel: string, record: RecordRef): AreaGeometry | undefined {
    try {
      return parseAreaGeometry(value);
    } catch (error) {
      this.problems.add(this.display(rel), record, 'geometry', `ungültige Geometrie: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Features of a GeoJSON file with validated properties and geometry; invalid features are reported and left out. */
  async features<S extends z.ZodType>(
    rel: string,
    propsSchema: S,
    idOf: (props: Record<string, unknown>) => unknown,
  ): Promise<{ props: z.infer<S>; geometry: AreaGeometry; ref: RecordRef }[]> {
    const value = await this.json(rel);
    if (value === undefined) return [];
    const collection = this.check(featureCollectionSchema, value, rel, { index: 0 });
    if (!collection) return [];
    const out: { props: z.infer<S>; geometry: AreaGeometry; ref: RecordRef }[] = [];
    collection.features.forEach((feature, index) => {
      const rawId = idOf(feature.properties);
      const ref: RecordRef = { index, id: typeof rawId === 'string' ? rawId : undefined };
      const props = this.check(propsSchema, feature.properties, rel, ref, 'properties');
      const geometry = this.geometry(feature.geometry, rel, ref);
      if (props !== undefined && geometry) out.push({ props, geometry, ref });
    });
    return out;
  }

  /** Point features of a GeoJSON file (streets/*.geojson) with validated properties; invalid ones are reported and left out. */
  async pointFeatures<S extends z.ZodType>(
    rel: string,
    propsSchema: S,
    pointSchema: z.ZodType<{ coordinates: number[] }>,
    idOf: (props: Record<string, unknown>) => unknown,
  ): Promise<{ props: z.infer<S>; point: LatLon; ref: RecordRef }[]> {
    const value = await this.json(rel);
    if (value === undefined) return [];
    const collection = this.check(featureCollectionSchema, value, rel, { index: 0 });
    if (!collection) return [];
    return collection.features.flatMap((feature, index) => {
      const rawId = idOf(feature.properties);
      const ref: RecordRef = { index, id: typeof rawId === 'string' ? rawId : undefined };
      const props = this.check(propsSchema, feature.properties, rel, ref, 'properties');
      const geometry = this.check(pointSchema, feature.geometry, rel, ref, 'geometry');
      if (props === undefined || geometry === undefined) return [];
      return [{ props, point: { lat: geometry.coordinates[1]!, lon: geometry.coordinates[0]! }, ref }];
    });
  }

  /**
   * Rows of a CSV file, validated; `line` is where each row starts. `keep` passes over rows the
   * caller does not want before they are validated (another state's rows of a file for all of
   * Germany).
   */
  async csv<S extends z.ZodType>(
    rel: string,
    schema: S,
    idOf: (values: Record<string, string>) => string | undefined,
    { optional = false, keep }: { optional?: boolean; keep?: (values: Record<string, string>) => boolean } = {},
  ): Promise<{ row: z.infer<S>; ref: RecordRef }[]> {
    if (optional && !(await exists(path.resolve(this.dataDir, rel)))) return [];
    const text = await this.text(rel);
    if (text === undefined) return [];
    let parsed: ReturnType<typeof csvRecords>;
    try {
      parsed = csvRecords(text);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      const ref = error.record === undefined ? undefined : { index: error.record, line: error.line };
      const where = ref ? '' : ` in der Kopfzeile (Zeile ${error.line})`;
      this.problems.add(this.display(rel), ref, error.field, `CSV-Syntaxfehler${where}: ${error.detail}`);
      return [];
    }
    const out: { row: z.infer<S>; ref: RecordRef }[] = [];
    parsed.records.forEach((record, index) => {
      if (keep && !keep(record.values)) return;
      const ref: RecordRef = { index, line: record.line, id: idOf(record.values) };
      if (record.columnCountMismatch !== undefined) {
        this.problems.add(
          this.display(rel),
          ref,
          undefined,
          `${record.columnCountMismatch} Spalten statt ${parsed.header.length} wie in der Kopfzeile`,
        );
        return;
      }
      const row = this.check(schema, record.values, rel, ref);
      if (row !== undefined) out.push({ row, ref });
    });
    return out;
  }

  /** Reports the second and later records with an id seen before. */
  unique<T>(items: T[], rel: string, idOf: (item: T) => string, refOf: (item: T) => RecordRef, field = 'id'): Map<string, T> {
    const seen = new Map<string, T>();
    for (const item of items) {
      const id = idOf(item);
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        this.problems.add(
          this.display(rel),
          refOf(item),
          field,
          `doppelte id "${id}" (schon in Datensatz ${refOf(earlier).index + 1})`,
        );
      } else {
        seen.set(id, item);
      }
    }
    return seen;
  }
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reads and checks the geography and police responsibilities (no people). Used by the demo generator too. */
export async function readOfficialSources(dataDir: string): Promise<OfficialData> {
  const reader = new SourceReader(dataDir);
  return readOfficial(reader);
}

async function readOfficial(reader: SourceReader): Promise<OfficialData> {
  const F = SOURCE_FILES;
  const p = reader.problems;
  const warnings: string[] = [];

  const pdFeatures = await reader.features(F.directorates, directoratePropsSchema, (x) => x.POLIZEIDIREKTION);
  const piFeatures = await reader.features(F.inspections, inspectionPropsSchema, (x) => x.POLIZEIINSPEKTION);
  const kreisFeatures = await reader.features(F.kreise, kreisPropsSchema, (x) => x.KRS_AGS);
  const districtFeatures = await reader.features(F.districts, districtPropsSchema, (x) => x.VWG_ARS);
  const municipalityFeatures = await reader.features(F.municipalities, municipalityPropsSchema, (x) => x.AGS);
  const responsibilityRows = await reader.csv(F.responsibilities, responsibilityRowSchema, (v) => v.KRS_AGS);
  const postcodeRows = await reader.csv(F.postcodes, postcodeRowSchema, (v) => v.ags);
  const aliasRows = await reader.csv(F.agsAliases, agsAliasRowSchema, (v) => v.successor_ags, { optional: true });

  const pdById = reader.unique(pdFeatures, F.directorates, (f) => slugify(f.props.POLIZEIDIREKTION), (f) => f.ref, 'properties.POLIZEIDIREKTION');
  const piById = reader.unique(piFeatures, F.inspections, (f) => slugify(f.props.POLIZEIINSPEKTION), (f) => f.ref, 'properties.POLIZEIINSPEKTION');
  const kreisByAgs = reader.unique(kreisFeatures, F.kreise, (f) => f.props.KRS_AGS, (f) => f.ref, 'properties.KRS_AGS');
  const districtById = reader.unique(districtFeatures, F.districts, (f) => f.props.VWG_ARS, (f) => f.ref, 'properties.VWG_ARS');
  const municipalityByAgs = reader.unique(municipalityFeatures, F.municipalities, (f) => f.props.AGS, (f) => f.ref, 'properties.AGS');
  const responsibilityByAgs = reader.unique(responsibilityRows, F.responsibilities, (r) => r.row.KRS_AGS, (r) => r.ref, 'KRS_AGS');
  p.throwIfAny();

  // Police organisation: the responsibilities CSV is authoritative per Kreis; the geo files must agree.
  const d = (rel: string) => reader.display(rel);
  for (const [id, f] of piById) {
    if (!pdById.has(slugify(f.props.POLIZEIDIREKTION))) {
      p.add(d(F.inspections), f.ref, 'properties.POLIZEIDIREKTION', `unbekannte Polizeidirektion "${f.props.POLIZEIDIREKTION}" (Inspektion ${id})`);
    }
  }
  for (const [ags, { row, ref }] of responsibilityByAgs) {
    const pi = piById.get(slugify(row.POLIZEIINSPEKTION));
    if (!pi) p.add(d(F.responsibilities), ref, 'POLIZEIINSPEKTION', `unbekannte Polizeiinspektion "${row.POLIZEIINSPEKTION}"`);
    else if (slugify(pi.props.POLIZEIDIREKTION) !== slugify(row.POLIZEIDIREKTION)) {
      p.add(d(F.responsibilities), ref, 'POLIZEIDIREKTION', `"${row.POLIZEIINSPEKTION}" gehört laut ${F.inspections} zu "${pi.props.POLIZEIDIREKTION}", nicht zu "${row.POLIZEIDIREKTION}"`);
    }
    if (!kreisByAgs.has(ags)) p.add(d(F.responsibilities), ref, 'KRS_AGS', `Kreis "${ags}" fehlt in ${F.kreise}`);
  }
  for (const [ags, f] of kreisByAgs) {
    const resp = responsibilityByAgs.get(ags);
    if (!resp) p.add(d(F.kreise), f.ref, 'properties.KRS_AGS', `Kreis "${ags}" hat keine Zuständigkeit (keine Polizeiinspektion) in ${F.responsibilities}`);
    else if (slugify(resp.row.POLIZEIINSPEKTION) !== slugify(f.props.POLIZEIINSPEKTION)) {
      p.add(d(F.kreise), f.ref, 'properties.POLIZEIINSPEKTION', `"${f.props.POLIZEIINSPEKTION}" widerspricht ${F.responsibilities} ("${resp.row.POLIZEIINSPEKTION}")`);
    }
  }
  const inspectionOfKreis = (ags: string) => {
    const row = responsibilityByAgs.get(ags)?.row;
    return row ? slugify(row.POLIZEIINSPEKTION) : undefined;
  };
  for (const [id, f] of districtById) {
    const expected = inspectionOfKreis(f.props.KRS_AGS);
    if (!kreisByAgs.has(f.props.KRS_AGS)) p.add(d(F.districts), f.ref, 'properties.KRS_AGS', `unbekannter Kreis "${f.props.KRS_AGS}"`);
    else if (expected === undefined || !piById.has(expected)) p.add(d(F.districts), f.ref, 'properties.POLIZEIINSPEKTION', `Bezirk ${id} hat keine Polizeiinspektion`);
    else if (slugify(f.props.POLIZEIINSPEKTION) !== expected) {
      p.add(d(F.districts), f.ref, 'properties.POLIZEIINSPEKTION', `"${f.props.POLIZEIINSPEKTION}" widerspricht der Zuständigkeit des Kreises ${f.props.KRS_AGS} ("${expected}")`);
    }
  }
  const municipalitiesOfDistrict = new Map<string, typeof municipalityFeatures>();
  for (const [ags, f] of municipalityByAgs) {
    const district = districtById.get(f.props.VWG_ARS);
    if (!district) {
      p.add(d(F.municipalities), f.ref, 'properties.VWG_ARS', `unbekannter Bezirk "${f.props.VWG_ARS}" (Gemeinde ${ags})`);
      continue;
    }
    if (district.props.KRS_AGS !== f.props.KRS_AGS) {
      p.add(d(F.municipalities), f.ref, 'properties.KRS_AGS', `Kreis "${f.props.KRS_AGS}" passt nicht zum Bezirk ${f.props.VWG_ARS} (Kreis ${district.props.KRS_AGS})`);
    }
    if ((f.props.ZENTRUM_LAT === null) !== (f.props.ZENTRUM_LON === null)) {
      p.add(d(F.municipalities), f.ref, 'properties.ZENTRUM_LAT', 'ZENTRUM_LAT und ZENTRUM_LON müssen beide gesetzt oder beide leer sein');
    }
    const list = municipalitiesOfDistrict.get(f.props.VWG_ARS) ?? [];
    list.push(f);
    municipalitiesOfDistrict.set(f.props.VWG_ARS, list);
  }
  for (const [id, f] of districtById) {
    if (!municipalitiesOfDistrict.has(id)) p.add(d(F.districts), f.ref, 'properties.VWG_ARS', `Bezirk ${id} hat keine Gemeinde in ${F.municipalities}`);
  }
  p.throwIfAny();

  // Domain records.
  const directorates: DirectorateData[] = [...pdById].map(([id, f]) => ({ id, name: f.props.POLIZEIDIREKTION, geometry: f.geometry })).sort(byId);
  const kreisRowsOfInspection = new Map<string, typeof responsibilityRows>();
  for (const r of [...responsibilityByAgs.values()].sort((a, b) => a.row.KRS_AGS.localeCompare(b.row.KRS_AGS))) {
    const id = slugify(r.row.POLIZEIINSPEKTION);
    kreisRowsOfInspection.set(id, [...(kreisRowsOfInspection.get(id) ?? []), r]);
  }
  const inspections: InspectionData[] = [];
  for (const [id, f] of piById) {
    const rows = kreisRowsOfInspection.get(id) ?? [];
    if (rows.length === 0) warnings.push(`${F.inspections}: Inspektion "${f.props.POLIZEIINSPEKTION}" ist für keinen Kreis zuständig`);
    inspections.push({
      id,
      name: f.props.POLIZEIINSPEKTION,
      directorateId: slugify(f.props.POLIZEIDIREKTION),
      responsibilityVerified: rows.length > 0 && rows.every((r) => r.row.VERIFIZIERT === 'ja'),
      sourceUrl: rows[0]?.row.QUELLE.match(/https?:\/\/\S+/)?.[0] ?? '',
      geometry: f.geometry,
    });
  }
  inspections.sort(byId);
  const kreise: Kreis[] = [...kreisByAgs]
    .map(([ags, f]) => {
      const row = responsibilityByAgs.get(ags)!.row;
      return {
        ags,
        name: f.props.KRS_GEN,
        type: f.props.KRS_BEZ,
        inspectionId: slugify(row.POLIZEIINSPEKTION),
        responsibilityVerified: row.VERIFIZIERT === 'ja',
      };
    })
    .sort((a, b) => a.ags.localeCompare(b.ags));

  const municipalities: MunicipalityData[] = [...municipalityByAgs]
    .map(([ags, f]): MunicipalityData => {
      const centre: LatLon =
        f.props.ZENTRUM_LAT !== null && f.props.ZENTRUM_LON !== null
          ? { lat: f.props.ZENTRUM_LAT, lon: f.props.ZENTRUM_LON }
          : interiorPoint(f.geometry);
      return {
        ags,
        name: f.props.GEN,
        type: f.props.BEZ,
        districtId: f.props.VWG_ARS,
        population: f.props.EWZ ?? 0,
        centre,
        mainPostcode: f.props.PLZ_HAUPT,
        kreisAgs: f.props.KRS_AGS,
        geometry: f.geometry,
      };
    })
    .sort((a, b) => a.ags.localeCompare(b.ags));
  const municipalitiesByDistrict = new Map<string, MunicipalityData[]>();
  for (const m of municipalities) municipalitiesByDistrict.set(m.districtId, [...(municipalitiesByDistrict.get(m.districtId) ?? []), m]);

  const districts: DistrictData[] = [...districtById]
    .map(([id, f]): DistrictData => {
      // Centre: the official centre of the most populous municipality (ties: lowest AGS).
      const members = municipalitiesByDistrict.get(id)!;
      const main = members.reduce((best, m) => (m.population > best.population ? m : best), members[0]!);
      return {
        id,
        name: f.props.VWG_GEN,
        type: f.props.VWG_BEZ,
        kreisAgs: f.props.KRS_AGS,
        inspectionId: inspectionOfKreis(f.props.KRS_AGS)!,
        stationId: null,
        population: f.props.EWZ ?? 0,
        areaKm2: f.props.FLAECHE_KM2,
        centre: main.centre,
        geometry: f.geometry,
        cityId: null,
        boroughId: null,
      };
    })
    .sort(byId);

  checkDistrictCoverage(
    reader,
    municipalities,
    districts,
    (ags) => municipalityByAgs.get(ags)!.ref,
    (id) => districtById.get(id)!.ref,
  );
  p.throwIfAny();

  // Cities divided into districts: their parts take the place of their one district.
  const splits = await readCitySplits(reader, municipalities, districts);
  p.throwIfAny();
  const replaced = new Set(splits.cities.map((city) => city.id));
  const allDistricts = [...districts.filter((district) => !replaced.has(district.id)), ...splits.districts].sort(byId);

  const postcodeAreas = resolvePostcodes(reader, postcodeRows, aliasRows, municipalityByAgs, municipalities, warnings);
  p.throwIfAny();

  return {
    directorates,
    inspections,
    kreise,
    districts: allDistricts,
    municipalities,
    cities: splits.cities,
    boroughs: splits.boroughs,
    postcodeAreas,
    warnings,
    files: reader.files,
  };
}

/**
 * The district outlines must cover the municipalities without overlapping: a point inside each
 * municipality must lie inside its own district and inside no other. A municipality outside
 * every district would find no officer; one inside two would be served by whichever district a
 * lookup happened to find first. (One point per municipality: cheap, and enough to catch a
 * district outline that lost or swallowed a municipality.)
 */
function checkDistrictCoverage(
  reader: SourceReader,
  municipalities: readonly MunicipalityData[],
  districts: readonly DistrictData[],
  municipalityRef: (ags: string) => RecordRef,
  districtRef: (id: string) => RecordRef,
): void {
  const F = SOURCE_FILES;
  const boxes = districts.map((district) => ({ district, box: bboxOf(district.geometry) }));
  for (const m of municipalities) {
    const point = interiorPoint(m.geometry);
    const containing = boxes
      .filter(({ box: [minLon, minLat, maxLon, maxLat] }) => point.lon >= minLon && point.lon <= maxLon && point.lat >= minLat && point.lat <= maxLat)
      .filter(({ district }) => locatePoint(point, district.geometry) === 'inside')
      .map(({ district }) => district);
    const where = `Punkt ${point.lat}, ${point.lon}`;
    if (containing.length === 0) {
      reader.problems.add(reader.display(F.municipalities), municipalityRef(m.ags), 'geometry', `Gemeinde ${m.ags} (${m.name}) liegt in keinem Bezirk aus ${F.districts} (${where})`);
      continue;
    }
    if (!containing.some((district) => district.id === m.districtId)) {
      reader.problems.add(reader.display(F.districts), districtRef(m.districtId), 'geometry', `Bezirk ${m.districtId} deckt seine Gemeinde ${m.ags} (${m.name}) nicht ab (${where})`);
    }
    for (const other of containing.filter((district) => district.id !== m.districtId)) {
      reader.problems.add(reader.display(F.districts), districtRef(other.id), 'geometry', `Bezirk ${other.id} (${other.name}) überlappt Bezirk ${m.districtId}: Gemeinde ${m.ags} (${m.name}) liegt in beiden (${where})`);
    }
  }
}

/**
 * Postcode → municipality pairs. Rows with an AGS newer than the geometry (a merger) go to the
 * predecessor municipalities listed in postcodes/ags_aliases.csv: to those whose main postcode is
 * the row's postcode, or to all predecessors if none matches. Rows with an AGS that is neither
 * known nor aliased are skipped with a warning. Municipalities left without any postcode get
 * their PLZ_HAUPT from the geometry file.
 */
function resolvePostcodes(
  reader: SourceReader,
  rows: { row: z.infer<typeof postcodeRowSchema>; ref: RecordRef }[],
  aliasRows: { row: z.infer<typeof agsAliasRowSchema>; ref: RecordRef }[],
  municipalityByAgs: Map<string, unknown>,
  municipalities: MunicipalityData[],
  warnings: string[],
): PostcodeArea[] {
  const F = SOURCE_FILES;
  const byAgs = new Map(municipalities.map((m) => [m.ags, m]));
  const predecessors = new Map<string, string[]>();
  for (const { row, ref } of aliasRows) {
    if (!municipalityByAgs.has(row.predecessor_ags)) {
      reader.problems.add(reader.display(F.agsAliases), ref, 'predecessor_ags', `unbekannte Gemeinde "${row.predecessor_ags}"`);
      continue;
    }
    if (municipalityByAgs.has(row.successor_ags)) {
      warnings.push(`${F.agsAliases}: AGS ${row.successor_ags} ist schon eine Gemeinde der Geometrie; Alias wird nicht gebraucht`);
      continue;
    }
    predecessors.set(row.successor_ags, [...(predecessors.get(row.successor_ags) ?? []), row.predecessor_ags]);
  }

  const areas = new Map<string, PostcodeArea>();
  const add = (postcode: string, ags: string, placeName: string) => {
    const key = `${postcode}|${ags}`;
    if (!areas.has(key)) areas.set(key, { postcode, ags, placeName });
  };
  let aliased = 0;
  let skipped = 0;
  for (const { row } of rows) {
    if (byAgs.has(row.ags)) {
      add(row.plz, row.ags, row.ort);
      continue;
    }
    const olds = predecessors.get(row.ags);
    if (olds) {
      const matching = olds.filter((ags) => byAgs.get(ags)?.mainPostcode === row.plz);
      for (const ags of matching.length > 0 ? matching : olds) add(row.plz, ags, row.ort);
      aliased++;
      continue;
    }
    skipped++;
    warnings.push(`${F.postcodes}: PLZ ${row.plz} "${row.ort}": unbekannter AGS ${row.ags}, übersprungen`);
  }
  let fromMainPostcode = 0;
  const covered = new Set([...areas.values()].map((a) => a.ags));
  for (const m of municipalities) {
    if (!covered.has(m.ags) && m.mainPostcode) {
      add(m.mainPostcode, m.ags, m.name);
      fromMainPostcode++;
    }
  }
  if (aliased > 0) warnings.push(`${F.postcodes}: ${aliased} Zeilen über ${F.agsAliases} Vorgänger-Gemeinden zugeordnet`);
  if (fromMainPostcode > 0) warnings.push(`${F.municipalities}: ${fromMainPostcode} Gemeinden ohne PLZ-Zeile bekamen ihre PLZ_HAUPT`);
  if (skipped > 0) warnings.push(`${F.postcodes}: ${skipped} Zeilen mit unbekanntem AGS übersprungen`);
  return [...areas.values()].sort((a, b) => (a.postcode + a.ags).localeCompare(b.postcode + b.ags));
}

/** Reads, validates and cross-checks every source file of `dataDir`. Throws DataValidationError listing all problems. */
export async function readSources(dataDir: string, options: ReadOptions = {}): Promise<SourceData> {
  const reader = new SourceReader(dataDir);
  const official = await readOfficial(reader);
  const addressData = await readAddressSources(reader, official, options.extraAddressFiles);
  official.warnings.push(...addressData.warnings);
  const gazetteer = await readGazetteer(reader, official.municipalities);
  official.warnings.push(...gazetteer.warnings);
  const F = SOURCE_FILES;
  const p = reader.problems;
  const d = (rel: string) => reader.display(rel);

  const parseList = async <S extends z.ZodType>(rel: string, schema: S) => {
    const raw = await reader.jsonArray(rel);
    const out: { rec: z.infer<S>; ref: RecordRef }[] = [];
    raw.forEach((value, index) => {
      const rawId = (value as { id?: unknown } | null)?.id;
      const ref: RecordRef = { index, id: typeof rawId === 'string' ? rawId : undefined };
      const rec = reader.check(schema, value, rel, ref);
      if (rec !== undefined) out.push({ rec, ref });
    });
    return out;
  };
  const sources = await parseList(F.sources, dataSourceSchema);
  const stations = await parseList(F.stations, stationSchema);
  const officers = await parseList(F.officers, officerSchema);
  const accounts = await parseList(F.accounts, accountSchema);
  reader.unique(sources, F.sources, (s) => s.rec.id, (s) => s.ref);
  const stationById = reader.unique(stations, F.stations, (s) => s.rec.id, (s) => s.ref);
  const officerById = reader.unique(officers, F.officers, (s) => s.rec.id, (s) => s.ref);
  reader.unique(accounts, F.accounts, (s) => s.rec.id, (s) => s.ref);
  p.throwIfAny();

  const districtById = new Map(official.districts.map((x) => [x.id, x]));
  // A city divided into districts may be named by its id (its old district's): it stands for all its parts.
  const partsOfCity = new Map(official.cities.map((city) => [city.id, official.districts.filter((x) => x.cityId === city.id).map((x) => x.id)]));
  const districtsNamed = (id: string) => partsOfCity.get(id) ?? [id];
  const sourceIds = new Set(sources.map((s) => s.rec.id));
  for (const city of official.cities) {
    if (!sourceIds.has(city.sourceId)) {
      p.add(d(CITY_DISTRICTS_FILE), { index: official.cities.indexOf(city), id: city.ags }, 'source', `unbekannte Quelle "${city.sourceId}" (nicht in ${F.sources})`);
    }
  }
  const inspectionIds = new Set(official.inspections.map((x) => x.id));
  const directorateIds = new Set(official.directorates.map((x) => x.id));

  // Demo records must not carry anything that could reach a real person.
  const checkDemoContact = (rel: string, ref: RecordRef, rec: { isDemo: boolean; phone: string; email: string }) => {
    if (!rec.isDemo) return;
    if (!rec.email.endsWith('.example')) p.add(d(rel), ref, 'email', `Demo-Datensatz braucht eine Adresse unter der reservierten Domain .example, nicht "${rec.email}"`);
    if (!rec.phone.startsWith('0000')) p.add(d(rel), ref, 'phone', `Demo-Datensatz braucht eine unwählbare Nummer, die mit "0000" beginnt, nicht "${rec.phone}"`);
  };

  const stationOfDistrict = new Map<string, string>();
  for (const { rec, ref } of stations) {
    checkDemoContact(F.stations, ref, rec);
    if (!inspectionIds.has(rec.inspectionId)) p.add(d(F.stations), ref, 'inspectionId', `unbekannte Inspektion "${rec.inspectionId}"`);
    rec.districts.forEach((named, k) => districtsNamed(named).forEach((districtId) => {
      const district = districtById.get(districtId);
      const field = `districts[${k}]`;
      if (!district) return p.add(d(F.stations), ref, field, `unbekannter Bezirk "${districtId}"`);
      if (district.inspectionId !== rec.inspectionId) {
        p.add(d(F.stations), ref, field, `Bezirk "${districtId}" (${district.name}) gehört zu "${district.inspectionId}", die Dienststelle zu "${rec.inspectionId}"`);
      }
      const other = stationOfDistrict.get(districtId);
      if (other !== undefined) p.add(d(F.stations), ref, field, `Bezirk "${districtId}" (${district.name}) ist schon der Dienststelle "${other}" zugeordnet`);
      else stationOfDistrict.set(districtId, rec.id);
    }));
  }
  for (const district of official.districts) {
    if (!stationOfDistrict.has(district.id)) {
      p.add(d(F.stations), undefined, undefined, `Bezirk "${district.id}" (${district.name}) hat keine zuständige Dienststelle`);
    }
  }

  for (const { rec, ref } of officers) {
    checkDemoContact(F.officers, ref, rec);
    if (!stationById.has(rec.stationId)) p.add(d(F.officers), ref, 'stationId', `unbekannte Dienststelle "${rec.stationId}"`);
    rec.covers.inspections?.forEach((id, k) => {
      if (!inspectionIds.has(id)) p.add(d(F.officers), ref, `covers.inspections[${k}]`, `unbekannte Inspektion "${id}"`);
    });
    rec.covers.districts?.forEach((id, k) => {
      if (!districtById.has(id) && !partsOfCity.has(id)) p.add(d(F.officers), ref, `covers.districts[${k}]`, `unbekannter Bezirk "${id}"`);
    });
  }

  const holderExists: Record<AccountHolderType, (id: string) => boolean> = {
    officer: (id) => officerById.has(id),
    station: (id) => stationById.has(id),
    inspection: (id) => inspectionIds.has(id),
    directorate: (id) => directorateIds.has(id),
  };
  for (const { rec, ref } of accounts) {
    if (rec.isDemo && rec.url !== `/demo-konto/${rec.id}`) {
      p.add(d(F.accounts), ref, 'url', `Demo-Konto muss auf die Portalseite "/demo-konto/${rec.id}" zeigen, nicht auf "${rec.url}"`);
    }
    if (!rec.isDemo && !/^https:\/\/[^\s/]+\.[^\s/]+\//.test(rec.url)) {
      p.add(d(F.accounts), ref, 'url', `erwartet eine https-URL des Profils, nicht "${rec.url}"`);
    }
    const seen = new Set<string>();
    rec.holders.forEach((h, k) => {
      const key = `${h.type}:${h.id}`;
      if (seen.has(key)) p.add(d(F.accounts), ref, `holders[${k}]`, `Inhaber ${h.type} "${h.id}" doppelt`);
      seen.add(key);
      if (!holderExists[h.type](h.id)) p.add(d(F.accounts), ref, `holders[${k}].id`, `unbekannter Inhaber (${h.type}) "${h.id}"`);
    });
  }
  p.throwIfAny();

  // Resolve: stations onto districts, coverage into one assignment row per district.
  const districts = official.districts.map((x) => ({ ...x, stationId: stationOfDistrict.get(x.id) ?? null }));
  const districtsOfInspection = new Map<string, string[]>();
  for (const x of districts) districtsOfInspection.set(x.inspectionId, [...(districtsOfInspection.get(x.inspectionId) ?? []), x.id]);
  const assignmentKeys = new Set<string>();
  const assignments: Assignment[] = [];
  for (const { rec } of officers) {
    const targets = [
      ...(rec.covers.inspections ?? []).flatMap((id) => districtsOfInspection.get(id) ?? []),
      ...(rec.covers.districts ?? []).flatMap(districtsNamed),
    ];
    for (const districtId of targets) {
      const key = `${rec.id}|${districtId}|${rec.role}`;
      if (assignmentKeys.has(key)) continue;
      assignmentKeys.add(key);
      assignments.push({ officerId: rec.id, districtId, role: rec.role });
    }
  }
  const kobbDistricts = new Set(assignments.filter((a) => a.role === 'kobb').map((a) => a.districtId));
  const withoutKobb = districts.filter((x) => !kobbDistricts.has(x.id)).length;
  if (withoutKobb > 0) official.warnings.push(`${F.officers}: ${withoutKobb} Bezirke ohne Kontaktbereichsbeamtin/-beamten`);

  return {
    ...official,
    districts,
    stations: stations.map(({ rec }) => {
      const { districts: districtIds, lat, lon, ...station } = rec;
      return { ...station, officeHours: germanOfficeHours(rec.openingHours), lat: lat ?? null, lon: lon ?? null, districtIds };
    }),
    officers: officers.map(({ rec }) => ({
      id: rec.id,
      name: rec.name,
      rank: rec.rank,
      roleTitle: rec.roleTitle ?? null,
      role: rec.role,
      stationId: rec.stationId,
      phone: rec.phone,
      email: rec.email,
      openingHours: rec.openingHours,
      officeHours: germanOfficeHours(rec.openingHours),
      photo: rec.photo,
      covers: { inspections: rec.covers.inspections ?? [], districts: rec.covers.districts ?? [] },
      isDemo: rec.isDemo,
      updatedAt: rec.updatedAt,
    })),
    assignments,
    accounts: accounts.map(({ rec }) => ({
      id: rec.id,
      platform: rec.platform,
      handle: rec.handle,
      url: rec.url,
      verifiedSince: rec.verifiedSince,
      isDemo: rec.isDemo,
      updatedAt: rec.updatedAt,
    })),
    accountHolders: accounts.flatMap(({ rec }) =>
      rec.holders.map((h) => ({ accountId: rec.id, holderType: h.type, holderId: h.id })),
    ),
    dataSources: sources.map(({ rec }) => rec).sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)),
    streets: addressData.streets,
    addresses: addressData.addresses,
    syntheticFiles: addressData.syntheticFiles,
    localities: gazetteer.localities,
    statePolice: gazetteer.statePolice,
    outsidePlaces: gazetteer.outsidePlaces,
    files: reader.files,
  };
}

/** Office hours in German words, as the API and the downloads keep them beside the structured value. */
function germanOfficeHours(openingHours: string): string {
  return officeHoursText(officeHours(openingHours), 'de');
}
