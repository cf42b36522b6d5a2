import type { APIRoute } from 'astro';
import { searchAnswer } from '../../../services/computed-answers';

/**
 * GET /api/v1/search?q=&limit=&lang= → addresses, streets and places matching the query, best
 * first; `lang` chooses the language of the notes (the portal's autocomplete asks in its own).
 */
export const GET: APIRoute = ({ url, locals }) => searchAnswer(locals.portal, url.searchParams);
