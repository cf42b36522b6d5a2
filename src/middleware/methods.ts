/**
 * The API and the downloads are read-only: any method but GET, HEAD and OPTIONS gets 405 with
 * `Allow` (Astro itself would answer 404), and an unknown API path a JSON 404, never a page.
 */
import type { MiddlewareHandler } from 'astro';
import { apiError } from '../services/http';
import { t } from '../i18n';
import { ALLOWED_METHODS, isApiPath, isDownloadPath } from './open-api-paths';

export const readOnlyMethods: MiddlewareHandler = (context, next) => {
  const { pathname } = context.url;
  if (!isApiPath(pathname) && !isDownloadPath(pathname)) return next();
  const method = context.request.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
  const response = apiError(405, 'method_not_allowed', t('api.methodNotAllowed', { method: method.slice(0, 20) }));
  response.headers.set('Allow', ALLOWED_METHODS);
  response.headers.set('Cache-Control', 'no-store');
  return response;
};
