/**
 * Helpers for the open-data API endpoints: reading declared query parameters (one value each,
 * validated by their zod schema), shaping a body through its response schema, and paging lists.
 */
import { hash } from 'node:crypto';
import type { z } from 'zod';
import { t } from '../i18n';
import { apiError, JSON_CONTENT_TYPE } from './http';
import { soleParam } from './input';
import { DEFAULT_PAGE_LIMIT, limitParam, offsetParam, type QueryParam } from './api-params';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; response: Response };

type Values<P extends Record<string, QueryParam>> = {
  [K in keyof P]: P[K] extends QueryParam<infer T> ? T | undefined : never;
};

/**
 * Reads every declared parameter. The first bad one answers 400 `invalid_parameter`, naming
 * the parameter in the message and in `details.parameter`. Undeclared parameters are ignored.
 */
export function readQuery<P extends Record<string, QueryParam>>(params: URLSearchParams, specs: P): ReadResult<Values<P>> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const raw = soleParam(params, spec.name);
    if (raw === undefined) {
      return { ok: false, response: invalidParameter(spec.name, t('api.repeatedParameter', { name: spec.name })) };
    }
    if (raw === null) {
      if (spec.required) return { ok: false, response: invalidParameter(spec.name, spec.invalid) };
      values[key] = undefined;
      continue;
    }
    const parsed = spec.schema.safeParse(raw.toWellFormed());
    if (!parsed.success) return { ok: false, response: invalidParameter(spec.name, spec.invalid) };
    values[key] = parsed.data;
  }
  return { ok: true, value: values as Values<P> };
}

/** 400 naming the parameter. */
export function invalidParameter(name: string, message: string): Response {
  return apiError(400, 'invalid_parameter', message, { parameter: name });
}

/**
 * 308 from the old address of a district that is now a city divided into districts (Hannover's
 * 032410001) to the city, with the query kept. Cached like any answer, not forever: should the
 * split be undone, the district's address answers again.
 */
export function movedToCity(target: string, url: URL): Response {
  return new Response(null, {
    status: 308,
    headers: { Location: target + url.search, 'Cache-Control': 'public, max-age=300, s-maxage=3600' },
  });
}

/** 404 for an id that is not in the data. */
export function unknownId(kind: string, id: string): Response {
  return apiError(404, 'not_found', t('api.unknownId', { kind, id: id.slice(0, 100) }));
}

/**
 * A 200 JSON answer shaped by `schema`: unknown fields are dropped, and a body that does not
 * match (a bug of ours, never of the client) fails loudly in tests.
 */
export function ok<S extends z.ZodType>(schema: S, body: z.input<S>, headers: Record<string, string> = {}): Response {
  return jsonAnswer(shapedJson(schema, body), headers);
}

/** A 200 answer of JSON text (see `ok`). */
export function jsonAnswer(json: string, headers: Record<string, string> = {}): Response {
  return tagged(json, { 'Content-Type': JSON_CONTENT_TYPE, ...headers });
}

/** The JSON text of `body` shaped by `schema` (see `ok`). */
export function shapedJson<S extends z.ZodType>(schema: S, body: z.input<S>): string {
  return JSON.stringify(schema.parse(body));
}

/** The tag of a body: the first 16 characters of its SHA-256 (the ETag without the data version). */
export function bodyTag(body: string | Uint8Array<ArrayBuffer>): string {
  return hash('sha256', body, 'base64url').slice(0, 16);
}

/**
 * A 200 answer whose ETag is a hash of its body. Set here, where the body is, because Astro
 * drops the body of a HEAD answer before the middleware sees it; the conditional-GET
 * middleware (middleware/caching.ts) puts the data version in front.
 */
export function tagged(body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>): Response {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Length': String(length), ETag: `"${bodyTag(body)}"` } });
}

export interface Page<T> {
  items: T[];
  pagination: { offset: number; limit: number; total: number; next: string | null; prev: string | null };
}

/** One page of `all`, with links to the neighbouring pages (other query parameters kept). */
function paginate<T>(all: T[], url: URL, offset: number, limit: number): Page<T> {
  const link = (start: number) => {
    const target = new URL(url);
    target.searchParams.set('offset', String(start));
    target.searchParams.set('limit', String(limit));
    return `${target.pathname}?${target.searchParams.toString()}`;
  };
  return {
    items: all.slice(offset, offset + limit),
    pagination: {
      offset,
      limit,
      total: all.length,
      next: offset + limit < all.length ? link(offset + limit) : null,
      prev: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    },
  };
}

/** A paged list endpoint's answer: reads `limit` and `offset`, maps only the page's records. */
export function listResponse<R, S extends z.ZodType>(
  url: URL,
  dataVersion: string,
  records: R[],
  toItem: (record: R) => unknown,
  schema: S,
): Response {
  const query = readQuery(url.searchParams, { limit: limitParam, offset: offsetParam });
  if (!query.ok) return query.response;
  const page = paginate(records, url, query.value.offset ?? 0, query.value.limit ?? DEFAULT_PAGE_LIMIT);
  return ok(schema, { items: page.items.map(toItem), pagination: page.pagination, dataVersion } as z.input<S>);
}
