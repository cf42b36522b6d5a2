import type { APIRoute } from 'astro';
import { listResponse } from '../../../../services/api';
import { OfficerList } from '../../../../services/api-schemas';
import { officerBody, publishedOfficers } from '../../../../services/open-data';

/** GET /api/v1/officers?limit=&offset= → every officer with an assignment, paged, by id. */
export const GET: APIRoute = ({ url, locals: { portal } }) =>
  listResponse(url, portal.info.dataVersion, publishedOfficers(portal), (o) => officerBody(portal, o), OfficerList);
