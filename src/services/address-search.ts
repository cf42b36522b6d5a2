/**
 * Address search over an open snapshot: FTS5 for a bounded set of candidate streets, then the
 * domain's re-ranking, then the house number looked up per street. Resolution rules (each one
 * visible in `approximate` and `note`): exact address → its point; known street, unknown number →
 * the nearest known number, or the street's point where no numbers are known, "ungefähr".
 */
import type { LatLon } from '../domain/model';
import {
  compactText,
  formatHouseNumber,
  scoreStreet,
  TermVocabulary,
  type AddressQuery,
  type MatchKind,
  type TermCorrection,
} from '../domain/search';
import type { AddressStore } from '../db/address-store';
import type { StreetRow } from '../db/schema';
import { t as german, type Translate } from '../i18n';

/** One address or street the search found. */
export interface AddressMatch {
  type: 'address' | 'street';
  label: string;
  point: LatLon;
  ags: string;
  districtId: string;
  postcode: string | null;
  score: number;
  /** How the street (and town, postcode) matched; the house number shows in `approximate`. */
  match: MatchKind;
  population: number;
  street: string;
  /** As found ("12a"), or null for a street result. */
  houseNumber: string | null;
  approximate: boolean;
  note: string | null;
  /** False where the street's position is not known: the point is its town's centre. */
  located: boolean;
}

/** Minimum letters (without spaces) before streets are searched at all. */
const MIN_STREET_LETTERS = 3;
/**
 * Prefixes up to this length are answered by the index's own prefix index (prefix = '2 3 4' in
 * the migration). Longer ones are written out as their known completions: FTS5 merges the
 * postings of every completion of `"strasse"*` (70,000 streets at state scale, 7 ms), while the
 * same completions as plain terms take 0.25 ms.
 */
const INDEXED_PREFIX_LENGTH = 4;
const MAX_PREFIX_COMPLETIONS = 16;
/** Streets within this score of the best one get their house numbers looked up. */
const NUMBER_LOOKUP_GAP = 0.1;
const MAX_NUMBER_LOOKUPS = 3;

/**
 * A street's town as results name it, and its population (for the ranking): "Celle", or in a city
 * divided into districts with the street's part, "Hannover-Linden-Nord" (a street is one row per
 * part it crosses).
 */
export type PlaceOf = (ags: string, districtId: string) => { label: string; population: number };

interface Scored {
  row: StreetRow;
  score: number;
  match: MatchKind;
  population: number;
}

export class AddressSearch {
  readonly #store: AddressStore;
  readonly #vocabulary: TermVocabulary;
  readonly #place: PlaceOf;

  constructor(store: AddressStore, place: PlaceOf) {
    this.#store = store;
    this.#vocabulary = new TermVocabulary(store.vocabulary());
    this.#place = remembered(place);
  }

  /** Addresses and streets for a parsed query, best first, at most `limit`; notes in the language of `t`. */
  search(query: AddressQuery, limit: number, t: Translate = german): AddressMatch[] {
    let scored = this.#candidates(query);
    // A postcode that does not fit the street (mistyped, or the street has several): try without
    // it; the ranking then marks the contradiction.
    if (scored.length === 0 && (query.postcode !== null || query.postcodePrefix !== null)) {
      scored = this.#candidates({ ...query, postcode: null, postcodePrefix: null }, query);
    }

    const out: AddressMatch[] = [];
    const best = scored[0]?.score ?? 0;
    // Asked for a house number: it is looked up on the best streets that have numbers at all (a
    // bigger town's street known only by its centre must not crowd out the one with addresses).
    const numbered = query.houseNumber === null ? [] : scored.slice(0, limit).filter((c) => c.row.addressCount > 0);
    const lookUps = new Set(numbered.filter((c) => c.score <= best + NUMBER_LOOKUP_GAP + 1e-9).slice(0, MAX_NUMBER_LOOKUPS));
    for (const candidate of scored.slice(0, limit)) {
      if (lookUps.has(candidate)) out.push(this.#addressResult(candidate, query, t));
      else out.push(this.#streetResult(candidate, query.houseNumber !== null && candidate.row.addressCount === 0, t));
    }
    return out;
  }

  /** Candidate streets for `retrieval`, scored against `ranking` (the query as typed), best first. */
  #candidates(retrieval: AddressQuery, ranking: AddressQuery = retrieval): Scored[] {
    const built = this.matchExpression(retrieval);
    if (built === null) return [];
    const scored: Scored[] = [];
    for (const row of this.#store.streetCandidates(built.match)) {
      const result = scoreStreet(ranking, built.corrections, {
        nameNorm: row.nameNorm,
        placeNorm: row.placeNorm,
        postcodes: row.postcodes === '' ? [] : row.postcodes.split(' '),
      });
      if (result)
        scored.push({ row, score: result.score, match: result.match, population: this.#place(row.ags, row.districtId).population });
    }
    return scored.sort(
      (a, b) => a.score - b.score || b.population - a.population || b.row.addressCount - a.row.addressCount || a.row.id - b.row.id,
    );
  }

  /**
   * The FTS5 expression for a query (every word must match, in the street or the place column,
   * and at least one in the street name), with the spelling corrections it used; null when there
   * is nothing to search for. Exposed for the benchmark's floor.
   */
  matchExpression(query: AddressQuery): { match: string; corrections: Map<string, TermCorrection[]> } | null {
    if (compactText(query.words.join(' ')).length < MIN_STREET_LETTERS) return null;
    const corrections = new Map<string, TermCorrection[]>();
    const parts: string[] = [];
    for (const [index, word] of query.words.entries()) {
      const prefix = query.lastWordIsPrefix && index === query.words.length - 1;
      // One letter being typed narrows nothing and has no prefix index: the ranking checks it.
      if (prefix && word.length === 1 && query.words.length > 1) continue;
      const known = prefix ? this.#vocabulary.hasPrefix(word) : this.#vocabulary.has(word);
      const alternatives = known ? [prefix ? this.#prefixTerm(word) : quote(word)] : [];
      if (!known) {
        // Unknown words are replaced by the known words one or two edits away.
        // While typing, a whole-word correction first; the slower start-of-word one only if needed.
        let found = this.#vocabulary.corrections(word);
        if (prefix && found.length === 0) found = this.#vocabulary.prefixCorrections(word);
        corrections.set(word, found);
        for (const { term } of found) alternatives.push(quote(term));
      }
      if (alternatives.length === 0) return null;
      parts.push(alternatives.length === 1 ? alternatives[0]! : `(${[...new Set(alternatives)].join(' OR ')})`);
    }
    // At least one word must be in the street's name: streets matching only by their town are
    // rejected by the ranking anyway, and would crowd the others out of the candidate limit.
    // One word is simply searched in the name (half the work of "anywhere, and in the name").
    const words = parts.length === 1 ? [`{name} : ${parts[0]}`] : [...parts, `{name} : (${parts.join(' OR ')})`];
    if (query.postcode !== null) words.push(quote(query.postcode));
    else if (query.postcodePrefix !== null) words.push(`${quote(query.postcodePrefix)}*`);
    return { match: words.join(' AND '), corrections };
  }

  /** A word still being typed, as an FTS5 expression: an indexed prefix, or its completions. */
  #prefixTerm(word: string): string {
    const completions = word.length > INDEXED_PREFIX_LENGTH ? this.#vocabulary.completions(word, MAX_PREFIX_COMPLETIONS) : null;
    if (completions === null) return `${quote(word)}*`;
    return completions.length === 1 ? quote(completions[0]!) : `(${completions.map(quote).join(' OR ')})`;
  }

  /** The FTS5 lookup alone, with the query's words as typed (no corrections): the benchmark's floor. */
  rawCandidateIds(query: AddressQuery): number[] {
    if (compactText(query.words.join(' ')).length < MIN_STREET_LETTERS) return [];
    const parts = query.words.map((word, index) =>
      query.lastWordIsPrefix && index === query.words.length - 1 ? `${quote(word)}*` : quote(word),
    );
    return this.#store.streetCandidateIds(parts.join(' AND '));
  }

  #addressResult(candidate: Scored, query: AddressQuery, t: Translate): AddressMatch {
    const wanted = query.houseNumber!;
    const { row } = candidate;
    if (row.addressCount === 0) return this.#streetResult(candidate, true, t);
    const same = this.#store.addressesAt(row.id, wanted.number);
    const exact = same.find((a) => a.suffix === wanted.suffix);
    const found = exact ?? same.find((a) => a.suffix === '') ?? same[0] ?? this.#store.nearestAddress(row.id, wanted.number);
    if (!found) return this.#streetResult(candidate, true, t);
    const number = `${found.number}${found.suffix}`;
    const place = this.#place(row.ags, row.districtId);
    return {
      type: 'address',
      label: `${row.name} ${number}, ${found.postcode} ${place.label}`,
      point: { lat: found.lat, lon: found.lon },
      ags: row.ags,
      districtId: row.districtId,
      postcode: found.postcode,
      score: candidate.score,
      match: candidate.match,
      population: candidate.population,
      street: row.name,
      houseNumber: number,
      approximate: !exact,
      note: exact ? null : t('search.note.nearestNumber', { wanted: formatHouseNumber(wanted), found: number }),
      located: true,
    };
  }

  /**
   * A street as the answer: its centre, or where its position is unknown (OpenPLZ lists streets
   * without coordinates) its town's centre, as the note says. Asked for a house number, the
   * centre is only approximate: this street's numbers are not known.
   */
  #streetResult({ row, score, match, population }: Scored, numberAsked: boolean, t: Translate): AddressMatch {
    const place = this.#place(row.ags, row.districtId);
    const postcodes = row.postcodes === '' ? [] : row.postcodes.split(' ');
    const postcode = postcodes.length === 1 ? postcodes[0]! : null;
    const note = !row.located ? t('search.note.streetNotLocated', { place: place.label }) : numberAsked ? t('search.note.noNumbers') : null;
    return {
      type: 'street',
      label: `${row.name}, ${postcode ? `${postcode} ` : ''}${place.label}`,
      point: { lat: row.lat, lon: row.lon },
      ags: row.ags,
      districtId: row.districtId,
      postcode,
      score,
      match,
      population,
      street: row.name,
      houseNumber: null,
      approximate: note !== null,
      note,
      // A raw statement reads SQLite's 0 or 1 (address-store.ts), not a boolean.
      located: Boolean(row.located),
    };
  }
}

/**
 * `place`, asked once per town and part: it is asked for every candidate street (dozens per
 * keystroke), its answers are few (one per town, or town part) and fixed for the snapshot.
 */
function remembered(place: PlaceOf): PlaceOf {
  const byAgs = new Map<string, Map<string, ReturnType<PlaceOf>>>();
  return (ags, districtId) => {
    let parts = byAgs.get(ags);
    if (parts === undefined) byAgs.set(ags, (parts = new Map<string, ReturnType<PlaceOf>>()));
    let found = parts.get(districtId);
    if (found === undefined) parts.set(districtId, (found = place(ags, districtId)));
    return found;
  };
}

/** An FTS5 string literal: the normaliser leaves letters and digits only, but quoting keeps any word literal. */
function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}
