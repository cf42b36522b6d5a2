import type { APIRoute } from 'astro';
import { listResponse } from '../../../../services/api';
import { DistrictList } from '../../../../services/api-schemas';
import { districtBody } from '../../../../services/open-data';

/** GET /api/v1/districts?limit=&offset= → every district, paged, by id. */
export const GET: APIRoute = ({ url, locals: { portal } }) =>
  listResponse(url, portal.info.dataVersion, portal.listDistricts(), (d) => districtBody(portal, d), DistrictList);
