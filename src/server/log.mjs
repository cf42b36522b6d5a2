/**
 * The server's structured log (pino): one JSON line per event, information on stdout, warnings
 * and errors on stderr. Shared by the request-log middleware (through Astro's bundle) and the
 * server entry (main.mjs, which runs as it is, hence plain JavaScript). No IP address, query
 * string, user agent or other request data is ever logged: they can be personal data.
 * REQUEST_LOG=off silences the per-request lines; everything else is always written.
 */
import pino from 'pino';

const requestLinesEnabled = process.env.REQUEST_LOG !== 'off';

// Synchronous writes: each line is one write(2) of a whole line, so the two module graphs that
// log (bundle and entry) never interleave, and nothing is lost when the process exits.
export const log = pino(
  {
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  pino.multistream(
    [
      { level: 'debug', stream: pino.destination({ dest: 1, sync: true }) },
      { level: 'warn', stream: pino.destination({ dest: 2, sync: true }) },
    ],
    { dedupe: true },
  ),
);

/**
 * One request's log line: the route (a route pattern such as `/bezirk/[id]`, never the address
 * with its query), status and duration in milliseconds.
 * @param {string} method
 * @param {string} route
 * @param {number} status
 * @param {number} durationMs
 */
export function logRequest(method, route, status, durationMs) {
  if (requestLinesEnabled) log.info({ event: 'request', method, route, status, durationMs: Math.round(durationMs * 10) / 10 });
}

/**
 * An error, by name, message and stack only (never the request that caused it).
 * @param {unknown} error
 */
export function logError(error) {
  const { name, message, stack } = error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined };
  log.error({ event: 'error', name, message, stack });
}
