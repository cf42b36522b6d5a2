/**
 * Structured logs: one JSON line per request on stdout with time, method, route (the route
 * pattern, e.g. `/bezirk/[id]`, never the query string), status and duration in milliseconds
 * until the answer starts. No IP address, query string, user agent or other request data: they
 * can be personal data. An error that escapes a route is logged as JSON on stderr (name, message,
 * stack: no request data) and answered with a German 500, never a stack trace.
 * REQUEST_LOG=off turns the request lines off (errors are always logged).
 */
import { defineMiddleware } from 'astro:middleware';
import { refuse } from './error-answer';
import { HEALTH_PATHS } from './health';

const enabled = process.env.REQUEST_LOG !== 'off';

/** Writes one JSON log line (stdout for information, stderr for errors). */
export function writeLog(fields: Record<string, unknown>, stream: NodeJS.WriteStream = process.stdout): void {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

/** Logs an error as JSON, without anything from the request that caused it. */
export function logError(error: unknown): void {
  const { name, message, stack } = error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined };
  writeLog({ level: 'error', event: 'error', name, message, stack }, process.stderr);
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
  if (enabled) {
    writeLog({
      level: 'info',
      event: 'request',
      method: context.request.method,
      // The health checks are answered by the middleware and have no route of their own.
      route: HEALTH_PATHS.has(context.url.pathname) ? context.url.pathname : context.routePattern,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  }
  return response;
});
