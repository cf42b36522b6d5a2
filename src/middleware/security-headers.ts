/**
 * Security headers on every answer the app gives (pages, API, GeoJSON, downloads, error pages),
 * route-agnostic, so new pages are covered without a list. This file is the one place that
 * builds the Content-Security-Policy:
 * - Astro (`security.csp` in astro.config.mjs) puts `script-src` and `style-src` with the hashes
 *   of the page's own inline scripts and styles into a page's header; they are kept as they are.
 *   Answers without them (endpoints, refusals) get `'self'` only. Never `'unsafe-inline'` scripts.
 * - Everything else is set here: nothing from other hosts, and `frame-ancestors 'none'` except
 *   for the widget's framed views under /embed/, which the portal itself and the allowlisted
 *   host websites may frame (EMBED_ALLOWED_ORIGINS, data/embed-origins.json).
 * Static files never reach the middleware: the server wrapper (src/server/main.mjs) copies the
 * headers of a non-page answer onto them.
 */
import { defineMiddleware } from 'astro:middleware';
import { embedAllowlist, frameAncestors } from '../services/embed-origins';
import { tileImageOrigins } from '../services/map-tiles';

/** True for the widget's framed views. */
function isEmbedPath(pathname: string): boolean {
  return pathname === '/embed' || pathname.startsWith('/embed/');
}

type Policy = Map<string, string>;

// Leaflet draws into inline SVG and sets element styles from script (allowed by CSP); map data
// and search suggestions come from the portal itself. Images from another host only when the
// operator configured a tile server (services/map-tiles.ts), and then only from that one.
const PORTAL_POLICY: Array<[string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', ["'self'", 'data:', ...tileImageOrigins()].join(' ')],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
];

// Inside the widget's frame: nothing but the portal's own scripts, styles and images, forms only
// back to the portal, no requests to any other host.
const EMBED_POLICY: Array<[string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  // The frame itself fetches nothing; 'self' lets crawlers' checks (robots.txt) run in it.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
];

/** Directives Astro computes per page (hashes of inline scripts and styles): taken over unchanged. */
const FROM_ASTRO = /^(?:script|style)-src(?:-elem|-attr)?$/;

function parsePolicy(header: string | null): Policy {
  const policy: Policy = new Map();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources.join(' '));
  }
  return policy;
}

// Few distinct policies exist (one per set of page hashes), so each is built once.
const built = new Map<string, string>();

/** The Content-Security-Policy for an answer to `pathname`, given the one Astro set (if any). */
function contentSecurityPolicy(pathname: string, fromAstro: string | null): string {
  const embed = isEmbedPath(pathname);
  const key = `${embed}\n${fromAstro ?? ''}`;
  let policy = built.get(key);
  if (policy === undefined) {
    if (built.size >= 256) built.clear();
    policy = buildPolicy(embed, fromAstro);
    built.set(key, policy);
  }
  return policy;
}

function buildPolicy(embed: boolean, fromAstro: string | null): string {
  const policy: Policy = new Map(embed ? EMBED_POLICY : PORTAL_POLICY);
  if (embed) policy.set('frame-ancestors', frameAncestors(embedAllowlist().patterns).replace(/^frame-ancestors /, ''));
  for (const [name, sources] of parsePolicy(fromAstro)) {
    if (FROM_ASTRO.test(name)) policy.set(name, sources);
  }
  return [...policy].map(([name, sources]) => `${name} ${sources}`.trim()).join('; ');
}

/** HSTS only where the operator serves the portal over HTTPS: HSTS=1, or an https PUBLIC_ORIGIN (HSTS=0 turns it off). */
export function hstsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  if (env.HSTS === '0') return false;
  return env.HSTS === '1' || /^https:\/\//i.test(env.PUBLIC_ORIGIN?.trim() ?? '');
}

const HSTS_VALUE = 'max-age=31536000';

/** The headers every answer gets besides the CSP. */
function commonSecurityHeaders(embed: boolean, env: Record<string, string | undefined> = process.env): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    // Inside the frame nothing identifying the host page or its visitor leaves with a link.
    'Referrer-Policy': embed ? 'no-referrer' : 'strict-origin-when-cross-origin',
    // Geolocation only for the portal's own "my location" button; nothing else is ever used.
    'Permissions-Policy':
      'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(hstsEnabled(env) ? { 'Strict-Transport-Security': HSTS_VALUE } : {}),
  };
}

// Read once at start-up, like the rest of the configuration.
const COMMON_HEADERS: Record<'page' | 'embed', Array<[string, string]>> = {
  page: [...Object.entries(commonSecurityHeaders(false)), ['X-Frame-Options', 'DENY']],
  embed: Object.entries(commonSecurityHeaders(true)),
};

/**
 * Every security header of an answer to `pathname`, given the CSP Astro set (if any). Frames
 * under /embed/ get no X-Frame-Options (frame-ancestors decides); the middleware removes one.
 */
function securityHeadersFor(pathname: string, fromAstro: string | null): Array<[string, string]> {
  const embed = isEmbedPath(pathname);
  return [['Content-Security-Policy', contentSecurityPolicy(pathname, fromAstro)], ...COMMON_HEADERS[embed ? 'embed' : 'page']];
}

export const securityHeaders = defineMiddleware(async (context, next) => {
  let response = await next();
  const { pathname } = context.url;
  const set = (headers: Headers) => {
    for (const [name, value] of securityHeadersFor(pathname, headers.get('Content-Security-Policy'))) headers.set(name, value);
    if (isEmbedPath(pathname)) headers.delete('X-Frame-Options');
  };
  try {
    set(response.headers);
  } catch {
    // Some responses (redirects) have immutable headers: copy them into a new response.
    response = new Response(response.body, response);
    set(response.headers);
  }
  return response;
});
