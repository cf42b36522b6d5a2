import type { APIRoute } from 'astro';
import { t } from '../../i18n';
import { apiError } from '../../services/http';

/** Any other path under /api/: a JSON 404 in the API's error shape, not the HTML page. */
export const GET: APIRoute = () => apiError(404, 'not_found', t('api.unknownPath'));
