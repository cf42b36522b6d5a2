import type { APIRoute } from 'astro';
import { readQuery, tagged, unknownId } from '../../../../../services/api';
import { Boundary } from '../../../../../services/api-schemas';
import { simplifyParam } from '../../../../../services/api-params';
import { boundaryBody } from '../../../../../services/open-data';

/** GET /api/v1/cities/{id}/boundary?simplify= → the city's whole outline (its municipality's) as a GeoJSON Feature. */
export const GET: APIRoute = ({ params, url, locals: { portal } }) => {
  const query = readQuery(url.searchParams, { simplify: simplifyParam });
  if (!query.ok) return query.response;
  const id = params.id ?? '';
  const body = portal.cities.city(id) ? boundaryBody(portal, id, query.value.simplify) : null;
  if (!body) return unknownId('Stadt', id);
  return tagged(JSON.stringify(Boundary.parse(body)), { 'Content-Type': 'application/geo+json; charset=utf-8' });
};
