/**
 * The JSON answers computed per request from their query parameters: `GET /api/v1/locate` and
 * `GET /api/v1/search`. One place for the endpoints and for the server's fast lane
 * (src/server/fast-lane.ts), which gives the successes without Astro's request pipeline.
 */
import { t, translator, DEFAULT_LANGUAGE } from '../i18n';
import { apiError } from './http';
import { MAX_QUERY_LENGTH, readCoordinates, readLimit, readSearchQuery } from './input';
import { joinedJson, readQuery, shapedJson } from './api';
import { languageParam, LocateResponse, SearchResponse } from './api-schemas';
import type { Portal } from './portal';

/** The JSON text of a successful answer, or the refusal to send instead. */
export type ComputedAnswer = { ok: true; json: string } | { ok: false; response: Response };

/** The district and officers responsible for a point (`lat`, `lon`); 404 outside Niedersachsen. */
export function locateAnswer(portal: Portal, params: URLSearchParams): ComputedAnswer {
  const input = readCoordinates(params);
  if (!input.ok) return { ok: false, response: apiError(400, 'invalid_coordinates', input.message) };
  const result = portal.locate(input.point);
  if (result.kind === 'outside') return { ok: false, response: apiError(404, 'outside_area', t('api.outsideArea')) };
  const json = joinedJson(
    shapedJson(LocatePlace, {
      point: result.point,
      municipality: { ags: result.municipality.ags, name: result.municipality.name },
    }),
    districtMembersJson(portal, result.district.id),
    shapedJson(LocateNeighbours, {
      nearBoundary: result.nearBoundary.map(({ id, name, distanceMeters }) => ({ id, name, distanceMeters })),
    }),
  );
  return { ok: true, json };
}

// A locate answer in three parts, each shaped by its members of LocateResponse, in its order.
const LocatePlace = LocateResponse.pick({ point: true, municipality: true });
const LocateDistrict = LocateResponse.pick({
  district: true,
  inspection: true,
  directorate: true,
  station: true,
  responsibilityVerified: true,
  officers: true,
});
const LocateNeighbours = LocateResponse.pick({ nearBoundary: true });

// The district's part is most of an answer and the same for every point in the district: under
// a rush it is shaped and written once per district and snapshot, not for every point.
const districtMembers = new WeakMap<Portal, Map<string, string>>();

function districtMembersJson(portal: Portal, districtId: string): string {
  let byDistrict = districtMembers.get(portal);
  if (!byDistrict) districtMembers.set(portal, (byDistrict = new Map()));
  let json = byDistrict.get(districtId);
  if (json === undefined) {
    const view = portal.districtView(districtId)!;
    json = shapedJson(LocateDistrict, {
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
    byDistrict.set(districtId, json);
  }
  return json;
}

/**
 * Addresses, streets and places matching `q`, best first (`limit`); `lang` chooses the language
 * of the notes (the portal's autocomplete asks in its own).
 */
export function searchAnswer(portal: Portal, params: URLSearchParams): ComputedAnswer {
  const query = readSearchQuery(params);
  if (!query.ok) return { ok: false, response: apiError(400, 'invalid_query', t('api.invalidQuery', { max: MAX_QUERY_LENGTH })) };
  const limit = readLimit(params);
  if (!limit.ok) return { ok: false, response: apiError(400, 'invalid_limit', limit.message) };
  const language = readQuery(params, { lang: languageParam });
  if (!language.ok) return language;
  const results = portal.search(query.query, limit.limit, translator(language.value.lang ?? DEFAULT_LANGUAGE));
  const json = shapedJson(SearchResponse, {
    results: results.map((result) => ({
      type: result.type,
      label: result.label,
      lat: result.point.lat,
      lon: result.point.lon,
      postcode: result.postcode,
      municipality: result.municipality,
      district: { id: result.district.id, name: result.district.name },
      approximate: result.approximate,
      note: result.note,
      street: result.street,
      houseNumber: result.houseNumber,
    })),
  });
  return { ok: true, json };
}
