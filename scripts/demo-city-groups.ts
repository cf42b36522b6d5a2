/**
 * How the demo data organises the police of a city divided into districts: its groups of parts
 * (Stadtbezirke) joined into a few areas, each with its own (fictional) station and digital
 * officers. Real cities have such areas (PD Hannover: 4 inspections, 22 Kommissariate), but the
 * sources do not say which covers which part, so the demo draws them by geography: the group
 * that holds the city's centre alone, the others by direction from it, about three to an area.
 */
import type { Borough, LatLon } from '../src/domain/model';
import type { DistrictData } from '../src/data-import/source-records';

/** About this many groups (Stadtbezirke) make one area. */
const GROUPS_PER_AREA = 3;

export interface DemoCityArea {
  /** The area's name: its first group's ("Mitte", "Nord"), or its first part's where there are no groups. */
  name: string;
  parts: DistrictData[];
}

/** The city's areas, the centre's first, then clockwise from north. Deterministic. */
export function cityAreas(centre: LatLon, parts: readonly DistrictData[], boroughs: readonly Borough[]): DemoCityArea[] {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  // A city without groups: each part is a group of its own.
  const groups =
    boroughs.length > 0
      ? boroughs.map((borough) => ({ name: borough.name, parts: parts.filter((part) => part.boroughId === borough.id).sort(byId) }))
      : [...parts].sort(byId).map((part) => ({ name: part.name, parts: [part] }));
  const middle = (group: { parts: DistrictData[] }): LatLon => ({
    lat: group.parts.reduce((sum, part) => sum + part.centre.lat, 0) / group.parts.length,
    lon: group.parts.reduce((sum, part) => sum + part.centre.lon, 0) / group.parts.length,
  });
  const squared = (p: LatLon) => (p.lat - centre.lat) ** 2 + ((p.lon - centre.lon) * Math.cos((centre.lat * Math.PI) / 180)) ** 2;
  const bearing = (p: LatLon) =>
    (Math.atan2((p.lon - centre.lon) * Math.cos((centre.lat * Math.PI) / 180), p.lat - centre.lat) + 2 * Math.PI) % (2 * Math.PI);
  const placed = groups.filter((group) => group.parts.length > 0);
  const core = placed.reduce((best, group) => (squared(middle(group)) < squared(middle(best)) ? group : best));
  const around = placed.filter((group) => group !== core).sort((a, b) => bearing(middle(a)) - bearing(middle(b)));
  const count = Math.max(1, Math.round(around.length / GROUPS_PER_AREA));
  const areas: DemoCityArea[] = [{ name: core.name, parts: core.parts }];
  for (let k = 0; k < count; k++) {
    const members = around.slice(Math.floor((k * around.length) / count), Math.floor(((k + 1) * around.length) / count));
    if (members.length > 0) areas.push({ name: members[0]!.name, parts: members.flatMap((group) => group.parts) });
  }
  return areas;
}
