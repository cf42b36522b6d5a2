import type { APIRoute } from 'astro';
import { apiError, geoJson } from '../../../services/http';
import { districtMapJson } from '../../../services/map-data';
import { t } from '../../../i18n';

/** A district's outline with its neighbours, for the district map. */
export const GET: APIRoute = ({ params, locals }) => {
  const json = districtMapJson(locals.portal, params.id ?? '');
  return json ? geoJson(json) : apiError(404, 'not_found', t('api.notFound'));
};
