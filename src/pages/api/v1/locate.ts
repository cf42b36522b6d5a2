import type { APIRoute } from 'astro';
import { readCoordinates } from '../../../services/input';
import { apiError } from '../../../services/http';
import { locateRecord, ok } from '../../../services/api';
import { LocateResponse } from '../../../services/api-schemas';
import { t } from '../../../i18n';

/** GET /api/v1/locate?lat=&lon= → the district and officers responsible for a point. */
export const GET: APIRoute = ({ url, locals }) => {
  const input = readCoordinates(url.searchParams);
  if (!input.ok) return apiError(400, 'invalid_coordinates', input.message);
  const record = locateRecord(locals.portal, input.point);
  if (!record) return apiError(404, 'outside_area', t('api.outsideArea'));
  return ok(LocateResponse, record);
};
