/**
 * The portal's search: what a citizen typed → addresses, streets and places of Niedersachsen,
 * places outside it, and the one decision (domain/search/confidence.ts) what to do with them.
 * The search page, the widget and the API all ask here.
 */
import type { LatLon, StatePolice } from '../domain/model';
import {
  decideSearch,
  looksLikeStreet,
  normaliseText,
  parseAddressQuery,
  SCORE_BANDS,
  type AddressQuery,
  type OutsideMatch,
  type OutsidePlaces,
  type PlaceMatch,
  type PlaceSearch,
  type RankedAnswer,
  type SearchDecision,
} from '../domain/search';
import { t as german, type Translate } from '../i18n';
import type { AddressMatch, AddressSearch } from './address-search';

/** What a search result is: most specific first. */
export type SearchResultType = 'address' | 'street' | 'municipality' | 'locality' | 'district' | 'postcode';

export interface DistrictSummary {
  id: string;
  name: string;
  type: string;
}

/** A city divided into districts (services/cities.ts), as a search result names it. */
export interface CitySummary {
  id: string;
  name: string;
  /** How many districts it is divided into. */
  districts: number;
}

/** A result: a place match (`place` is "" for addresses and streets), with what the pages need. */
export interface SearchResult extends Omit<PlaceMatch, 'type'> {
  type: SearchResultType;
  municipality: { ags: string; name: string } | null;
  /**
   * Its district; null where it lies in a city divided into districts and does not say which
   * (the city itself, its postcode, a street whose part is not known): then `city` is set.
   */
  district: DistrictSummary | null;
  /** The city divided into districts it lies in, or null. */
  city: CitySummary | null;
  /** True where the point is not the place asked for (nearest house number, street centre, the town for an unknown street). */
  approximate: boolean;
  /** Why the answer is approximate, or that it lies near another district (for the citizen). */
  note: string | null;
  /** Street name for address and street results, else null. */
  street: string | null;
  /** House number as found ("12a") for address results, else null. */
  houseNumber: string | null;
  /** Other districts within the boundary tolerance of an address or street point. */
  nearBoundary: DistrictSummary[];
  /** True for a town given for a street we do not know: its district page says so at the top. */
  streetUnknown: boolean;
  /** The point is the place asked for (an address, a street, an Ortsteil) and lies in the district: its page marks it. */
  pointOnMap: boolean;
}

/** The police of a place outside Niedersachsen. */
export interface OutsidePolice {
  place: string;
  state: string;
  police: { name: string; url: string };
}

/** A place or postcode outside Niedersachsen the query named: where it is and who is responsible. */
export interface OutsideArea extends OutsidePolice {
  postcode: string | null;
  point: LatLon;
  /** Namesakes with another police (Neustadt is in many states), nearest states first. */
  others: OutsidePolice[];
}

/** Everything a search found, and what to do with it. */
export interface SearchAnswer {
  /** Niedersachsen's answers, best first. */
  results: SearchResult[];
  outsideArea: OutsideArea | null;
  /** The one rule's decision over `results` and `outsideArea` (a `go` index is into `results`). */
  decision: SearchDecision;
}

/** What the search needs to know of the portal's snapshot. */
export interface SearchContext {
  places: PlaceSearch;
  addresses: AddressSearch | null;
  outside: OutsidePlaces;
  /** A place result with its municipality and district filled in. */
  placeResult(match: PlaceMatch, note: string | null): SearchResult;
  addressResult(match: AddressMatch, t: Translate): SearchResult;
  /** How many districts the area `id` (a district: 1, or a city divided into districts) stands for. */
  districtsOf(id: string): number;
  municipalityLabel(ags: string): string;
}

/** The id of the GeoNames source in sources.json: its attribution is shown wherever its places are. */
export const GAZETTEER_SOURCE_ID = 'geonames';
/** The id of the other states' police list in sources.json. */
export const STATE_POLICE_SOURCE_ID = 'polizei-der-laender';

/** Added to non-exact place results when the query has a house number. */
const HOUSE_NUMBER_PLACE_PENALTY = 0.3;
/** How well the words left over from an unknown street must name a town to answer with it. */
const STREET_NOT_FOUND_MAX_TOWN_SCORE = 0.45;
/** A town named before words we do not know ("Hannover-Linden"): a guess, after the town itself. */
const PARTLY_KNOWN_PENALTY = 0.2;

/** Addresses, streets and places matching `query`, and the decision; notes in the language of `t`. */
export function searchPortal(context: SearchContext, query: string, limit: number, t: Translate = german): SearchAnswer {
  const parsed = parseAddressQuery(query);
  // Normalised once, for the words naming a place outside and for the place search.
  const normalised = normaliseText(query);
  // The whole text names a place outside ("Bremen", "Neustadt"): only places named exactly so
  // here can stand beside it, so neither streets nor look-alikes are looked for.
  const namedOutside = context.outside.named(textWords(normalised));
  const found = namedOutside.length > 0 ? [] : (context.addresses?.search(parsed, limit, t) ?? []);
  // An exact address with its number: no place can rank before it (same score, less specific
  // type), so the place search is skipped.
  const exactAddress = parsed.houseNumber !== null && found[0]?.type === 'address' && found[0].match === 'exact' && !found[0].approximate;
  // A divided city has a street once per part it crosses: an address found exactly in one part
  // makes the nearest numbers found in the others moot.
  const exactIn = (m: AddressMatch) =>
    found.some((o) => o.type === 'address' && !o.approximate && o.ags === m.ags && o.street === m.street);
  const streets = found.filter((m) => !m.approximate || !exactIn(m)).map((match) => context.addressResult(match, t));
  // Look-alike places score no better than SCORE_BANDS.fuzzyBase, and rank after streets that
  // score as well: where `limit` streets do, none could be shown, and the slowest part of the
  // place search is skipped (without a postcode, which ranks its own places first).
  const lookAlikes = parsed.postcode !== null || streets.filter((r) => r.score <= SCORE_BANDS.fuzzyBase).length < limit;
  const places = exactAddress
    ? []
    : context.places
        .search(query, limit, { exactOnly: namedOutside.length > 0, lookAlikes, normalised })
        .map((match) => context.placeResult(match, null));

  let others = places;
  const streetKnown = found.some((match) => match.match === 'exact');
  if (!streetKnown && !places.some((p) => p.match === 'exact')) {
    const fallback = townOfUnknownPart(context, parsed, t);
    if (fallback.length > 0) others = [...fallback, ...places.filter((p) => !fallback.some((f) => f.label === p.label))];
  } else if (parsed.houseNumber !== null) {
    // A house number says "address": places from a partial reading of the words come after it.
    others = places.map((p) => (p.match === 'exact' ? p : { ...p, score: round(Math.min(p.score + HOUSE_NUMBER_PLACE_PENALTY, 1)) }));
  }

  let results = rank([...streets, ...others], context, parsed.postcode);
  const outside = outsideMatches(
    context,
    parsed,
    namedOutside,
    results.some((r) => r.match === 'exact'),
  );
  // The words name a place outside Niedersachsen and nothing inside: "Bremen" is not a typo of
  // Bremervörde, nor "Hamburg" the start of Hamburger Allee.
  if (outside.byWords.length > 0 && !results.some((r) => r.match === 'exact')) results = [];
  results = results.slice(0, limit);

  const outsideAll = [...outside.byWords, ...outside.byPostcode];
  const outsideArea = outsideAreaOf(outsideAll);
  const answers: RankedAnswer[] = [
    ...results.map((r) => {
      const target = targetOf(r);
      return { match: r.match, place: placeKey(r), target, districts: context.districtsOf(streetInCityUnsure(r) ? r.city!.id : target) };
    }),
    ...outsideAll.map((o) => ({ match: 'exact' as const, place: `x:${o.police.id}:${o.place}`, target: null, districts: 0 })),
  ];
  return { results, outsideArea, decision: decideSearch(answers) };
}

/**
 * A street in a divided city does not tell the part of town: our streets there are main roads
 * and streets with cycle lanes, often known only along part of their course (Limmerstraße is
 * known only in Limmer, though most of it runs through Linden-Nord). Unless its house number was
 * found, it stands for the whole city: shown with its part, never gone to.
 */
function streetInCityUnsure(result: SearchResult): boolean {
  return result.city !== null && (result.type === 'street' || (result.type === 'address' && result.approximate));
}

/** Where a result leads: its district's page, or its city's overview where its district is not known. */
export function targetOf(result: Pick<SearchResult, 'district' | 'city'>): string {
  return result.district?.id ?? result.city!.id;
}

/**
 * Same key, same place: a town's several postcodes; an address or street once per town, or in a
 * city divided into districts once per part it crosses (a choice between them).
 */
function placeKey(result: SearchResult): string {
  if (result.type === 'address') return `a:${result.ags}:${result.street}:${result.houseNumber}`;
  if (result.type === 'street') return `s:${result.ags}:${targetOf(result)}:${result.street}`;
  return result.place;
}

/**
 * Best first: by match quality (score), then the most specific type (address > street >
 * places, in the place search's own order), then population. A postcode constrains: answers in
 * its municipalities never rank below answers outside them.
 */
function rank(results: SearchResult[], context: SearchContext, postcode: string | null): SearchResult[] {
  const order = new Map<SearchResult, number>(results.map((r, i) => [r, i]));
  const kind = (r: SearchResult) => (r.type === 'address' ? 0 : r.type === 'street' ? 1 : 2);
  const inPostcode = new Set(postcode === null ? [] : context.places.postcodeMunicipalities(postcode));
  const outsidePostcode = (r: SearchResult) => (inPostcode.size > 0 && !(r.ags !== null && inPostcode.has(r.ags)) ? 1 : 0);
  return [...results].sort(
    (a, b) =>
      outsidePostcode(a) - outsidePostcode(b) ||
      a.score - b.score ||
      kind(a) - kind(b) ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0) ||
      b.population - a.population,
  );
}

/**
 * A query naming a town we know exactly, plus words we do not know. Street words ("Kirchweg 2,
 * 27283 Verden"): the town's result, approximate, with "Straße nicht gefunden, Ergebnis für
 * Verden", and marked so that its district page says so (exact where the town is: the street
 * cannot move the answer out of a town that is one district). Other words ("Hannover-Linden"):
 * the town as a guess. The town is looked for in the last and the first words (people write
 * "Straße, Ort" and "Ort, Straße").
 */
function townOfUnknownPart(context: SearchContext, parsed: AddressQuery, t: Translate): SearchResult[] {
  const { words, postcode } = parsed;
  if (words.length === 0) return [];
  const spans: Array<[string[], string[]]> = [];
  for (let k = Math.min(2, words.length); k >= 1; k--) {
    spans.push([words.slice(words.length - k), words.slice(0, words.length - k)]);
    spans.push([words.slice(0, k), words.slice(k)]);
  }
  if (postcode !== null) spans.push([[], words]);
  // A street's town: the first span that names one (the last words first). Other unknown words:
  // every town named, as guesses.
  const guesses: SearchResult[] = [];
  for (const [town, rest] of spans) {
    if (rest.length === 0) continue;
    const street = parsed.houseNumber !== null || looksLikeStreet(rest);
    const found = context.places.exactly(town, postcode, 5);
    const best = found[0]?.score ?? Infinity;
    if (best > STREET_NOT_FOUND_MAX_TOWN_SCORE) continue;
    const matches = found.filter((m) => m.score <= best + SCORE_BANDS.clearGap - 1e-9);
    const placeOf = (m: PlaceMatch) =>
      m.type === 'district' || m.type === 'locality' || m.postcode ? m.label : context.municipalityLabel(m.ags ?? '');
    if (street) {
      return matches.map((m) => ({
        ...context.placeResult(m, t('search.note.streetNotFound', { place: placeOf(m) })),
        streetUnknown: true,
      }));
    }
    for (const m of matches) {
      if (guesses.some((g) => g.label === m.label)) continue;
      const guess = { ...m, score: round(Math.min(m.score + PARTLY_KNOWN_PENALTY, 1)), match: 'corrected' as const };
      guesses.push(context.placeResult(guess, t('search.note.partNotFound', { place: placeOf(m) })));
    }
  }
  return guesses;
}

/**
 * Places outside Niedersachsen the query names: by its words (the whole text, or the town of a
 * street we do not know: "Hauptstraße 5, Bremen"), and by a postcode (also one that reaches into
 * Niedersachsen, like 19273).
 */
function outsideMatches(
  context: SearchContext,
  parsed: AddressQuery,
  named: OutsideMatch[],
  knownInside: boolean,
): { byWords: OutsideMatch[]; byPostcode: OutsideMatch[] } {
  let byWords = named;
  // The town of a street only where Niedersachsen has no exact answer: "Limmerstraße Linden" is
  // Hannover's, not a street of Linden in Schleswig-Holstein.
  if (byWords.length === 0 && !knownInside && (parsed.houseNumber !== null || looksLikeStreet(parsed.words))) {
    const { words } = parsed;
    for (const town of [words.slice(-2), words.slice(-1), words.slice(0, 2), words.slice(0, 1)]) {
      if (town.length === 0 || town.length === words.length) continue;
      byWords = context.outside.named(town.join(' '));
      if (byWords.length > 0) break;
    }
  }
  const byPostcode = parsed.postcode === null ? [] : context.outside.withPostcode(parsed.postcode);
  return { byWords, byPostcode: byPostcode.filter((p) => !byWords.some((w) => w.police.id === p.police.id)) };
}

/** The words of a normalised query, without numbers. */
function textWords(normalised: string): string {
  return normalised
    .split(' ')
    .filter((word) => word !== '' && !/^\d+$/.test(word))
    .join(' ');
}

function outsideAreaOf(matches: readonly OutsideMatch[]): OutsideArea | null {
  const [first, ...rest] = matches;
  if (!first) return null;
  const seen = new Set([first.police.id]);
  const others: OutsidePolice[] = [];
  for (const match of rest) {
    if (seen.has(match.police.id)) continue;
    seen.add(match.police.id);
    others.push(outsidePolice(match.place, match.police));
  }
  return { ...outsidePolice(first.place, first.police), postcode: first.postcode, point: first.point, others };
}

function outsidePolice(place: string, police: StatePolice): OutsidePolice {
  return { place, state: police.state, police: { name: police.name, url: police.url } };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
