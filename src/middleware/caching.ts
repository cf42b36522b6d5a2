/**
 * HTTP caching of public answers, for browsers and for shared caches in front (nginx, a CDN).
 * Every answer is the same for every visitor of its address (no cookies, no personalisation;
 * the language is part of the address), so a successful GET answer gets:
 * - `Cache-Control` with `s-maxage` for shared caches (services/http.ts: downloads keep longer);
 * - a weak ETag made of the data version and a hash of the body, so it changes with the data
 *   and with a release that changes a representation; weak, because the same tag stands for
 *   the plain and the compressed body;
 * - 304 for a matching If-None-Match.
 * - `Vary: Accept-Encoding` where the server may compress the answer (src/server/main.mjs), and
 *   nothing else: nothing else varies.
 * 400 and 404 answers are cached briefly; refusals (`no-store`) never.
 */
import type { MiddlewareHandler } from 'astro';
import { bodyTag } from '../services/api';
import { DOWNLOAD_CACHE_CONTROL, ERROR_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from '../services/http';
import { isDownloadPath } from './open-api-paths';
import { isEditorPath } from '../services/editor/http';

export const caching: MiddlewareHandler = async (context, next) => {
  const method = context.request.method;
  const response = await next();
  // The editor area's answers are per person and never cached (src/middleware/editor.ts).
  if ((method !== 'GET' && method !== 'HEAD') || isEditorPath(context.url.pathname) || context.locals.preview) return response;
  if (response.status !== 200) {
    if ((response.status === 400 || response.status === 404) && !response.headers.has('Cache-Control')) {
      return withHeaders(response, { 'Cache-Control': ERROR_CACHE_CONTROL });
    }
    return response;
  }
  if (/no-store|private/.test(response.headers.get('Cache-Control') ?? '')) return response;
  const dataVersion = context.locals.portal?.info.dataVersion ?? 'none';
  // An endpoint tags its body (services/api.ts `tagged`), as does the answer cache; otherwise
  // the body is hashed here.
  let body: Uint8Array<ArrayBuffer> | null = null;
  let tag = response.headers.get('ETag')?.replace(/^W\//, '').replaceAll('"', '');
  if (!tag) {
    // Astro gives the middleware a HEAD answer without its body: nothing to hash.
    if (method === 'HEAD') return response;
    body = new Uint8Array(await response.arrayBuffer());
    tag = bodyTag(body);
  }
  const etag = entityTag(dataVersion, tag);
  const extra: Record<string, string> = { ETag: etag };
  if (!response.headers.has('Cache-Control')) extra['Cache-Control'] = cacheControlFor(context.url.pathname);
  if (COMPRESSIBLE.test(response.headers.get('Content-Type') ?? '')) extra.Vary = 'Accept-Encoding';
  if (matches(context.request.headers.get('if-none-match'), etag)) {
    const notModified = new Headers(extra);
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = response.headers.get(name);
      if (value && !notModified.has(name)) notModified.set(name, value);
    }
    return new Response(null, { status: 304, headers: notModified });
  }
  if (body)
    return new Response(body, {
      status: 200,
      headers: { ...Object.fromEntries(response.headers), ...extra, 'Content-Length': String(body.byteLength) },
    });
  return withHeaders(response, extra, method === 'HEAD');
};

/** Types the server compresses (the compression package's choice, by the mime database). */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript)\b|image\/svg\+xml)/i;

function cacheControlFor(pathname: string): string {
  return isDownloadPath(pathname) ? DOWNLOAD_CACHE_CONTROL : PUBLIC_CACHE_CONTROL;
}

/** The (weak) ETag of an answer: the data version, then the body's tag. */
function entityTag(dataVersion: string, tag: string): string {
  return tag.startsWith(`${dataVersion}-`) ? `W/"${tag}"` : `W/"${dataVersion}-${tag}"`;
}

/**
 * The headers a 304 repeats from the answer it stands for. A browser or nginx replaces the kept
 * answer's headers with these, so the page's Content-Security-Policy (Astro's hashes of its inline
 * scripts and styles, completed by the security-headers step) must come along unchanged.
 */
const NOT_MODIFIED_HEADERS = [
  'ETag',
  'Cache-Control',
  'Vary',
  'Content-Location',
  'Access-Control-Allow-Origin',
  'Content-Security-Policy',
];

/** If-None-Match with weak comparison (RFC 9110 13.1.2): `*`, or any listed tag equal to ours. */
export function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** `response` with `extra` headers: set in place where its headers may change, else on a copy. */
function withHeaders(response: Response, extra: Record<string, string>, dropBody = false): Response {
  if (!dropBody) {
    try {
      for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
      return response;
    } catch {
      // immutable headers (e.g. a redirect's): copied below
    }
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(dropBody ? null : response.body, { status: response.status, statusText: response.statusText, headers });
}
