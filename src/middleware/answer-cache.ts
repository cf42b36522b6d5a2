/**
 * Finished answers kept in memory, per data snapshot: an answer is the same for every visitor
 * of its address until the data changes, and rendering a page costs the server several times
 * what sending it does. Kept: successful GET answers that allow caching and vary by nothing but
 * their encoding, by language, host and address (the host because without PUBLIC_ORIGIN a page
 * prints absolute links, e.g. its QR code, from the address it was asked under). Not kept:
 * locate answers (a point is seldom asked twice). Bounded in bytes (ANSWER_CACHE_MB, default
 * 64; 0 turns it off), least recently used out first; a new data version empties it, and so
 * does a new day in Berlin: dated notices (services/notices.ts) change answers at midnight.
 *
 * It sits inside the caching step, so a kept answer still gets its 304 and Cache-Control, and
 * behind the limits and the rate limit, which apply to every request as before. With nginx in
 * front (deploy/) most repeats never reach a replica; this cache serves what the proxy sends on.
 */
import type { MiddlewareHandler } from 'astro';
import { LRUCache } from 'lru-cache';
import { bodyTag } from '../services/api';
import { isEditorPath } from '../services/editor/http';
import { berlinDay } from '../services/notices';

interface KeptAnswer {
  headers: Array<[string, string]>;
  body: Uint8Array<ArrayBuffer>;
}

/** Routes whose answers are not kept: a located point is hardly ever asked for twice. */
const NOT_KEPT: ReadonlySet<string> = new Set(['/api/v1/locate']);
/** What an entry's headers and bookkeeping take besides its body and key (a generous estimate). */
const ENTRY_OVERHEAD_BYTES = 2048;

/** An answer-cache middleware keeping at most `maxBytes` (tests make small ones). */
export function answerCacheOf(maxBytes: number): MiddlewareHandler {
  if (maxBytes <= 0) return (_context, next) => next();
  const kept = new LRUCache<string, KeptAnswer>({
    maxSize: maxBytes,
    // A single answer larger than this would push out too many others.
    maxEntrySize: maxBytes / 8,
    sizeCalculation: (answer, key) => answer.body.byteLength + key.length * 2 + ENTRY_OVERHEAD_BYTES,
  });
  let dataVersion: string | undefined;
  return async (context, next) => {
    // The editor area's answers are per person: never kept (src/middleware/editor.ts).
    if (
      context.request.method !== 'GET' ||
      NOT_KEPT.has(context.routePattern) ||
      isEditorPath(context.url.pathname) ||
      context.locals.preview
    )
      return next();
    const version = `${context.locals.portal?.info.dataVersion ?? ''}|${berlinDay()}`;
    if (version !== dataVersion) {
      kept.clear();
      dataVersion = version;
    }
    // The language step has rewritten /en/… to the one route by now: the language is in the key.
    const key = `${context.locals.language ?? ''}|${context.request.headers.get('host') ?? ''}|${context.url.pathname}${context.url.search}`;
    const hit = kept.get(key);
    // The Response copies the bytes (undici), so the kept body stays as it is.
    if (hit) return new Response(hit.body, { status: 200, headers: hit.headers });
    const response = await next();
    if (!keepable(response)) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    // The tag the caching step would compute from the body, computed once.
    if (!headers.has('ETag')) headers.set('ETag', `"${bodyTag(body)}"`);
    headers.set('Content-Length', String(body.byteLength));
    kept.set(key, { headers: [...headers], body });
    return new Response(body, { status: 200, headers });
  };
}

function keepable(response: Response): boolean {
  if (response.status !== 200 || response.headers.has('Set-Cookie')) return false;
  const vary = response.headers.get('Vary');
  if (vary && vary.split(',').some((name) => name.trim().toLowerCase() !== 'accept-encoding')) return false;
  return !/no-store|private/.test(response.headers.get('Cache-Control') ?? '');
}

export const answerCache = answerCacheOf(Number(process.env.ANSWER_CACHE_MB ?? 64) * 1024 * 1024);
