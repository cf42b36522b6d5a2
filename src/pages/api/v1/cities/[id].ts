import type { APIRoute } from 'astro';
import { ok, unknownId } from '../../../../services/api';
import { City } from '../../../../services/api-schemas';
import { cityBody } from '../../../../services/open-data';

/** GET /api/v1/cities/{id} → a city divided into districts (id: the district it was, e.g. 032410001). */
export const GET: APIRoute = ({ params, locals: { portal } }) => {
  const body = cityBody(portal, params.id ?? '');
  return body ? ok(City, body) : unknownId('Stadt', params.id ?? '');
};
