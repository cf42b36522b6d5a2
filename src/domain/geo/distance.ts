/**
 * Distances on the ground, in metres. Exact enough for "you are 400 m from the boundary":
 * a sphere for point-to-point, a local flat projection for point-to-edge.
 */
import type { LatLon } from '../model';
import { polygonsOf, type AreaGeometry } from './geometry';

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Great-circle distance in metres between two points (haversine). */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RADIANS_PER_DEGREE;
  const dLon = (b.lon - a.lon) * RADIANS_PER_DEGREE;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS_PER_DEGREE) * Math.cos(b.lat * RADIANS_PER_DEGREE) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Equirectangular projection to metres east (x) and north (y) of an origin. Its scale error
 * grows with the north–south offset (about 0.4 % at 20 km in Niedersachsen), so use it only
 * for local work. Does not handle the antimeridian, which no district of ours crosses.
 */
export class LocalProjection {
  readonly origin: LatLon;
  readonly metersPerDegreeLat: number;
  readonly metersPerDegreeLon: number;

  constructor(origin: LatLon) {
    this.origin = origin;
    this.metersPerDegreeLat = EARTH_RADIUS_METERS * RADIANS_PER_DEGREE;
    this.metersPerDegreeLon = this.metersPerDegreeLat * Math.cos(origin.lat * RADIANS_PER_DEGREE);
  }

  /** Metres east of the origin. */
  x(lon: number): number {
    return (lon - this.origin.lon) * this.metersPerDegreeLon;
  }

  /** Metres north of the origin. */
  y(lat: number): number {
    return (lat - this.origin.lat) * this.metersPerDegreeLat;
  }
}

/** Shortest distance in metres from a point to any edge of the geometry (outer rings and holes). */
export function distanceToBoundaryMeters(point: LatLon, geometry: AreaGeometry): number {
  const projection = new LocalProjection(point);
  let best = Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      let ax = projection.x(ring[0]![0]!);
      let ay = projection.y(ring[0]![1]!);
      for (let i = 1; i < ring.length; i++) {
        const bx = projection.x(ring[i]![0]!);
        const by = projection.y(ring[i]![1]!);
        const d = squaredDistanceToSegment(0, 0, ax, ay, bx, by);
        if (d < best) best = d;
        ax = bx;
        ay = by;
      }
    }
  }
  return Math.sqrt(best);
}

/** Squared distance from (px, py) to the segment a–b, in the units of the inputs. */
export function squaredDistanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}
