import type { APIRoute } from 'astro';
import { apiError, geoJson } from '../../../services/http';
import { t } from '../../../i18n';

/** The outlines of every district an officer covers. */
export const GET: APIRoute = ({ params, locals }) => {
  const data = locals.portal.officerGeoJson(params.id ?? '');
  return data ? geoJson(data, locals.portal.info.dataVersion) : apiError(404, 'not_found', t('api.notFound'));
};
