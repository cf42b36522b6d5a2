import type { APIRoute } from 'astro';
import { listResponse } from '../../../services/api';
import { DirectorateList } from '../../../services/api-schemas';
import { directorateBodies } from '../../../services/open-data';

/** GET /api/v1/directorates → every Polizeidirektion with its inspections and accounts. */
export const GET: APIRoute = ({ url, locals: { portal } }) =>
  listResponse(url, portal.info.dataVersion, directorateBodies(portal), (d) => d, DirectorateList);
