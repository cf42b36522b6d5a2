/** Place and address search: German text normalisation, query parsing, ranking and the confidence rule. */
export { baseName, MAX_INPUT_LENGTH, MAX_NORMALISED_LENGTH, MAX_QUERY_LENGTH, normaliseText, shortName } from './normalise';
export { decideSearch, MATCH_KINDS, weakerMatch, type MatchKind, type RankedAnswer, type SearchDecision } from './confidence';
export { fuzzyScore, PlaceSearch, SCORE_BANDS, type PlaceMatch, type PlaceMatchType, type PlaceSearchInput } from './place-search';
export { NEIGHBOUR_STATE_CODES, OutsidePlaces, type OutsideMatch } from './outside-places';
export {
  compactText,
  formatHouseNumber,
  looksLikeStreet,
  parseAddressQuery,
  parseHouseNumber,
  streetIndexTerms,
  type AddressQuery,
  type HouseNumber,
} from './address-query';
export { allowedEdits, TermVocabulary, type TermCorrection } from './term-vocabulary';
export { scoreStreet, type RankableStreet, type StreetScore } from './street-ranking';
