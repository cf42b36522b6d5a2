/**
 * Locate: a point → its municipality and district (the domain's rule, shared with the import:
 * domain/geo/district-locator.ts) → inspection and directorate, with the districts whose boundary
 * is near; outside Niedersachsen, the police responsible there where the data allow naming it.
 */
import type { LatLon, Municipality, District, Polizeidirektion, Polizeiinspektion, StatePolice } from '../../domain/model';
import {
  AreaIndex,
  DistrictLocator,
  OutlineHoles,
  PointIndex,
  enclaveAt,
  parseAreaGeometry,
  type EnclaveData,
  type NearbyArea,
} from '../../domain/geo';
import type { SnapshotRows } from '../../db/queries';
import type { DistrictSummary } from '../search';
import { summary, type SnapshotRecords } from './records';

/** How close to a district boundary a point must be for the answer to name the neighbour. */
export const BOUNDARY_TOLERANCE_METERS = 300;

export interface NeighbourDistrict extends DistrictSummary {
  distanceMeters: number;
}

export type LocateResult =
  | {
      kind: 'inside';
      point: LatLon;
      municipality: Municipality;
      district: DistrictSummary;
      inspection: Polizeiinspektion;
      directorate: Polizeidirektion;
      /** Districts whose boundary lies within the tolerance of the point. */
      nearBoundary: NeighbourDistrict[];
    }
  | {
      kind: 'outside';
      point: LatLon;
      /**
       * The police responsible there, where the data allow naming it without guessing (a point
       * in Bremen or Bremerhaven, which Niedersachsen surrounds: domain/geo/enclave.ts); else null.
       */
      enclave: StatePolice | null;
    };

export class PointLocator {
  readonly #records: SnapshotRecords;
  readonly #districts: DistrictLocator<Municipality, District>;
  readonly #districtIndex: AreaIndex<District>;
  /** What the rule naming the state of a point outside Niedersachsen needs (domain/geo/enclave.ts). */
  readonly #enclaveData: EnclaveData<StatePolice>;

  constructor(records: SnapshotRecords, directorateOutlines: SnapshotRows['directorates']) {
    this.#records = records;
    this.#districts = new DistrictLocator(records.municipalityAreas, records.cities.partsByAgs);
    this.#districtIndex = new AreaIndex(records.districtAreas);
    const outsideIndex = new PointIndex(records.outsidePlaces.map((place) => ({ point: place.point, value: place.police })));
    const knownPlaces = new PointIndex<StatePolice | null>([
      ...[...records.municipalities.values()].map((municipality) => ({ point: municipality.centre, value: null })),
      ...records.localities.map((locality) => ({ point: locality.point, value: null })),
      ...records.outsidePlaces.map((place) => ({ point: place.point, value: place.police })),
    ]);
    const holes = new OutlineHoles(directorateOutlines.map((row) => parseAreaGeometry(JSON.parse(row.geometry))));
    const asPlace = (found: { value: StatePolice | null; point: LatLon; distanceMeters: number } | null) =>
      found && { owner: found.value, point: found.point, distanceMeters: found.distanceMeters };
    this.#enclaveData = {
      covers: (point) => this.#districts.municipalityAt(point) !== null,
      holeAt: (point) => holes.holeAt(point),
      nearest: (point) => asPlace(knownPlaces.nearest(point)),
      nearestOutside: (point) => asPlace(outsideIndex.nearest(point)),
    };
  }

  /** Point → municipality → district → inspection and directorate, with neighbours near the boundary. */
  locate(point: LatLon): LocateResult {
    const located = this.#districts.locate(point);
    if (!located) {
      return { kind: 'outside', point, enclave: enclaveAt(point, this.#enclaveData) };
    }
    const records = this.#records;
    const district = located.part ?? records.districts.get(located.districtId)!;
    const inspection = records.inspections.get(district.inspectionId)!;
    const nearBoundary = this.nearBoundary(point, district.id).map((neighbour) => ({
      ...summary(neighbour.value),
      distanceMeters: Math.round(neighbour.distanceMeters),
    }));
    return {
      kind: 'inside',
      point,
      municipality: located.municipality,
      district: summary(district),
      inspection,
      directorate: records.directorates.get(inspection.directorateId)!,
      nearBoundary,
    };
  }

  /** The id of the district at `point`, or null outside Niedersachsen. */
  districtAt(point: LatLon): string | null {
    const result = this.locate(point);
    return result.kind === 'inside' ? result.district.id : null;
  }

  /** The districts other than `districtId` whose boundary is within BOUNDARY_TOLERANCE_METERS of `point`. */
  nearBoundary(point: LatLon, districtId: string): Array<NearbyArea<District>> {
    return this.#districtIndex.near(point, BOUNDARY_TOLERANCE_METERS, districtId);
  }
}
