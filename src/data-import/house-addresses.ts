/**
 * House addresses with coordinates: the official HK-DE format (`addresses/*.txt`, UTF-8 or
 * ISO-8859-1, UTM zone 32) and plain CSV (`addresses/*.csv`, WGS84). Each address is placed in its
 * municipality (an HK-DE record's AGS where its point is near that municipality, else by its
 * point) and district, and added to its street's draft.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseHouseNumber } from '../domain/search';
import type { RecordRef } from './errors';
import { roundCoordinate } from './geometry-helpers';
import { utm32ToWgs84 } from './reproject';
import { decimal } from './schemas';
import type { SourceReader } from './source-reader';
import { districtAt, inBox, locateMunicipality, type Municipalities } from './street-geography';

/** The 18 fields of an HK-DE line, in order (see the AdV format description). */
const HK_DE_FIELDS = [
  'NBA',
  'OI',
  'QUA',
  'LAN',
  'RBZ',
  'KRS',
  'GMD',
  'OTT',
  'SSS',
  'HNR',
  'ADZ',
  'OST',
  'NORD',
  'STN',
  'PLZ',
  'ONM',
  'ZON',
  'POT',
] as const;

/** Validation stops listing problems of one file after this many (a broken 2-million-line file would say the same thing 2 million times). */
const MAX_PROBLEMS_PER_FILE = 50;

/** An address of a street: its number, the postcode and where the house is. */
export interface HouseAddress {
  number: number;
  suffix: string;
  postcode: string;
  lat: number;
  lon: number;
}

/** Where address readers add what they read: the draft of a street in a municipality (and part). */
export interface AddressDraft {
  places: Set<string>;
  postcodes: Set<string>;
  addresses: HouseAddress[];
  /** The house numbers seen so far ("12a"): a repeated one is left out. */
  seen: Set<string>;
}

/** The draft of the street `name` in the municipality `ags` and district `districtId`, made on first use. */
export type DraftFor = (name: string, ags: string, source: AddressSource, districtId: string) => AddressDraft;

/** Where house addresses come from: an HK-DE file, a plain CSV file, or synthetic benchmark data (HK-DE format). */
export type AddressSource = 'hk-de' | 'csv' | 'synthetic';

/** A row of addresses/*.csv: one street address with WGS84 coordinates. */
const plainAddressRowSchema = z.object({
  street: z.string().trim().min(1, 'darf nicht leer sein'),
  house_number: z
    .string()
    .trim()
    .refine((v) => parseHouseNumber(v) !== null, 'erwartet eine Hausnummer wie „12“, „12a“ oder „12/1“'),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'erwartet 5-stellige Postleitzahl'),
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

/** Decodes an address file: UTF-8 (HK-DE since 2019) or, if not valid UTF-8, ISO-8859-1 (older deliveries). */
export function decodeAddressFile(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'ISO-8859-1' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), encoding: 'ISO-8859-1' };
  }
}

/** Reads an HK-DE file into the street drafts; problems are reported (at most MAX_PROBLEMS_PER_FILE), findings counted in `warnings`. */
export async function readHkDe(
  reader: SourceReader,
  rel: string,
  absolute: string,
  source: AddressSource,
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
        NBA: fast[1]!,
        LAN: fast[4]!,
        RBZ: fast[5]!,
        KRS: fast[6]!,
        GMD: fast[7]!,
        HNR: fast[8]!,
        ADZ: fast[9]!,
        OST: fast[10]!,
        NORD: fast[11]!,
        STN: fast[12]!,
        PLZ: fast[13]!,
        ONM: fast[14]!,
        POT: fast[15]!,
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
    draft.addresses.push({
      number: houseNumber.number,
      suffix: houseNumber.suffix,
      postcode: record.PLZ,
      lat: roundCoordinate(point.lat),
      lon: roundCoordinate(point.lon),
    });
  }
  if (problems > MAX_PROBLEMS_PER_FILE)
    reader.problems.add(display, undefined, undefined, `… und ${problems - MAX_PROBLEMS_PER_FILE} weitere Probleme`);
  if (deleted > 0) warnings.push(`${rel}: ${deleted} Datensätze mit Kennung L (zu löschen) übergangen`);
  if (duplicates > 0) warnings.push(`${rel}: ${duplicates} doppelte Adressen übergangen`);
  if (clipped > 0) warnings.push(`${rel}: ${clipped} Adressen außerhalb Niedersachsens ausgelassen`);
  if (relocated > 0)
    warnings.push(`${rel}: ${relocated} Adressen liegen nicht in ihrer Gemeinde laut Schlüssel; Gemeinde nach Lage bestimmt`);
}

/** Reads a plain CSV address file into the street drafts. */
export async function readPlainCsv(
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
    draft.addresses.push({
      number: houseNumber.number,
      suffix: houseNumber.suffix,
      postcode: row.postcode,
      lat: roundCoordinate(point.lat),
      lon: roundCoordinate(point.lon),
    });
  }
  if (clipped > 0) warnings.push(`${rel}: ${clipped} Adressen außerhalb Niedersachsens ausgelassen`);
  if (duplicates > 0) warnings.push(`${rel}: ${duplicates} doppelte Adressen übergangen`);
}

function plainNumber(digits: string): { number: number; suffix: string } | null {
  const number = Number(digits);
  return number >= 1 ? { number, suffix: '' } : null;
}
