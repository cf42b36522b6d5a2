/**
 * Caching of the API and the downloads: a successful answer gets an ETag made of the data
 * version and a hash of the body (so it also changes when a release changes a representation),
 * `Cache-Control` with stale-while-revalidate, and a matching If-None-Match gets 304.
 * Error answers are cached briefly (404, 400) or not at all.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'astro';
import { API_CACHE_CONTROL, DOWNLOAD_CACHE_CONTROL } from '../services/api';
import { isApiPath, isDownloadPath } from './open-api-paths';

const ERROR_CACHE_CONTROL = 'public, max-age=60';

export const conditionalGet: MiddlewareHandler = async (context, next) => {
  const { pathname } = context.url;
  const api = isApiPath(pathname);
  if (!api && !isDownloadPath(pathname)) return next();
  const method = context.request.method;
  const response = await next();
  if (method !== 'GET' && method !== 'HEAD') return response;
  if (response.status !== 200) {
    if ((response.status === 400 || response.status === 404) && !response.headers.has('Cache-Control')) {
      return withHeaders(response, { 'Cache-Control': ERROR_CACHE_CONTROL });
    }
    return response;
  }
  const dataVersion = context.locals.portal?.info.dataVersion ?? 'none';
  const headers = new Headers(response.headers);
  // The route tags its body (see services/api.ts `tagged`); otherwise the body is hashed here.
  let body: Uint8Array<ArrayBuffer> | null = null;
  let tag = headers.get('ETag')?.replace(/^W\//, '').replaceAll('"', '');
  if (!tag) {
    if (method === 'HEAD') return response;
    body = new Uint8Array(await response.arrayBuffer());
    tag = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  }
  const etag = entityTag(dataVersion, tag);
  headers.set('ETag', etag);
  if (!headers.has('Cache-Control') || /max-age=300$/.test(headers.get('Cache-Control') ?? '')) {
    headers.set('Cache-Control', api ? API_CACHE_CONTROL : DOWNLOAD_CACHE_CONTROL);
  }
  if (matches(context.request.headers.get('if-none-match'), etag)) {
    const notModified = new Headers();
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = headers.get(name);
      if (value) notModified.set(name, value);
    }
    return new Response(null, { status: 304, headers: notModified });
  }
  return new Response(method === 'HEAD' ? null : (body ?? response.body), { status: 200, headers });
};

/** The ETag of an answer: the data version, then the body's tag (services/api.ts `bodyTag`). */
export function entityTag(dataVersion: string, tag: string): string {
  return tag.startsWith(`${dataVersion}-`) ? `"${tag}"` : `"${dataVersion}-${tag}"`;
}

/** The headers a 304 repeats from the answer it stands for. */
const NOT_MODIFIED_HEADERS = ['ETag', 'Cache-Control', 'Vary', 'Content-Location', 'Access-Control-Allow-Origin'];

/** If-None-Match with weak comparison (RFC 9110 13.1.2): `*`, or any listed tag equal to ours. */
export function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

function withHeaders(response: Response, extra: Record<string, string>): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
