/**
 * Health checks for the operator's orchestration, answered before the rate limit and the
 * snapshot step, never cached:
 * - /healthz: the process is alive (200), without touching the database;
 * - /readyz: 200 with the data version and when it was loaded once a snapshot is readable,
 *   503 (JSON, Retry-After) while none is. Asked with the data-version header (behind nginx),
 *   it loads that version first: deploy/publish-snapshot.mjs readies every replica so.
 */
import { defineMiddleware } from 'astro:middleware';
import { t } from '../i18n';
import { json } from '../services/http';
import { readablePortal, snapshotLoadedAt } from '../services/snapshot';

const NOT_CACHED = { 'Cache-Control': 'no-store' };

export const HEALTH_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

export const health = defineMiddleware((context, next) => {
  const { pathname } = context.url;
  if (pathname === '/healthz') return json({ status: 'ok' }, 200, NOT_CACHED);
  if (pathname !== '/readyz') return next();
  const portal = readablePortal(context.request.headers);
  if (!portal) return json({ status: 'unavailable', message: t('api.unavailable') }, 503, { ...NOT_CACHED, 'Retry-After': '10' });
  const { info } = portal;
  return json(
    { status: 'ready', dataVersion: info.dataVersion, builtAt: info.builtAt, loadedAt: snapshotLoadedAt(portal) },
    200,
    NOT_CACHED,
  );
});
