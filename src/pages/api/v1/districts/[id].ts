import type { APIRoute } from 'astro';
import { ok, unknownId } from '../../../../services/api';
import { DistrictDetail } from '../../../../services/api-schemas';
import { districtDetailBody } from '../../../../services/open-data';

/** GET /api/v1/districts/{id} → the district with its officers, station, inspection and directorate. */
export const GET: APIRoute = ({ params, locals: { portal } }) => {
  const body = districtDetailBody(portal, params.id ?? '');
  return body ? ok(DistrictDetail, body) : unknownId('Bezirk', params.id ?? '');
};
