/**
 * The overview of a city divided into districts ("Hannover: Welcher Stadtteil?"): its parts
 * grouped by Stadtbezirk with their KOBB, its digital officers with the groups they cover, the
 * police responsibility as far as the sources confirm it, and where the parts' outlines come
 * from. Built once per city and snapshot.
 */
import type { Borough, DataSource, District, Kreis, Polizeidirektion, Polizeiinspektion, Station } from '../domain/model';
import type { CityRecord } from './cities';
import { normaliseText } from '../domain/search';
import { perSnapshot } from './per-snapshot';
import type { OfficerCard, Portal } from './portal';

export interface CityPart {
  district: District;
  /** Its KOBB's names (demo data says so on their pages). */
  kobb: string[];
}

export interface CityView {
  city: CityRecord;
  kreis: Kreis;
  inspection: Polizeiinspektion;
  directorate: Polizeidirektion;
  /** Parts by group (Stadtbezirk) in the source's order; `borough` null for parts without one. */
  groups: Array<{ borough: Borough | null; parts: CityPart[] }>;
  partCount: number;
  /** The city's digital officers, each with the groups (or parts) they cover. */
  digitalOfficers: Array<{ officer: OfficerCard; covers: string[] }>;
  /** The stations responsible for its parts. */
  stations: Station[];
  responsibilityVerified: boolean;
  /** The source of the parts' outlines (attribution shown with the map and the list). */
  source: DataSource | null;
  updatedAt: string;
}

/** The search form of a city's overview names the city in this parameter: the search looks within it. */
export const CITY_SEARCH_PARAM = 'in';

/**
 * What to search for when the citizen searched within a city ("Limmerstraße" on Hannover's page):
 * the words with the city's name, unless they name it already. `cityId` as sent; an unknown one
 * leaves the query as it is.
 */
export function queryInCity(portal: Portal, query: string, cityId: string | null | undefined): string {
  const city = typeof cityId === 'string' ? portal.cities.city(cityId) : null;
  if (!city) return query;
  const words = new Set(normaliseText(query).split(' '));
  return normaliseText(city.name)
    .split(' ')
    .every((word) => words.has(word))
    ? query
    : `${query} ${city.name}`;
}

/** The overview of the city `id` (the id of the district it was), or null where `id` is none. */
export function cityView(portal: Portal, id: string): CityView | null {
  const city = portal.cities.city(id);
  if (!city) return null;
  return perSnapshot(portal, `city:${id}`, () => buildCityView(portal, city));
}

function buildCityView(portal: Portal, city: CityRecord): CityView {
  const groups = portal.cities.groups(city.id).map(({ borough, districts }) => ({
    borough,
    parts: districts.map((district) => ({
      district,
      kobb: portal.districtView(district.id)?.kobbOfficers.map((officer) => officer.name) ?? [],
    })),
  }));
  const views = portal.cities.parts(city.id).flatMap((district) => portal.districtView(district.id) ?? []);
  const first = views[0]!;
  // A digital officer covers whole groups of Stadtbezirke: named by group where it covers all of one.
  const covered = new Map<string, { officer: OfficerCard; parts: Set<string> }>();
  for (const view of views) {
    for (const officer of view.digitalOfficers) {
      const entry = covered.get(officer.id) ?? { officer, parts: new Set<string>() };
      entry.parts.add(view.district.id);
      covered.set(officer.id, entry);
    }
  }
  const digitalOfficers = [...covered.values()]
    .map(({ officer, parts }) => ({
      officer,
      covers: groups.flatMap((group) => {
        const inGroup = group.parts.filter((part) => parts.has(part.district.id));
        if (group.borough && inGroup.length === group.parts.length) return [group.borough.name];
        return inGroup.map((part) => part.district.name);
      }),
    }))
    .sort((a, b) => a.officer.name.localeCompare(b.officer.name, 'de'));
  const stationIds = new Set(views.flatMap((view) => (view.station ? [view.station.id] : [])));
  return {
    city,
    kreis: first.kreis,
    inspection: first.inspection,
    directorate: first.directorate,
    groups,
    partCount: views.length,
    digitalOfficers,
    stations: [...stationIds].map((stationId) => portal.station(stationId)!).sort((a, b) => a.name.localeCompare(b.name, 'de')),
    responsibilityVerified: views.every((view) => view.responsibilityVerified),
    source: portal.info.sources.find((source) => source.id === city.sourceId) ?? null,
    updatedAt:
      views
        .map((view) => view.updatedAt)
        .sort()
        .at(-1) ?? portal.info.builtAt,
  };
}
