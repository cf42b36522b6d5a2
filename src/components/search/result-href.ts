import type { paths as Paths } from '../../paths';
import type { SearchResult } from '../../services/portal';

/**
 * Where a search result leads: its district; with the point for an address or street (the
 * district page shows it and any nearby boundary); with the town of a street we do not know
 * (the district page says so at its top).
 */
export function resultHref(result: SearchResult, paths: typeof Paths): string {
  if (result.streetUnknown) return paths.district(result.district.id, undefined, result.ags ?? undefined);
  if (result.type === 'address' || result.type === 'street') return paths.district(result.district.id, result.point);
  return paths.district(result.district.id);
}
