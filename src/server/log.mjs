/**
 * The server's JSON log lines, one way for all who write them: the server wrapper (main.mjs,
 * which runs as it is, so this is plain JavaScript copied beside it by the build), the request
 * log middleware and the fast lane (through Astro's bundle). No IP address, query string, user
 * agent or other request data: they can be personal data. REQUEST_LOG=off silences the request
 * lines; errors are always written.
 */
import { endOfTurnBatch } from './end-of-turn.mjs';

const requestLinesEnabled = process.env.REQUEST_LOG !== 'off';

/**
 * Writes one JSON log line now (stdout for information, stderr for errors).
 * @param {Record<string, unknown>} fields
 * @param {NodeJS.WritableStream} [stream]
 */
export function writeLog(fields, stream = process.stdout) {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...fields })}\n`);
}

// Request lines are written together once per turn of the event loop: under a rush, one write
// for many requests instead of one each. Whatever is pending is written when the process exits
// (stdout to a file or a pipe is written synchronously on Linux, so nothing is lost).
/** @type {import('./end-of-turn.mjs').EndOfTurnBatch<string>} */
const requestLines = endOfTurnBatch((lines) => process.stdout.write(lines.join('')));
process.once('exit', () => requestLines.flush());

/**
 * One request's log line: the route (a route pattern such as `/bezirk/[id]`, never the address
 * with its query), status and duration. `lane: "fast"` marks an answer of the fast lane.
 * @param {string} method
 * @param {string} route
 * @param {number} status
 * @param {number} durationMs
 * @param {'fast'} [lane]
 */
export function logRequest(method, route, status, durationMs, lane) {
  if (!requestLinesEnabled) return;
  const line = { time: new Date().toISOString(), level: 'info', event: 'request', method, route, status, durationMs: Math.round(durationMs * 10) / 10 };
  requestLines.add(`${JSON.stringify(lane ? { ...line, lane } : line)}\n`);
}
