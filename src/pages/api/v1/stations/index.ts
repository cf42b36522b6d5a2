import type { APIRoute } from 'astro';
import { listResponse } from '../../../../services/api';
import { StationList } from '../../../../services/api-schemas';
import { stationBody } from '../../../../services/open-data';

/** GET /api/v1/stations?limit=&offset= → every station, paged, by id. */
export const GET: APIRoute = ({ url, locals: { portal } }) =>
  listResponse(url, portal.info.dataVersion, portal.listStations(), (s) => stationBody(portal, s), StationList);
