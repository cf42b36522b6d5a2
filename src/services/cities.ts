/**
 * Cities divided into districts (Hannover: its 51 Stadtteile in 13 Stadtbezirke), as loaded from
 * one snapshot: which municipality is divided, its parts and their groups, and the look-up of a
 * point's part (domain/geo/city-parts.ts: the one rule that reconciles the parts' detailed edges
 * with the municipality's simplified outline).
 */
import { CityParts, parseAreaGeometry, type AreaGeometry } from '../domain/geo';
import type { Borough, City, District, LatLon } from '../domain/model';
import type { SnapshotRows } from '../db/queries';

/** A city with what its pages show besides its parts: the facts of the district it was. */
export interface CityRecord extends City {
  /** The type of the district the whole municipality was ("Einheitsgemeinde"). */
  formerType: string;
  kreisAgs: string;
  inspectionId: string;
  population: number;
  areaKm2: number;
  centre: LatLon;
}

/** A group of parts with its parts, sorted by name; parts without a group form one group of their own (`borough` null). */
export interface PartGroup {
  borough: Borough | null;
  districts: District[];
}

export class Cities {
  readonly #byId = new Map<string, CityRecord>();
  readonly #byAgs = new Map<string, CityRecord>();
  readonly #geometry = new Map<string, AreaGeometry>();
  readonly #parts = new Map<string, District[]>();
  readonly #groups = new Map<string, PartGroup[]>();
  readonly #boroughs = new Map<string, Borough>();
  readonly #index = new Map<string, CityParts<District>>();

  /** `districts`: every district of the snapshot with its outline; the parts are those with a `cityId`. */
  constructor(rows: Pick<SnapshotRows, 'cities' | 'boroughs'>, districts: ReadonlyArray<{ district: District; geometry: AreaGeometry }>) {
    for (const { geometry, centreLat, centreLon, ...row } of rows.cities) {
      const city: CityRecord = { ...row, centre: { lat: centreLat, lon: centreLon } };
      this.#byId.set(city.id, city);
      this.#byAgs.set(city.ags, city);
      this.#geometry.set(city.id, parseAreaGeometry(JSON.parse(geometry)));
    }
    for (const { sortOrder: _order, ...borough } of rows.boroughs) this.#boroughs.set(borough.id, borough);
    const byName = (a: District, b: District) => a.name.localeCompare(b.name, 'de');
    for (const city of this.#byId.values()) {
      const parts = districts.filter(({ district }) => district.cityId === city.id);
      this.#parts.set(city.id, parts.map(({ district }) => district).sort(byName));
      this.#index.set(city.ags, new CityParts(parts.map(({ district, geometry }) => ({ key: district.id, value: district, geometry }))));
      const groups: PartGroup[] = rows.boroughs
        .filter((borough) => borough.cityId === city.id)
        .map((borough) => ({
          borough: this.#boroughs.get(borough.id)!,
          districts: this.#parts.get(city.id)!.filter((d) => d.boroughId === borough.id),
        }));
      const loose = this.#parts.get(city.id)!.filter((d) => d.boroughId === null);
      if (loose.length > 0) groups.push({ borough: null, districts: loose });
      this.#groups.set(city.id, groups);
    }
  }

  /** The city with this id (the id of the district it was), or null. */
  city(id: string): CityRecord | null {
    return this.#byId.get(id) ?? null;
  }

  /** The city a municipality is, or null where it is one district (or part of one). */
  ofMunicipality(ags: string): CityRecord | null {
    return this.#byAgs.get(ags) ?? null;
  }

  /** Every city, by id. */
  list(): CityRecord[] {
    return [...this.#byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** A city's parts, by name. */
  parts(id: string): District[] {
    return this.#parts.get(id) ?? [];
  }

  /** A city's parts grouped by borough (in the source's order), by name within each. */
  groups(id: string): PartGroup[] {
    return this.#groups.get(id) ?? [];
  }

  borough(id: string): Borough | null {
    return this.#boroughs.get(id) ?? null;
  }

  /** The city's whole outline (its municipality's). */
  outline(id: string): AreaGeometry | null {
    return this.#geometry.get(id) ?? null;
  }

  /** The parts of each divided city by its AGS, for the domain's locate (domain/geo/district-locator.ts). */
  get partsByAgs(): ReadonlyMap<string, CityParts<District>> {
    return this.#index;
  }
}
