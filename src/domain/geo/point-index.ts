/**
 * Nearest-point lookups over a fixed set of points (a packed R-tree, flatbush). Longitude is
 * scaled by the cosine of a reference latitude so that the tree's planar distance ranks points
 * as the ground does; the few nearest by that are then measured exactly.
 */
import Flatbush from 'flatbush';
import type { LatLon } from '../model';
import { distanceMeters } from './distance';

/** Points measured exactly after the tree's planar ranking (it is off by well under 1 % here). */
const CANDIDATES = 8;

export class PointIndex<T> {
  readonly #items: ReadonlyArray<{ point: LatLon; value: T }>;
  readonly #tree: Flatbush | null;
  readonly #lonScale: number;

  constructor(items: ReadonlyArray<{ point: LatLon; value: T }>, referenceLat = 52) {
    this.#items = items;
    this.#lonScale = Math.cos((referenceLat * Math.PI) / 180);
    if (items.length === 0) {
      this.#tree = null;
      return;
    }
    const tree = new Flatbush(items.length);
    for (const { point } of items) {
      const x = point.lon * this.#lonScale;
      tree.add(x, point.lat, x, point.lat);
    }
    tree.finish();
    this.#tree = tree;
  }

  /** The nearest point, its value and its distance in metres, or null when there are no points. */
  nearest(point: LatLon): { value: T; point: LatLon; distanceMeters: number } | null {
    if (!this.#tree) return null;
    let best: { value: T; point: LatLon; distanceMeters: number } | null = null;
    for (const i of this.#tree.neighbors(point.lon * this.#lonScale, point.lat, CANDIDATES)) {
      const item = this.#items[i]!;
      const d = distanceMeters(point, item.point);
      if (!best || d < best.distanceMeters) best = { value: item.value, point: item.point, distanceMeters: d };
    }
    return best;
  }
}
