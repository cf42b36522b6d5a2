/**
 * In-memory spatial index over district outlines: a packed R-tree (flatbush) of bounding boxes
 * narrows a lookup to a handful of candidates, then the exact tests decide.
 */
import Flatbush from 'flatbush';
import type { LatLon } from '../model';
import { distanceToBoundaryMeters, LocalProjection } from './distance';
import { bboxOf, type AreaGeometry } from './geometry';
import { BOUNDARY_EPSILON_DEGREES, locatePoint } from './point-in-polygon';

/** One area to index: a stable key, the caller's payload, its outline. */
export interface AreaEntry<T> {
  key: string;
  value: T;
  geometry: AreaGeometry;
}

/** An area found for a point. */
export interface AreaMatch<T> {
  key: string;
  value: T;
}

/** An area whose boundary is near a point. */
export interface NearbyArea<T> extends AreaMatch<T> {
  distanceMeters: number;
}

/** Spatial index over areas; build once at start-up, then query per request. Immutable. */
export class AreaIndex<T> implements Iterable<AreaEntry<T>> {
  readonly #entries: readonly AreaEntry<T>[];
  // Null when there are no entries: flatbush refuses to build an empty tree.
  readonly #tree: Flatbush | null;

  /** Builds the index; throws if a key occurs twice, since lookups must be unambiguous. */
  constructor(entries: Iterable<AreaEntry<T>>) {
    this.#entries = [...entries].map(({ key, value, geometry }) => ({ key, value, geometry }));
    const seen = new Set<string>();
    for (const { key } of this.#entries) {
      if (seen.has(key)) throw new Error(`AreaIndex: duplicate key ${JSON.stringify(key)}`);
      seen.add(key);
    }
    if (this.#entries.length === 0) {
      this.#tree = null;
      return;
    }
    const tree = new Flatbush(this.#entries.length);
    for (const { geometry } of this.#entries) tree.add(...bboxOf(geometry));
    tree.finish();
    this.#tree = tree;
  }

  /** Number of indexed areas. */
  get size(): number {
    return this.#entries.length;
  }

  /** The indexed areas in insertion order. */
  entries(): IterableIterator<AreaEntry<T>> {
    return this.#entries.values();
  }

  [Symbol.iterator](): IterableIterator<AreaEntry<T>> {
    return this.entries();
  }

  /**
   * The area containing the point, or null. Deterministic where areas meet: an area with the
   * point in its interior wins; a point only on the boundary of several areas (a shared edge
   * or corner) goes to the one with the lexicographically smallest key (plain string
   * comparison, so '033510006' < '033515404'). Overlapping interiors, which only broken
   * data produces, are resolved by the same smallest-key rule.
   */
  find(point: LatLon): AreaMatch<T> | null {
    let inside: AreaEntry<T> | null = null;
    let boundary: AreaEntry<T> | null = null;
    for (const i of this.#candidates(point, BOUNDARY_EPSILON_DEGREES, BOUNDARY_EPSILON_DEGREES)) {
      const entry = this.#entries[i];
      const location = locatePoint(point, entry.geometry);
      if (location === 'inside' && (!inside || entry.key < inside.key)) inside = entry;
      else if (location === 'boundary' && (!boundary || entry.key < boundary.key)) boundary = entry;
    }
    const winner = inside ?? boundary;
    return winner ? { key: winner.key, value: winner.value } : null;
  }

  /**
   * Areas other than the one `find` returns whose boundary is within `radiusMeters` of the
   * point, nearest first (ties by key). A point on a shared edge lists the other areas at 0 m.
   */
  near(point: LatLon, radiusMeters: number): NearbyArea<T>[] {
    if (!(radiusMeters >= 0)) throw new RangeError(`near: radius must be >= 0, got ${radiusMeters}`);
    // The box uses the same local projection as distanceToBoundaryMeters, so any boundary
    // point within the radius lies in the box and its area's bbox meets it; the epsilon keeps
    // edges exactly at the radius despite rounding.
    const projection = new LocalProjection(point);
    const dLat = radiusMeters / projection.metersPerDegreeLat + BOUNDARY_EPSILON_DEGREES;
    const dLon = radiusMeters / projection.metersPerDegreeLon + BOUNDARY_EPSILON_DEGREES;
    const containing = this.find(point)?.key;
    const result: NearbyArea<T>[] = [];
    for (const i of this.#candidates(point, dLat, dLon)) {
      const { key, value, geometry } = this.#entries[i];
      if (key === containing) continue;
      const distance = distanceToBoundaryMeters(point, geometry);
      if (distance <= radiusMeters) result.push({ key, value, distanceMeters: distance });
    }
    return result.sort((a, b) => a.distanceMeters - b.distanceMeters || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Indices of the entries whose bbox meets the box of ±dLat/±dLon degrees around the point. */
  #candidates(point: LatLon, dLat: number, dLon: number): number[] {
    if (!this.#tree) return [];
    return this.#tree.search(point.lon - dLon, point.lat - dLat, point.lon + dLon, point.lat + dLat);
  }
}
