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
import { caching } from './caching';
import { answerCache } from './answer-cache';
import { provideSnapshot } from './snapshot';
import { language } from './language';
import { editor } from './editor';
// The operator's configuration file is read and checked as the pipeline loads: the server asks
// its own /healthz before it listens (src/server/main.mjs) and does not start when that fails.
import '../services/operator';

// requestLog outermost: it times and logs every answer and turns an escaped error into a 500.
// language next: it sets locals.language and rewrites /en/… to the one route, so every later
// step (and its error pages) sees the unprefixed path. securityHeaders next: its headers then
// reach every answer after it, refusals and the snapshot's 503 page included. health before the
// limits, the rate limit and the snapshot (a probe is never throttled; /readyz reports the 503).
// cors outside the rate limit and the method check, so that browsers can read their answers
// (429 with Retry-After, 405 with Allow); caching inside the snapshot, whose data version it
// puts into the ETag; answerCache innermost, so that every step before it applies to a kept
// answer too (limits, rate limit, 304).
// editor (the /redaktion area) after the rate limit and before the method check: it alone admits
// POST, for its own paths, after the origin check, the session and the CSRF token.
export const onRequest = sequence(
  requestLog,
  language,
  securityHeaders,
  health,
  requestLimits,
  cors,
  rateLimit,
  editor,
  readOnlyMethods,
  provideSnapshot,
  caching,
  answerCache,
);
