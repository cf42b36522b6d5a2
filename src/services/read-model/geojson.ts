/**
 * The interactive maps' data: outlines as simplified GeoJSON (the overview, a district with its
 * neighbours, a divided city with its parts, an officer's area) and the places they name by zoom.
 * The simplified overview outlines and label points are made once per snapshot and shared with
 * the server-drawn maps (svg-maps.ts).
 */
import type { LabelledPoint } from '../../domain/geo';
import { bboxOf, roundCoordinates, simplifyGeometry, type AreaGeometry } from '../../domain/geo';
import type { SnapshotRecords } from './records';

/** A place of the overview map's data: [name, lon, lat, population, kind]. */
export type OverviewPlaceRow = [string, number, number, number, LabelledPoint['kind']];

/** An outline with its id and name, simplified for a map. */
export interface NamedOutline {
  id: string;
  name: string;
  geometry: AreaGeometry;
}

/** Towns smaller than this are not sent with the overview map (they would be named only at zoom 12). */
const OVERVIEW_LABEL_MIN_POPULATION = 1_000;
/** Outlines on the overview: districts simplified to 800 m, the parts of a city (a few km across) to 100 m. */
const OVERVIEW_SIMPLIFY_METERS = 800;
const OVERVIEW_PART_SIMPLIFY_METERS = 100;
/** Inspections on the overview are drawn over the districts, coarser still. */
const OVERVIEW_INSPECTION_SIMPLIFY_METERS = 1_500;
/** A city's overview map draws its parts this exactly (they are looked at zoomed in). */
const CITY_MAP_SIMPLIFY_METERS = 15;
/** Neighbouring districts (and an officer's) are only context: drawn coarser than the district itself. */
const CONTEXT_SIMPLIFY_METERS = 150;

export class GeoJsonMaps {
  readonly #records: SnapshotRecords;
  /** The inspections' outlines on the overview. */
  readonly inspectionOutlines: NamedOutline[];
  /** The districts' outlines on the overview. */
  readonly overviewDistricts: NamedOutline[];
  /** The Ortsteile (GeoNames), named on the overview once zoomed in. */
  readonly #localityPoints: LabelledPoint[];

  constructor(records: SnapshotRecords, inspectionRows: ReadonlyArray<{ id: string; name: string; geometry: AreaGeometry }>) {
    this.#records = records;
    this.inspectionOutlines = inspectionRows.map((row) => ({
      id: row.id,
      name: row.name,
      geometry: roundCoordinates(simplifyGeometry(row.geometry, OVERVIEW_INSPECTION_SIMPLIFY_METERS), 3),
    }));
    this.overviewDistricts = records.districtAreas.map(({ key, value, geometry }) => ({
      id: key,
      name: value.name,
      geometry: value.cityId
        ? roundCoordinates(simplifyGeometry(geometry, OVERVIEW_PART_SIMPLIFY_METERS), 4)
        : roundCoordinates(simplifyGeometry(geometry, OVERVIEW_SIMPLIFY_METERS), 3),
    }));
    this.#localityPoints = records.localities
      .filter((locality) => locality.kind === 'ortsteil')
      .map((locality) => ({ name: locality.name, ...locality.point, population: 0, kind: 'ortsteil' as const }));
  }

  /**
   * Districts as simplified GeoJSON for the interactive overview map, and (as the foreign member
   * `places`, compact rows [name, lon, lat, population, kind]) the places it names by zoom.
   */
  overviewGeoJson(): GeoJSON.FeatureCollection & { places: OverviewPlaceRow[] } {
    return {
      type: 'FeatureCollection',
      features: [
        ...this.overviewDistricts.map(({ id, name, geometry }) => feature(geometry, { kind: 'district', id, name })),
        ...this.inspectionOutlines.map(({ id, name, geometry }) => feature(geometry, { kind: 'inspection', id, name })),
      ],
      places: this.overviewLabelPoints()
        .filter((place) => place.kind !== 'municipality' || place.population >= OVERVIEW_LABEL_MIN_POPULATION)
        .map(placeRow),
    };
  }

  /**
   * The places the overview map names (by zoom: labelMinZoom): the inhabited municipalities, the
   * Ortsteile of the search's gazetteer (once zoomed in) and the parts of divided cities (from
   * CITY_PART_ZOOM on).
   */
  overviewLabelPoints(): LabelledPoint[] {
    return [
      ...[...this.#records.municipalities.values()]
        .filter((municipality) => municipality.population > 0)
        .map((municipality) => ({
          name: municipality.name,
          lat: municipality.centre.lat,
          lon: municipality.centre.lon,
          population: municipality.population,
          kind: 'municipality' as const,
        })),
      ...this.#localityPoints,
      ...this.#records.cities.list().flatMap((city) => this.cityPartPoints(city.id)),
    ];
  }

  /** A city's parts as places to name (at their label points). */
  private cityPartPoints(cityId: string): LabelledPoint[] {
    return this.#records.cities
      .parts(cityId)
      .map((part) => ({ name: part.name, ...part.centre, population: 0, kind: 'stadtteil' as const }));
  }

  /**
   * A district's outline and its neighbours' outlines, for the district map; for a city divided
   * into districts, its parts (with the places to name them at, as the overview's `places`) and
   * the districts around it.
   */
  districtGeoJson(id: string): (GeoJSON.FeatureCollection & { places?: OverviewPlaceRow[] }) | null {
    const records = this.#records;
    const cityOutline = records.cities.outline(id);
    if (cityOutline) {
      return {
        type: 'FeatureCollection',
        features: [
          ...records.cities.parts(id).map((part) => this.districtFeature(part.id, CITY_MAP_SIMPLIFY_METERS, 'district')),
          ...records
            .districtsTouching(bboxOf(cityOutline))
            .filter((other) => other.cityId !== id)
            .map((other) => this.districtFeature(other.id, CONTEXT_SIMPLIFY_METERS, 'neighbour')),
        ],
        places: this.cityPartPoints(id).map(placeRow),
      };
    }
    const geometry = records.districtGeometry.get(id);
    if (!geometry) return null;
    const neighbours = records.districtsTouching(records.districtBoxes.get(id)!).filter((other) => other.id !== id);
    return {
      type: 'FeatureCollection',
      features: [
        feature(roundCoordinates(geometry, 5), { kind: 'district', id, name: records.districts.get(id)!.name }),
        ...neighbours.map((other) => this.districtFeature(other.id, CONTEXT_SIMPLIFY_METERS, 'neighbour')),
      ],
    };
  }

  /** The outlines of every district an officer covers. */
  officerGeoJson(id: string): GeoJSON.FeatureCollection | null {
    const assignments = this.#records.assignmentsByOfficer.get(id);
    if (!assignments) return null;
    const districtIds = [...new Set(assignments.map((assignment) => assignment.districtId))];
    return {
      type: 'FeatureCollection',
      features: districtIds.map((districtId) => this.districtFeature(districtId, CONTEXT_SIMPLIFY_METERS, 'district')),
    };
  }

  /** A district's outline simplified to `meters`, as a feature of `kind`. */
  private districtFeature(id: string, meters: number, kind: 'district' | 'neighbour'): GeoJSON.Feature {
    const geometry = roundCoordinates(simplifyGeometry(this.#records.districtGeometry.get(id)!, meters), 5);
    return feature(geometry, { kind, id, name: this.#records.districts.get(id)!.name });
  }
}

function placeRow(place: LabelledPoint): OverviewPlaceRow {
  return [place.name, round(place.lon, 4), round(place.lat, 4), place.population, place.kind];
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function feature(geometry: AreaGeometry, properties: Record<string, string>): GeoJSON.Feature {
  return { type: 'Feature', geometry, properties };
}
