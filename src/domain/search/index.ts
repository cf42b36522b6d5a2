/** Place search: German text normalisation and ranked search over municipalities, districts and postcodes. */
export { baseName, MAX_INPUT_LENGTH, MAX_NORMALISED_LENGTH, normaliseText } from './normalise';
export { isConfident, PlaceSearch, type PlaceMatch, type PlaceMatchType, type PlaceSearchInput } from './place-search';
