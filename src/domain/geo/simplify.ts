/**
 * Lighter outlines for small overview maps. Not topology-preserving: neighbouring districts
 * are simplified independently and may show hairline gaps or overlaps at overview scale.
 */
import { LocalProjection, squaredDistanceToSegment } from './distance';
import { bboxOf, mapRings, type AreaGeometry, type Ring } from './geometry';

/**
 * Douglas–Peucker per ring with a tolerance in metres. An outer ring that would fall below
 * 4 positions is kept unchanged; a hole that would is dropped (it is below map resolution).
 */
export function simplifyGeometry(geometry: AreaGeometry, toleranceMeters: number): AreaGeometry {
  if (!(toleranceMeters >= 0)) {
    throw new RangeError(`simplifyGeometry: tolerance must be >= 0, got ${toleranceMeters}`);
  }
  const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
  // One projection for the whole geometry keeps shared vertices of its rings consistent.
  const projection = new LocalProjection({ lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2 });
  return mapRings(geometry, (ring, isHole) => {
    const simplified = douglasPeucker(ring, projection, toleranceMeters);
    if (simplified.length >= 4) return simplified;
    return isHole ? null : ring.map(copyPosition);
  });
}

/**
 * Rounds every coordinate to `decimals` places (6 ≈ 0.1 m) and drops the consecutive
 * duplicates that rounding creates, unless that would leave a ring with fewer than 4 positions.
 */
export function roundCoordinates(geometry: AreaGeometry, decimals: number): AreaGeometry {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
    throw new RangeError(`roundCoordinates: decimals must be an integer 0–15, got ${decimals}`);
  }
  const factor = 10 ** decimals;
  const round = (v: number): number => Math.round(v * factor) / factor;
  return mapRings(geometry, (ring) => {
    const rounded = ring.map(([lon, lat]) => [round(lon!), round(lat!)]);
    const deduplicated = rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1]![0] || p[1] !== rounded[i - 1]![1]);
    return deduplicated.length >= 4 ? deduplicated : rounded;
  });
}

/** Keeps the positions of a closed ring that Douglas–Peucker retains; first and last always. */
function douglasPeucker(ring: Ring, projection: LocalProjection, toleranceMeters: number): Ring {
  const n = ring.length;
  const xs = ring.map((p) => projection.x(p[0]!));
  const ys = ring.map((p) => projection.y(p[1]!));
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const toleranceSquared = toleranceMeters * toleranceMeters;
  // An explicit stack instead of recursion: rings of large districts have thousands of positions.
  // For a closed ring the first span is degenerate (first = last), so the farthest position
  // from the start is kept first, which splits the ring into two open chains.
  const stack: Array<[number, number]> = [[0, n - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestSquared = toleranceSquared;
    for (let i = first + 1; i < last; i++) {
      const d = squaredDistanceToSegment(xs[i]!, ys[i]!, xs[first]!, ys[first]!, xs[last]!, ys[last]!);
      if (d > farthestSquared) {
        farthest = i;
        farthestSquared = d;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1).map(copyPosition);
}

function copyPosition([lon, lat]: number[]): number[] {
  return [lon!, lat!];
}
