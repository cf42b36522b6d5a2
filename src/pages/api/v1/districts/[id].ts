import type { APIRoute } from 'astro';
import { movedToCity, ok, unknownId } from '../../../../services/api';
import { DistrictDetail } from '../../../../services/api-schemas';
import { districtDetailBody } from '../../../../services/open-data';
import { paths } from '../../../../paths';

/** GET /api/v1/districts/{id} → the district with its officers, station, inspection and directorate. */
export const GET: APIRoute = ({ params, url, locals: { portal } }) => {
  // The district of a city now divided into districts: its old id leads to the city.
  if (portal.cities.city(params.id ?? '')) return movedToCity(paths.apiCity(params.id!), url);
  const body = districtDetailBody(portal, params.id ?? '');
  return body ? ok(DistrictDetail, body) : unknownId('Bezirk', params.id ?? '');
};
