import type { APIRoute } from 'astro';
import { listResponse } from '../../../../services/api';
import { CityList } from '../../../../services/api-schemas';
import { cityBody } from '../../../../services/open-data';

/** GET /api/v1/cities?limit=&offset= → every city divided into districts, with its parts by Stadtbezirk. */
export const GET: APIRoute = ({ url, locals: { portal } }) =>
  listResponse(url, portal.info.dataVersion, portal.cities.list(), (city) => cityBody(portal, city.id)!, CityList);
