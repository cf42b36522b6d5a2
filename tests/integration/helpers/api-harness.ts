/**
 * Calls the API's endpoints the way the server does: the route is found by its path, and the
 * request runs through the project's own middleware for CORS, methods, rate limiting (when a
 * limiter is given) and conditional GET, with the snapshot given as `locals.portal`.
 */
import type { APIContext, APIRoute, MiddlewareHandler } from 'astro';
import { caching } from '../../../src/middleware/caching';
import { cors } from '../../../src/middleware/cors';
import { readOnlyMethods } from '../../../src/middleware/methods';
import { rateLimitWith } from '../../../src/middleware/rate-limit';
import type { RateLimiter } from '../../../src/services/rate-limiter';
import type { Portal } from '../../../src/services/portal';
import * as locate from '../../../src/pages/api/v1/locate';
import * as search from '../../../src/pages/api/v1/search';
import * as districts from '../../../src/pages/api/v1/districts/index';
import * as district from '../../../src/pages/api/v1/districts/[id]';
import * as boundary from '../../../src/pages/api/v1/districts/[id]/boundary';
import * as cities from '../../../src/pages/api/v1/cities/index';
import * as city from '../../../src/pages/api/v1/cities/[id]';
import * as cityBoundary from '../../../src/pages/api/v1/cities/[id]/boundary';
import * as officers from '../../../src/pages/api/v1/officers/index';
import * as officer from '../../../src/pages/api/v1/officers/[id]';
import * as stations from '../../../src/pages/api/v1/stations/index';
import * as station from '../../../src/pages/api/v1/stations/[id]';
import * as inspections from '../../../src/pages/api/v1/inspections';
import * as directorates from '../../../src/pages/api/v1/directorates';
import * as verify from '../../../src/pages/api/v1/accounts/verify';
import * as openapi from '../../../src/pages/api/v1/openapi.json';
import * as rest from '../../../src/pages/api/[...rest]';
import * as download from '../../../src/pages/daten/[file]';

type RouteModule = { GET: APIRoute };

// Same precedence as Astro: static segments before dynamic ones, the catch-all last.
const ROUTES: Array<[RegExp, RouteModule]> = [
  [/^\/api\/v1\/locate$/, locate],
  [/^\/api\/v1\/search$/, search],
  [/^\/api\/v1\/districts$/, districts],
  [/^\/api\/v1\/districts\/(?<id>[^/]+)\/boundary$/, boundary],
  [/^\/api\/v1\/districts\/(?<id>[^/]+)$/, district],
  [/^\/api\/v1\/cities$/, cities],
  [/^\/api\/v1\/cities\/(?<id>[^/]+)\/boundary$/, cityBoundary],
  [/^\/api\/v1\/cities\/(?<id>[^/]+)$/, city],
  [/^\/api\/v1\/officers$/, officers],
  [/^\/api\/v1\/officers\/(?<id>[^/]+)$/, officer],
  [/^\/api\/v1\/stations$/, stations],
  [/^\/api\/v1\/stations\/(?<id>[^/]+)$/, station],
  [/^\/api\/v1\/inspections$/, inspections],
  [/^\/api\/v1\/directorates$/, directorates],
  [/^\/api\/v1\/accounts\/verify$/, verify],
  [/^\/api\/v1\/openapi\.json$/, openapi],
  [/^\/daten\/(?<file>[^/]+)$/, download],
  [/^\/api\/(?<rest>.*)$/, rest],
];

export interface HarnessOptions {
  limiter?: RateLimiter;
  clientAddress?: string;
}

export interface Called {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** Sends `path` (with its raw query) through middleware and route; `init` as for fetch. */
export async function callApi(portal: Portal, path: string, init: RequestInit = {}, options: HarnessOptions = {}): Promise<Called> {
  const url = new URL(`http://portal.test${path}`);
  const request = new Request(url, init);
  const match = ROUTES.map(([pattern, module]) => ({ found: pattern.exec(url.pathname), module })).find((r) => r.found);
  if (!match) throw new Error(`no route for ${url.pathname}`);
  const params = Object.fromEntries(Object.entries(match.found!.groups ?? {}).map(([key, value]) => [key, safeDecode(value)]));
  const context = {
    url,
    request,
    params,
    locals: { portal },
    clientAddress: options.clientAddress ?? '192.0.2.1',
  } as unknown as APIContext;
  const chain: MiddlewareHandler[] = [cors];
  if (options.limiter) chain.push(rateLimitWith(options.limiter));
  chain.push(readOnlyMethods, caching);
  const run = (index: number): Promise<Response> => {
    if (index === chain.length) {
      // Astro answers HEAD with the GET handler and drops the body before the middleware sees it.
      return Promise.resolve(match.module.GET(context)).then((response) =>
        request.method === 'HEAD' ? new Response(null, response) : response,
      );
    }
    return Promise.resolve(chain[index]!(context, () => run(index + 1)) as Response | Promise<Response>);
  };
  const response = await run(0);
  const text = request.method === 'HEAD' ? '' : await response.text();
  let body: unknown = null;
  if (text && /json/.test(response.headers.get('content-type') ?? '')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, body };
}

function safeDecode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
