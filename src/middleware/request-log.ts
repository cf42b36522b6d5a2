/**
 * Structured logs: one JSON line per request on stdout with time, method, route (the route
 * pattern, e.g. `/bezirk/[id]`, never the query string), status and duration in milliseconds
 * until the answer starts. No IP address, query string, user agent or other request data: they
 * can be personal data. An error that escapes a route is logged as JSON on stderr (name, message,
 * stack: no request data) and answered with a German 500, never a stack trace.
 * REQUEST_LOG=off turns the request lines off (errors are always logged).
 */
import type { APIContext } from 'astro';
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

// Request lines are written together once per turn of the event loop: under a rush, one write
// for many requests instead of one each. Whatever is pending is written when the process exits
// (stdout to a file or a pipe is written synchronously on Linux, so nothing is lost).
let pendingLines: string[] = [];

function writePendingLines(): void {
  if (pendingLines.length === 0) return;
  process.stdout.write(pendingLines.join(''));
  pendingLines = [];
}
process.once('exit', writePendingLines);

/**
 * One request's log line: the route pattern, never the address with its query. `lane: "fast"`
 * marks an answer of the server's fast lane (src/server/fast-lane.ts).
 */
export function logRequest(method: string, route: string, status: number, durationMs: number, lane?: 'fast'): void {
  if (!enabled) return;
  const line = { time: new Date().toISOString(), level: 'info', event: 'request', method, route, status, durationMs: Math.round(durationMs * 10) / 10 };
  if (pendingLines.length === 0) setImmediate(writePendingLines);
  pendingLines.push(`${JSON.stringify(lane ? { ...line, lane } : line)}\n`);
}

/** The route a request is logged under: its route pattern (`/bezirk/[id]`), or the health check's path. */
export function loggedRoute(context: APIContext): string {
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
