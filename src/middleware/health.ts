/**
 * Health checks for the operator's orchestration, answered before the rate limit and the
 * snapshot step, never cached:
 * - /healthz: the process is alive (200), without touching the database;
 * - /readyz: 200 with the data version and when it was loaded once a snapshot is readable,
 *   503 (JSON, Retry-After) while none is.
 */
import { defineMiddleware } from 'astro:middleware';
import { t } from '../i18n';
import { json } from '../services/http';
import { getPortal, SnapshotUnavailableError, snapshotLoadedAt } from '../services/snapshot';

const NOT_CACHED = { 'Cache-Control': 'no-store' };

export const HEALTH_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

export const health = defineMiddleware((context, next) => {
  const { pathname } = context.url;
  if (pathname === '/healthz') return json({ status: 'ok' }, 200, NOT_CACHED);
  if (pathname !== '/readyz') return next();
  try {
    const { info } = getPortal();
    return json(
      { status: 'ready', dataVersion: info.dataVersion, builtAt: info.builtAt, loadedAt: snapshotLoadedAt() },
      200,
      NOT_CACHED,
    );
  } catch (error) {
    if (!(error instanceof SnapshotUnavailableError)) throw error;
    return json({ status: 'unavailable', message: t('api.unavailable') }, 503, { ...NOT_CACHED, 'Retry-After': '10' });
  }
});
