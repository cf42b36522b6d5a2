/**
 * In-memory spatial index over district outlines: a packed R-tree (flatbush) of bounding boxes
 * narrows a lookup to a handful of candidates, then the exact tests decide.
 *
 * Most points lie well inside an area, far from every boundary, where the exact tests only
 * confirm what holds for the whole neighbourhood. So the index also remembers, per cell of a
 * grid (cell-grid.ts), how far the cell is from the nearest boundary and which area holds its
 * centre, learned on the first lookup in the cell. A lookup in a cell no boundary crosses is
 * then answered without touching an outline: `find` gives the centre's area, and `near` finds
 * nothing within the cell's clearance. Only cells near a boundary are tested point by point.
 */
import Flatbush from 'flatbush';
import type { LatLon } from '../model';
import { CellGrid } from './cell-grid';
import { distanceToBoundaryMeters, LocalProjection } from './distance';
import { bboxOf, type AreaGeometry, type BBox } from './geometry';
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

/**
 * Points this close outside every outline still count as inside the nearest one: the outlines
 * are simplified to about 200 m. One tolerance for the import (which places streets, addresses
 * and Ortsteile) and the server (which locates points).
 */
export const OUTLINE_SLACK_METERS = 250;

/** An area whose boundary is near a point. */
export interface NearbyArea<T> extends AreaMatch<T> {
  distanceMeters: number;
}

// The grid: about a million cells over the areas' extent (about 390 m across over
// Niedersachsen), so that at most 8 MB per index are ever written, only as cells are visited.
const MAX_CELLS = 2 ** 20;
const MIN_CELL_DEGREES = 0.002;
/** How far a cell's clearance is measured: beyond every radius `near` is asked for. */
const CLEARANCE_HORIZON_METERS = 1_000;

/**
 * Spatial index over areas; build once at start-up, then query per request. Its answers never
 * change: what it learns per cell only makes them faster.
 */
export class AreaIndex<T> implements Iterable<AreaEntry<T>> {
  readonly #entries: readonly AreaEntry<T>[];
  // Null when there are no entries: flatbush refuses to build an empty tree.
  readonly #tree: Flatbush | null;
  readonly #extent: BBox | null;
  // Made on the first lookup (zero-filled memory costs nothing until a cell is written):
  // per cell, the metres to the nearest boundary at least (#clearance) and what `find` gives at
  // its centre (#foundAtCentre: 0 not learned yet, 1 no area, 2 + i the entry i).
  #grid: CellGrid | null = null;
  #clearance: Float32Array | null = null;
  #foundAtCentre: Int32Array | null = null;

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
      this.#extent = null;
      return;
    }
    const tree = new Flatbush(this.#entries.length);
    for (const { geometry } of this.#entries) tree.add(...bboxOf(geometry));
    tree.finish();
    this.#tree = tree;
    this.#extent = [tree.minX, tree.minY, tree.maxX, tree.maxY];
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
    const cell = this.#learnedCell(point);
    if (cell >= 0 && this.#clearance![cell]! > 0) return this.#match(this.#foundAtCentre![cell]! - 2);
    return this.#match(this.#findExact(point));
  }

  #match(entryIndex: number): AreaMatch<T> | null {
    const entry = this.#entries[entryIndex];
    return entry ? { key: entry.key, value: entry.value } : null;
  }

  /** The index of the entry `find` describes, or -1: by the exact tests. */
  #findExact(point: LatLon): number {
    let inside = -1;
    let boundary = -1;
    for (const i of this.#candidates(point, BOUNDARY_EPSILON_DEGREES, BOUNDARY_EPSILON_DEGREES)) {
      const entry = this.#entries[i]!;
      const location = locatePoint(point, entry.geometry);
      if (location === 'inside' && (inside < 0 || entry.key < this.#entries[inside]!.key)) inside = i;
      else if (location === 'boundary' && (boundary < 0 || entry.key < this.#entries[boundary]!.key)) boundary = i;
    }
    return inside >= 0 ? inside : boundary;
  }

  /**
   * Areas other than `except` whose boundary is within `radiusMeters` of the point, nearest
   * first (ties by key). `except` is the area `find` returns unless the caller names the one it
   * already knows (or null for none), which saves that lookup. A point on a shared edge lists
   * the other areas at 0 m.
   */
  near(point: LatLon, radiusMeters: number, except: string | null = this.find(point)?.key ?? null): NearbyArea<T>[] {
    if (!(radiusMeters >= 0)) throw new RangeError(`near: radius must be >= 0, got ${radiusMeters}`);
    const cell = this.#learnedCell(point);
    if (cell >= 0 && this.#clearance![cell]! > radiusMeters) return [];
    // The box uses the same local projection as distanceToBoundaryMeters, so any boundary
    // point within the radius lies in the box and its area's bbox meets it; the epsilon keeps
    // edges exactly at the radius despite rounding.
    const projection = new LocalProjection(point);
    const dLat = radiusMeters / projection.metersPerDegreeLat + BOUNDARY_EPSILON_DEGREES;
    const dLon = radiusMeters / projection.metersPerDegreeLon + BOUNDARY_EPSILON_DEGREES;
    const result: NearbyArea<T>[] = [];
    for (const i of this.#candidates(point, dLat, dLon)) {
      const { key, value, geometry } = this.#entries[i]!;
      if (key === except) continue;
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

  /** The grid cell of the point, learned if it was not yet; -1 outside the areas' extent. */
  #learnedCell(point: LatLon): number {
    if (!this.#extent) return -1;
    if (!this.#grid) {
      this.#grid = new CellGrid(this.#extent, MAX_CELLS, MIN_CELL_DEGREES);
      this.#clearance = new Float32Array(this.#grid.size);
      this.#foundAtCentre = new Int32Array(this.#grid.size);
    }
    const cell = this.#grid.cellOf(point);
    if (cell >= 0 && this.#foundAtCentre![cell] === 0) this.#learn(cell);
    return cell;
  }

  /**
   * A cell's clearance: the distance from its centre to the nearest boundary (up to the
   * horizon), less what a point of the cell may be nearer: its distance from the centre, and
   * the difference between its local projection and the centre's (far below 0.1 % over a cell),
   * and a metre more. Positive means no boundary crosses the cell, so every point of it lies
   * where the centre lies.
   */
  #learn(cell: number): void {
    const grid = this.#grid!;
    const centre = grid.centreOf(cell);
    const projection = new LocalProjection(centre);
    const dLat = CLEARANCE_HORIZON_METERS / projection.metersPerDegreeLat;
    const dLon = CLEARANCE_HORIZON_METERS / projection.metersPerDegreeLon;
    let nearest = CLEARANCE_HORIZON_METERS;
    for (const i of this.#candidates(centre, dLat, dLon)) {
      nearest = Math.min(nearest, distanceToBoundaryMeters(centre, this.#entries[i]!.geometry));
    }
    const clearance = nearest * 0.999 - grid.halfDiagonalMeters - 1;
    this.#clearance![cell] = clearance;
    this.#foundAtCentre![cell] = clearance > 0 ? this.#findExact(centre) + 2 : 1;
  }
}
