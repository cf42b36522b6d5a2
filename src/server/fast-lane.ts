/**
 * The server's fast lane: answers what a rush consists of without Astro's request pipeline,
 * exactly as the app would. A request through Astro costs about half a millisecond before any
 * of our work (Request and Response objects, the middleware chain, the adapter's file lookups,
 * header conversion); locating a point costs a few microseconds. So src/server/main.mjs offers
 * every request here first:
 * - an address without query parameters whose answer the app has given before for the current
 *   data version (a district page, the API's lists, map data): served from answer-cache.ts;
 * - `GET /api/v1/locate`, computed by the endpoint's own function (services/api.ts).
 * Only successes are answered here. Errors, refusals, conditional requests (If-None-Match) and
 * everything else go to the app, and with them every message and status code. What applies to
 * every answer applies here through the middleware's own functions: the URL limit, the rate
 * limit, the security and CORS headers, the ETag, the log line. tests/e2e/fast-lane.spec.ts
 * compares its answers with the app's (FAST_LANE=off) header by header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyTag, API_CACHE_CONTROL, locateRecord, shapedJson } from '../services/api';
import { LocateResponse } from '../services/api-schemas';
import { JSON_CONTENT_TYPE } from '../services/http';
import { readCoordinates } from '../services/input';
import { getPortal, SnapshotUnavailableError } from '../services/snapshot';
import type { Portal } from '../services/portal';
import { CORS_HEADERS } from '../middleware/cors';
import { entityTag } from '../middleware/conditional-get';
import { rateDecision, rateLimiter } from '../middleware/rate-limit';
import { logRequest } from '../middleware/request-log';
import { MAX_URL_LENGTH } from '../middleware/request-limits';
import { securityHeadersFor } from '../middleware/security-headers';
import { answerCache, answerKey } from './answer-cache';

/** FAST_LANE=off sends every request through the app (for comparison, or should the lane misbehave). */
export const fastLaneEnabled = process.env.FAST_LANE !== 'off';

/** Where the server wrapper finds the lane (it cannot import from Astro's bundle). */
const FAST_LANE = Symbol.for('revierfinder.fast-lane');

export interface FastLane {
  /**
   * Answers the request if it can, and then returns true; false leaves it to the app, untouched.
   * The wrapper offers only requests without a body and with a readable address.
   */
  answer(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Also the route it is logged under: the endpoint's pattern is its path. */
const LOCATE_PATH = '/api/v1/locate';

// Built once: the headers every locate answer has besides its ETag.
const LOCATE_HEADERS: Array<[string, string]> = [
  ['Content-Type', JSON_CONTENT_TYPE],
  ['Cache-Control', API_CACHE_CONTROL],
  ...Object.entries(CORS_HEADERS),
  ...securityHeadersFor(LOCATE_PATH, null),
];

function currentPortal(): Portal | null {
  try {
    return getPortal();
  } catch (error) {
    if (error instanceof SnapshotUnavailableError) return null; // the app answers 503
    throw error;
  }
}

/** True when the client may be answered now; false when the app must refuse it (429). */
function admitted(req: IncomingMessage): boolean {
  const forwardedFor = req.headers['x-forwarded-for'];
  const decision = rateDecision(rateLimiter, req.socket.remoteAddress, typeof forwardedFor === 'string' ? forwardedFor : null);
  // A refused request is left to the app: the limiter refuses it there too (a refusal takes no token).
  return !decision || decision.allowed;
}

function send(req: IncomingMessage, res: ServerResponse, headers: Array<[string, string]>, body: Buffer | string, route: string, started: number): void {
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  logRequest(req.method!, route, 200, performance.now() - started, 'fast');
}

function answerRecorded(req: IncomingMessage, res: ServerResponse, pathname: string, portal: Portal, started: number): boolean {
  const recorded = answerCache.get(answerKey(pathname, (name) => req.headers[name]), portal.info.dataVersion);
  if (!recorded || !admitted(req)) return false;
  send(req, res, recorded.headers, recorded.body, recorded.route, started);
  return true;
}

function answerLocate(req: IncomingMessage, res: ServerResponse, query: string, portal: Portal, started: number): boolean {
  const input = readCoordinates(new URLSearchParams(query));
  if (!input.ok) return false;
  const record = locateRecord(portal, input.point);
  if (!record || !admitted(req)) return false;
  const body = shapedJson(LocateResponse, record);
  const headers: Array<[string, string]> = [
    ...LOCATE_HEADERS,
    ['Content-Length', String(Buffer.byteLength(body))],
    ['ETag', entityTag(portal.info.dataVersion, bodyTag(body))],
  ];
  send(req, res, headers, body, LOCATE_PATH, started);
  return true;
}

const fastLane: FastLane = {
  answer(req, res) {
    const started = performance.now();
    const url = req.url ?? '/';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || url.length > MAX_URL_LENGTH || req.headers['if-none-match'] !== undefined) {
      return false;
    }
    const queryAt = url.indexOf('?');
    const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    if (queryAt >= 0 && pathname !== LOCATE_PATH) return false;
    const portal = currentPortal();
    if (!portal) return false;
    return queryAt < 0 ? answerRecorded(req, res, pathname, portal, started) : answerLocate(req, res, url.slice(queryAt + 1), portal, started);
  },
};

/** Hands the lane to the server wrapper (src/server/main.mjs), unless FAST_LANE=off. */
export function publishFastLane(): void {
  if (fastLaneEnabled) (globalThis as Record<symbol, unknown>)[FAST_LANE] = fastLane;
}
