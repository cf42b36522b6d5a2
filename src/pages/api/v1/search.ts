import type { APIRoute } from 'astro';
import { MAX_QUERY_LENGTH, readLimit, readSearchQuery } from '../../../services/input';
import { apiError } from '../../../services/http';
import { readQuery, searchResponse } from '../../../services/api';
import { languageParam } from '../../../services/api-schemas';
import { t, translator, DEFAULT_LANGUAGE } from '../../../i18n';

/**
 * GET /api/v1/search?q=&limit=&lang= → addresses, streets and places matching the query, best
 * first; `lang` chooses the language of the notes (the portal's autocomplete asks in its own).
 */
export const GET: APIRoute = ({ url, locals }) => {
  const query = readSearchQuery(url.searchParams);
  if (!query.ok) return apiError(400, 'invalid_query', t('api.invalidQuery', { max: MAX_QUERY_LENGTH }));
  const limit = readLimit(url.searchParams);
  if (!limit.ok) return apiError(400, 'invalid_limit', limit.message);
  const language = readQuery(url.searchParams, { lang: languageParam });
  if (!language.ok) return language.response;
  const results = locals.portal.search(query.query, limit.limit, translator(language.value.lang ?? DEFAULT_LANGUAGE));
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
