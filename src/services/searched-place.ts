/**
 * "Ergebnis für: Bahnhofstraße 5, Celle": what the citizen searched for, carried to the district
 * page in its address (`?suche=`, see paths.ts). A link can carry any text, so the page searches
 * it again and shows the result only if it lies in this district (at the searched point, where one
 * is given); then it also knows whether the result is approximate, and why.
 */
import { SEARCHED_PLACE_PARAM } from '../paths';
import type { LatLon } from '../domain/model';
import type { Translate } from '../i18n';
import { MAX_SEARCH_LIMIT, readSearchQuery, soleParam } from './input';
import type { Portal } from './portal';
import { targetOf } from './search';

export interface SearchedPlace {
  label: string;
  approximate: boolean;
  /** Why the result is approximate (or that a boundary is near), in the page's language. */
  note: string | null;
  /**
   * The town, where the search did not know the street but all of the town is this district:
   * "Ihre Straße ist uns nicht bekannt. Für ganz {Ort} ist zuständig: …".
   */
  streetUnknownIn: string | null;
  /** The search did not know the street (in a town of several districts: which part of town?). */
  streetUnknown: boolean;
}

/** The result for the search named in `params`, if it lies in this district (at `point`), or null. */
export function searchedPlace(
  portal: Portal,
  params: URLSearchParams,
  districtId: string,
  point: LatLon | null,
  t: Translate,
): SearchedPlace | null {
  const raw = soleParam(params, SEARCHED_PLACE_PARAM);
  if (typeof raw !== 'string') return null;
  const input = readSearchQuery(new URLSearchParams([['q', raw]]), t);
  if (!input.ok) return null;
  // Points travel with five decimals (paths.ts): compare them so.
  const samePoint = (other: LatLon) =>
    point !== null && other.lat.toFixed(5) === point.lat.toFixed(5) && other.lon.toFixed(5) === point.lon.toFixed(5);
  const inDistrict = portal.search(input.query, MAX_SEARCH_LIMIT, t).results.filter((candidate) => targetOf(candidate) === districtId);
  const result = point
    ? inDistrict.find((candidate) => samePoint(candidate.point))
    : (inDistrict.find((candidate) => candidate.label === input.query) ??
      inDistrict.find((candidate) => candidate.type !== 'address' && candidate.type !== 'street'));
  if (!result) return null;
  const town = result.streetUnknown ? portal.townWholly(result.ags, districtId) : null;
  return {
    label: result.label,
    approximate: result.approximate,
    note: result.note,
    streetUnknownIn: town?.name ?? null,
    streetUnknown: result.streetUnknown,
  };
}
