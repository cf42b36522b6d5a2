import type { APIRoute } from 'astro';
import { movedToCity, ok, unknownId } from '../../../../services/api';
import { DistrictDetail } from '../../../../services/api-schemas';
import { districtDetailBody } from '../../../../services/open-data';
import { paths } from '../../../../paths';

/** GET /api/v1/districts/{id} → the district with its officers, station, inspection, directorate and today's notices. */
export const GET: APIRoute = ({ params, url, locals: { portal } }) => {
  // The district of a city now divided into districts: its old id leads to the city.
  if (portal.cities.city(params.id ?? '')) return movedToCity(paths.apiCity(params.id!), url);
  const answer = districtDetailBody(portal, params.id ?? '');
  if (!answer) return unknownId('Bezirk', params.id ?? '');
  // Dated notices change the answer at a Berlin midnight: kept briefly then (services/notices.ts).
  return ok(DistrictDetail, answer.body, answer.cacheControl ? { 'Cache-Control': answer.cacheControl } : {});
};
