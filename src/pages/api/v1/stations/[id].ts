import type { APIRoute } from 'astro';
import { ok, unknownId } from '../../../../services/api';
import { StationDetail } from '../../../../services/api-schemas';
import { stationDetailBody } from '../../../../services/open-data';

/** GET /api/v1/stations/{id} → the station with its address, contacts and districts. */
export const GET: APIRoute = ({ params, locals: { portal } }) => {
  const body = stationDetailBody(portal, params.id ?? '');
  return body ? ok(StationDetail, body) : unknownId('Dienststelle', params.id ?? '');
};
