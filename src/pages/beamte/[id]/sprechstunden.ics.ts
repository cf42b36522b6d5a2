import type { APIRoute } from 'astro';
import { i18nFor } from '../../../i18n';
import { sprechstundenCalendar } from '../../../services/office-hours';
import { absoluteUrl } from '../../../services/public-origin';

/**
 * A KOBB's coming Sprechstunden as an iCalendar file (RFC 5545). Computed from the current time,
 * so marked private: the fast lane keeps only answers that stay the same until the data changes.
 */
export const GET: APIRoute = ({ params, locals, url }) => {
  const { t, paths, language } = i18nFor(locals.language);
  const view = locals.portal.officerView(params.id ?? '');
  if (!view) {
    return new Response(t('officer.notFound'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=60' },
    });
  }
  const { officer } = view;
  const body = sprechstundenCalendar(officer, officer.station, absoluteUrl(paths.officer(officer.id), url), language);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="sprechstunden-${officer.id}.ics"`,
      'Cache-Control': 'private, max-age=3600',
    },
  });
};
