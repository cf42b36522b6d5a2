/**
 * The official, openly licensed part of the sources: geography (directorates, inspections,
 * Kreise, districts, municipalities, cities divided into districts) and police responsibilities,
 * read, validated and cross-checked; the demo generator reads it on its own too.
 */
import { bboxOf } from '../domain/geo/geometry';
import { locatePoint } from '../domain/geo/point-in-polygon';
import type { Borough, Kreis, LatLon, PostcodeArea } from '../domain/model';
import { slugify } from '../domain/slug';
import { readCitySplits, type CityData } from './city-districts';
import type { RecordRef } from './errors';
import { interiorPoint } from './geometry-helpers';
import { resolvePostcodes } from './postcode-areas';
import {
  agsAliasRowSchema,
  directoratePropsSchema,
  districtPropsSchema,
  inspectionPropsSchema,
  kreisPropsSchema,
  municipalityPropsSchema,
  postcodeRowSchema,
  responsibilityRowSchema,
} from './schemas';
import { SourceReader } from './source-reader';
import { byId, SOURCE_FILES, type DirectorateData, type DistrictData, type InspectionData, type MunicipalityData } from './source-records';

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

/** Reads and checks the geography and police responsibilities of `dataDir` (no people). Used by the demo generator too. */
export async function readOfficialSources(dataDir: string): Promise<OfficialData> {
  const reader = new SourceReader(dataDir);
  return readOfficial(reader);
}

export async function readOfficial(reader: SourceReader): Promise<OfficialData> {
  const file = SOURCE_FILES;
  const problems = reader.problems;
  const warnings: string[] = [];

  const directorateFeatures = await reader.features(file.directorates, directoratePropsSchema, (props) => props.POLIZEIDIREKTION);
  const inspectionFeatures = await reader.features(file.inspections, inspectionPropsSchema, (props) => props.POLIZEIINSPEKTION);
  const kreisFeatures = await reader.features(file.kreise, kreisPropsSchema, (props) => props.KRS_AGS);
  const districtFeatures = await reader.features(file.districts, districtPropsSchema, (props) => props.VWG_ARS);
  const municipalityFeatures = await reader.features(file.municipalities, municipalityPropsSchema, (props) => props.AGS);
  const responsibilityRows = await reader.csv(file.responsibilities, responsibilityRowSchema, (values) => values.KRS_AGS);
  const postcodeRows = await reader.csv(file.postcodes, postcodeRowSchema, (values) => values.ags);
  const aliasRows = await reader.csv(file.agsAliases, agsAliasRowSchema, (values) => values.successor_ags, { optional: true });

  const directorateById = reader.unique(
    directorateFeatures,
    file.directorates,
    (feature) => slugify(feature.props.POLIZEIDIREKTION),
    (feature) => feature.ref,
    'properties.POLIZEIDIREKTION',
  );
  const inspectionById = reader.unique(
    inspectionFeatures,
    file.inspections,
    (feature) => slugify(feature.props.POLIZEIINSPEKTION),
    (feature) => feature.ref,
    'properties.POLIZEIINSPEKTION',
  );
  const kreisByAgs = reader.unique(
    kreisFeatures,
    file.kreise,
    (feature) => feature.props.KRS_AGS,
    (feature) => feature.ref,
    'properties.KRS_AGS',
  );
  const districtById = reader.unique(
    districtFeatures,
    file.districts,
    (feature) => feature.props.VWG_ARS,
    (feature) => feature.ref,
    'properties.VWG_ARS',
  );
  const municipalityByAgs = reader.unique(
    municipalityFeatures,
    file.municipalities,
    (feature) => feature.props.AGS,
    (feature) => feature.ref,
    'properties.AGS',
  );
  const responsibilityByAgs = reader.unique(
    responsibilityRows,
    file.responsibilities,
    (entry) => entry.row.KRS_AGS,
    (entry) => entry.ref,
    'KRS_AGS',
  );
  problems.throwIfAny();

  // Police organisation: the responsibilities CSV is authoritative per Kreis; the geo files must agree.
  const where = (rel: string) => reader.display(rel);
  for (const [id, feature] of inspectionById) {
    if (!directorateById.has(slugify(feature.props.POLIZEIDIREKTION))) {
      problems.add(
        where(file.inspections),
        feature.ref,
        'properties.POLIZEIDIREKTION',
        `unbekannte Polizeidirektion "${feature.props.POLIZEIDIREKTION}" (Inspektion ${id})`,
      );
    }
  }
  for (const [ags, { row, ref }] of responsibilityByAgs) {
    const inspection = inspectionById.get(slugify(row.POLIZEIINSPEKTION));
    if (!inspection)
      problems.add(where(file.responsibilities), ref, 'POLIZEIINSPEKTION', `unbekannte Polizeiinspektion "${row.POLIZEIINSPEKTION}"`);
    else if (slugify(inspection.props.POLIZEIDIREKTION) !== slugify(row.POLIZEIDIREKTION)) {
      problems.add(
        where(file.responsibilities),
        ref,
        'POLIZEIDIREKTION',
        `"${row.POLIZEIINSPEKTION}" gehört laut ${file.inspections} zu "${inspection.props.POLIZEIDIREKTION}", nicht zu "${row.POLIZEIDIREKTION}"`,
      );
    }
    if (!kreisByAgs.has(ags)) problems.add(where(file.responsibilities), ref, 'KRS_AGS', `Kreis "${ags}" fehlt in ${file.kreise}`);
  }
  for (const [ags, feature] of kreisByAgs) {
    const responsibility = responsibilityByAgs.get(ags);
    if (!responsibility)
      problems.add(
        where(file.kreise),
        feature.ref,
        'properties.KRS_AGS',
        `Kreis "${ags}" hat keine Zuständigkeit (keine Polizeiinspektion) in ${file.responsibilities}`,
      );
    else if (slugify(responsibility.row.POLIZEIINSPEKTION) !== slugify(feature.props.POLIZEIINSPEKTION)) {
      problems.add(
        where(file.kreise),
        feature.ref,
        'properties.POLIZEIINSPEKTION',
        `"${feature.props.POLIZEIINSPEKTION}" widerspricht ${file.responsibilities} ("${responsibility.row.POLIZEIINSPEKTION}")`,
      );
    }
  }
  const inspectionOfKreis = (ags: string) => {
    const row = responsibilityByAgs.get(ags)?.row;
    return row ? slugify(row.POLIZEIINSPEKTION) : undefined;
  };
  for (const [id, feature] of districtById) {
    const expected = inspectionOfKreis(feature.props.KRS_AGS);
    if (!kreisByAgs.has(feature.props.KRS_AGS))
      problems.add(where(file.districts), feature.ref, 'properties.KRS_AGS', `unbekannter Kreis "${feature.props.KRS_AGS}"`);
    else if (expected === undefined || !inspectionById.has(expected))
      problems.add(where(file.districts), feature.ref, 'properties.POLIZEIINSPEKTION', `Bezirk ${id} hat keine Polizeiinspektion`);
    else if (slugify(feature.props.POLIZEIINSPEKTION) !== expected) {
      problems.add(
        where(file.districts),
        feature.ref,
        'properties.POLIZEIINSPEKTION',
        `"${feature.props.POLIZEIINSPEKTION}" widerspricht der Zuständigkeit des Kreises ${feature.props.KRS_AGS} ("${expected}")`,
      );
    }
  }
  const municipalitiesOfDistrict = new Map<string, typeof municipalityFeatures>();
  for (const [ags, feature] of municipalityByAgs) {
    const district = districtById.get(feature.props.VWG_ARS);
    if (!district) {
      problems.add(
        where(file.municipalities),
        feature.ref,
        'properties.VWG_ARS',
        `unbekannter Bezirk "${feature.props.VWG_ARS}" (Gemeinde ${ags})`,
      );
      continue;
    }
    if (district.props.KRS_AGS !== feature.props.KRS_AGS) {
      problems.add(
        where(file.municipalities),
        feature.ref,
        'properties.KRS_AGS',
        `Kreis "${feature.props.KRS_AGS}" passt nicht zum Bezirk ${feature.props.VWG_ARS} (Kreis ${district.props.KRS_AGS})`,
      );
    }
    if ((feature.props.ZENTRUM_LAT === null) !== (feature.props.ZENTRUM_LON === null)) {
      problems.add(
        where(file.municipalities),
        feature.ref,
        'properties.ZENTRUM_LAT',
        'ZENTRUM_LAT und ZENTRUM_LON müssen beide gesetzt oder beide leer sein',
      );
    }
    const list = municipalitiesOfDistrict.get(feature.props.VWG_ARS) ?? [];
    list.push(feature);
    municipalitiesOfDistrict.set(feature.props.VWG_ARS, list);
  }
  for (const [id, feature] of districtById) {
    if (!municipalitiesOfDistrict.has(id))
      problems.add(where(file.districts), feature.ref, 'properties.VWG_ARS', `Bezirk ${id} hat keine Gemeinde in ${file.municipalities}`);
  }
  problems.throwIfAny();

  // Domain records.
  const directorates: DirectorateData[] = [...directorateById]
    .map(([id, feature]) => ({ id, name: feature.props.POLIZEIDIREKTION, geometry: feature.geometry }))
    .sort(byId);
  const kreisRowsOfInspection = new Map<string, typeof responsibilityRows>();
  for (const entry of [...responsibilityByAgs.values()].sort((a, b) => a.row.KRS_AGS.localeCompare(b.row.KRS_AGS))) {
    const id = slugify(entry.row.POLIZEIINSPEKTION);
    kreisRowsOfInspection.set(id, [...(kreisRowsOfInspection.get(id) ?? []), entry]);
  }
  const inspections: InspectionData[] = [];
  for (const [id, feature] of inspectionById) {
    const rows = kreisRowsOfInspection.get(id) ?? [];
    if (rows.length === 0)
      warnings.push(`${file.inspections}: Inspektion "${feature.props.POLIZEIINSPEKTION}" ist für keinen Kreis zuständig`);
    inspections.push({
      id,
      name: feature.props.POLIZEIINSPEKTION,
      directorateId: slugify(feature.props.POLIZEIDIREKTION),
      responsibilityVerified: rows.length > 0 && rows.every((entry) => entry.row.VERIFIZIERT === 'ja'),
      sourceUrl: rows[0]?.row.QUELLE.match(/https?:\/\/\S+/)?.[0] ?? '',
      geometry: feature.geometry,
    });
  }
  inspections.sort(byId);
  const kreise: Kreis[] = [...kreisByAgs]
    .map(([ags, feature]) => {
      const row = responsibilityByAgs.get(ags)!.row;
      return {
        ags,
        name: feature.props.KRS_GEN,
        type: feature.props.KRS_BEZ,
        inspectionId: slugify(row.POLIZEIINSPEKTION),
        responsibilityVerified: row.VERIFIZIERT === 'ja',
      };
    })
    .sort((a, b) => a.ags.localeCompare(b.ags));

  const municipalities: MunicipalityData[] = [...municipalityByAgs]
    .map(([ags, feature]): MunicipalityData => {
      const centre: LatLon =
        feature.props.ZENTRUM_LAT !== null && feature.props.ZENTRUM_LON !== null
          ? { lat: feature.props.ZENTRUM_LAT, lon: feature.props.ZENTRUM_LON }
          : interiorPoint(feature.geometry);
      return {
        ags,
        name: feature.props.GEN,
        type: feature.props.BEZ,
        districtId: feature.props.VWG_ARS,
        population: feature.props.EWZ ?? 0,
        centre,
        mainPostcode: feature.props.PLZ_HAUPT,
        kreisAgs: feature.props.KRS_AGS,
        geometry: feature.geometry,
      };
    })
    .sort((a, b) => a.ags.localeCompare(b.ags));
  const municipalitiesByDistrict = new Map<string, MunicipalityData[]>();
  for (const m of municipalities) municipalitiesByDistrict.set(m.districtId, [...(municipalitiesByDistrict.get(m.districtId) ?? []), m]);

  const districts: DistrictData[] = [...districtById]
    .map(([id, feature]): DistrictData => {
      // Centre: the official centre of the most populous municipality (ties: lowest AGS).
      const members = municipalitiesByDistrict.get(id)!;
      const main = members.reduce((best, m) => (m.population > best.population ? m : best), members[0]!);
      return {
        id,
        name: feature.props.VWG_GEN,
        type: feature.props.VWG_BEZ,
        kreisAgs: feature.props.KRS_AGS,
        inspectionId: inspectionOfKreis(feature.props.KRS_AGS)!,
        stationId: null,
        population: feature.props.EWZ ?? 0,
        areaKm2: feature.props.FLAECHE_KM2,
        centre: main.centre,
        geometry: feature.geometry,
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
  problems.throwIfAny();

  // Cities divided into districts: their parts take the place of their one district.
  const splits = await readCitySplits(reader, municipalities, districts);
  problems.throwIfAny();
  const replaced = new Set(splits.cities.map((city) => city.id));
  const allDistricts = [...districts.filter((district) => !replaced.has(district.id)), ...splits.districts].sort(byId);

  const postcodeAreas = resolvePostcodes(reader, postcodeRows, aliasRows, municipalityByAgs, municipalities, warnings);
  problems.throwIfAny();

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
  const file = SOURCE_FILES;
  const boxes = districts.map((district) => ({ district, box: bboxOf(district.geometry) }));
  for (const m of municipalities) {
    const point = interiorPoint(m.geometry);
    const containing = boxes
      .filter(
        ({ box: [minLon, minLat, maxLon, maxLat] }) =>
          point.lon >= minLon && point.lon <= maxLon && point.lat >= minLat && point.lat <= maxLat,
      )
      .filter(({ district }) => locatePoint(point, district.geometry) === 'inside')
      .map(({ district }) => district);
    const where = `Punkt ${point.lat}, ${point.lon}`;
    if (containing.length === 0) {
      reader.problems.add(
        reader.display(file.municipalities),
        municipalityRef(m.ags),
        'geometry',
        `Gemeinde ${m.ags} (${m.name}) liegt in keinem Bezirk aus ${file.districts} (${where})`,
      );
      continue;
    }
    if (!containing.some((district) => district.id === m.districtId)) {
      reader.problems.add(
        reader.display(file.districts),
        districtRef(m.districtId),
        'geometry',
        `Bezirk ${m.districtId} deckt seine Gemeinde ${m.ags} (${m.name}) nicht ab (${where})`,
      );
    }
    for (const other of containing.filter((district) => district.id !== m.districtId)) {
      reader.problems.add(
        reader.display(file.districts),
        districtRef(other.id),
        'geometry',
        `Bezirk ${other.id} (${other.name}) überlappt Bezirk ${m.districtId}: Gemeinde ${m.ags} (${m.name}) liegt in beiden (${where})`,
      );
    }
  }
}
