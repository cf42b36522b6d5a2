/**
 * Re-ranking of street candidates (a bounded set from the full-text index) against a parsed
 * query, on the same score scale as the place search: which typed words name the place, which
 * the street, and how well the street words match the street's name.
 */
import type { AddressQuery } from './address-query';
import { compactText } from './address-query';
import { weakerMatch, type MatchKind } from './confidence';
import { relativeDistanceWithin } from './edit-distance';
import { fuzzyScore, MAX_FUZZY_EDIT_RATIO, SCORE_BANDS } from './place-search';
import type { TermCorrection } from './term-vocabulary';

/** What the ranking needs to know of a candidate street. */
export interface RankableStreet {
  /** Normalised street name. */
  nameNorm: string;
  /** Normalised words of its town: municipality names and postcode-list spellings. */
  placeNorm: string;
  postcodes: readonly string[];
}

/** A candidate's score (0 best), how it matched, and the typed words that named its street. */
export interface StreetScore {
  score: number;
  match: MatchKind;
  streetWords: string[];
}

const PLACE_PREFIX_PENALTY = 0.05;
const PLACE_CORRECTION_PENALTY = 0.1;
const POSTCODE_CONTRADICTION_PENALTY = 0.1;
/** Extra for a typo while typing (the typed start matches the name's start only roughly). */
const PARTIAL_EDIT_PENALTY = 0.05;
/** At most this is added to a prefix match for the part of the name not yet typed. */
const PREFIX_COVERAGE_PENALTY = 0.1;

/** Scores `street` for `query`; null when the typed street words do not match its name at all. */
export function scoreStreet(
  query: AddressQuery,
  corrections: ReadonlyMap<string, readonly TermCorrection[]>,
  street: RankableStreet,
): StreetScore | null {
  const placeWords = street.placeNorm === '' ? [] : street.placeNorm.split(' ');
  const nameWords = street.nameNorm.split(' ');
  const compactName = compactText(street.nameNorm);
  const streetWords: string[] = [];
  let penalty = 0;
  let match: MatchKind = 'exact';
  query.words.forEach((word, index) => {
    const prefix = query.lastWordIsPrefix && index === query.words.length - 1;
    const inStreet = nameWords.some((w) => w === word || (prefix && w.startsWith(word))) || (prefix && compactName.includes(word));
    const place = inStreet ? null : placeMatch(word, prefix, placeWords, corrections.get(word) ?? []);
    if (place === null) streetWords.push(word);
    else {
      penalty += place;
      match = weakerMatch(match, place === 0 ? 'exact' : place === PLACE_PREFIX_PENALTY ? 'prefix' : 'corrected');
    }
  });
  if (streetWords.length === 0) return null;

  const typed = compactText(streetWords.join(' '));
  const typing = query.lastWordIsPrefix && streetWords.at(-1) === query.words.at(-1);
  let score: number;
  if (typed === compactName) score = SCORE_BANDS.exact;
  // A short start of a long name is weaker evidence than most of it: "Lün" means Lüneburg (a
  // town, prefix 0.15) before "Lüneburger Straße" (0.15 plus up to PREFIX_COVERAGE_PENALTY).
  else if (compactName.startsWith(typed)) {
    score = SCORE_BANDS.prefix + uncovered(typed, compactName);
    match = weakerMatch(match, 'prefix');
  } else if (laterWordStarts(nameWords, typed)) {
    score = SCORE_BANDS.wordPrefix + uncovered(typed, compactName);
    match = weakerMatch(match, 'prefix');
  } else {
    match = 'corrected';
    let ratio = relativeDistanceWithin(typed, compactName, Math.max(typed.length, compactName.length), MAX_FUZZY_EDIT_RATIO);
    if (typing && compactName.length > typed.length) {
      const cap = Math.min(ratio, MAX_FUZZY_EDIT_RATIO) - PARTIAL_EDIT_PENALTY;
      ratio = Math.min(ratio, relativeDistanceWithin(typed, compactName, typed.length, cap, 0, typed.length) + PARTIAL_EDIT_PENALTY);
    }
    if (ratio > MAX_FUZZY_EDIT_RATIO) return null;
    score = fuzzyScore(ratio);
  }

  // A postcode that does not fit the street: the answer ignores part of the query.
  if (query.postcode !== null && !street.postcodes.includes(query.postcode)) {
    penalty += POSTCODE_CONTRADICTION_PENALTY;
    match = 'corrected';
  }
  const prefix = query.postcodePrefix;
  if (prefix !== null && !street.postcodes.some((code) => code.startsWith(prefix))) {
    penalty += POSTCODE_CONTRADICTION_PENALTY;
    match = 'corrected';
  } else if (prefix !== null) {
    match = weakerMatch(match, 'prefix');
  }
  return { score: Math.round(Math.min(score + penalty, 1) * 1000) / 1000, match, streetWords };
}

/** Penalty if `word` names the street's place (0 exact), null if it does not. */
function placeMatch(word: string, prefix: boolean, placeWords: readonly string[], corrections: readonly TermCorrection[]): number | null {
  if (placeWords.includes(word)) return 0;
  if (prefix && placeWords.some((w) => w.startsWith(word))) return PLACE_PREFIX_PENALTY;
  const corrected = corrections.find((c) => placeWords.includes(c.term) || (prefix && placeWords.some((w) => w.startsWith(c.term))));
  return corrected ? PLACE_CORRECTION_PENALTY * corrected.edits : null;
}

function uncovered(typed: string, name: string): number {
  return Math.round(PREFIX_COVERAGE_PENALTY * (1 - typed.length / name.length) * 1000) / 1000;
}

function laterWordStarts(nameWords: readonly string[], typed: string): boolean {
  for (let i = 1; i < nameWords.length; i++) {
    if (nameWords.slice(i).join('').startsWith(typed)) return true;
  }
  return false;
}
