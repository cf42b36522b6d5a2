import type { Language } from '../../i18n';
import { localizePath, searchResultPath } from '../../paths';
import type { SearchResult } from '../../services/portal';

/**
 * Where a search result leads, in the page's language: its district, carrying what was searched
 * (the district page searches it again for "Ergebnis für: …" and, for a street we do not know,
 * "Ihre Straße ist uns nicht bekannt"), with the point where it is the place asked for.
 */
export function resultHref(result: SearchResult, query: string, language: Language): string {
  return localizePath(searchResultPath(result, result.point, query), language);
}
