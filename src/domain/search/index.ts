/** Place and address search: German text normalisation, query parsing and ranking. */
export { baseName, MAX_INPUT_LENGTH, MAX_NORMALISED_LENGTH, normaliseText } from './normalise';
export {
  fuzzyScore,
  isConfident,
  PlaceSearch,
  SCORE_BANDS,
  type PlaceMatch,
  type PlaceMatchType,
  type PlaceSearchInput,
} from './place-search';
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
