/**
 * A fixed grid of square cells (in degrees) over a bounding box: the unit in which an index
 * remembers what holds for every point of a cell (see AreaIndex).
 */
import type { LatLon } from '../model';
import { EARTH_RADIUS_METERS } from './distance';
import type { BBox } from './geometry';

const METERS_PER_DEGREE_LAT = (EARTH_RADIUS_METERS * Math.PI) / 180;

export class CellGrid {
  /**
   * At least the distance in metres from a cell's centre to any of its points, in the local
   * projection of any of them (a degree of longitude is never longer than one of latitude).
   */
  readonly halfDiagonalMeters: number;
  readonly #minLon: number;
  readonly #minLat: number;
  /** Side of a cell, in degrees of latitude and of longitude alike. */
  readonly #sizeDegrees: number;
  readonly #columns: number;
  readonly #rows: number;

  /**
   * A grid covering `bbox` with about `maxCells` cells (a few more along the edges), none
   * smaller than `minSizeDegrees`.
   */
  constructor([minLon, minLat, maxLon, maxLat]: BBox, maxCells: number, minSizeDegrees: number) {
    const width = Math.max(maxLon - minLon, 0);
    const height = Math.max(maxLat - minLat, 0);
    this.#sizeDegrees = Math.max(minSizeDegrees, Math.sqrt((width * height) / maxCells));
    // One more than fits, so that the far edges lie inside too.
    this.#columns = Math.floor(width / this.#sizeDegrees) + 1;
    this.#rows = Math.floor(height / this.#sizeDegrees) + 1;
    this.halfDiagonalMeters = (this.#sizeDegrees / 2) * Math.SQRT2 * METERS_PER_DEGREE_LAT;
    this.#minLon = minLon;
    this.#minLat = minLat;
  }

  /** Number of cells. */
  get size(): number {
    return this.#columns * this.#rows;
  }

  /** The cell a point lies in, or -1 outside the grid. */
  cellOf({ lat, lon }: LatLon): number {
    const column = Math.floor((lon - this.#minLon) / this.#sizeDegrees);
    const row = Math.floor((lat - this.#minLat) / this.#sizeDegrees);
    if (!(column >= 0 && column < this.#columns && row >= 0 && row < this.#rows)) return -1;
    return row * this.#columns + column;
  }

  /** The centre of a cell. */
  centreOf(cell: number): LatLon {
    const row = Math.floor(cell / this.#columns);
    const column = cell - row * this.#columns;
    return { lat: this.#minLat + (row + 0.5) * this.#sizeDegrees, lon: this.#minLon + (column + 0.5) * this.#sizeDegrees };
  }
}
