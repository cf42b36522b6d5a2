/**
 * Request pipeline: one small middleware per concern, composed here in order. Add a concern as
 * its own file in this folder and list it below.
 */
import { sequence } from 'astro:middleware';
import { requestLog } from './request-log';
import { securityHeaders } from './security-headers';
import { health } from './health';
import { requestLimits } from './request-limits';
import { cors } from './cors';
import { readOnlyMethods } from './methods';
import { rateLimit } from './rate-limit';
import { conditionalGet } from './conditional-get';
import { provideSnapshot } from './snapshot';
import { language } from './language';
import { responseCache } from './response-cache';
import { publishFastLane } from '../server/fast-lane';

// requestLog outermost: it times and logs every answer and turns an escaped error into a 500.
// responseCache next: it records the finished answer (every header set) under the address the
// client asked for, before the language step rewrites it. language next: it sets locals.language and rewrites /en/… to the one route, so every later
// step (and its error pages) sees the unprefixed path. securityHeaders next: its headers then
// reach every answer after it, refusals and the snapshot's 503 page included. health before the
// limits, the rate limit and the snapshot (a probe is never throttled; /readyz reports the 503).
// cors outside the rate limit and the method check, so that browsers can read their answers
// (429 with Retry-After, 405 with Allow); conditionalGet inside the snapshot, whose data version
// it puts into the ETag.
export const onRequest = sequence(
  requestLog,
  responseCache,
  language,
  securityHeaders,
  health,
  requestLimits,
  cors,
  rateLimit,
  readOnlyMethods,
  provideSnapshot,
  conditionalGet,
);

// The server wrapper serves recorded answers and locate without this chain (src/server/fast-lane.ts);
// it can reach the lane only through the app's bundle, which loads this file.
publishFastLane();
