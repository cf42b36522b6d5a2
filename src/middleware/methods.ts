/**
 * The portal only reads: every route answers GET, HEAD and OPTIONS, and any other method gets
 * 405 with `Allow` (Astro itself would render a page for POST, or answer 404), as JSON under
 * /api/ and /daten/, as a German page elsewhere. An unknown API path gets a JSON 404, never a
 * page. OPTIONS on the API and downloads is the CORS preflight (cors.ts); on pages it is 204.
 */
import type { MiddlewareHandler } from 'astro';
import { refuse } from './error-answer';
import { ALLOWED_METHODS, isApiPath, isDownloadPath } from './open-api-paths';
import { isEditorPath } from '../services/editor/http';

export const readOnlyMethods: MiddlewareHandler = (context, next) => {
  const method = context.request.method;
  if (method === 'GET' || method === 'HEAD') return next();
  const { pathname } = context.url;
  // The editor area takes form POSTs, checked by src/middleware/editor.ts before they get here.
  if (method === 'POST' && isEditorPath(pathname)) return next();
  const data = isApiPath(pathname) || isDownloadPath(pathname);
  if (method === 'OPTIONS') return data ? next() : new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS } });
  return refuse(pathname, context.locals.language, {
    status: 405,
    code: 'method_not_allowed',
    apiMessage: 'api.methodNotAllowed',
    title: 'error.methodNotAllowedTitle',
    text: 'error.methodNotAllowedText',
    values: { method: method.slice(0, 20) },
    headers: { Allow: ALLOWED_METHODS },
  });
};
