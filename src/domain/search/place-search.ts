/**
 * Place search: municipalities (Gemeinden), their Ortsteile, districts (Samtgemeinden /
 * Einheitsgemeinden) and postcodes, built once in memory and queried per keystroke. Street
 * addresses are not searched here.
 */
import type { District, LatLon, Locality, Municipality, PostcodeArea } from '../model';
import { weakerMatch, type MatchKind } from './confidence';
import { relativeDistanceWithin } from './edit-distance';
import { lowerBound } from './sorted';
import { baseName, normaliseText, shortName } from './normalise';
import { districtLabels, municipalityLabels, shortKreisName } from './place-labels';

/** What a place search can find. */
export type PlaceMatchType = 'municipality' | 'locality' | 'district' | 'postcode';

/** One search result. */
export interface PlaceMatch {
  type: PlaceMatchType;
  /**
   * Display label, e.g. "Celle", "Neuenkirchen (Landkreis Diepholz)", "Greetsiel (Krummhörn)",
   * "Samtgemeinde Hambergen", "29221 Celle".
   */
  label: string;
  point: LatLon;
  /** Municipality AGS (8 digits); null for district results. */
  ags: string | null;
  districtId: string;
  /** Set for postcode results and postcode-town pairs only. */
  postcode: string | null;
  /** Match quality: 0 = perfect, 1 = worst. */
  score: number;
  /** How it matched: see {@link MatchKind}. */
  match: MatchKind;
  /** Which place it is: results with the same key are one place (29221 Celle and 29223 Celle are Celle). */
  place: string;
  population: number;
}

/** How {@link PlaceSearch.search} searches (see there). */
export interface PlaceSearchOptions {
  exactOnly?: boolean;
  lookAlikes?: boolean;
  normalised?: string;
}

/** Everything a {@link PlaceSearch} is built from. */
export interface PlaceSearchInput {
  municipalities: readonly Municipality[];
  districts: readonly District[];
  postcodeAreas: readonly PostcodeArea[];
  /** Kreis name by 5-digit AGS ("03351" -> "Landkreis Celle"), used to tell same-named places apart. */
  kreisNames?: ReadonlyMap<string, string>;
  /** Ortsteile and other names of municipalities. */
  localities?: readonly Locality[];
  /**
   * Cities divided into districts (Hannover), with the names of their parts' groups
   * (Stadtbezirke) by id: a part is found by its name, with its city, by its group's name (one of
   * several: "Linden-Limmer") and by the first word its name shares with others ("Linden").
   */
  cities?: ReadonlyArray<{ id: string; name: string; boroughs: ReadonlyMap<string, string> }>;
}

// Score bands. Everything up to EXACT_MAX counts as an exact (normalised) name match.
const SCORE_EXACT = 0;
const SCORE_ALIAS = 0.01;
// Folding makes "Brockel" and "Bröckel", "Hude" and "Hüde" equal; the spelling actually typed
// still decides which comes first (but not by enough to be confident).
const FOLDED_ONLY = 0.02;
const EXACT_MAX = 0.05;
const SCORE_PREFIX = 0.15;
const SCORE_WORD_PREFIX = 0.25;
const SCORE_FUZZY_BASE = 0.3;
/** Answers within this of the best one are equally likely readings (see the street search's fallback). */
const CLEAR_GAP = 0.1;
// A postcode prefix ("292") is less certain than a whole postcode.
const POSTCODE_PREFIX_PENALTY = 0.15;
// Postcode and town that do not belong together: show both readings, neither as a sure thing.
const CONTRADICTION_PENALTY = 0.1;
// An uninhabited gemeindefreies Gebiet that shares its name with a town (the forest "Helmstedt"
// next to the town Helmstedt) is almost never what a citizen means.
const UNINHABITED_NAMESAKE_PENALTY = 0.15;

/** The score bands, shared with the street search so that places and streets rank on one scale. */
export const SCORE_BANDS = {
  exact: SCORE_EXACT,
  exactMax: EXACT_MAX,
  prefix: SCORE_PREFIX,
  wordPrefix: SCORE_WORD_PREFIX,
  fuzzyBase: SCORE_FUZZY_BASE,
  clearGap: CLEAR_GAP,
} as const;

/** Fuzzy candidates must share at least this share of the query's letter pairs... */
const MIN_SHARED_BIGRAMS = 0.4;
/** ...and only the best this many by shared pairs are compared letter by letter. */
const MAX_FUZZY_CANDIDATES = 60;
/** Fuzzy candidates needing more edits than this share of the query's letters are dropped. */
const MAX_EDIT_RATIO = 0.45;
/** Extra edit ratio when the query only matches the start of a name (a typo while typing), or a later word. */
const PARTIAL_EDIT_PENALTY = 0.05;
const MIN_PREFIX_LENGTH = 2;
const MIN_FUZZY_LENGTH = 3;
/**
 * Place names are short: the text a place is looked up by is cut (at a word boundary) to this,
 * well below the query's own limit (MAX_QUERY_LENGTH in normalise.ts).
 */
const MAX_PLACE_TEXT_LENGTH = 64;
const MAX_LIMIT = 100;
const MIN_POSTCODE_PREFIX = 3;
/** A part of a double name ("Hahnenklee" of Hahnenklee-Bockswiese) counts as a name from this length. */
const MIN_PART_LETTERS = 5;

// Lower ranks first when match quality ties: a postcode confirmed by a town name is the most
// specific answer, a bare postcode the least (it may span several municipalities).
const TYPE_RANK = { pair: 0, municipality: 1, locality: 2, district: 3, postcode: 4 } as const;
type RankType = keyof typeof TYPE_RANK;

interface NameVariant {
  text: string;
  /** The spellings folded into `text`, only lowercased (see {@link literalForm}). */
  literals: Set<string>;
  /** Score when the query equals this text. */
  exactScore: number;
  /** Whether a query may match the start of a later word of this text. */
  wordPrefix: boolean;
}

interface Entry {
  key: string;
  type: 'municipality' | 'locality' | 'district';
  label: string;
  point: LatLon;
  ags: string | null;
  districtId: string;
  population: number;
  names: NameVariant[];
  penalty: number;
}

/** A name (or the rest of one from a later word on) and whose it is. */
interface NameStart {
  text: string;
  entry: Entry;
}

interface PostcodeRow {
  postcode: string;
  municipality: Entry;
}

interface Scored {
  match: PlaceMatch;
  rank: RankType;
  key: string;
}

/** In-memory search over municipalities, districts and postcodes. Build once, query often. */
export class PlaceSearch {
  readonly #entries: Entry[];
  readonly #exact = new Map<string, Array<{ entry: Entry; name: NameVariant }>>();
  /** Letter pair -> indexes (ascending) of the entries whose names contain it. */
  readonly #bigrams = new Map<string, Int32Array>();
  /** Every name, sorted: the names starting with a query are one range. */
  readonly #nameStarts: NameStart[] = [];
  /** The rest of a name from each later word on ("munden" of "hannoversch munden"), where a query may start there. */
  readonly #laterWordStarts: NameStart[] = [];
  /** Shared-pair counters per entry, reused by every fuzzy lookup (reset after use). */
  readonly #sharedCounts: Uint16Array;
  readonly #municipalityByAgs = new Map<string, Entry>();
  /** An Ortsteil's own postcodes, by its key (a postcode it shares with its town counts too). */
  readonly #localityPostcodes = new Map<string, ReadonlySet<string>>();
  readonly #postcodes = new Map<string, PostcodeRow[]>();
  readonly #postcodeList: string[];

  constructor(input: PlaceSearchInput) {
    const kreisNames = input.kreisNames ?? new Map<string, string>();
    const aliasesByAgs = new Map<string, string[]>();
    for (const area of input.postcodeAreas) {
      // Postcode lists write some names differently ("Hude (Oldenburg)", "Dissen"): extra aliases.
      const list = aliasesByAgs.get(area.ags) ?? [];
      list.push(area.placeName);
      aliasesByAgs.set(area.ags, list);
    }

    const municipalities = [...input.municipalities].sort((a, b) => compareKeys(a.ags, b.ags));
    const districts = [...input.districts].sort((a, b) => compareKeys(a.id, b.id));
    const labels = municipalityLabels(municipalities, kreisNames);
    const kreisOf = (m: Municipality) => kreisNames.get(m.ags.slice(0, 5)) ?? '';
    const localities = [...(input.localities ?? [])].sort((a, b) => a.id - b.id);
    const municipalityNames = new Map(municipalities.map((m) => [m.ags, m.name]));
    const otherNames = new Map<string, string[]>();
    for (const l of localities) if (l.kind === 'alias') otherNames.set(l.ags, [...(otherNames.get(l.ags) ?? []), l.name]);

    const inhabitedNames = new Set(municipalities.filter((m) => m.population > 0).map((m) => normaliseText(baseName(m.name))));
    const namesByDistrict = new Map<string, Set<string>>();
    this.#entries = [];
    for (const m of municipalities) {
      const label = labels.get(m.ags) ?? m.name;
      const names = variants([
        [m.name, SCORE_EXACT, true],
        [baseName(m.name), SCORE_ALIAS, true],
        // The name used alone: "Neustadt" for Neustadt a. Rbge., "Hagen" for Hagen im Bremischen.
        ...usedAlone(m.name),
        [label, SCORE_ALIAS, false],
        // "Neuenkirchen Osnabrück": the label's Kreis without "Landkreis", for same-named places.
        ...(label !== m.name ? [[`${baseName(m.name)} ${shortKreisName(kreisOf(m))}`, SCORE_ALIAS, false] as VariantSpec] : []),
        [`${m.type} ${m.name}`, SCORE_ALIAS, false],
        ...(aliasesByAgs.get(m.ags) ?? []).map((a): VariantSpec => [a, SCORE_ALIAS, true]),
        // Other names GeoNames knows ("Wulften" for Wulften am Harz).
        ...(otherNames.get(m.ags) ?? []).map((a): VariantSpec => [a, SCORE_ALIAS, true]),
      ]);
      const base = normaliseText(baseName(m.name));
      const entry: Entry = {
        key: `m:${m.ags}`,
        type: 'municipality',
        label,
        point: m.centre,
        ags: m.ags,
        districtId: m.districtId,
        population: m.population,
        names,
        penalty: m.population <= 0 && inhabitedNames.has(base) ? UNINHABITED_NAMESAKE_PENALTY : 0,
      };
      this.#entries.push(entry);
      this.#municipalityByAgs.set(m.ags, entry);
      const set = namesByDistrict.get(m.districtId) ?? new Set<string>();
      for (const n of names) set.add(n.text);
      namesByDistrict.set(m.districtId, set);
    }

    const ortsteilNames = new Set(localities.map((l) => `${l.ags}|${normaliseText(l.name)}`));
    for (const l of localities) {
      const town = this.#municipalityByAgs.get(l.ags);
      if (l.kind !== 'ortsteil' || !town) continue;
      const townName = baseName(municipalityNames.get(l.ags) ?? town.label);
      const label = `${l.name} (${town.label})`;
      this.#entries.push({
        key: `l:${l.id}`,
        type: 'locality',
        label,
        point: l.point,
        ags: l.ags,
        districtId: town.districtId,
        population: town.population,
        // "Greetsiel", with its town in either order ("Greetsiel Krummhörn", "Krummhörn-Greetsiel")
        // and as the source wrote it ("Friedeburg Reepsholt, Abickhafe").
        names: variants([
          [l.name, SCORE_EXACT, true],
          ...usedAlone(l.name),
          [label, SCORE_ALIAS, false],
          [`${townName} ${l.name}`, SCORE_ALIAS, false],
          [`${l.name} ${townName}`, SCORE_ALIAS, false],
          ...l.sourceNames.map((name): VariantSpec => [name, SCORE_ALIAS, false]),
          ...partsOf(l.name, townName).filter(([part]) => !ortsteilNames.has(`${l.ags}|${normaliseText(part)}`)),
        ]),
        penalty: 0,
      });
      this.#localityPostcodes.set(`l:${l.id}`, new Set(l.postcodes));
    }

    // Names taken by a town or an Ortsteil: a part of a city's name is no alias where it names another place.
    const placeNames = new Set(this.#entries.flatMap((entry) => entry.names.map((n) => n.text)));
    const cities = new Map((input.cities ?? []).map((city) => [city.id, city]));
    // "Linden" of Linden-Nord, -Mitte and -Süd: the first word of a double name that several parts of a city share.
    const firstWords = new Map<string, number>();
    for (const d of districts) {
      if (d.cityId !== null && d.name.includes('-'))
        firstWords.set(`${d.cityId}|${firstWordOf(d.name)}`, (firstWords.get(`${d.cityId}|${firstWordOf(d.name)}`) ?? 0) + 1);
    }
    const sharedFirstWord = (d: District) =>
      d.name.includes('-') && (firstWords.get(`${d.cityId}|${firstWordOf(d.name)}`) ?? 0) > 1 && !placeNames.has(firstWordOf(d.name))
        ? d.name.split('-')[0]!
        : null;

    const memberTypes = new Map<string, Set<string>>();
    for (const m of municipalities) memberTypes.set(m.districtId, (memberTypes.get(m.districtId) ?? new Set()).add(m.type));
    const labelsOfDistricts = districtLabels(districts, kreisNames, memberTypes);
    const inhabitedDistrictNames = new Set(
      districts.filter((d) => (d.population ?? 0) > 0).map((d) => normaliseText(`${d.type} ${baseName(d.name)}`)),
    );
    for (const d of districts) {
      const city = d.cityId === null ? undefined : cities.get(d.cityId);
      if (city) {
        this.#entries.push(cityPartEntry(d, city, sharedFirstWord(d)));
        continue;
      }
      const own = namesByDistrict.get(d.id) ?? new Set<string>();
      const specs: VariantSpec[] = [
        [`${d.type} ${d.name}`, SCORE_EXACT, false],
        [`${d.type} ${baseName(d.name)}`, SCORE_ALIAS, false],
        [labelsOfDistricts.get(d.id) ?? d.name, SCORE_ALIAS, false],
      ];
      if (d.type === 'Samtgemeinde') specs.push([`SG ${d.name}`, SCORE_ALIAS, false]);
      // The bare name only where no municipality of this district already answers to it:
      // "Celle" is the municipality, not also the Einheitsgemeinde; "Flotwedel" is only the district.
      for (const bare of [d.name, baseName(d.name)]) {
        if (!own.has(normaliseText(bare))) specs.push([bare, bare === d.name ? SCORE_EXACT : SCORE_ALIAS, true]);
      }
      this.#entries.push({
        key: `d:${d.id}`,
        type: 'district',
        label: labelsOfDistricts.get(d.id) ?? d.name,
        point: d.centre,
        ags: null,
        districtId: d.id,
        population: d.population ?? 0,
        names: variants(specs),
        penalty:
          (d.population ?? 0) <= 0 && inhabitedDistrictNames.has(normaliseText(`${d.type} ${baseName(d.name)}`))
            ? UNINHABITED_NAMESAKE_PENALTY
            : 0,
      });
    }

    for (const entry of this.#entries) {
      for (const name of entry.names) {
        const list = this.#exact.get(name.text) ?? [];
        list.push({ entry, name });
        this.#exact.set(name.text, list);
        this.#nameStarts.push({ text: name.text, entry });
        if (!name.wordPrefix) continue;
        for (let space = name.text.indexOf(' '); space !== -1; space = name.text.indexOf(' ', space + 1)) {
          this.#laterWordStarts.push({ text: name.text.slice(space + 1), entry });
        }
      }
    }
    const byText = (a: NameStart, b: NameStart) => compareKeys(a.text, b.text);
    this.#nameStarts.sort(byText);
    this.#laterWordStarts.sort(byText);

    const seenRows = new Set<string>();
    for (const area of input.postcodeAreas) {
      const municipality = this.#municipalityByAgs.get(area.ags);
      // Rows for unknown municipalities cannot lead to a district: skip rather than guess.
      if (!municipality || !/^\d{5}$/.test(area.postcode)) continue;
      const rowKey = `${area.postcode}:${area.ags}`;
      if (seenRows.has(rowKey)) continue;
      seenRows.add(rowKey);
      const rows = this.#postcodes.get(area.postcode) ?? [];
      rows.push({ postcode: area.postcode, municipality });
      this.#postcodes.set(area.postcode, rows);
    }
    this.#postcodeList = [...this.#postcodes.keys()].sort();

    this.#sharedCounts = new Uint16Array(this.#entries.length);
    const postings = new Map<string, number[]>();
    this.#entries.forEach((entry, index) => {
      const own = new Set<string>();
      for (const name of entry.names) for (const gram of bigramsOf(name.text)) own.add(gram);
      for (const gram of own) {
        const list = postings.get(gram) ?? [];
        list.push(index);
        postings.set(gram, list);
      }
    });
    for (const [gram, list] of postings) this.#bigrams.set(gram, Int32Array.from(list));
  }

  /**
   * Places matching `query`, best first; at most `limit` (1..100) results. Never throws.
   * `exactOnly`: only places named exactly (no completions, no corrections), for callers that
   * need nothing else. `lookAlikes: false`: no look-alikes of a text without a number (they
   * score {@link SCORE_BANDS}.fuzzyBase or worse), for callers that could not show them anyway.
   * `normalised`: `normaliseText(query)`, from a caller that has it already.
   */
  search(query: string, limit = 10, { exactOnly = false, lookAlikes = true, normalised }: PlaceSearchOptions = {}): PlaceMatch[] {
    const max = Number.isFinite(limit) ? Math.min(Math.max(Math.floor(limit), 0), MAX_LIMIT) : 10;
    if (max === 0 || typeof query !== 'string') return [];
    const { text, postcode } = parseQuery(normalised ?? normaliseText(query));
    const literal = literalForm(query)
      .split(' ')
      .filter((word) => !/^\d+$/.test(word))
      .join(' ');
    let scored: Scored[];
    if (postcode !== null && text === '') scored = this.#postcodeMatches(postcode, 0);
    else if (postcode === null && text !== '') scored = this.#textMatches(text, literal, exactOnly, lookAlikes);
    else if (postcode !== null) scored = this.#pairMatches(postcode, text, literal, exactOnly);
    else scored = [];
    if (exactOnly) scored = scored.filter((s) => s.match.match === 'exact');
    scored.sort(compareScored);
    return scored.slice(0, max).map((s) => s.match);
  }

  /**
   * The places named exactly by words already normalised (and a whole postcode, if any): the
   * search's own lookup without parsing the text again, for callers that try several readings
   * of one query (the town of a street we do not know).
   */
  exactly(words: readonly string[], postcode: string | null, limit: number): PlaceMatch[] {
    const text = words.join(' ');
    const scored =
      postcode === null
        ? this.#textMatches(text, text, true)
        : text === ''
          ? this.#postcodeMatches(postcode, 0)
          : this.#pairMatches(postcode, text, text, true);
    return scored
      .filter((s) => s.match.match === 'exact')
      .sort(compareScored)
      .slice(0, limit)
      .map((s) => s.match);
  }

  /** A municipality's display label ("Neuenkirchen (Landkreis Diepholz)"), or null if unknown. */
  municipalityLabel(ags: string): string | null {
    return this.#municipalityByAgs.get(ags)?.label ?? null;
  }

  #textMatches(text: string, literal: string, exactOnly: boolean, lookAlikes = true): Scored[] {
    const best = new Map<string, { entry: Entry; score: number; kind: MatchKind }>();
    const offer = (entry: Entry, score: number, kind: MatchKind) => {
      const current = best.get(entry.key);
      if (!current || score < current.score) best.set(entry.key, { entry, score, kind });
    };

    for (const { entry, name } of this.#exact.get(text) ?? []) {
      offer(entry, name.exactScore + (name.literals.has(literal) ? 0 : FOLDED_ONLY), 'exact');
    }
    const named = best.size > 0;
    if (text.length >= MIN_PREFIX_LENGTH && !exactOnly) {
      for (const { text: name, entry } of startingWith(this.#nameStarts, text)) {
        if (name !== text) offer(entry, SCORE_PREFIX, 'prefix');
      }
      for (const { entry } of startingWith(this.#laterWordStarts, text)) offer(entry, SCORE_WORD_PREFIX, 'prefix');
    }
    // Look-alikes only where no place has the name typed: a name we know needs no correction.
    if (text.length >= MIN_FUZZY_LENGTH && !named && !exactOnly && lookAlikes) {
      for (const entry of this.#fuzzyCandidates(text)) {
        if (best.has(entry.key)) continue;
        const ratio = editRatio(text, entry.names);
        if (ratio > MAX_EDIT_RATIO) continue;
        // Quantised, so that near-equal fuzzy matches fall back to type and population.
        offer(entry, fuzzyScore(ratio), 'corrected');
      }
    }

    const scored: Scored[] = [];
    for (const { entry, score, kind } of best.values()) {
      scored.push({
        key: entry.key,
        rank: entry.type,
        match: {
          place: entry.key,
          type: entry.type,
          label: entry.label,
          point: entry.point,
          ags: entry.ags,
          districtId: entry.districtId,
          postcode: null,
          score: round(Math.min(score + entry.penalty, 1)),
          match: kind,
          population: entry.population,
        },
      });
    }
    // A district adds nothing where one of its municipalities already matched at least as well.
    const bestMunicipalityScore = new Map<string, number>();
    for (const s of scored) {
      if (s.match.type !== 'municipality') continue;
      const current = bestMunicipalityScore.get(s.match.districtId);
      if (current === undefined || s.match.score < current) bestMunicipalityScore.set(s.match.districtId, s.match.score);
    }
    return scored.filter((s) => {
      if (s.match.type !== 'district') return true;
      const m = bestMunicipalityScore.get(s.match.districtId);
      return m === undefined || s.match.score < m;
    });
  }

  /**
   * Entries sharing enough letter pairs with the query, most shared first. A cheap filter, so
   * that the exact edit distance runs on a few dozen names rather than on every name.
   * Not fuse.js: over these ~1,400 entries it took 5-36 ms per query (ignoreLocation, long
   * patterns) and scored a substring anywhere as near-perfect ("cele" in "Adelebsen").
   */
  #fuzzyCandidates(text: string): Entry[] {
    const grams = bigramsOf(text);
    const counts = this.#sharedCounts;
    const touched: number[] = [];
    for (const gram of grams) {
      const list = this.#bigrams.get(gram);
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k++) {
        const index = list[k]!;
        if (counts[index] === 0) touched.push(index);
        counts[index]!++;
      }
    }
    const needed = Math.max(1, Math.ceil(grams.size * MIN_SHARED_BIGRAMS));
    // Most shared first, then by index: one number per candidate, sorted natively (a comparator
    // over hundreds of candidates showed in profiles).
    const entries = this.#entries.length;
    const keys: number[] = [];
    for (const index of touched) {
      const count = counts[index]!;
      if (count >= needed) keys.push((grams.size - count) * entries + index);
      counts[index] = 0;
    }
    const order = Float64Array.from(keys).sort();
    const out: Entry[] = [];
    for (let k = 0; k < order.length && k < MAX_FUZZY_CANDIDATES; k++) out.push(this.#entries[order[k]! % entries]!);
    return out;
  }

  #postcodeMatches(postcode: string, penalty: number): Scored[] {
    const scored: Scored[] = [];
    const exactOnly = postcode.length === 5;
    for (const code of exactOnly ? [postcode] : this.#postcodeList.filter((c) => c.startsWith(postcode))) {
      const score = (exactOnly ? SCORE_EXACT : POSTCODE_PREFIX_PENALTY) + penalty;
      const kind = penalty > 0 ? 'corrected' : exactOnly ? 'exact' : 'prefix';
      for (const row of this.#postcodes.get(code) ?? []) scored.push(postcodeResult(row, score, kind, 'postcode'));
    }
    return scored;
  }

  /** Whether a whole postcode is one of Niedersachsen's (else it says nothing about our places). */
  knowsPostcode(postcode: string): boolean {
    return this.#postcodes.has(postcode);
  }

  /** The municipalities (AGS) a whole postcode reaches; empty for a postcode we do not know. */
  postcodeMunicipalities(postcode: string): string[] {
    return (this.#postcodes.get(postcode) ?? []).map((row) => row.municipality.ags!);
  }

  #pairMatches(postcode: string, text: string, literal: string, exactOnly: boolean): Scored[] {
    const towns = this.#textMatches(text, literal, exactOnly);
    // The text may name the municipality itself, an Ortsteil of it ("26736 Greetsiel") or its
    // Samtgemeinde ("27721 SG Hambergen").
    const byAgs = new Map<string, PlaceMatch>();
    const byDistrict = new Map<string, PlaceMatch>();
    const better = (a: PlaceMatch | undefined, b: PlaceMatch | undefined) => (!a || (b && b.score < a.score) ? b : a);
    for (const s of towns) {
      if (s.match.type === 'locality') continue;
      if (s.match.ags !== null) byAgs.set(s.match.ags, s.match);
      else byDistrict.set(s.match.districtId, s.match);
    }
    const pairs: Scored[] = [];
    for (const candidate of this.#postcodeMatches(postcode, 0)) {
      const ags = candidate.match.ags!;
      const town = better(byAgs.get(ags), byDistrict.get(candidate.match.districtId));
      if (!town) continue;
      const row: PostcodeRow = { postcode: candidate.match.postcode ?? postcode, municipality: this.#municipalityByAgs.get(ags)! };
      pairs.push(
        postcodeResult(row, round(Math.min(town.score + candidate.match.score, 1)), weakerMatch(town.match, candidate.match.match), 'pair'),
      );
    }
    const postcodeTowns = new Set(this.postcodeMunicipalities(postcode));
    for (const s of towns) {
      if (s.match.type !== 'locality') continue;
      if (!this.#localityPostcodes.get(s.key)?.has(postcode) && !postcodeTowns.has(s.match.ags!)) continue;
      pairs.push({
        ...s,
        rank: 'pair',
        match: { ...s.match, label: `${postcode} ${s.match.label}`, postcode },
      });
    }
    // Postcode and town agree: other towns are noise, the user told us where.
    if (pairs.length > 0) return pairs;
    return [...towns.map((s) => withPenalty(s, CONTRADICTION_PENALTY)), ...this.#postcodeMatches(postcode, CONTRADICTION_PENALTY)];
  }
}

type VariantSpec = [text: string, exactScore: number, wordPrefix: boolean];

/**
 * A part of a city divided into districts ("Linden-Nord (Hannover)"): by its name, with its city
 * in either order ("Hannover Linden-Nord", "Linden-Nord Hannover"), as "Stadtteil Linden-Nord",
 * by its group's name ("Linden-Limmer": the group's parts are all found, to choose from) and by
 * the first word of a double name that several parts share and no other place has ("Linden" of
 * Linden-Nord, -Mitte and -Süd), each also with the city.
 */
function cityPartEntry(
  d: District,
  city: { id: string; name: string; boroughs: ReadonlyMap<string, string> },
  sharedFirstWord: string | null,
): Entry {
  const borough = d.boroughId === null ? undefined : city.boroughs.get(d.boroughId);
  const aliases = [
    ...(sharedFirstWord !== null ? [sharedFirstWord] : []),
    ...(borough !== undefined && normaliseText(borough) !== normaliseText(d.name) ? [borough] : []),
  ];
  const withCity = (name: string): VariantSpec[] => [
    [`${city.name} ${name}`, SCORE_ALIAS, false],
    [`${name} ${city.name}`, SCORE_ALIAS, false],
  ];
  // A name many towns give a part of theirs ("Südstadt", "Mitte") names this city's part only
  // with the city: alone, a citizen of Hildesheim or Göttingen may mean their own.
  const alone = (name: string, score: number): VariantSpec[] => (isSharedPartName(name) ? [] : [[name, score, true]]);
  const label = `${d.name} (${city.name})`;
  return {
    key: `d:${d.id}`,
    type: 'district',
    label,
    point: d.centre,
    ags: null,
    districtId: d.id,
    population: d.population ?? 0,
    names: variants([
      ...alone(d.name, SCORE_EXACT),
      [label, SCORE_ALIAS, false],
      [`${d.type} ${d.name}`, SCORE_ALIAS, false],
      ...withCity(d.name),
      ...aliases.flatMap((alias): VariantSpec[] => [...alone(alias, SCORE_ALIAS), ...withCity(alias)]),
    ]),
    penalty: 0,
  };
}

/**
 * Names of town parts that many towns in Niedersachsen use (Hildesheim, Göttingen, Celle and
 * others each have a Südstadt or an Oststadt; the data knows only the divided cities' parts).
 */
const SHARED_PART_NAMES = new Set(
  ['Mitte', 'Nordstadt', 'Südstadt', 'Oststadt', 'Weststadt', 'Altstadt', 'Neustadt', 'Innenstadt', 'Stadtmitte', 'Zentrum'].map(
    normaliseText,
  ),
);

/** Whether `name` is one many towns give a part of theirs, so that alone it names no town. */
export function isSharedPartName(name: string): boolean {
  return SHARED_PART_NAMES.has(normaliseText(name));
}

/**
 * The villages a double name joins, as names of their own ("Hahnenklee" for
 * Hahnenklee-Bockswiese): not the town's own name ("Salzgitter" of Salzgitter-Bad), nor a part
 * too short to be a name.
 */
function partsOf(name: string, townName: string): VariantSpec[] {
  if (!name.includes('-')) return [];
  const town = normaliseText(townName);
  return name
    .split('-')
    .filter((part) => normaliseText(part).replace(/ /g, '').length >= MIN_PART_LETTERS && normaliseText(part) !== town)
    .map((part): VariantSpec => [part, SCORE_ALIAS, true]);
}

/** The normalised first part of a double name ("linden" of Linden-Nord). */
function firstWordOf(name: string): string {
  return normaliseText(name.split('-')[0]!);
}

/** The name used alone where it differs from the name ("Neustadt" for Neustadt a. Rbge.), as an alias. */
function usedAlone(name: string): VariantSpec[] {
  const alone = shortName(name);
  return alone !== '' && alone !== normaliseText(baseName(name)) ? [[alone, SCORE_ALIAS, true]] : [];
}

/** Normalised, de-duplicated name variants; the first (best-scored) spelling of a text wins. */
function variants(specs: VariantSpec[]): NameVariant[] {
  const byText = new Map<string, NameVariant>();
  for (const [raw, exactScore, wordPrefix] of specs) {
    const text = normaliseText(raw);
    if (text === '') continue;
    const current = byText.get(text);
    if (!current) byText.set(text, { text, literals: new Set([literalForm(raw)]), exactScore, wordPrefix });
    else {
      current.literals.add(literalForm(raw));
      current.exactScore = Math.min(current.exactScore, exactScore);
      current.wordPrefix ||= wordPrefix;
    }
  }
  return [...byText.values()];
}

/**
 * Text as typed, only lowercased with punctuation as single spaces: no folding, so it tells
 * "Brockel" from "Bröckel". Used only to order exact (folded) matches.
 */
function literalForm(text: string): string {
  return text
    .slice(0, MAX_PLACE_TEXT_LENGTH * 2)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The items of a list sorted by text whose text starts with `prefix`. */
function* startingWith(sorted: readonly NameStart[], prefix: string): Generator<NameStart> {
  for (let i = lowerBound(sorted, prefix, (item) => item.text); i < sorted.length && sorted[i]!.text.startsWith(prefix); i++) {
    yield sorted[i]!;
  }
}

/** Distinct letter pairs of each word, padded so that first and last letters count too. */
function bigramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const padded = ` ${word} `;
    for (let i = 0; i < padded.length - 1; i++) grams.add(padded.slice(i, i + 2));
  }
  return grams;
}

function postcodeResult(row: PostcodeRow, score: number, kind: MatchKind, rank: RankType): Scored {
  const m = row.municipality;
  return {
    key: `p:${row.postcode}:${m.ags ?? ''}`,
    rank,
    match: {
      place: m.key,
      type: 'postcode',
      label: `${row.postcode} ${m.label}`,
      point: m.point,
      ags: m.ags,
      districtId: m.districtId,
      postcode: row.postcode,
      score,
      match: kind,
      population: m.population,
    },
  };
}

/** A reading that ignores part of the query (a postcode that contradicts the town): corrected. */
function withPenalty(s: Scored, penalty: number): Scored {
  return { ...s, match: { ...s.match, score: round(Math.min(s.match.score + penalty, 1)), match: 'corrected' } };
}

/** Splits a normalised query into town text and the first 3-5 digit number (a postcode or its start). */
function parseQuery(normalised: string): { text: string; postcode: string | null } {
  let postcode: string | null = null;
  const words: string[] = [];
  let length = 0;
  const all = normalised.split(' ');
  for (const [i, word] of all.entries()) {
    if (word === '') continue;
    // "D-29221": the old country prefix of a German postcode.
    if (word === 'd' && /^\d{5}$/.test(all[i + 1] ?? '')) continue;
    if (/^\d+$/.test(word)) {
      // Other numbers (house numbers, stray digits) say nothing about a place.
      if (postcode === null && word.length >= MIN_POSTCODE_PREFIX && word.length <= 5) postcode = word;
      continue;
    }
    if (length + word.length + 1 > MAX_PLACE_TEXT_LENGTH) break;
    length += word.length + 1;
    words.push(word);
  }
  return { text: words.join(' '), postcode };
}

/**
 * Smallest edit distance from `query` to a name, relative to length: against the whole name,
 * against the name from any later word on ("munden" in "hannoversch munden"), and against the
 * same-length start of those (someone still typing). Ratios above {@link MAX_EDIT_RATIO} are no
 * match, so each comparison stops as soon as it cannot beat that or the best so far: Infinity
 * when none is within it.
 */
function editRatio(query: string, names: readonly NameVariant[]): number {
  let best = Infinity;
  for (const { text, wordPrefix } of names) {
    // Labels and typed names are compared whole: "gottingen" should not find every place
    // whose label merely ends in "(Landkreis Göttingen)".
    const lastStart = wordPrefix ? text.length : 1;
    for (let start = 0; start < lastStart; start = text.indexOf(' ', start) + 1 || text.length) {
      // The name from `start` on, compared in place (no substring made).
      const tailLength = text.length - start;
      // Matching a later word is weaker evidence than matching the name from its start.
      const offset = start > 0 ? PARTIAL_EDIT_PENALTY : 0;
      best = closer(best, query, text, Math.max(query.length, tailLength), offset, start, text.length);
      if (tailLength > query.length)
        best = closer(best, query, text, query.length, PARTIAL_EDIT_PENALTY + offset, start, start + query.length);
      if (best === 0) return 0;
    }
  }
  return best;
}

/**
 * The ratio of `query` to `name.slice(from, to)` plus `penalty` where that beats `best` (and the
 * cut-off), else `best`. A function of its own, not a closure: it runs for every name compared.
 */
function closer(best: number, query: string, name: string, length: number, penalty: number, from: number, to: number): number {
  return Math.min(best, relativeDistanceWithin(query, name, length, Math.min(best, MAX_EDIT_RATIO) - penalty, from, to) + penalty);
}

/** The score of a fuzzy match with this edit ratio: quantised, so near-equal ones fall back to type and population. */
export function fuzzyScore(ratio: number): number {
  return round(SCORE_FUZZY_BASE + ((1 - SCORE_FUZZY_BASE) * Math.ceil(ratio * 20 - 1e-9)) / 20);
}

/** Edit ratios above this are no match at all. */
export const MAX_FUZZY_EDIT_RATIO = MAX_EDIT_RATIO;

function compareScored(a: Scored, b: Scored): number {
  return (
    a.match.score - b.match.score ||
    TYPE_RANK[a.rank] - TYPE_RANK[b.rank] ||
    b.match.population - a.match.population ||
    compareKeys(a.key, b.key)
  );
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
