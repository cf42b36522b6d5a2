/**
 * Streets and street addresses for the address search: street centres from OpenStreetMap
 * (`streets/*.csv`), the OpenPLZ street list without coordinates (a `.csv` with its header, see
 * openplz.ts), house coordinates in the official HK-DE format (`addresses/*.txt`) and plain CSV
 * addresses (`addresses/*.csv`, read by house-addresses.ts). Every street and address gets its
 * municipality (and so its district) at build time, by the same rule as a point on the map
 * (street-geography.ts); an HK-DE record's AGS is trusted where its point is near that
 * municipality. Points outside Niedersachsen are clipped (left out, counted in a warning).
 */
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { LatLon } from '../domain/model';
import { normaliseText } from '../domain/search';
import { roundCoordinate } from './geometry-helpers';
import { readHkDe, readPlainCsv, type HouseAddress } from './house-addresses';
import { isOpenPlzHeader, readOpenPlz } from './openplz';
import { decimal } from './schemas';
import type { SourceReader } from './source-reader';
import { districtAt, indexMunicipalities, locateMunicipality, type Municipalities, type StreetGeography } from './street-geography';

/** Folders of a data directory with street and address files. */
const STREET_DIR = 'streets';
const ADDRESS_DIR = 'addresses';

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

export interface AddressData extends HouseAddress {
  streetId: number;
}

export interface AddressSources {
  streets: StreetData[];
  addresses: AddressData[];
  /** Address files whose name marks them as synthetic (benchmark data). */
  syntheticFiles: string[];
  warnings: string[];
}

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
  postal_code: z
    .union([
      z
        .string()
        .trim()
        .regex(/^(\d{5})?$/, 'erwartet 5-stellige Postleitzahl oder nichts'),
      z.null(),
    ])
    .optional(),
});
const pointGeometrySchema = z.object({
  type: z.literal('Point', 'erwartet eine Punktgeometrie (Point)'),
  coordinates: z.tuple([z.number().gte(-180).lte(180), z.number().gte(-90).lte(90)]).rest(z.number()),
});

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
  const headers = new Map(
    await Promise.all(streetFiles.map(async (rel) => [rel, await firstLine(path.resolve(reader.dataDir, rel))] as const)),
  );
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
    const places = new Set([
      ...(municipalities.placeWords.get(draft.ags) ?? []),
      ...(municipalities.partWords.get(draft.districtId) ?? []),
    ]);
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
      lat: roundCoordinate(centre.lat),
      lon: roundCoordinate(centre.lon),
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

/** How much a source says about a street: a name (OpenPLZ) < a centre line (OSM) < house coordinates. */
const MORE_SAID: Record<StreetData['source'], number> = { openplz: 0, osm: 1, csv: 2, 'hk-de': 2, synthetic: 2 };

/** The first line of a file (a CSV header), or "" if it cannot be read. */
async function firstLine(absolute: string): Promise<string> {
  try {
    const file = await open(absolute, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(512), 0, 512, 0);
      return (
        buffer
          .subarray(0, bytesRead)
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .split(/\r?\n/)[0] ?? ''
      );
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
