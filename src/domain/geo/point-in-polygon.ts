/**
 * Exact point-in-polygon test with an explicit boundary outcome, so callers can resolve
 * points on a shared edge between two districts deterministically instead of by luck.
 *
 * Written here on purpose: the common libraries answer inside or outside only
 * (point-in-polygon, @turf/boolean-point-in-polygon with `ignoreBoundary`), or give the boundary
 * for a single ring without holes and without a tolerance (robust-point-in-polygon). Districts are
 * MultiPolygons with holes whose edges are boundary too, and points computed from the same
 * coordinates must land on the edge despite floating-point noise. Unit- and property-tested
 * (tests/unit/geo).
 */
import type { LatLon } from '../model';
import { polygonsOf, type AreaGeometry, type Ring } from './geometry';

/** Where a point lies relative to an area. */
export type PointLocation = 'inside' | 'boundary' | 'outside';

/**
 * How far (in degrees) a point may be from an edge and still count as on it: about 0.1 µm,
 * far below the precision of any source, but enough to absorb floating-point noise when a
 * point was computed from the same coordinates (e.g. an edge midpoint).
 */
export const BOUNDARY_EPSILON_DEGREES = 1e-12;

/** Locates a point against a Polygon or MultiPolygon; holes count as outside, their edges as boundary. */
export function locatePoint(point: LatLon, geometry: AreaGeometry): PointLocation {
  let onBoundary = false;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    const outerLocation = locateInRing(point.lon, point.lat, outer!);
    if (outerLocation === 'outside') continue;
    if (outerLocation === 'boundary') {
      onBoundary = true;
      continue;
    }
    let location: PointLocation = 'inside';
    for (const hole of holes) {
      const holeLocation = locateInRing(point.lon, point.lat, hole);
      if (holeLocation === 'boundary') location = 'boundary';
      else if (holeLocation === 'inside') {
        location = 'outside';
        break;
      }
    }
    // Interior of any member polygon wins over touching another one: an island inside a
    // hole of its sibling, or invalid data with polygons sharing an edge, stay 'inside'.
    if (location === 'inside') return 'inside';
    if (location === 'boundary') onBoundary = true;
  }
  return onBoundary ? 'boundary' : 'outside';
}

/**
 * Ray casting towards +lon. An edge counts as crossed when exactly one of its endpoints lies
 * strictly above the ray (half-open rule), so a ray through a vertex counts once, and a
 * horizontal edge never.
 */
function locateInRing(x: number, y: number, ring: Ring): PointLocation {
  const eps = BOUNDARY_EPSILON_DEGREES;
  let inside = false;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    const ax = a[0]!;
    const ay = a[1]!;
    const bx = b[0]!;
    const by = b[1]!;
    // Cheap rejection first: most edges are nowhere near the ray.
    if ((ay > y + eps && by > y + eps) || (ay < y - eps && by < y - eps)) continue;
    if (x > Math.max(ax, bx) + eps) continue;
    if (isOnSegment(x, y, ax, ay, bx, by, eps)) return 'boundary';
    if (ay > y !== by > y) {
      const crossingX = ax + ((y - ay) * (bx - ax)) / (by - ay);
      if (x < crossingX) inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}

/** Whether (x, y) lies within `eps` of the segment a–b (distance measured perpendicular to it). */
function isOnSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number, eps: number): boolean {
  if (x < Math.min(ax, bx) - eps || x > Math.max(ax, bx) + eps) return false;
  if (y < Math.min(ay, by) - eps || y > Math.max(ay, by) + eps) return false;
  const dx = bx - ax;
  const dy = by - ay;
  const cross = dx * (y - ay) - dy * (x - ax);
  // |cross| / |a–b| is the distance to the line; compare squared to avoid the square root.
  return cross * cross <= eps * eps * (dx * dx + dy * dy);
}
