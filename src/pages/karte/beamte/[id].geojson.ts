import type { APIRoute } from 'astro';
import { apiError, geoJson } from '../../../services/http';
import { officerMapJson } from '../../../services/map-data';
import { t } from '../../../i18n';

/** The outlines of every district an officer covers. */
export const GET: APIRoute = ({ params, locals }) => {
  const json = officerMapJson(locals.portal, params.id ?? '');
  return json ? geoJson(json) : apiError(404, 'not_found', t('api.notFound'));
};
