/**
 * Structured logs (pino, src/server/log.mjs): one JSON line per request on stdout with
 * time, method, route (the route pattern, e.g. `/bezirk/[id]`, never the query string), status
 * and duration in milliseconds until the answer starts. An error that escapes a route is logged
 * as JSON on stderr (name, message, stack: no request data) and answered with a German 500,
 * never a stack trace.
 */
import type { APIContext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { refuse } from './error-answer';
import { HEALTH_PATHS } from './health';
import { logError, logRequest } from '../server/log.mjs';

/** The route a request is logged under: its route pattern (`/bezirk/[id]`), or the health check's path. */
function loggedRoute(context: APIContext): string {
  // The health checks are answered by the middleware and have no route of their own.
  return HEALTH_PATHS.has(context.url.pathname) ? context.url.pathname : context.routePattern;
}

export const requestLog = defineMiddleware(async (context, next) => {
  const started = performance.now();
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    logError(error);
    response = refuse(context.url.pathname, context.locals.language, {
      status: 500,
      code: 'internal_error',
      apiMessage: 'api.internal',
      title: 'error.internalTitle',
      text: 'error.internalText',
    });
  }
  logRequest(context.request.method, loggedRoute(context), response.status, performance.now() - started);
  return response;
});
