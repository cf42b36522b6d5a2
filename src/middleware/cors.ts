/**
 * CORS for the open-data API and downloads: any web page may read them with GET (no cookies are
 * involved anywhere, so no credentials are allowed), and a preflight OPTIONS is answered here.
 */
import type { MiddlewareHandler } from 'astro';
import { ALLOWED_METHODS, isApiPath, isDownloadPath } from './open-api-paths';

/** On every answer under the API and the downloads. */
const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After, Content-Disposition, Link',
};

export const cors: MiddlewareHandler = async (context, next) => {
  const { pathname } = context.url;
  if (!isApiPath(pathname) && !isDownloadPath(pathname)) return next();
  if (context.request.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        ...CORS_HEADERS,
        Allow: ALLOWED_METHODS,
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': 'Accept, Accept-Language, Cache-Control, If-None-Match, If-Modified-Since',
        'Access-Control-Max-Age': '86400',
      },
    });
  }
  let response = await next();
  try {
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  } catch {
    response = new Response(response.body, response);
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  }
  return response;
};
