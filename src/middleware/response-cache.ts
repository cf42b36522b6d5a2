/**
 * Rendered answers are the same for every visitor until the data changes, so a page or endpoint
 * without query parameters is rendered once per data version and language and then served from
 * memory (a district page, the API's lists and records, the map's GeoJSON). Only GET answers
 * with status 200 that allow caching are kept; a new data version empties the cache.
 * RESPONSE_CACHE_MB (default 64, 0 = off) bounds the memory; the least recently used go first.
 */
import { defineMiddleware } from 'astro:middleware';

const MAX_BYTES = Number(process.env.RESPONSE_CACHE_MB ?? 64) * 1024 * 1024;
/** A single answer larger than this is not kept (it would push out too many others). */
const MAX_ENTRY_BYTES = MAX_BYTES / 8;

interface Entry {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array<ArrayBuffer>;
}

const entries = new Map<string, Entry>();
let cachedBytes = 0;
let cachedVersion: string | null = null;

function answer(entry: Entry, method: string): Response {
  return new Response(method === 'HEAD' ? null : entry.body, { status: entry.status, headers: entry.headers });
}

function keep(key: string, entry: Entry): void {
  entries.set(key, entry);
  cachedBytes += entry.body.byteLength;
  for (const [oldKey, old] of entries) {
    if (cachedBytes <= MAX_BYTES) break;
    entries.delete(oldKey);
    cachedBytes -= old.body.byteLength;
  }
}

function cacheable(response: Response): boolean {
  if (response.status !== 200 || response.headers.has('Set-Cookie')) return false;
  return !/no-store|private/.test(response.headers.get('Cache-Control') ?? '');
}

export const responseCache = defineMiddleware(async (context, next) => {
  const { method } = context.request;
  if (MAX_BYTES <= 0 || (method !== 'GET' && method !== 'HEAD') || context.url.search !== '') return next();
  const { dataVersion } = context.locals.portal.info;
  if (dataVersion !== cachedVersion) {
    entries.clear();
    cachedBytes = 0;
    cachedVersion = dataVersion;
  }
  // The origin is part of the key: without PUBLIC_ORIGIN, pages print absolute links (QR code,
  // hreflang, sitemap) from the request's Host, which must not leak into another host's answers.
  const key = `${context.locals.language ?? ''} ${context.url.origin} ${context.url.pathname}`;
  const hit = entries.get(key);
  if (hit) {
    // Re-inserted: the Map's order is the order of last use.
    entries.delete(key);
    entries.set(key, hit);
    return answer(hit, method);
  }
  const response = await next();
  // A HEAD answer has no body to keep.
  if (method !== 'GET' || !cacheable(response)) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const entry: Entry = { status: response.status, headers: [...response.headers], body };
  if (body.byteLength <= MAX_ENTRY_BYTES) keep(key, entry);
  return answer(entry, method);
});
