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

/** Map data: cacheable for as long as the snapshot it came from. */
export function geoJson(body: unknown, dataVersion: string): Response {
  return new Response(JSON.stringify(body), {
    headers: {
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      ETag: `"${dataVersion}"`,
    },
  });
}
