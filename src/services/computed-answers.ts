/**
 * The JSON answers computed per request from their query parameters: `GET /api/v1/locate` and
 * `GET /api/v1/search`.
 */
import type { z } from 'zod';
import { t, translator, DEFAULT_LANGUAGE } from '../i18n';
import { apiError } from './http';
import { MAX_QUERY_LENGTH } from '../domain/search';
import { readCoordinates, readLimit, readSearchQuery } from './input';
import { jsonAnswer, readQuery, shapedJson } from './api';
import { LocateResponse, OutsideLocateDetails, SearchResponse } from './api-schemas';
import { languageParam } from './api-params';
import { outsideAnswer } from './neighbouring-police';
import { perSnapshot } from './per-snapshot';
import type { DistrictView, Portal } from './portal';

/**
 * The district and officers responsible for a point (`lat`, `lon`); 404 outside Niedersachsen,
 * with the state and police where the data can tell (Bremen, Bremerhaven) and the neighbours.
 */
export function locateAnswer(portal: Portal, params: URLSearchParams): Response {
  const input = readCoordinates(params);
  if (!input.ok) return apiError(400, 'invalid_coordinates', input.message);
  const result = portal.locate(input.point);
  if (result.kind === 'outside') {
    const answer = outsideAnswer(portal, result.point, result.enclave, t);
    const details = OutsideLocateDetails.parse({
      point: answer.point,
      state: answer.responsible?.state ?? null,
      police: answer.responsible?.police ?? null,
      neighbours: answer.neighbours,
    });
    const message = answer.responsible ? t('locate.outsideState', { state: answer.responsible.state }) : t('api.outsideArea');
    return apiError(404, 'outside_area', message, details);
  }
  const { ags, name } = result.municipality;
  const municipality = perSnapshot(portal, `locate:municipality:${ags}`, () =>
    membersJson(LocateMunicipality, { municipality: { ags, name } }),
  );
  const district = perSnapshot(portal, `locate:district:${result.district.id}`, () =>
    districtMembersJson(portal.districtView(result.district.id)!),
  );
  // The point's coordinates and the neighbours' distances are finite numbers, which JSON writes
  // as JavaScript does.
  const { lat, lon } = result.point;
  const neighbours = result.nearBoundary.map(
    ({ id, name, distanceMeters }) =>
      `{${perSnapshot(portal, `locate:neighbour:${id}`, () => membersJson(NeighbourIdentity, { id, name }))},"distanceMeters":${distanceMeters}}`,
  );
  return jsonAnswer(`{"point":{"lat":${lat},"lon":${lon}},${municipality},${district},"nearBoundary":[${neighbours.join(',')}]}`);
}

// A locate answer is written from its members' JSON, in LocateResponse's order: the point's own
// (its coordinates, the districts near it with their distances), and those of its municipality
// and district, which are the same for every point there, as is a neighbouring district's id and
// name. Under a rush these are shaped once per snapshot, not for every point;
// tests/integration/api.test.ts compares the result with shaping it whole.
const LocateMunicipality = LocateResponse.pick({ municipality: true });
const LocateDistrict = LocateResponse.pick({
  district: true,
  inspection: true,
  directorate: true,
  station: true,
  responsibilityVerified: true,
  officers: true,
});
const NeighbourIdentity = LocateResponse.shape.nearBoundary.element.pick({ id: true, name: true });

/** The members of an object shaped by `schema`, as JSON text without the braces. */
function membersJson<S extends z.ZodType>(schema: S, body: z.input<S>): string {
  return shapedJson(schema, body).slice(1, -1);
}

function districtMembersJson(view: DistrictView): string {
  return membersJson(LocateDistrict, {
    district: { id: view.district.id, name: view.district.name },
    inspection: { id: view.inspection.id, name: view.inspection.name },
    directorate: { id: view.directorate.id, name: view.directorate.name },
    station: view.station && { id: view.station.id, name: view.station.name },
    responsibilityVerified: view.responsibilityVerified,
    officers: [...view.digitalOfficers, ...view.kobbOfficers].map((officer) => ({
      id: officer.id,
      name: officer.name,
      role: officer.role,
      isDemo: officer.isDemo,
      accounts: officer.accounts.map(({ platform, handle, url }) => ({ platform, handle, url })),
    })),
  });
}

/**
 * Addresses, streets and places matching `q`, best first (`limit`); `lang` chooses the language
 * of the notes (the portal's autocomplete asks in its own).
 */
export function searchAnswer(portal: Portal, params: URLSearchParams): Response {
  const query = readSearchQuery(params);
  if (!query.ok) return apiError(400, 'invalid_query', t('api.invalidQuery', { max: MAX_QUERY_LENGTH }));
  const limit = readLimit(params);
  if (!limit.ok) return apiError(400, 'invalid_limit', limit.message);
  const language = readQuery(params, { lang: languageParam });
  if (!language.ok) return language.response;
  const answer = portal.search(query.query, limit.limit, translator(language.value.lang ?? DEFAULT_LANGUAGE));
  const { decision } = answer;
  const json = shapedJson(SearchResponse, {
    results: answer.results.map((result) => ({
      type: result.type,
      label: result.label,
      match: result.match,
      lat: result.point.lat,
      lon: result.point.lon,
      postcode: result.postcode,
      municipality: result.municipality,
      district: result.district && { id: result.district.id, name: result.district.name },
      city: result.city,
      approximate: result.approximate,
      note: result.note,
      street: result.street,
      houseNumber: result.houseNumber,
    })),
    outsideArea: answer.outsideArea && {
      place: answer.outsideArea.place,
      postcode: answer.outsideArea.postcode,
      state: answer.outsideArea.state,
      police: answer.outsideArea.police,
      others: answer.outsideArea.others,
    },
    decision: {
      action: decision.action,
      result: decision.action === 'go' ? decision.index : null,
      reason: decision.action === 'choose' ? decision.reason : null,
    },
  });
  return jsonAnswer(json);
}
