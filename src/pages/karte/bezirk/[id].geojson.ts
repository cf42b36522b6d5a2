import type { APIRoute } from 'astro';
import { apiError, geoJson } from '../../../services/http';
import { t } from '../../../i18n';

/** A district's outline with its neighbours, for the district map. */
export const GET: APIRoute = ({ params, locals }) => {
  const data = locals.portal.districtGeoJson(params.id ?? '');
  return data ? geoJson(data, locals.portal.info.dataVersion) : apiError(404, 'not_found', t('api.notFound'));
};
