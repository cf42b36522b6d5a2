import type { APIRoute } from 'astro';
import { listResponse } from '../../../services/api';
import { InspectionList } from '../../../services/api-schemas';
import { inspectionBodies } from '../../../services/open-data';

/** GET /api/v1/inspections → every Polizeiinspektion with its directorate and accounts. */
export const GET: APIRoute = ({ url, locals: { portal } }) =>
  listResponse(url, portal.info.dataVersion, inspectionBodies(portal), (i) => i, InspectionList);
