import type { APIRoute } from 'astro';
import { movedToCity, readQuery, tagged, unknownId } from '../../../../../services/api';
import { paths } from '../../../../../paths';
import { Boundary } from '../../../../../services/api-schemas';
import { simplifyParam } from '../../../../../services/api-params';
import { boundaryBody } from '../../../../../services/open-data';

/** GET /api/v1/districts/{id}/boundary?simplify= → the district's outline as a GeoJSON Feature. */
export const GET: APIRoute = ({ params, url, locals: { portal } }) => {
  if (portal.cities.city(params.id ?? '')) return movedToCity(paths.apiCityBoundary(params.id!), url);
  const query = readQuery(url.searchParams, { simplify: simplifyParam });
  if (!query.ok) return query.response;
  const body = boundaryBody(portal, params.id ?? '', query.value.simplify);
  if (!body) return unknownId('Bezirk', params.id ?? '');
  return tagged(JSON.stringify(Boundary.parse(body)), { 'Content-Type': 'application/geo+json; charset=utf-8' });
};
