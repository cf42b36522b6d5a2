/**
 * Per-client rate limit (in memory, per server process). Configured by RATE_LIMIT_PER_MINUTE
 * (sustained, 0 = off), RATE_LIMIT_BURST and RATE_LIMIT_TRUST_PROXY (see README and /api).
 * Static assets never reach the middleware in production; in development they are skipped here.
 * Requests from the machine itself (loopback) are not counted, see below.
 */
import type { MiddlewareHandler } from 'astro';
import { clientKey, isLoopback, RateLimiter, rateLimitConfigFromEnv } from '../services/rate-limiter';
import { refuse } from './error-answer';

const STATIC_ASSET = /^\/_astro\/|\.(?:css|js|mjs|svg|png|jpe?g|webp|ico|woff2?|txt|map)$/;

/**
 * The client a request is counted for, or null when it is not counted (the limit is off, or the
 * client is the machine itself). `forwardedFor` is read only with trustProxy.
 */
function countedClient(limiter: RateLimiter, address: string | undefined, forwardedFor: string | null): string | null {
  if (!limiter.enabled) return null;
  const forwarded = limiter.config.trustProxy ? forwardedFor : null;
  // The machine itself (health checks, a local reverse proxy whose clients are not passed on
  // with RATE_LIMIT_TRUST_PROXY) is not limited: counting a proxy's address as one client
  // would throttle all visitors together.
  if (!forwarded && isLoopback(address)) return null;
  return clientKey(address, forwarded, limiter.config.trustProxy);
}

/** A rate-limit middleware over `limiter` (tests make their own with a small limit). */
export function rateLimitWith(limiter: RateLimiter): MiddlewareHandler {
  return (context, next) => {
    if (!limiter.enabled || STATIC_ASSET.test(context.url.pathname)) return next();
    let address: string | undefined;
    try {
      address = context.clientAddress;
    } catch {
      address = undefined;
    }
    const client = countedClient(limiter, address, context.request.headers.get('x-forwarded-for'));
    const decision = client === null ? null : limiter.take(client);
    if (!decision || decision.allowed) return next();
    const retryAfter = String(decision.retryAfterSeconds);
    return refuse(context.url.pathname, context.locals.language, {
      status: 429,
      code: 'rate_limited',
      apiMessage: 'api.rateLimited',
      title: 'error.rateLimitedTitle',
      text: 'error.rateLimitedText',
      values: { seconds: retryAfter },
      details: { retryAfterSeconds: decision.retryAfterSeconds },
      headers: { 'Retry-After': retryAfter },
    });
  };
}

/** The process's one limiter. */
const rateLimiter = new RateLimiter(rateLimitConfigFromEnv(process.env));
export const rateLimit = rateLimitWith(rateLimiter);
