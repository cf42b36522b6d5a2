import type { APIRoute } from 'astro';
import { MAX_QUERY_LENGTH, readLimit, readSearchQuery } from '../../../services/input';
import { apiError } from '../../../services/http';
import { searchResponse } from '../../../services/api';
import { t } from '../../../i18n';

/** GET /api/v1/search?q=&limit= → addresses, streets and places matching the query, best first. */
export const GET: APIRoute = ({ url, locals }) => {
  const query = readSearchQuery(url.searchParams);
  if (!query.ok) return apiError(400, 'invalid_query', t('api.invalidQuery', { max: MAX_QUERY_LENGTH }));
  const limit = readLimit(url.searchParams);
  if (!limit.ok) return apiError(400, 'invalid_limit', limit.message);
  const results = locals.portal.search(query.query, limit.limit);
  return searchResponse({
    results: results.map((result) => ({
      type: result.type,
      label: result.label,
      lat: result.point.lat,
      lon: result.point.lon,
      postcode: result.postcode,
      municipality: result.municipality,
      district: { id: result.district.id, name: result.district.name },
      approximate: result.approximate,
      note: result.note,
      street: result.street,
      houseNumber: result.houseNumber,
    })),
  });
};
