import type { APIRoute } from 'astro';
import { ok, unknownId } from '../../../../services/api';
import { OfficerDetail } from '../../../../services/api-schemas';
import { officerDetailBody } from '../../../../services/open-data';

/** GET /api/v1/officers/{id} → the officer with roles, districts, inspections and accounts. */
export const GET: APIRoute = ({ params, locals: { portal } }) => {
  const body = officerDetailBody(portal, params.id ?? '');
  return body ? ok(OfficerDetail, body) : unknownId('Person', params.id ?? '');
};
