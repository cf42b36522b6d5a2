/**
 * Gives every request its snapshot (the current one, or behind nginx the data version nginx
 * names), and answers 503 with a clear message (never a stack trace) while it is not readable:
 * nginx then asks another replica. Every answer from a snapshot names its data version
 * (X-Revierfinder-Data-Version): which one a citizen got is visible, also through nginx's cache.
 */
import { defineMiddleware } from 'astro:middleware';
import { DATA_VERSION_HEADER, portalFor, SnapshotUnavailableError } from '../services/snapshot';
import { t as german, translator, DEFAULT_LANGUAGE } from '../i18n';
import { JSON_CONTENT_TYPE } from '../services/http';

export const provideSnapshot = defineMiddleware(async (context, next) => {
  // The editor's preview has put its own snapshot here (src/middleware/editor.ts).
  if (context.locals.preview) return next();
  try {
    context.locals.portal = portalFor(context.request.headers);
  } catch (error) {
    if (!(error instanceof SnapshotUnavailableError)) throw error;
    console.error(error.message);
    const isApi = context.url.pathname.startsWith('/api/');
    // The page speaks the request's language; the API's messages are German.
    const language = context.locals.language ?? DEFAULT_LANGUAGE;
    const t = translator(language);
    const body = isApi
      ? JSON.stringify({ error: { code: 'unavailable', message: german('api.unavailable') } })
      : `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${t('error.unavailableTitle')}</title></head><body><main><h1>${t('error.unavailableTitle')}</h1><p>${t('error.unavailableText')}</p></main></body></html>`;
    return new Response(body, {
      status: 503,
      headers: {
        'Content-Type': isApi ? JSON_CONTENT_TYPE : 'text/html; charset=utf-8',
        'Retry-After': '60',
      },
    });
  }
  const response = await next();
  try {
    response.headers.set(DATA_VERSION_HEADER, context.locals.portal.info.dataVersion);
  } catch {
    // A response with immutable headers (Response.redirect): it carries no data anyway.
  }
  return response;
});
