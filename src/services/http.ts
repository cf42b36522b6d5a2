/** Response helpers for the JSON API: one error shape, one way of writing JSON. */

export type ApiErrorCode =
  | 'invalid_coordinates'
  | 'outside_area'
  | 'invalid_query'
  | 'invalid_limit'
  | 'not_found'
  | 'invalid_parameter'
  | 'invalid_account'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'unavailable'
  | 'bad_request'
  | 'uri_too_long'
  | 'payload_too_large'
  | 'internal_error';

/**
 * Caching of successful answers (set by middleware/caching.ts; shown on /api). Every answer is the
 * same for everyone, so shared caches may keep it (`s-maxage`) longer than a browser: nginx in
 * front keys its cache by the data version (deploy/), and a new snapshot gives new ETags.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=300, s-maxage=3600, stale-while-revalidate=86400';
/** Downloads, the sitemap and robots.txt: they change only with the data, and are looked at seldom. */
export const DOWNLOAD_CACHE_CONTROL = 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=86400';
/** 400 and 404: the same for everyone too, but kept only briefly. */
export const ERROR_CACHE_CONTROL = 'public, max-age=60';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const jsonHeaders = { 'Content-Type': JSON_CONTENT_TYPE };

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...jsonHeaders, ...headers } });
}

/** The API's one error shape: `{ "error": { "code", "message" } }`. */
export function apiError(status: number, code: ApiErrorCode, message: string, details?: unknown): Response {
  return json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status);
}

/** Map data (GeoJSON text); middleware/caching.ts gives it its ETag and Cache-Control. */
export function geoJson(json: string): Response {
  return new Response(json, { headers: { 'Content-Type': 'application/geo+json; charset=utf-8' } });
}
