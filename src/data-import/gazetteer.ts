/**
 * The places GeoNames knows (`deutschland/geonames_postleitzahlen_de.csv`, CC BY 4.0) and the
 * police of the other states (`deutschland/polizei_der_laender.csv`): Ortsteile of Niedersachsen
 * for the search, and places and postcodes outside it for the honest "not in Niedersachsen"
 * answer. Both files are optional: a data directory without them has neither.
 *
 * The rows of Niedersachsen name a municipality ("Worpswede") or "<Gemeinde> <Ortsteil>"
 * ("Krummhörn Greetsiel"), with a point. The POINT decides the municipality (GeoNames still files
 * "Sankt Andreasberg" under its own name, part of Braunlage since 2011); the name only says what
 * the place is called. Rows whose state code is numeric are postcodes of companies: skipped.
 */
import { z } from 'zod';
import type { LatLon, Locality, StatePolice } from '../domain/model';
import { baseName, normaliseText } from '../domain/search';
import { slugify } from '../domain/slug';
import { DistrictLocator } from '../domain/geo/district-locator';
import { roundCoordinate } from './geometry-helpers';
import type { SourceReader } from './source-reader';
import type { MunicipalityData } from './source-records';

export const GAZETTEER_FILES = {
  places: 'deutschland/geonames_postleitzahlen_de.csv',
  police: 'deutschland/polizei_der_laender.csv',
} as const;

const NIEDERSACHSEN = 'NI';

/**
 * A place filed under a municipality whose outline its point misses by less than this is that
 * municipality's: GeoNames points are postcode or place centres, some with only two decimals
 * (about a kilometre). Further away, the point decides.
 */
const PARENT_TRUST_METERS = 3_000;

/**
 * Ortsteil parts that are no name on their own: "Salzgitter Bad" is Salzgitter-Bad, "Hanstedt I"
 * is Hanstedt I. Such places are searchable only with their town.
 */
const NOT_A_NAME_ALONE = new Set([
  'bad',
  'gross',
  'klein',
  'alt',
  'neu',
  'nord',
  'sud',
  'ost',
  'west',
  'ober',
  'unter',
  'nieder',
  'hohen',
  'mitte',
]);
const MIN_NAME_LETTERS = 4;

/**
 * The city-states are cities: a row named "Hamburg …" that GeoNames files under Schleswig-Holstein
 * (postcodes 21039, 22113 and 22145 reach across the border, and GeoNames lists Hamburg's own
 * Ortsteile under both states) is in Hamburg.
 */
const CITY_STATES: ReadonlyMap<string, string> = new Map([
  ['hamburg', 'HH'],
  ['bremen', 'HB'],
  ['berlin', 'BE'],
]);

const decimal = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'erwartet eine Dezimalzahl mit Punkt')
  .transform(Number);

/** A row of the GeoNames file (further columns are allowed and ignored). */
const geonamesRowSchema = z.looseObject({
  zipcode: z.string().trim(),
  place: z.string().trim().min(1, 'darf nicht leer sein'),
  state: z.string().trim(),
  state_code: z.string().trim(),
  community: z.string().trim(),
  community_code: z.string().trim(),
  latitude: decimal.pipe(z.number().gte(-90).lte(90)),
  longitude: decimal.pipe(z.number().gte(-180).lte(180)),
});

/** A row of the police file. */
const statePoliceRowSchema = z.object({
  land: z.string().trim().min(1, 'darf nicht leer sein'),
  land_kurz: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'erwartet ein Länderkürzel wie „HB“'),
  polizei: z.string().trim().min(1, 'darf nicht leer sein'),
  website: z.url({ protocol: /^https$/ }),
  hinweis: z.string().trim(),
});

export interface LocalityData extends Omit<Locality, 'id'> {
  kreisAgs: string;
}

export interface OutsidePlaceData {
  name: string;
  postcode: string;
  policeId: string;
  kreis: string;
  lat: number;
  lon: number;
}

export interface StatePoliceData extends StatePolice {
  /** The one city this police is for ("Bremerhaven"), null for a state's own police. */
  city: string | null;
}

export interface Gazetteer {
  localities: Array<LocalityData & { id: number }>;
  statePolice: StatePoliceData[];
  outsidePlaces: OutsidePlaceData[];
  warnings: string[];
}

type GeonamesRow = z.infer<typeof geonamesRowSchema>;

/** Reads both files (if present) and classifies their rows. */
export async function readGazetteer(reader: SourceReader, municipalities: readonly MunicipalityData[]): Promise<Gazetteer> {
  const F = GAZETTEER_FILES;
  const policeRows = await reader.csv(F.police, statePoliceRowSchema, (v) => v.land, { optional: true });
  let companies = 0;
  const isPlace = (values: Record<string, string>) => /^[A-Z]{2}$/.test(values.state_code?.trim() ?? '') || (companies++, false);
  const placeRows = await reader.csv(F.places, geonamesRowSchema, (v) => v.place, { optional: true, keep: isPlace });
  reader.problems.throwIfAny();

  const places = placeRows.map(({ row }) => row);
  // The police file names Bremerhaven's police after its city; the state is the one GeoNames names.
  const stateNames = new Map<string, string>();
  for (const row of places) if (!stateNames.has(row.state_code)) stateNames.set(row.state_code, row.state);
  const statePolice: StatePoliceData[] = policeRows.map(({ row }) => {
    const state = stateNames.get(row.land_kurz) ?? row.land;
    return {
      id: slugify(row.land),
      state,
      stateCode: row.land_kurz,
      name: row.polizei,
      url: row.website,
      note: row.hinweis,
      city: normaliseText(row.land) === normaliseText(state) ? null : row.land,
    };
  });
  reader.unique(
    statePolice,
    F.police,
    (p) => p.id,
    (p) => policeRows[statePolice.indexOf(p)]!.ref,
    'land',
  );
  reader.problems.throwIfAny();

  const warnings: string[] = [];
  if (companies > 0) warnings.push(`${F.places}: ${companies} Zeilen ohne Länderkürzel (Großkunden-Postleitzahlen) übergangen`);

  const inside = places.filter((row) => row.state_code === NIEDERSACHSEN);
  const localities = inside.length > 0 ? classifyNiedersachsen(inside, municipalities, warnings) : [];
  const outsidePlaces =
    statePolice.length > 0
      ? outsideRows(
          places.filter((row) => row.state_code !== NIEDERSACHSEN),
          statePolice,
          warnings,
        )
      : [];
  return { localities, statePolice, outsidePlaces, warnings };
}

interface Draft extends LocalityData {
  key: string;
}

/**
 * Niedersachsen's rows as Ortsteile and other names of municipalities. Rows that are just a
 * municipality ("Celle", "Varel Varel") add nothing: the municipalities are known already.
 */
function classifyNiedersachsen(
  rows: readonly GeonamesRow[],
  municipalities: readonly MunicipalityData[],
  warnings: string[],
): Array<LocalityData & { id: number }> {
  const F = GAZETTEER_FILES;
  // Ortsteile are placed in municipalities only: no city parts.
  const locator = new DistrictLocator(
    municipalities.map((m) => ({ key: m.ags, value: m, geometry: m.geometry })),
    new Map(),
  );
  const names = new MunicipalityNames(municipalities);
  const drafts = new Map<string, Draft>();
  let outside = 0;
  const contradictions: string[] = [];
  const uninhabited: string[] = [];
  const sorted = [...rows].sort((a, b) => compare(a.zipcode, b.zipcode) || compare(a.place, b.place));
  for (const row of sorted) {
    const point: LatLon = { lat: row.latitude, lon: row.longitude };
    const located = locator.municipalityAt(point)?.value;
    if (!located) {
      outside++;
      continue;
    }
    const { parent, part } = names.split(row.place, row.community_code);
    let municipality = located;
    if (parent && parent.ags !== located.ags) {
      if (sameName(parent.name, located.name)) {
        // Namesakes such as the town Gartow and the forest Gartow: the place is in the town.
        if (located.population <= 0) municipality = parent;
      } else if (locator.distanceTo(point, parent.ags, PARENT_TRUST_METERS) !== null) {
        // Filed under a municipality whose outline the point only just misses: an imprecise point.
        municipality = parent;
      } else {
        // The row contradicts itself ("Hitzacker Wussegel" with a point in Dannenberg): neither
        // its name nor its point can be trusted.
        contradictions.push(`${row.place} (${row.zipcode})`);
        continue;
      }
    }
    // Nobody lives in a gemeindefreies Gebiet: a village there is a point that missed its town
    // ("Wahlsburg", filed under Niedersachsen, is in Hessen across the Weser).
    if (municipality.population <= 0) {
      uninhabited.push(`${row.place} (${row.zipcode})`);
      continue;
    }
    if (!parent && names.isMunicipalityOfKreis(part, row.community_code)) continue;
    const ownNames = [municipality.name, baseName(municipality.name), bracketForm(municipality.name)].map(normaliseText);
    const folded = normaliseText(part);
    if (folded === '' || ownNames.includes(folded)) continue;
    const kind = isOtherNameOf(part, municipality.name) ? 'alias' : 'ortsteil';
    const key = `${municipality.ags}|${folded}|${kind}`;
    const draft = drafts.get(key);
    if (draft) {
      if (!draft.postcodes.includes(row.zipcode)) draft.postcodes.push(row.zipcode);
      if (!draft.sourceNames.includes(row.place)) draft.sourceNames.push(row.place);
      continue;
    }
    drafts.set(key, {
      key,
      name: part,
      kind,
      sourceNames: [row.place],
      ags: municipality.ags,
      kreisAgs: municipality.kreisAgs,
      postcodes: [row.zipcode],
      point: { lat: roundCoordinate(point.lat), lon: roundCoordinate(point.lon) },
    });
  }
  if (outside > 0) warnings.push(`${F.places}: ${outside} Orte in Niedersachsen liegen außerhalb jeder Gemeindefläche, übergangen`);
  if (uninhabited.length > 0) {
    warnings.push(
      `${F.places}: ${uninhabited.length} Orte liegen in gemeindefreiem, unbewohntem Gebiet, übergangen: ${uninhabited.join(', ')}`,
    );
  }
  if (contradictions.length > 0) {
    warnings.push(
      `${F.places}: ${contradictions.length} Orte liegen über ${PARENT_TRUST_METERS / 1000} km außerhalb der Gemeinde ihres Namens, übergangen: ${contradictions.join(', ')}`,
    );
  }
  return [...drafts.values()]
    .sort((a, b) => compare(a.ags, b.ags) || compare(a.key, b.key))
    .map(({ key: _key, ...locality }, index) => ({ id: index + 1, ...locality, postcodes: locality.postcodes.sort() }));
}

/**
 * Whether a place's name is another spelling of its municipality's: the one is the other plus a
 * locative ("Wulften" and "Wulften am Harz", "Neuhaus an der Oste" and "Neuhaus (Oste)"), not
 * plus a name ("Schladen" is an Ortsteil of Schladen-Werla, "Salzgitter-Bad" of Salzgitter).
 */
function isOtherNameOf(place: string, municipality: string): boolean {
  for (const [longer, shorter] of [
    [place, baseName(municipality)],
    [municipality, place],
  ] as const) {
    const words = normaliseText(shorter).split(' ').length;
    if (!normaliseText(longer).startsWith(`${normaliseText(shorter)} `)) continue;
    const rest = restAfter(longer, words);
    if (rest !== null && !/^\p{Lu}/u.test(rest)) return true;
  }
  return false;
}

/** Namesakes such as the town Gartow and the gemeindefreies Gebiet Gartow. */
function sameName(a: string, b: string): boolean {
  return normaliseText(baseName(a)) === normaliseText(baseName(b));
}

/** "Bergen an der Dumme" → "Bergen (Dumme)": GeoNames writes some names the short way. */
function bracketForm(name: string): string {
  return name.replace(/\s+(?:an der|an dem|am|im|in der|in|ob der|bei|auf der)\s+(\S.*)$/u, ' ($1)');
}

/** The municipalities' names, to split "<Gemeinde> <Ortsteil>" and to recognise a municipality. */
class MunicipalityNames {
  readonly #full: Array<{ prefix: string; municipality: MunicipalityData }>;
  readonly #base: Array<{ prefix: string; municipality: MunicipalityData }>;
  readonly #byName = new Map<string, MunicipalityData[]>();

  constructor(municipalities: readonly MunicipalityData[]) {
    const longestFirst = (a: { prefix: string }, b: { prefix: string }) => b.prefix.length - a.prefix.length || compare(a.prefix, b.prefix);
    this.#full = municipalities
      .flatMap((m) => [...new Set([m.name, bracketForm(m.name)].map(normaliseText))].map((prefix) => ({ prefix, municipality: m })))
      .sort(longestFirst);
    this.#base = municipalities.map((m) => ({ prefix: normaliseText(baseName(m.name)), municipality: m })).sort(longestFirst);
    for (const m of municipalities) {
      for (const name of new Set([m.name, baseName(m.name), bracketForm(m.name)].map(normaliseText))) {
        this.#byName.set(name, [...(this.#byName.get(name) ?? []), m]);
      }
    }
  }

  /**
   * "Krummhörn Greetsiel" → Krummhörn and "Greetsiel"; "Friedeburg Reepsholt, Abickhafe" → the
   * smallest place, "Abickhafe"; "Salzgitter Bad" → "Salzgitter-Bad" (no name alone). A base name
   * ("Hitzacker" for "Hitzacker (Elbe)") counts only in the row's own Kreis and before a name, not
   * before "an der Oste" ("Neuhaus an der Oste" is Neuhaus (Oste) itself).
   */
  split(place: string, kreisAgs: string): { parent: MunicipalityData | null; part: string } {
    const folded = normaliseText(place);
    const byFull = this.#full.find(({ prefix }) => folded.startsWith(`${prefix} `));
    const byBase = byFull
      ? undefined
      : this.#base.find(({ prefix, municipality }) => folded.startsWith(`${prefix} `) && municipality.kreisAgs === kreisAgs);
    const found = byFull ?? byBase;
    if (!found) return { parent: null, part: place };
    const rest = restAfter(place, found.prefix.split(' ').length);
    if (rest === null || !/^\p{Lu}/u.test(rest)) return { parent: null, part: place };
    const smallest = rest.split(',').at(-1)!.trim();
    const alone = normaliseText(smallest);
    if (alone.replace(/ /g, '').length < MIN_NAME_LETTERS || NOT_A_NAME_ALONE.has(alone)) {
      const town = place.slice(0, place.length - rest.length).trim();
      return { parent: found.municipality, part: NOT_A_NAME_ALONE.has(alone) ? `${town}-${smallest}` : `${town} ${smallest}` };
    }
    return { parent: found.municipality, part: smallest };
  }

  /** Whether `name` is the name of a municipality of this Kreis (the row is that municipality). */
  isMunicipalityOfKreis(name: string, kreisAgs: string): boolean {
    return (this.#byName.get(normaliseText(name)) ?? []).some((m) => m.kreisAgs === kreisAgs);
  }
}

/**
 * The text of `place` after its first `words` normalised words, or null. Walks the words as
 * written ("Dannenberg (Elbe) Tramm": two words "Dannenberg", "(Elbe)", then "Tramm").
 */
function restAfter(place: string, words: number): string | null {
  const tokens = place.split(/\s+/);
  let taken = 0;
  let consumed = 0;
  for (const token of tokens) {
    if (taken === words) break;
    consumed++;
    taken += normaliseText(token).split(' ').filter(Boolean).length;
  }
  if (taken !== words || consumed >= tokens.length) return null;
  return tokens.slice(consumed).join(' ');
}

/** Rows of the other states, each with the police responsible for it. */
function outsideRows(rows: readonly GeonamesRow[], police: readonly StatePoliceData[], warnings: string[]): OutsidePlaceData[] {
  const F = GAZETTEER_FILES;
  const byState = new Map<string, StatePoliceData[]>();
  for (const p of police) byState.set(p.stateCode, [...(byState.get(p.stateCode) ?? []), p]);
  let withoutPolice = 0;
  let cityState = 0;
  const out: OutsidePlaceData[] = [];
  for (const row of rows) {
    const firstWord = normaliseText(row.place).split(' ')[0] ?? '';
    let stateCode = row.state_code;
    const city = CITY_STATES.get(firstWord);
    if (city !== undefined && city !== stateCode && byState.has(city)) {
      stateCode = city;
      cityState++;
    }
    const responsible = policeFor(byState.get(stateCode) ?? [], row);
    if (!responsible || !/^\d{5}$/.test(row.zipcode)) {
      withoutPolice++;
      continue;
    }
    out.push({
      name: row.place,
      postcode: row.zipcode,
      policeId: responsible.id,
      kreis: row.community,
      lat: roundCoordinate(row.latitude),
      lon: roundCoordinate(row.longitude),
    });
  }
  if (cityState > 0)
    warnings.push(
      `${F.places}: ${cityState} Orte einer Stadt (Hamburg, Bremen, Berlin) unter einem anderen Land geführt; der Stadt zugeordnet`,
    );
  if (withoutPolice > 0)
    warnings.push(`${F.places}: ${withoutPolice} Orte ohne zuständige Polizei in ${F.police} oder ohne gültige Postleitzahl, übergangen`);
  return out.sort((a, b) => compare(a.postcode, b.postcode) || compare(a.name, b.name));
}

/**
 * The police of a state for a place: where the state has several (Bremen and Bremerhaven), the
 * one named after the place's city ("Bremerhaven, Stadt"), else the state's own.
 */
function policeFor(candidates: readonly StatePoliceData[], row: GeonamesRow): StatePoliceData | null {
  const words = new Set(normaliseText(`${row.community} ${row.place}`).split(' '));
  const local = candidates.find(
    (p) =>
      p.city !== null &&
      normaliseText(p.city)
        .split(' ')
        .every((w) => words.has(w)),
  );
  return local ?? candidates.find((p) => p.city === null) ?? null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
