/**
 * The portal's records as the open-data API and the downloads publish them: one mapping from
 * the loaded snapshot to public records, shared by both so they never disagree.
 */
import type { District, Officer, Station } from '../domain/model';
import { roundCoordinates, simplifyGeometry } from '../domain/geo';
import { BERLIN, officeHours } from '../domain/office-hours';
import { paths } from '../paths';
import { readNoticeScope, type Notice } from '../domain/notices';
import { districtNotices } from './notices';
import type { AccountView, Portal } from './portal';
import type { z } from 'zod';
import { cityView } from './city-view';
import type {
  AccountBody,
  Boundary,
  City,
  Directorate,
  DistrictBody,
  DistrictDetailBody,
  Inspection,
  NoticeBody,
  OfficerBody,
  OfficerDetailBody,
  StationBody,
} from './api-schemas';
import type { OpeningHours } from './api-schemas';
import { SIMPLIFY_FLOOR_METERS } from './api-params';

/** Per snapshot: which officers hold which roles (computed once, the lists are read often). */
const rolesCache = new WeakMap<Portal, Map<string, Array<'digital' | 'kobb'>>>();

function officerRoles(portal: Portal): Map<string, Array<'digital' | 'kobb'>> {
  let roles = rolesCache.get(portal);
  if (!roles) {
    roles = new Map();
    for (const officer of portal.listOfficers()) {
      roles.set(officer.id, portal.officerView(officer.id)?.roles.map((entry) => entry.role) ?? []);
    }
    rolesCache.set(portal, roles);
  }
  return roles;
}

function accountBody(account: AccountView): AccountBody {
  return {
    id: account.id,
    platform: account.platform,
    handle: account.handle,
    url: account.url,
    verifiedSince: account.verifiedSince,
    isDemo: account.isDemo,
    jointWith: account.jointWith,
  };
}

function ref(entry: { id: string; name: string } | null | undefined) {
  return entry ? { id: entry.id, name: entry.name } : null;
}

export function districtBody(portal: Portal, district: District): DistrictBody {
  const kreis = portal.kreis(district.kreisAgs);
  const inspection = portal.listInspections().find((entry) => entry.id === district.inspectionId)!;
  const directorate = portal.listDirectorates().find((entry) => entry.id === inspection.directorateId)!;
  return {
    id: district.id,
    name: district.name,
    type: district.type,
    kreis: { ags: district.kreisAgs, name: kreis?.name ?? '' },
    inspection: ref(inspection)!,
    directorate: ref(directorate)!,
    station: ref(district.stationId ? portal.station(district.stationId) : null),
    population: district.population,
    areaKm2: district.areaKm2,
    centre: district.centre,
    city: ref(district.cityId === null ? null : portal.cities.city(district.cityId)),
    borough: ref(district.boroughId === null ? null : portal.cities.borough(district.boroughId)),
    links: {
      self: paths.apiDistrict(district.id),
      html: paths.district(district.id),
      boundary: paths.apiDistrictBoundary(district.id),
    },
  };
}

/** The district answer with the notices valid on `now`'s Berlin day, and the Cache-Control they call for (or null). */
export function districtDetailBody(
  portal: Portal,
  id: string,
  now: Date = new Date(),
): { body: DistrictDetailBody; cacheControl: string | null } | null {
  const view = portal.districtView(id);
  if (!view) return null;
  const notices = districtNotices(portal, view, now);
  const officers = [...view.digitalOfficers, ...view.kobbOfficers].map((officer) => ({
    id: officer.id,
    name: officer.name,
    rank: officer.rank,
    roleTitle: officer.roleTitle,
    role: officer.role,
    isDemo: officer.isDemo,
    accounts: officer.accounts.map(accountBody),
    links: { self: paths.apiOfficer(officer.id), html: paths.officer(officer.id) },
  }));
  const body = {
    ...districtBody(portal, view.district),
    municipalities: view.municipalities.map(({ ags, name, type, population }) => ({ ags, name, type, population })),
    station: view.station ? stationBody(portal, view.station) : null,
    officers,
    inspectionAccounts: view.inspectionAccounts.map(accountBody),
    notices: notices.notices.map(noticeBody),
    responsibilityVerified: view.responsibilityVerified,
    updatedAt: view.updatedAt,
  };
  return { body, cacheControl: notices.cacheControl };
}

export function noticeBody(notice: Notice): NoticeBody {
  const { type, id } = readNoticeScope(notice.scope);
  return {
    id: notice.id,
    scope: { type, id },
    text: notice.text,
    textEn: notice.textEn,
    link: notice.link,
    validFrom: notice.validFrom,
    validUntil: notice.validUntil,
    isDemo: notice.isDemo,
    updatedAt: notice.updatedAt,
  };
}

export function stationBody(portal: Portal, station: Station): StationBody {
  const inspection = portal.listInspections().find((entry) => entry.id === station.inspectionId);
  return {
    id: station.id,
    name: station.name,
    kind: station.kind,
    inspection: ref(inspection) ?? { id: station.inspectionId, name: station.inspectionId },
    address: { street: station.street, postcode: station.postcode, city: station.city },
    phone: station.phone,
    email: station.email,
    officeHours: station.officeHours,
    openingHours: openingHoursBody(station.openingHours),
    location: station.lat !== null && station.lon !== null ? { lat: station.lat, lon: station.lon } : null,
    isDemo: station.isDemo,
    updatedAt: station.updatedAt,
    links: { self: paths.apiStation(station.id) },
  };
}

export function stationDetailBody(portal: Portal, id: string) {
  const station = portal.station(id);
  if (!station) return null;
  return {
    ...stationBody(portal, station),
    districts: portal
      .listDistricts()
      .filter((district) => district.stationId === id)
      .map((district) => ({ id: district.id, name: district.name })),
  };
}

export function officerBody(portal: Portal, officer: Officer): OfficerBody {
  const card = portal.officerView(officer.id)?.officer;
  return {
    id: officer.id,
    name: officer.name,
    rank: officer.rank,
    roleTitle: officer.roleTitle,
    roles: officerRoles(portal).get(officer.id) ?? [],
    station: ref(portal.station(officer.stationId)),
    phone: officer.phone,
    email: officer.email,
    officeHours: officer.officeHours,
    openingHours: openingHoursBody(officer.openingHours),
    isDemo: officer.isDemo,
    updatedAt: officer.updatedAt,
    accounts: (card?.accounts ?? []).map(accountBody),
    links: { self: paths.apiOfficer(officer.id), html: paths.officer(officer.id) },
  };
}

export function officerDetailBody(portal: Portal, id: string): OfficerDetailBody | null {
  const view = portal.officerView(id);
  if (!view) return null;
  return {
    ...officerBody(portal, view.officer),
    assignments: view.roles.map(({ role, districts }) => ({
      role,
      districts: districts.map(({ id: districtId, name }) => ({ id: districtId, name })),
    })),
    inspections: view.inspections.map(({ id: inspectionId, name }) => ({ id: inspectionId, name })),
  };
}

/** Officers with at least one assignment: the others have no page and no place in the lists. */
export function publishedOfficers(portal: Portal): Officer[] {
  const roles = officerRoles(portal);
  return portal.listOfficers().filter((officer) => (roles.get(officer.id) ?? []).length > 0);
}

function holderAccounts(portal: Portal, type: string, id: string): AccountBody[] {
  return portal
    .listAccounts()
    .filter((entry) => entry.holders.some((holder) => holder.type === type && holder.id === id))
    .map((entry) => accountBody(entry.account));
}

export function inspectionBodies(portal: Portal): Array<z.input<typeof Inspection>> {
  const districts = portal.listDistricts();
  const directorates = new Map(portal.listDirectorates().map((entry) => [entry.id, entry]));
  return portal.listInspections().map((inspection) => ({
    id: inspection.id,
    name: inspection.name,
    directorate: ref(directorates.get(inspection.directorateId))!,
    responsibilityVerified: inspection.responsibilityVerified,
    sourceUrl: inspection.sourceUrl,
    districtCount: districts.filter((district) => district.inspectionId === inspection.id).length,
    accounts: holderAccounts(portal, 'inspection', inspection.id),
  }));
}

export function directorateBodies(portal: Portal): Array<z.input<typeof Directorate>> {
  const inspections = portal.listInspections();
  return portal.listDirectorates().map((directorate) => ({
    id: directorate.id,
    name: directorate.name,
    inspections: inspections
      .filter((inspection) => inspection.directorateId === directorate.id)
      .map((inspection) => ({ id: inspection.id, name: inspection.name })),
    accounts: holderAccounts(portal, 'directorate', directorate.id),
  }));
}

/**
 * The licence of a district's outline, for boundary answers and the GeoJSON download: the source
 * of a city's parts (Hannover's Stadtteile), else the administrative boundaries' (BKG).
 */
export function geometrySource(portal: Portal, districtId?: string) {
  const district = districtId === undefined ? undefined : portal.listDistricts().find((entry) => entry.id === districtId);
  const city = district?.cityId ? portal.cities.city(district.cityId) : null;
  const source =
    (city && portal.info.sources.find((entry) => entry.id === city.sourceId)) ??
    portal.info.sources.find((entry) => entry.shownOnMap && /bkg/i.test(entry.id)) ??
    portal.info.sources[0];
  return {
    attribution: source?.attribution ?? '',
    licence: source?.licence ?? '',
    licenceUrl: source?.licenceUrl ?? '',
  };
}

/**
 * A district's outline as a GeoJSON Feature, or a city's whole outline (its municipality's).
 * `simplify` (metres) is raised to the floor; absent, the outline is the one stored in the snapshot.
 */
export function boundaryBody(portal: Portal, id: string, simplify: number | undefined): z.input<typeof Boundary> | null {
  const city = portal.cities.city(id);
  const outline = city ? portal.cities.outline(id) : portal.districtOutline(id);
  if (!outline) return null;
  const name = city?.name ?? portal.listDistricts().find((district) => district.id === id)!.name;
  const tolerance = simplify === undefined ? 0 : Math.max(simplify, SIMPLIFY_FLOOR_METERS);
  const geometry = roundCoordinates(tolerance > 0 ? simplifyGeometry(outline, tolerance) : outline, 6);
  return {
    type: 'Feature',
    id,
    geometry,
    properties: {
      id,
      name,
      simplifyMeters: tolerance,
      dataVersion: portal.info.dataVersion,
      ...geometrySource(portal, city ? undefined : id),
    },
  };
}

/** A city divided into districts, with its parts by group and the source of their outlines. */
export function cityBody(portal: Portal, id: string): z.input<typeof City> | null {
  const view = cityView(portal, id);
  if (!view) return null;
  const { city, source } = view;
  return {
    id: city.id,
    ags: city.ags,
    name: city.name,
    districtType: city.districtType,
    boroughType: city.boroughType,
    kreis: { ags: view.kreis.ags, name: view.kreis.name },
    inspection: ref(view.inspection)!,
    directorate: ref(view.directorate)!,
    population: city.population,
    areaKm2: city.areaKm2,
    centre: city.centre,
    responsibilityVerified: view.responsibilityVerified,
    boroughs: view.groups.map(({ borough, parts }) => ({
      id: borough?.id ?? null,
      name: borough?.name ?? null,
      districts: parts.map(({ district }) => ({ id: district.id, name: district.name })),
    })),
    source: {
      title: source?.title ?? '',
      attribution: source?.attribution ?? '',
      licence: source?.licence ?? '',
      licenceUrl: source?.licenceUrl ?? '',
      url: source?.url ?? '',
    },
    links: { self: paths.apiCity(city.id), html: paths.district(city.id), boundary: paths.apiCityBoundary(city.id) },
  };
}

/** Office hours in structured form beside the German text: the OSM value and the usual week. */
function openingHoursBody(value: string): z.infer<typeof OpeningHours> {
  const { weekly, holidays } = officeHours(value);
  return { osm: value, weekly, holidays, timeZone: BERLIN };
}
