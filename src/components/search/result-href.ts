import type { paths as Paths } from '../../paths';
import type { SearchResult } from '../../services/portal';

/**
 * Where a search result leads: its district; with the point for an address, street or Ortsteil
 * (the district page marks it and any nearby boundary); with the town of a street we do not
 * know (the district page says so at its top).
 */
export function resultHref(result: SearchResult, paths: typeof Paths): string {
  if (result.streetUnknown) return paths.district(result.district.id, undefined, result.ags ?? undefined);
  return paths.district(result.district.id, result.pointOnMap ? result.point : undefined);
}
