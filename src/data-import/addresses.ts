/**
 * Streets and street addresses for the address search: street centres from OpenStreetMap
 * (`streets/*.csv`), the OpenPLZ street list without coordinates (a `.csv` with its header, see
 * openplz.ts), house coordinates in the official HK-DE format (`addresses/*.txt`) and plain CSV
 * addresses (`addresses/*.csv`). Every street and address gets its municipality (and so its
 * district) here, at build time: from the AGS an HK-DE record carries, else by point-in-polygon.
 * Points outside Niedersachsen are clipped (left out, counted in a warning).
 */
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { bboxOf } from '../domain/geo/geometry';
import { CityParts } from '../domain/geo/city-parts';
import { DistrictLocator } from '../domain/geo/district-locator';
import type { Borough, LatLon, PostcodeArea } from '../domain/model';
import { baseName, normaliseText, parseHouseNumber } from '../domain/search';
import type { RecordRef } from './errors';
import { isOpenPlzHeader, readOpenPlz } from './openplz';
import type { SourceReader } from './source-reader';
import type { DistrictData, MunicipalityData } from './source-records';
import { utm32ToWgs84 } from './reproject';

/** Folders of a data directory with street and address files. */
const STREET_DIR = 'streets';
const ADDRESS_DIR = 'addresses';

/** The 18 fields of an HK-DE line, in order (see the AdV format description). */
const HK_DE_FIELDS = [
  'NBA', 'OI', 'QUA', 'LAN', 'RBZ', 'KRS', 'GMD', 'OTT', 'SSS', 'HNR', 'ADZ', 'OST', 'NORD', 'STN', 'PLZ', 'ONM', 'ZON', 'POT',
] as const;

/** An HK-DE point further than this outside its own municipality's box is located by its position instead. */
const AGS_CHECK_SLACK_DEGREES = 0.03;
/** Validation stops listing problems of one file after this many (a broken 2-million-line file would say the same thing 2 million times). */
const MAX_PROBLEMS_PER_FILE = 50;

export interface StreetData {
  /** 1-based, in order of importance: the full-text index returns low ids first. */
  id: number;
  name: string;
  nameNorm: string;
  ags: string;
  districtId: string;
  placeNorm: string;
  postcodes: string[];
  lat: number;
  lon: number;
  addressCount: number;
  source: 'osm' | 'hk-de' | 'csv' | 'openplz' | 'synthetic';
  /** False where no position is known (OpenPLZ): lat/lon are then the town's centre. */
  located: boolean;
  /** City district as the source names it, or null. */
  borough: string | null;
  suburb: string | null;
}

export interface AddressData {
  streetId: number;
  number: number;
  suffix: string;
  postcode: string;
  lat: number;
  lon: number;
}

export interface AddressSources {
  streets: StreetData[];
  addresses: AddressData[];
  /** Address files whose name marks them as synthetic (benchmark data). */
  syntheticFiles: string[];
  warnings: string[];
}

const decimal = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `erwartet eine Dezimalzahl mit Punkt (${field})`)
    .transform(Number);

/** A row of streets/*.csv (OSM street centres; further columns are allowed and ignored). */
const streetCentreRowSchema = z.looseObject({
  street_name: z.string().trim().min(1, 'darf nicht leer sein'),
  centroid_lat: decimal('centroid_lat').pipe(z.number().gte(-90).lte(90)),
  centroid_lon: decimal('centroid_lon').pipe(z.number().gte(-180).lte(180)),
});

/** A row of streets/*.csv with points along streets (`osm_way_id,way_name,mid_lat,mid_lon`): where each way of a street is. */
const wayPointRowSchema = z.looseObject({
  osm_way_id: z.string().trim().regex(/^\d+$/, 'erwartet eine OSM-Way-Nummer'),
  way_name: z.string().trim().min(1, 'darf nicht leer sein'),
  mid_lat: decimal('mid_lat').pipe(z.number().gte(-90).lte(90)),
  mid_lon: decimal('mid_lon').pipe(z.number().gte(-180).lte(180)),
});
const WAY_POINTS_HEADER = 'osm_way_id,way_name,';

/** A feature of streets/*.geojson: one point on a named street (OSM), with its postcode where known. */
const streetPointPropsSchema = z.looseObject({
  name: z.string().trim().min(1, 'darf nicht leer sein'),
  postal_code: z.union([z.string().trim().regex(/^(\d{5})?$/, 'erwartet 5-stellige Postleitzahl oder nichts'), z.null()]).optional(),
});
const pointGeometrySchema = z.object({
  type: z.literal('Point', 'erwartet eine Punktgeometrie (Point)'),
  coordinates: z.tuple([z.number().gte(-180).lte(180), z.number().gte(-90).lte(90)]).rest(z.number()),
});

/** A row of addresses/*.csv: one street address with WGS84 coordinates. */
const plainAddressRowSchema = z.object({
  street: z.string().trim().min(1, 'darf nicht leer sein'),
  house_number: z.string().trim().refine((v) => parseHouseNumber(v) !== null, 'erwartet eine Hausnummer wie „12“, „12a“ oder „12/1“'),
  postcode: z.string().trim().regex(/^\d{5}$/, 'erwartet 5-stellige Postleitzahl'),
  town: z.string().trim().min(1, 'darf nicht leer sein'),
  lat: decimal('lat').pipe(z.number().gte(-90).lte(90)),
  lon: decimal('lon').pipe(z.number().gte(-180).lte(180)),
});

/** One HK-DE record (fields as strings, as split from the line). */
const hkDeRecordSchema = z.object({
  NBA: z.enum(['N', 'L', 'A', ''], 'erwartet N, L, A oder leer'),
  OI: z.string(),
  QUA: z.string().regex(/^[A-Z]?$/, 'erwartet einen Buchstaben'),
  LAN: z.string().regex(/^\d{2}$/, 'erwartet 2 Ziffern'),
  RBZ: z.string().regex(/^\d$/, 'erwartet 1 Ziffer'),
  KRS: z.string().regex(/^\d{2}$/, 'erwartet 2 Ziffern'),
  GMD: z.string().regex(/^\d{3}$/, 'erwartet 3 Ziffern'),
  OTT: z.string(),
  SSS: z.string(),
  HNR: z.string().regex(/^\d{1,4}$/, 'erwartet eine Hausnummer (1 bis 4 Ziffern)'),
  ADZ: z.string().regex(/^[\p{L}\d/ -]{0,6}$/u, 'erwartet einen kurzen Adressierungszusatz wie „a“'),
  OST: z.string().regex(/^(32)?\d{6}(,\d{1,3})?$/, 'erwartet einen UTM-32-Ostwert wie „32604123,456“'),
  NORD: z.string().regex(/^\d{7}(,\d{1,3})?$/, 'erwartet einen UTM-Nordwert wie „5792345,678“'),
  STN: z.string().trim().min(1, 'Straßenname darf nicht leer sein'),
  PLZ: z.string().regex(/^\d{5}$/, 'erwartet 5-stellige Postleitzahl'),
  ONM: z.string(),
  ZON: z.string(),
  POT: z.string(),
});

// A well-formed HK-DE line in one regular expression: the fast path for millions of lines. A line
// it rejects goes through hkDeRecordSchema, which says which field is wrong (and may still accept
// it, e.g. with blanks around the fields).
const HK_DE_LINE =
  /^([NLA]?);([^;]*);([A-Z]?);(\d{2});(\d);(\d{2});(\d{3});[^;]*;[^;]*;(\d{1,4});([\p{L}\d/-]{0,6});((?:32)?\d{6}(?:,\d{1,3})?);(\d{7}(?:,\d{1,3})?);([^;\s][^;]*);(\d{5});([^;]*);[^;]*;([^;]*)$/u;

interface HkDeRecord {
  NBA: string;
  LAN: string;
  RBZ: string;
  KRS: string;
  GMD: string;
  HNR: string;
  ADZ: string;
  OST: string;
  NORD: string;
  STN: string;
  PLZ: string;
  ONM: string;
  POT: string;
}

interface Municipalities {
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
function districtAt(municipalities: Municipalities, municipality: MunicipalityData, point: LatLon): string {
  return municipalities.locator.districtIn(municipality, point).districtId;
}

interface StreetDraft {
  name: string;
  nameNorm: string;
  ags: string;
  /** Its district (in a divided city: the part it lies in, one draft per part). */
  districtId: string;
  places: Set<string>;
  postcodes: Set<string>;
  source: StreetData['source'];
  centre: LatLon | null;
  addresses: Omit<AddressData, 'streetId'>[];
  seen: Set<string>;
  borough: string | null;
  suburb: string | null;
}

/** Decodes an address file: UTF-8 (HK-DE since 2019) or, if not valid UTF-8, ISO-8859-1 (older deliveries). */
export function decodeAddressFile(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'ISO-8859-1' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), encoding: 'ISO-8859-1' };
  }
}

/** The geography streets are placed in: municipalities, their postcodes, and the parts of divided cities. */
export interface StreetGeography {
  municipalities: readonly MunicipalityData[];
  postcodeAreas: readonly PostcodeArea[];
  districts: readonly DistrictData[];
  boroughs: readonly Borough[];
}

/** Reads the optional street and address files of a data directory plus `extraAddressFiles`. */
export async function readAddressSources(
  reader: SourceReader,
  geography: StreetGeography,
  extraAddressFiles: readonly string[] = [],
): Promise<AddressSources> {
  const municipalities = indexMunicipalities(geography);
  const { postcodeAreas } = geography;
  const warnings: string[] = [];
  const drafts = new Map<string, StreetDraft>();
  // Millions of addresses name the same few hundred thousand streets: normalise each spelling once.
  const bySpelling = new Map<string, StreetDraft>();
  // One draft per street and town, or in a divided city per street and part.
  const draftFor = (name: string, ags: string, source: StreetData['source'], districtId: string): StreetDraft => {
    const spelling = `${districtId}\u0000${ags}\u0000${name}`;
    const known = bySpelling.get(spelling);
    if (known && known.source === source) return known;
    const nameNorm = normaliseText(name);
    const key = `${ags}|${districtId}|${nameNorm}`;
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        name,
        nameNorm,
        ags,
        districtId,
        places: new Set(),
        postcodes: new Set(),
        source,
        centre: null,
        addresses: [],
        seen: new Set(),
        borough: null,
        suburb: null,
      };
      drafts.set(key, draft);
    } else if (MORE_SAID[source] > MORE_SAID[draft.source]) {
      // Real addresses say more about a street than a road centre line, which says more than a name.
      draft.source = source;
    }
    bySpelling.set(spelling, draft);
    return draft;
  };

  const byPostcode = new Map<string, Array<{ ags: string; name: string }>>();
  for (const area of postcodeAreas) {
    const m = municipalities.byAgs.get(area.ags);
    if (m) byPostcode.set(area.postcode, [...(byPostcode.get(area.postcode) ?? []), { ags: m.ags, name: m.name }]);
  }
  const readStreetList = async (rel: string) => {
    const towns = { has: (ags: string) => municipalities.byAgs.has(ags), byPostcode: (code: string) => byPostcode.get(code) ?? [] };
    for (const street of await readOpenPlz(reader, rel, towns, warnings)) {
      // No position: in a divided city, the part the list names (Suburb, else a Borough of one part), else the city.
      const named = [street.suburb, street.borough].map((name) => partNamed(municipalities, street.ags, name)).find((id) => id !== null);
      const draft = draftFor(street.name, street.ags, 'openplz', named ?? municipalities.byAgs.get(street.ags)!.districtId);
      draft.postcodes.add(street.postcode);
      for (const place of street.places) draft.places.add(place);
      draft.borough ??= street.borough;
      draft.suburb ??= street.suburb;
    }
  };

  // OSM street centres: no town column, so the municipality comes from the position. Points
  // along the streets (way points) first: in a divided city they tell every part a street crosses.
  const streetFiles = await listFiles(reader.dataDir, STREET_DIR, '.csv');
  const headers = new Map(await Promise.all(streetFiles.map(async (rel) => [rel, await firstLine(path.resolve(reader.dataDir, rel))] as const)));
  const wayPoints = new Map<string, LatLon>();
  for (const rel of streetFiles.filter((file) => headers.get(file)!.startsWith(WAY_POINTS_HEADER))) {
    for (const { row } of await reader.csv(rel, wayPointRowSchema, (v) => v.osm_way_id)) {
      wayPoints.set(row.osm_way_id, { lat: row.mid_lat, lon: row.mid_lon });
    }
  }
  const centres = new Map<StreetDraft, LatLon[]>();
  for (const rel of streetFiles) {
    const header = headers.get(rel)!;
    if (header.startsWith(WAY_POINTS_HEADER)) continue;
    if (isOpenPlzHeader(header)) {
      await readStreetList(rel);
      continue;
    }
    const rows = await reader.csv(rel, streetCentreRowSchema, (v) => v.street_name);
    let clipped = 0;
    for (const { row } of rows) {
      const point = { lat: row.centroid_lat, lon: row.centroid_lon };
      const municipality = locateMunicipality(municipalities, point);
      if (!municipality) {
        clipped++;
        continue;
      }
      // A street of a divided city is one street per part it crosses, at its ways in that part.
      const ways = municipalities.locator.isDivided(municipality.ags) ? wayPointsOf(row, wayPoints) : [];
      const inTown = ways.filter((way) => locateMunicipality(municipalities, way)?.ags === municipality.ags);
      for (const at of inTown.length > 0 ? inTown : [point]) {
        const draft = draftFor(row.street_name, municipality.ags, 'osm', districtAt(municipalities, municipality, at));
        centres.set(draft, [...(centres.get(draft) ?? []), at]);
      }
    }
    if (clipped > 0) warnings.push(`${rel}: ${clipped} Straßen außerhalb Niedersachsens ausgelassen`);
  }
  // Points on streets (GeoJSON): each one a street in the town and part it lies in.
  for (const rel of await listFiles(reader.dataDir, STREET_DIR, '.geojson')) {
    const features = await reader.pointFeatures(rel, streetPointPropsSchema, pointGeometrySchema, (p) => p.name);
    let clipped = 0;
    for (const { props, point } of features) {
      const municipality = locateMunicipality(municipalities, point);
      if (!municipality) {
        clipped++;
        continue;
      }
      const draft = draftFor(props.name, municipality.ags, 'osm', districtAt(municipalities, municipality, point));
      if (props.postal_code) draft.postcodes.add(props.postal_code);
      centres.set(draft, [...(centres.get(draft) ?? []), point]);
    }
    if (clipped > 0) warnings.push(`${rel}: ${clipped} Straßen außerhalb Niedersachsens ausgelassen`);
  }
  // The centre: the point nearest the mean of the street's points in its town (or part), so it lies on the street.
  for (const [draft, points] of centres) draft.centre ??= nearestToMean(points);

  const syntheticFiles: string[] = [];
  const addressFiles = [
    ...(await listFiles(reader.dataDir, ADDRESS_DIR, '.txt')).map((rel) => ({ rel, absolute: path.resolve(reader.dataDir, rel) })),
    ...(await listFiles(reader.dataDir, ADDRESS_DIR, '.csv')).map((rel) => ({ rel, absolute: path.resolve(reader.dataDir, rel) })),
    ...extraAddressFiles.map((file) => ({ rel: file, absolute: path.resolve(file) })),
  ];
  for (const { rel, absolute } of addressFiles) {
    const synthetic = /synthe/i.test(path.basename(rel));
    if (synthetic) syntheticFiles.push(rel);
    const source = synthetic ? 'synthetic' : rel.toLowerCase().endsWith('.csv') ? 'csv' : 'hk-de';
    if (rel.toLowerCase().endsWith('.csv') && isOpenPlzHeader(await firstLine(absolute))) {
      await readStreetList(rel);
    } else if (rel.toLowerCase().endsWith('.csv')) {
      await readPlainCsv(reader, rel, municipalities, draftFor, warnings);
    } else {
      await readHkDe(reader, rel, absolute, source, municipalities, draftFor, warnings);
    }
  }
  reader.problems.throwIfAny();

  // Importance order: big towns first, then streets with many addresses; stable by name.
  const list = [...drafts.values()].sort(
    (a, b) =>
      municipalities.byAgs.get(b.ags)!.population - municipalities.byAgs.get(a.ags)!.population ||
      b.addresses.length - a.addresses.length ||
      (a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0) ||
      (a.nameNorm < b.nameNorm ? -1 : a.nameNorm > b.nameNorm ? 1 : 0),
  );
  const streets: StreetData[] = [];
  const addresses: AddressData[] = [];
  list.forEach((draft, index) => {
    const id = index + 1;
    const municipality = municipalities.byAgs.get(draft.ags)!;
    const places = new Set([...(municipalities.placeWords.get(draft.ags) ?? []), ...(municipalities.partWords.get(draft.districtId) ?? [])]);
    for (const place of draft.places) for (const word of normaliseText(place).split(' ')) if (word) places.add(word);
    const postcodes = draft.postcodes.size > 0 ? draft.postcodes : (municipalities.postcodes.get(draft.ags) ?? new Set<string>());
    const centre = draft.addresses.length > 0 ? nearestToMean(draft.addresses) : (draft.centre ?? municipality.centre);
    streets.push({
      id,
      name: draft.name,
      nameNorm: draft.nameNorm,
      ags: draft.ags,
      districtId: draft.districtId,
      placeNorm: [...places].join(' '),
      postcodes: [...postcodes].sort(),
      lat: round6(centre.lat),
      lon: round6(centre.lon),
      addressCount: draft.addresses.length,
      source: draft.source,
      located: draft.addresses.length > 0 || draft.centre !== null,
      borough: draft.borough,
      suburb: draft.suburb,
    });
    draft.addresses.sort((a, b) => a.number - b.number || (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0));
    for (const address of draft.addresses) addresses.push({ streetId: id, ...address });
  });
  return { streets, addresses, syntheticFiles, warnings };
}

type DraftFor = (name: string, ags: string, source: StreetData['source'], districtId: string) => StreetDraft;

/** How much a source says about a street: a name (OpenPLZ) < a centre line (OSM) < house coordinates. */
const MORE_SAID: Record<StreetData['source'], number> = { openplz: 0, osm: 1, csv: 2, 'hk-de': 2, synthetic: 2 };

/** The first line of a file (a CSV header), or "" if it cannot be read. */
async function firstLine(absolute: string): Promise<string> {
  try {
    const file = await open(absolute, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(512), 0, 512, 0);
      return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    } finally {
      await file.close();
    }
  } catch {
    return '';
  }
}

/** The known points of a street centre row's ways (its `osm_way_ids`, "|"-separated). */
function wayPointsOf(row: Record<string, unknown>, wayPoints: ReadonlyMap<string, LatLon>): LatLon[] {
  const ids = typeof row.osm_way_ids === 'string' ? row.osm_way_ids.split('|') : [];
  return ids.flatMap((id) => wayPoints.get(id.trim()) ?? []);
}

/** The part of a divided city a street list names (by the part's name, or a group's of just one part), or null. */
function partNamed(municipalities: Municipalities, ags: string, name: string | null): string | null {
  if (!name) return null;
  const found = municipalities.partsByName.get(ags)?.get(normaliseText(name)) ?? [];
  return found.length === 1 ? found[0]! : null;
}

async function readHkDe(
  reader: SourceReader,
  rel: string,
  absolute: string,
  source: StreetData['source'],
  municipalities: Municipalities,
  draftFor: DraftFor,
  warnings: string[],
): Promise<void> {
  const display = reader.display(rel);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
    reader.files.push(rel);
  } catch (error) {
    reader.problems.add(display, undefined, undefined, `Datei nicht lesbar (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return;
  }
  const { text } = decodeAddressFile(bytes);
  let problems = 0;
  let records = 0;
  let deleted = 0;
  let duplicates = 0;
  let clipped = 0;
  let relocated = 0;
  const report = (ref: RecordRef, field: string | undefined, detail: string) => {
    problems++;
    if (problems <= MAX_PROBLEMS_PER_FILE) reader.problems.add(display, ref, field, detail);
  };
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line.trim() === '' || line.startsWith('#')) continue;
    records++;
    let record: HkDeRecord;
    const fast = HK_DE_LINE.exec(line);
    if (fast) {
      record = {
        NBA: fast[1]!, LAN: fast[4]!, RBZ: fast[5]!, KRS: fast[6]!, GMD: fast[7]!, HNR: fast[8]!, ADZ: fast[9]!,
        OST: fast[10]!, NORD: fast[11]!, STN: fast[12]!, PLZ: fast[13]!, ONM: fast[14]!, POT: fast[15]!,
      };
    } else {
      const ref: RecordRef = { index: records - 1, line: lineNo };
      const fields = line.split(';');
      if (fields.length !== HK_DE_FIELDS.length) {
        report(ref, undefined, `${fields.length} Felder statt ${HK_DE_FIELDS.length} (HK-DE: ${HK_DE_FIELDS.join(';')})`);
        continue;
      }
      const raw: Record<string, string> = {};
      HK_DE_FIELDS.forEach((name, i) => (raw[name] = fields[i]!.trim()));
      ref.id = raw.OI || undefined;
      const parsed = hkDeRecordSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) report(ref, issue.path.join('.'), issue.message);
        continue;
      }
      record = parsed.data;
    }
    if (record.NBA === 'L') {
      deleted++;
      continue;
    }
    const houseNumber = record.ADZ === '' ? plainNumber(record.HNR) : parseHouseNumber(`${record.HNR}${record.ADZ}`);
    if (!houseNumber) {
      report({ index: records - 1, line: lineNo }, 'ADZ', `„${record.HNR}${record.ADZ}“ ist keine Hausnummer`);
      continue;
    }
    const easting = Number(record.OST.replace(',', '.'));
    const point = utm32ToWgs84(easting >= 1e7 ? easting - 32e6 : easting, Number(record.NORD.replace(',', '.')));
    const ags = `${record.LAN}${record.RBZ}${record.KRS}${record.GMD}`;
    let municipality = municipalities.byAgs.get(ags);
    if (municipality && !inBox(municipalities.boxes.get(ags)!, point)) {
      municipality = undefined;
      relocated++;
    }
    municipality ??= locateMunicipality(municipalities, point) ?? undefined;
    if (!municipality) {
      clipped++;
      continue;
    }
    const draft = draftFor(record.STN, municipality.ags, source, districtAt(municipalities, municipality, point));
    const key = `${houseNumber.number}${houseNumber.suffix}`;
    if (draft.seen.has(key)) {
      duplicates++;
      continue;
    }
    draft.seen.add(key);
    draft.postcodes.add(record.PLZ);
    if (record.ONM) draft.places.add(record.ONM);
    if (record.POT) draft.places.add(record.POT);
    draft.addresses.push({ number: houseNumber.number, suffix: houseNumber.suffix, postcode: record.PLZ, lat: round6(point.lat), lon: round6(point.lon) });
  }
  if (problems > MAX_PROBLEMS_PER_FILE) reader.problems.add(display, undefined, undefined, `… und ${problems - MAX_PROBLEMS_PER_FILE} weitere Probleme`);
  if (deleted > 0) warnings.push(`${rel}: ${deleted} Datensätze mit Kennung L (zu löschen) übergangen`);
  if (duplicates > 0) warnings.push(`${rel}: ${duplicates} doppelte Adressen übergangen`);
  if (clipped > 0) warnings.push(`${rel}: ${clipped} Adressen außerhalb Niedersachsens ausgelassen`);
  if (relocated > 0) warnings.push(`${rel}: ${relocated} Adressen liegen nicht in ihrer Gemeinde laut Schlüssel; Gemeinde nach Lage bestimmt`);
}

async function readPlainCsv(
  reader: SourceReader,
  rel: string,
  municipalities: Municipalities,
  draftFor: DraftFor,
  warnings: string[],
): Promise<void> {
  const rows = await reader.csv(rel, plainAddressRowSchema, (v) => (v.street ? `${v.street} ${v.house_number ?? ''}`.trim() : undefined));
  let clipped = 0;
  let duplicates = 0;
  for (const { row } of rows) {
    const point = { lat: row.lat, lon: row.lon };
    const municipality = locateMunicipality(municipalities, point);
    if (!municipality) {
      clipped++;
      continue;
    }
    const houseNumber = parseHouseNumber(row.house_number)!;
    const draft = draftFor(row.street, municipality.ags, 'csv', districtAt(municipalities, municipality, point));
    const key = `${houseNumber.number}${houseNumber.suffix}`;
    if (draft.seen.has(key)) {
      duplicates++;
      continue;
    }
    draft.seen.add(key);
    draft.postcodes.add(row.postcode);
    draft.places.add(row.town);
    draft.addresses.push({ number: houseNumber.number, suffix: houseNumber.suffix, postcode: row.postcode, lat: round6(point.lat), lon: round6(point.lon) });
  }
  if (clipped > 0) warnings.push(`${rel}: ${clipped} Adressen außerhalb Niedersachsens ausgelassen`);
  if (duplicates > 0) warnings.push(`${rel}: ${duplicates} doppelte Adressen übergangen`);
}

function plainNumber(digits: string): { number: number; suffix: string } | null {
  const number = Number(digits);
  return number >= 1 ? { number, suffix: '' } : null;
}

function indexMunicipalities({ municipalities: list, postcodeAreas, districts, boroughs }: StreetGeography): Municipalities {
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
    for (const name of new Set([part.name, ...(group ? [group] : [])].map(normaliseText))) names.set(name, [...(names.get(name) ?? []), part.id]);
    partsByName.set(ags, names);
  }
  const parts = new Map([...partsOf].map(([ags, list]) => [ags, new CityParts(list.map((d) => ({ key: d.id, value: d, geometry: d.geometry })))]));
  const locator = new DistrictLocator(
    list.map((m) => ({ key: m.ags, value: m, geometry: m.geometry })),
    parts,
  );
  return { byAgs, locator, boxes, placeWords, postcodes, partWords, partsByName };
}

function locateMunicipality(municipalities: Municipalities, point: LatLon): MunicipalityData | null {
  return municipalities.locator.municipalityAt(point)?.value ?? null;
}

function inBox([minLon, minLat, maxLon, maxLat]: [number, number, number, number], { lat, lon }: LatLon): boolean {
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

async function listFiles(dataDir: string, folder: string, extension: string): Promise<string[]> {
  try {
    const entries = await readdir(path.resolve(dataDir, folder), { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(extension) && !e.name.startsWith('.'))
      .map((e) => `${folder}/${e.name}`)
      .sort();
  } catch {
    return [];
  }
}

/** The point nearest the mean of several points of a street (its addresses, its ways): surely on the street. */
function nearestToMean(points: readonly LatLon[]): LatLon {
  const centre = {
    lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length,
    lon: points.reduce((sum, p) => sum + p.lon, 0) / points.length,
  };
  let best = points[0]!;
  let bestDistance = Infinity;
  for (const p of points) {
    const d = (p.lat - centre.lat) ** 2 + (p.lon - centre.lon) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = p;
    }
  }
  return best;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
