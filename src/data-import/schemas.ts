/**
 * zod schemas for every source record the import reads. Geometry is not described here: it is
 * checked by `parseAreaGeometry` from the domain, which knows rings and positions.
 */
import { z } from 'zod';
import { PLATFORMS } from '../domain/model';
import { readOpeningHours } from '../domain/office-hours';
import { isCalendarDay, NOTICE_MAX_LENGTH, NOTICE_SCOPE } from '../domain/notices';

const ags8 = z.string().regex(/^\d{8}$/, 'erwartet 8-stelligen Gemeindeschlüssel (AGS)');
const ags5 = z.string().regex(/^\d{5}$/, 'erwartet 5-stelligen Kreisschlüssel');
const ars9 = z.string().regex(/^\d{9}$/, 'erwartet 9-stelligen Regionalschlüssel (VWG_ARS)');
/** A district: a 9-digit ARS, or a part of a divided city (its city's ARS, "-" and the part's number). */
const districtId = z
  .string()
  .regex(
    /^\d{9}(-[0-9a-z]{1,12})?$/,
    'erwartet die Kennung eines Bezirks: 9-stelliger Regionalschlüssel (VWG_ARS), für den Teil einer aufgeteilten Stadt mit "-" und seiner Nummer (032410001-33)',
  );
const postcode = z.string().regex(/^\d{5}$/, 'erwartet 5-stellige Postleitzahl');
const name = z.string().trim().min(1, 'darf nicht leer sein');
const population = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'erwartet ein ISO-Datum (JJJJ-MM-TT)');
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'erwartet eine id aus a-z, 0-9 und "-"');
const lat = z.number().gte(-90).lte(90);
const lon = z.number().gte(-180).lte(180);
/** Office hours in OpenStreetMap syntax, read strictly by the domain (holidays of Niedersachsen). */
const openingHours = z.string().superRefine((value, context) => {
  const reading = readOpeningHours(value);
  if (!reading.ok) {
    context.addIssue({
      code: 'custom',
      message: `keine gültigen Öffnungszeiten im OpenStreetMap-Format (z. B. "Mo-Fr 08:00-16:00; PH off"): ${reading.problems.join(' ')}`,
    });
  }
});

/** A GeoJSON FeatureCollection shell; properties and geometry are checked per feature afterwards. */
export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()),
      geometry: z.unknown(),
    }),
  ),
});

/** Properties of a feature in geo/nds_gemeinden_vg250.geojson. Gemeindefreie Gebiete have no EWZ, PLZ or centre. */
export const municipalityPropsSchema = z.looseObject({
  AGS: ags8,
  GEN: name,
  BEZ: name,
  KRS_AGS: ags5,
  VWG_ARS: ars9,
  EWZ: population.nullable(),
  PLZ_HAUPT: postcode.nullable(),
  ZENTRUM_LAT: lat.nullable(),
  ZENTRUM_LON: lon.nullable(),
  POLIZEIDIREKTION: name,
  POLIZEIINSPEKTION: name,
});

/** Properties of a feature in geo/nds_samtgemeinden_einheitsgemeinden_vg250.geojson. */
export const districtPropsSchema = z.looseObject({
  VWG_ARS: ars9,
  VWG_GEN: name,
  VWG_BEZ: name,
  KRS_AGS: ags5,
  POLIZEIDIREKTION: name,
  POLIZEIINSPEKTION: name,
  EWZ: population.nullable(),
  FLAECHE_KM2: z.number().nonnegative(),
});

/** Properties of a feature in geo/nds_kreise_vg250.geojson. */
export const kreisPropsSchema = z.looseObject({
  KRS_AGS: ags5,
  KRS_GEN: name,
  KRS_BEZ: name,
  POLIZEIDIREKTION: name,
  POLIZEIINSPEKTION: name,
});

/** Properties of a feature in geo/nds_polizeiinspektionen.geojson. */
export const inspectionPropsSchema = z.looseObject({
  POLIZEIINSPEKTION: name,
  POLIZEIDIREKTION: name,
});

/** Properties of a feature in geo/nds_polizeidirektionen.geojson. */
export const directoratePropsSchema = z.looseObject({
  POLIZEIDIREKTION: name,
});

/** A row of police/nds_polizei_zustaendigkeit_kreise.csv: which PI and PD cover a Kreis. */
export const responsibilityRowSchema = z.object({
  KRS_AGS: ags5,
  KRS_GEN: name,
  KRS_BEZ: name,
  POLIZEIDIREKTION: name,
  POLIZEIINSPEKTION: name,
  VERIFIZIERT: z.string().regex(/^(ja|teilweise\b.*)$/, 'erwartet "ja" oder "teilweise (…)"'),
  QUELLE: z.string().regex(/https?:\/\/\S+/, 'erwartet mindestens eine URL'),
});

/** A row of postcodes/plz_ort_gemeinde_niedersachsen.csv (OSM via suche-postleitzahl.org). */
export const postcodeRowSchema = z.object({
  osm_id: z.string().regex(/^\d*$/, 'erwartet eine Zahl'),
  ags: ags8,
  ort: name,
  plz: postcode,
  landkreis: z.string(),
  bundesland: z.string(),
});

/** A row of postcodes/ags_aliases.csv: a municipality code newer than the geometry, and one of the older codes it replaced. */
export const agsAliasRowSchema = z.object({
  successor_ags: ags8,
  successor_name: name,
  predecessor_ags: ags8,
  predecessor_name: name,
  valid_from: isoDate,
  source: z.string(),
});

/** demo/stations.json (and later real station files): one Dienststelle and the districts it answers for. */
export const stationSchema = z
  .strictObject({
    id: slug,
    name,
    kind: z.enum(['Polizeiinspektion', 'Polizeikommissariat', 'Polizeistation']),
    inspectionId: slug,
    street: name,
    postcode,
    city: name,
    phone: name,
    email: z.email('erwartet eine E-Mail-Adresse'),
    openingHours,
    /** Where the station is (WGS84), for the link that opens the phone's map app; optional. */
    lat: lat.optional(),
    lon: lon.optional(),
    districts: z.array(districtId),
    isDemo: z.boolean(),
    updatedAt: isoDate,
  })
  .refine((station) => (station.lat === undefined) === (station.lon === undefined), {
    message: 'lat und lon nur zusammen angeben',
    path: ['lon'],
  });
export type StationRecord = z.infer<typeof stationSchema>;

/** demo/officers.json: a person, their role and what they cover (whole inspections or single districts). */
export const officerSchema = z
  .strictObject({
    id: slug,
    name,
    rank: name,
    roleTitle: name.nullable().optional(),
    role: z.enum(['digital', 'kobb']),
    stationId: slug,
    phone: name,
    email: z.email('erwartet eine E-Mail-Adresse'),
    openingHours,
    photo: z
      .string()
      .regex(/^\/[^\s]+$/, 'erwartet einen Pfad unter public/, z. B. "/fotos/x.jpg"')
      .nullable(),
    covers: z.strictObject({
      inspections: z.array(slug).optional(),
      districts: z.array(districtId).optional(),
    }),
    isDemo: z.boolean(),
    updatedAt: isoDate,
  })
  .refine((o) => (o.covers.inspections?.length ?? 0) + (o.covers.districts?.length ?? 0) > 0, {
    message: 'muss mindestens eine Inspektion oder einen Bezirk abdecken',
    path: ['covers'],
  });
export type OfficerRecord = z.infer<typeof officerSchema>;

const holderSchema = z.strictObject({
  type: z.enum(['officer', 'station', 'inspection', 'directorate']),
  id: slug,
});

/** demo/accounts.json: an official social-media account and who holds it. */
export const accountSchema = z.strictObject({
  id: slug,
  platform: z.enum(PLATFORMS),
  handle: name,
  url: name,
  verifiedSince: isoDate,
  holders: z.array(holderSchema).min(1, 'braucht mindestens einen Inhaber'),
  isDemo: z.boolean(),
  updatedAt: isoDate,
});
export type AccountRecord = z.infer<typeof accountSchema>;

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
const calendarDay = z.string().refine(isCalendarDay, 'erwartet ein Datum JJJJ-MM-TT, das es gibt (z. B. 2026-12-24)');
/** A notice's text: plain text on one or a few lines, never HTML (it is shown as text, escaped). */
const noticeText = z
  .string()
  .trim()
  .min(1, 'darf nicht leer sein')
  .max(NOTICE_MAX_LENGTH, `zu lang: höchstens ${NOTICE_MAX_LENGTH} Zeichen`)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, 'darf keine Steuerzeichen enthalten');

/** demo/notices.json: a current notice ("Aktueller Hinweis") for an area, optionally between two dates. */
export const noticeSchema = z
  .strictObject({
    id: slug,
    /** `state` (all of Niedersachsen), `pd:<Polizeidirektion>`, `pi:<Polizeiinspektion>` or `station:<Dienststelle>`. */
    scope: z
      .string()
      .regex(NOTICE_SCOPE, 'erwartet "state", "pd:<Polizeidirektion>", "pi:<Polizeiinspektion>" oder "station:<Dienststelle>"'),
    text: noticeText,
    textEn: noticeText.optional(),
    link: z
      .string()
      .trim()
      .max(500, 'zu lang: höchstens 500 Zeichen')
      .regex(/^https:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/, 'erwartet eine https-Adresse (https://…)')
      .optional(),
    validFrom: calendarDay.optional(),
    validUntil: calendarDay.optional(),
    isDemo: z.boolean(),
    updatedAt: isoDate,
  })
  .refine((n) => !n.validFrom || !n.validUntil || n.validFrom <= n.validUntil, {
    message: 'das Ende (validUntil) liegt vor dem Beginn (validFrom); erwartet ein Ende am oder nach dem Beginn',
    path: ['validUntil'],
  });
export type NoticeRecord = z.infer<typeof noticeSchema>;

/** sources.json: licence and attribution per source. */
export const dataSourceSchema = z.strictObject({
  id: slug,
  title: name,
  attribution: name,
  licence: name,
  licenceUrl: z.url(),
  url: z.url(),
  /** Whether the maps draw data of this source (then its attribution is shown on every map). */
  shownOnMap: z.boolean(),
  sortOrder: z.number().int(),
});

/** German one-liners for zod issues; the field path is reported separately. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Pflichtfeld fehlt';
      return `falscher Typ: erwartet ${issue.expected}, gefunden ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `unbekanntes Feld ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `ungültiger Wert ${describeValue(issue.input)}, erlaubt: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `braucht mindestens ${String(issue.minimum)} Einträge`
        : issue.message.startsWith('Too small')
          ? `zu klein (Minimum ${String(issue.minimum)})`
          : issue.message;
    case 'too_big':
      return `zu groß (Maximum ${String(issue.maximum)})`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `ungültiges Format (${issue.format})` : issue.message;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Liste';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'Objekt';
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : typeof value;
}

/** "covers.districts[0]" from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** A decimal number with a point, as text (CSV fields), converted to a number. */
export const decimal = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `erwartet eine Dezimalzahl mit Punkt (${field})`)
    .transform(Number);
