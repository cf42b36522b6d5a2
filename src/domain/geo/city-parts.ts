/**
 * The parts of a city divided into districts (Hannover's Stadtteile), and the one rule that gives
 * every point the portal places in that city exactly one part.
 *
 * The parts come from the city's own detailed map; the municipality's outline, which decides
 * whether a point is in the city at all, is simplified to about 200 m. The two edges differ by
 * up to a few hundred metres (Hannover: parts stick out by up to 320 m, and points of the
 * municipality lie up to 150 m outside every part). They are reconciled at look-up, not by
 * redrawing either outline:
 * - the municipality decides the city (a point in a part's strip beyond the city's outline is
 *   the neighbouring town's, as the town's own outline says);
 * - inside the city, the part whose outline holds the point;
 * - in a gap along the edge (or in the slack beyond the outline that still counts as the city),
 *   the part whose outline is nearest.
 * The import checks that no part sticks out, and no point of the municipality lies outside
 * every part, by more than SPLIT_TOLERANCE_METERS, so the nearest part is always within reach.
 */
import type { LatLon } from '../model';
import { AreaIndex, OUTLINE_SLACK_METERS, type AreaEntry, type AreaMatch } from './area-index';

/**
 * How far a part may stick out over its municipality's outline, and a point of the municipality
 * lie outside every part: beyond this, a split file does not describe its municipality (checked
 * at import, naming file and feature).
 */
export const SPLIT_TOLERANCE_METERS = 500;

/** Two parts overlap when a point lies this deep inside both: less is a drawing difference. */
export const SPLIT_OVERLAP_METERS = 25;

/** How far from every part a point of the city may be and still get the nearest one. */
export const PART_REACH_METERS = SPLIT_TOLERANCE_METERS + OUTLINE_SLACK_METERS;

/** A city's parts, for looking up which one a point of the city lies in. */
export class CityParts<T> {
  readonly #index: AreaIndex<T>;

  constructor(parts: Iterable<AreaEntry<T>>) {
    this.#index = new AreaIndex(parts);
  }

  /**
   * The part of a point the portal places in this city: the one holding it, else the nearest
   * within PART_REACH_METERS; null only for a point far from the city (never for one in it).
   */
  at(point: LatLon): AreaMatch<T> | null {
    return this.#index.find(point) ?? this.nearest(point, PART_REACH_METERS);
  }

  /** The part whose outline is nearest the point, within `radiusMeters`. */
  nearest(point: LatLon, radiusMeters: number): AreaMatch<T> | null {
    const [nearest] = this.#index.near(point, radiusMeters, null);
    return nearest ? { key: nearest.key, value: nearest.value } : null;
  }
}
