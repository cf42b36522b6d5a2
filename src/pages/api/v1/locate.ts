import type { APIRoute } from 'astro';
import { readCoordinates } from '../../../services/input';
import { apiError } from '../../../services/http';
import { ok } from '../../../services/api';
import { LocateResponse } from '../../../services/api-schemas';
import { t } from '../../../i18n';

/** GET /api/v1/locate?lat=&lon= → the district and officers responsible for a point. */
export const GET: APIRoute = ({ url, locals }) => {
  const input = readCoordinates(url.searchParams);
  if (!input.ok) return apiError(400, 'invalid_coordinates', input.message);
  const result = locals.portal.locate(input.point);
  if (result.kind === 'outside') return apiError(404, 'outside_area', t('api.outsideArea'));
  const view = locals.portal.districtView(result.district.id)!;
  return ok(LocateResponse, {
    point: result.point,
    municipality: { ags: result.municipality.ags, name: result.municipality.name },
    district: { id: result.district.id, name: result.district.name },
    inspection: { id: result.inspection.id, name: result.inspection.name },
    directorate: { id: result.directorate.id, name: result.directorate.name },
    station: view.station && { id: view.station.id, name: view.station.name },
    responsibilityVerified: view.responsibilityVerified,
    officers: [...view.digitalOfficers, ...view.kobbOfficers].map((officer) => ({
      id: officer.id,
      name: officer.name,
      role: officer.role,
      isDemo: officer.isDemo,
      accounts: officer.accounts.map(({ platform, handle, url }) => ({ platform, handle, url })),
    })),
    nearBoundary: result.nearBoundary.map(({ id, name, distanceMeters }) => ({ id, name, distanceMeters })),
  });
};
