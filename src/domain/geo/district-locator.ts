/**
 * The one rule that gives a point its district, used by the import (streets, addresses, Ortsteile)
 * and the server (a map click, "my location", a found address) alike, so that a point gets the
 * same district at build time as at run time:
 * - the municipality whose outline holds the point, else the one whose outline is within
 *   OUTLINE_SLACK_METERS (the outlines are simplified); none: the point is outside Niedersachsen;
 * - in a city divided into districts, the part of the city (city-parts.ts); else the
 *   municipality's own district.
 */
import type { LatLon } from '../model';
import { AreaIndex, OUTLINE_SLACK_METERS, type AreaEntry, type AreaMatch } from './area-index';
import type { CityParts } from './city-parts';

/** What the locator needs to know of a municipality. */
export interface LocatableMunicipality {
  ags: string;
  districtId: string;
}

/** A located point: its municipality, its district's id and, in a divided city, the part itself. */
export interface DistrictLocation<M, P> {
  municipality: M;
  districtId: string;
  part: P | null;
}

export class DistrictLocator<M extends LocatableMunicipality, P> {
  readonly #municipalities: AreaIndex<M>;
  readonly #partsByAgs: ReadonlyMap<string, CityParts<P>>;

  /** `partsByAgs`: the parts of each city divided into districts, by the city's AGS. */
  constructor(municipalities: Iterable<AreaEntry<M>>, partsByAgs: ReadonlyMap<string, CityParts<P>>) {
    this.#municipalities = new AreaIndex(municipalities);
    this.#partsByAgs = partsByAgs;
  }

  /** The municipality at `point` (its outline holds it, or is within the slack), or null outside Niedersachsen. */
  municipalityAt(point: LatLon): AreaMatch<M> | null {
    return this.#municipalities.find(point) ?? this.#municipalities.near(point, OUTLINE_SLACK_METERS, null)[0] ?? null;
  }

  /** The municipality and district of `point`, or null outside Niedersachsen. */
  locate(point: LatLon): DistrictLocation<M, P> | null {
    const hit = this.municipalityAt(point);
    return hit && this.districtIn(hit.value, point);
  }

  /** The district of a point the caller has placed in `municipality` (its part, in a divided city). */
  districtIn(municipality: M, point: LatLon): DistrictLocation<M, P> {
    const part = this.#partsByAgs.get(municipality.ags)?.at(point) ?? null;
    return { municipality, districtId: part?.key ?? municipality.districtId, part: part?.value ?? null };
  }

  /** Whether the municipality `ags` is divided into districts. */
  isDivided(ags: string): boolean {
    return this.#partsByAgs.has(ags);
  }

  /** Metres from `point` to the municipality `ags`'s boundary when it is within `radius`, else null. */
  distanceTo(point: LatLon, ags: string, radius: number): number | null {
    return this.#municipalities.near(point, radius, null).find((area) => area.key === ags)?.distanceMeters ?? null;
  }
}
