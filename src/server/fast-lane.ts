/**
 * The server's fast lane: answers what a rush consists of without Astro's request pipeline,
 * exactly as the app would. A request through Astro costs about half a millisecond before any
 * of our work (Request and Response objects, the middleware chain, the adapter's file lookups,
 * header conversion); locating a point costs a few microseconds. So src/server/main.mjs offers
 * every request here first:
 * - an address without query parameters whose answer the app has given before for the current
 *   data version (a district page, the API's lists, map data): served from answer-cache.ts;
 * - `GET /api/v1/locate` and `GET /api/v1/search`, computed by the endpoints' own functions
 *   (services/computed-answers.ts); search answers are kept by their address for the next
 *   visitor who types the same.
 * Only successes are answered here. Errors, refusals, conditional requests (If-None-Match) and
 * everything else go to the app, and with them every message and status code. What applies to
 * every answer applies here through the middleware's own functions: the URL limit, the rate
 * limit, the security and CORS headers, the ETag, compression, the log line. tests/e2e/fast-lane.spec.ts
 * compares its answers with the app's (FAST_LANE=off) header by header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyTag, API_CACHE_CONTROL } from '../services/api';
import { locateAnswer, searchAnswer, type ComputedAnswer } from '../services/computed-answers';
import { JSON_CONTENT_TYPE } from '../services/http';
import { readablePortal } from '../services/snapshot';
import type { Portal } from '../services/portal';
import { CORS_HEADERS } from '../middleware/cors';
import { entityTag } from '../middleware/conditional-get';
import { countedClient, rateLimiter } from '../middleware/rate-limit';
import { MAX_URL_LENGTH } from '../middleware/request-limits';
import { securityHeadersFor } from '../middleware/security-headers';
import { answerCache, answerKey, searchAnswerCache, type AnswerCache, type CachedAnswer } from './answer-cache';
import { endOfTurnBatch } from './end-of-turn.mjs';
import { logRequest } from './log.mjs';
import { chooseEncoding, compressed, isCompressible, shouldCompress, weakened, withVary, type Encoding } from './compression.mjs';

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

interface ComputedEndpoint {
  compute: (portal: Portal, params: URLSearchParams) => ComputedAnswer;
  /** Where answers are kept by their whole address, or null where a query seldom comes twice. */
  cache: AnswerCache | null;
}

/** The endpoints computed from their query, by path (also the route they are logged under). */
const COMPUTED: ReadonlyMap<string, ComputedEndpoint> = new Map([
  // A point (a map click, a location) is hardly ever asked twice.
  ['/api/v1/locate', { compute: locateAnswer, cache: null }],
  // The autocomplete asks the same beginnings ("Han", "Hann", …) for many visitors.
  ['/api/v1/search', { compute: searchAnswer, cache: searchAnswerCache }],
]);

// Built once: the headers of every computed answer besides its length and ETag.
const COMPUTED_HEADERS: Array<[string, string]> = [
  ['Content-Type', JSON_CONTENT_TYPE],
  ['Cache-Control', API_CACHE_CONTROL],
  ...Object.entries(CORS_HEADERS),
  ...securityHeadersFor('/api/v1', null),
];

/**
 * The rate limit, as the app applies it: the client's request is counted only when the lane
 * answers it (`count`); one the limit refuses is left to the app, which refuses it (429).
 */
function rateLimitFor(req: IncomingMessage): { allowed: boolean; count: () => void } {
  const forwardedFor = req.headers['x-forwarded-for'];
  const client = countedClient(rateLimiter, req.socket.remoteAddress, typeof forwardedFor === 'string' ? forwardedFor : null);
  if (client === null) return { allowed: true, count: () => {} };
  return { allowed: rateLimiter.allows(client), count: () => rateLimiter.take(client) };
}

/** The headers an answer is written with for a client's encoding, flat as writeHead takes them. */
interface WrittenHeads {
  flat: string[];
  /** The encoding the body is sent in, or null for as it is. */
  encoding: Encoding | null;
}

/**
 * The headers as the wrapper writes the app's answers (compression.mjs): `Vary: Accept-Encoding`
 * on text; compressed when the client accepts it, without a length and with a weak ETag.
 */
function writtenHeads(headers: Array<[string, string]>, accepted: Encoding | null): WrittenHeads {
  const byName = new Map(headers.map(([name, value]) => [name.toLowerCase(), value]));
  const encoding = shouldCompress(accepted, 200, (name) => byName.get(name)) ? accepted : null;
  const flat: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'vary' || (encoding && (lower === 'content-length' || lower === 'etag'))) continue;
    flat.push(name, value);
  }
  if (isCompressible(byName.get('content-type') ?? '')) flat.push('Vary', withVary(byName.get('vary'), 'Accept-Encoding'));
  const etag = byName.get('etag');
  if (encoding) flat.push('Content-Encoding', encoding, ...(etag ? ['ETag', String(weakened(etag))] : []));
  return { flat, encoding };
}

// A kept answer is written the same way for every client with the same encoding.
const keptHeads = new WeakMap<CachedAnswer, Map<Encoding | null, WrittenHeads>>();

function keptHeadsFor(answer: CachedAnswer, accepted: Encoding | null): WrittenHeads {
  let byEncoding = keptHeads.get(answer);
  if (!byEncoding) keptHeads.set(answer, (byEncoding = new Map()));
  let heads = byEncoding.get(accepted);
  if (!heads) byEncoding.set(accepted, (heads = writtenHeads(answer.headers, accepted)));
  return heads;
}

/** Where an answer is kept: then its headers and compressed bodies are made once and kept too. */
interface Kept {
  cache: AnswerCache;
  key: string;
}

function send(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer, kept: Kept | null, started: number): void {
  const accepted = chooseEncoding(req.headers['accept-encoding']);
  const heads = kept ? keptHeadsFor(answer, accepted) : writtenHeads(answer.headers, accepted);
  // writeHead takes the flat list (name, value, name, value …), also after a header set earlier.
  res.writeHead(200, heads.flat);
  const encoding = heads.encoding;
  let body: Buffer | undefined;
  if (req.method === 'HEAD') body = undefined;
  else if (!encoding) body = answer.body;
  else if (kept) body = kept.cache.encodedBody(kept.key, answer, encoding, (body) => compressed(body, encoding));
  else body = compressed(answer.body, encoding);
  unwritten.add({ method: req.method!, res, body, route: answer.route, started });
}

interface Unwritten {
  method: string;
  res: ServerResponse;
  body: Buffer | undefined;
  route: string;
  started: number;
}

// The lane's answers are written together at the end of the turn of the event loop that made
// them. Under a rush a turn reads many requests; answers written one right after another,
// instead of each between the work for the next, reach the client (a proxy in front, or the
// benchmark's load generator) while it is still awake, and the machine wakes it once for several
// instead of once each. Measured under the bench's load: about 30 % more located points per
// second, and a lower p99; an answer waits at most for the rest of its turn.
const unwritten = endOfTurnBatch<Unwritten>((answers) => {
  for (const { method, res, body, route, started } of answers) {
    res.end(body);
    logRequest(method, route, 200, performance.now() - started, 'fast');
  }
});

function answerRecorded(req: IncomingMessage, res: ServerResponse, pathname: string, portal: Portal, started: number): boolean {
  const key = answerKey(pathname, (name) => req.headers[name]);
  const recorded = answerCache.get(key, portal.info.dataVersion);
  const limit = rateLimitFor(req);
  if (!recorded || !limit.allowed) return false;
  limit.count();
  send(req, res, recorded, { cache: answerCache, key }, started);
  return true;
}

function answerComputed(req: IncomingMessage, res: ServerResponse, endpoint: ComputedEndpoint, url: string, queryAt: number, portal: Portal, started: number): boolean {
  const pathname = url.slice(0, queryAt);
  const limit = rateLimitFor(req);
  if (!limit.allowed) return false;
  const kept = endpoint.cache && { cache: endpoint.cache, key: answerKey(url, (name) => req.headers[name]) };
  let answer = kept?.cache.get(kept.key, portal.info.dataVersion);
  if (!answer) {
    const computed = endpoint.compute(portal, new URLSearchParams(url.slice(queryAt + 1)));
    if (!computed.ok) return false;
    const body = Buffer.from(computed.json);
    const headers: Array<[string, string]> = [
      ...COMPUTED_HEADERS,
      ['Content-Length', String(body.byteLength)],
      ['ETag', entityTag(portal.info.dataVersion, bodyTag(body))],
    ];
    answer = { status: 200, headers, body, route: pathname };
    kept?.cache.put(kept.key, portal.info.dataVersion, answer);
  }
  limit.count();
  send(req, res, answer, kept, started);
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
    const endpoint = queryAt < 0 ? null : COMPUTED.get(pathname);
    if (endpoint === undefined) return false; // a query on an address the lane does not compute
    const portal = readablePortal();
    if (!portal) return false; // the app answers 503
    return endpoint ? answerComputed(req, res, endpoint, url, queryAt, portal, started) : answerRecorded(req, res, pathname, portal, started);
  },
};

/** Hands the lane to the server wrapper (src/server/main.mjs), unless FAST_LANE=off. */
export function publishFastLane(): void {
  if (fastLaneEnabled) (globalThis as Record<symbol, unknown>)[FAST_LANE] = fastLane;
}
