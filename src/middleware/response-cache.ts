/**
 * Records finished answers for the server's fast lane (src/server/fast-lane.ts), which serves
 * them until the data changes (src/server/answer-cache.ts): GET answers to addresses without
 * query parameters, with status 200, that allow caching and vary by nothing but the address.
 * It sits outside every step that adds headers, so a recorded answer is the one the client got.
 * The app itself never serves from it: a request that reaches the app (a first visit, a
 * conditional request, one the fast lane leaves to the app, or `astro dev`) is rendered.
 */
import { defineMiddleware } from 'astro:middleware';
import { answerCache, answerKey } from '../server/answer-cache';
import { fastLaneEnabled } from '../server/fast-lane';
import { loggedRoute } from './request-log';

function cacheable(response: Response): boolean {
  if (response.status !== 200 || response.headers.has('Set-Cookie')) return false;
  const vary = response.headers.get('Vary');
  if (vary && vary.split(',').some((name) => name.trim().toLowerCase() !== 'accept-encoding')) return false;
  return !/no-store|private/.test(response.headers.get('Cache-Control') ?? '');
}

export const responseCache = defineMiddleware(async (context, next) => {
  // Read before next(): a language rewrite (/en/… → /…) changes context.url for every step.
  const asked = context.url;
  const response = await next();
  const dataVersion = context.locals.portal?.info.dataVersion;
  if (
    !fastLaneEnabled ||
    !answerCache.enabled ||
    context.request.method !== 'GET' ||
    asked.search !== '' ||
    !dataVersion ||
    !cacheable(response)
  ) {
    return response;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const key = answerKey(asked.pathname, (name) => context.request.headers.get(name));
  answerCache.put(key, dataVersion, { status: response.status, headers: [...response.headers], body, route: loggedRoute(context) });
  return new Response(body, response);
});
