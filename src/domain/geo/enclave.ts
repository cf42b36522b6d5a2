/**
 * Which state a point outside Niedersachsen lies in, said only where the data cannot be wrong.
 *
 * We have Niedersachsen's outline, but no outline of any other state or of the Netherlands; of
 * those only GeoNames' place points (postcode and village centres, some to two decimals, all of
 * Bremen-Nord's postcodes on Bremen's centre). Near a border between two other states, or between
 * Nordrhein-Westfalen and the Netherlands (of which we know no place at all), the nearest known
 * place can lie in the wrong country. So a state is named only for a point Niedersachsen
 * encloses, where no second state can be:
 *
 *  1. A hole of Niedersachsen's outline (an inner ring of its police areas, in no municipality)
 *     is land Niedersachsen surrounds completely: the city of Bremen. The owner of the known
 *     place outside Niedersachsen nearest the point, if that place lies in the same hole, owns
 *     the hole. (A hole without such a place, say a gap in the outlines, names nobody.)
 *  2. Elsewhere, a point from which a walk in each of 16 directions meets Niedersachsen within
 *     40 km lies in a pocket Niedersachsen closes on every side, and the nearest known place of
 *     ANY state (Niedersachsen's municipalities and Ortsteile included) is outside Niedersachsen,
 *     within 10 km: that place's state owns the pocket (the south of Bremerhaven; Hamburg's
 *     Elbe island Hahnöfersand off Jork; Hessian land east of the Weser by Uslar). A pocket
 *     closed on every side is one state's: where two others meet, one of them has its hinterland
 *     behind, and the walk in that direction never meets Niedersachsen. A point in Niedersachsen's own waters
 *     that the land outlines leave out (the Jadebusen, the Weser off Nordenham, the Wadden Sea)
 *     is nearest to a place of Niedersachsen and names nobody; a point in Hamburg, Schleswig-
 *     Holstein, the Netherlands or most of Bremerhaven (open to the Weser mouth) has a direction
 *     that never meets Niedersachsen.
 *
 * Everywhere else the portal says "außerhalb Niedersachsens" and lists the neighbours with their
 * police: an honest "we cannot tell" instead of a guess.
 */
import type { LatLon } from '../model';
import { EARTH_RADIUS_METERS } from './distance';
import { bboxOf, polygonsOf, type AreaGeometry, type BBox } from './geometry';
import { locatePoint } from './point-in-polygon';

/** Directions walked from the point. */
const DIRECTIONS = 16;
/** How far each walk goes. */
export const ENCLOSURE_REACH_METERS = 40_000;
/** Step of the walk: a strip of Niedersachsen narrower than this may be stepped over (the point then counts as not enclosed). */
const STEP_METERS = 500;
/** How near the deciding place must be for rule 2. */
export const ENCLAVE_PLACE_METERS = 10_000;

/** A known place near a point: its owner (null for a place of Niedersachsen), where it is, how far. */
export interface NearestPlace<T> {
  owner: T | null;
  point: LatLon;
  distanceMeters: number;
}

/** What the rule needs to know. */
export interface EnclaveData<T> {
  /** Whether a point is in Niedersachsen. */
  covers(point: LatLon): boolean;
  /** The hole of Niedersachsen's outline a point lies in (any key per hole), or null. */
  holeAt(point: LatLon): string | null;
  /** The nearest known place of any state. */
  nearest(point: LatLon): NearestPlace<T> | null;
  /** The nearest known place outside Niedersachsen. */
  nearestOutside(point: LatLon): NearestPlace<T> | null;
}

/** The owner of the enclave `point` lies in (see above), or null where the data do not allow a sure answer. */
export function enclaveAt<T>(point: LatLon, data: EnclaveData<T>): T | null {
  if (data.covers(point)) return null;
  const hole = data.holeAt(point);
  if (hole !== null) {
    const place = data.nearestOutside(point);
    return place && place.owner !== null && data.holeAt(place.point) === hole ? place.owner : null;
  }
  if (!isEnclosed(point, (p) => data.covers(p))) return null;
  const place = data.nearest(point);
  return place && place.owner !== null && place.distanceMeters <= ENCLAVE_PLACE_METERS ? place.owner : null;
}

/** Whether a walk from `point` in every one of 16 directions reaches an area `covers` accepts within the reach. */
export function isEnclosed(point: LatLon, covers: (p: LatLon) => boolean): boolean {
  const metersPerDegreeLat = (Math.PI / 180) * EARTH_RADIUS_METERS;
  const metersPerDegreeLon = metersPerDegreeLat * Math.cos((point.lat * Math.PI) / 180);
  for (let d = 0; d < DIRECTIONS; d++) {
    const angle = (2 * Math.PI * d) / DIRECTIONS;
    const north = Math.cos(angle) / metersPerDegreeLat;
    const east = Math.sin(angle) / metersPerDegreeLon;
    let reached = false;
    for (let meters = STEP_METERS; meters <= ENCLOSURE_REACH_METERS && !reached; meters += STEP_METERS) {
      reached = covers({ lat: point.lat + north * meters, lon: point.lon + east * meters });
    }
    if (!reached) return false;
  }
  return true;
}

/** The holes (inner rings) of a set of outlines: where one of them lies inside another's ring, not in it. */
export class OutlineHoles {
  readonly #holes: Array<{ key: string; box: BBox; geometry: AreaGeometry }> = [];

  constructor(outlines: readonly AreaGeometry[]) {
    outlines.forEach((outline, i) => {
      polygonsOf(outline).forEach((polygon, j) => {
        polygon.slice(1).forEach((ring, k) => {
          const geometry: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
          this.#holes.push({ key: `${i}.${j}.${k}`, box: bboxOf(geometry), geometry });
        });
      });
    });
  }

  /** The key of the hole `point` lies in, or null. */
  holeAt(point: LatLon): string | null {
    for (const { key, box, geometry } of this.#holes) {
      const [minLon, minLat, maxLon, maxLat] = box;
      if (point.lon < minLon || point.lon > maxLon || point.lat < minLat || point.lat > maxLat) continue;
      if (locatePoint(point, geometry) === 'inside') return key;
    }
    return null;
  }
}
