/**
 * "Ergebnis für: Bahnhofstraße 5, Celle": the place the citizen searched for, carried to the
 * district page in its address (`?suche=`, see paths.ts). A link can carry any text, so the page
 * shows it only if searching it again gives a result of that very label in this district; then
 * it also knows whether the result is approximate, and why.
 */
import { SEARCHED_PLACE_PARAM } from '../paths';
import type { Translate } from '../i18n';
import { MAX_SEARCH_LIMIT, readSearchQuery, soleParam } from './input';
import type { Portal } from './portal';

export interface SearchedPlace {
  label: string;
  approximate: boolean;
  /** Why the result is approximate (or that a boundary is near), in the page's language. */
  note: string | null;
}

/** The searched place named in `params`, confirmed by the search, or null. */
export function searchedPlace(portal: Portal, params: URLSearchParams, districtId: string, t: Translate): SearchedPlace | null {
  const raw = soleParam(params, SEARCHED_PLACE_PARAM);
  if (typeof raw !== 'string') return null;
  const input = readSearchQuery(new URLSearchParams([['q', raw]]), t);
  if (!input.ok) return null;
  const result = portal
    .search(input.query, MAX_SEARCH_LIMIT, t)
    .find((candidate) => candidate.label === input.query && candidate.district.id === districtId);
  return result ? { label: result.label, approximate: result.approximate, note: result.note } : null;
}
