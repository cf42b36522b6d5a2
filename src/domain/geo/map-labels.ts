/**
 * Orientation on maps without tiles: which places to name at which zoom, and where a district's
 * name fits inside the part of it that a map shows. Pure: the server's SVG maps and the browser's
 * Leaflet maps use the same rules.
 */
import type { LatLon } from '../model';
import { bboxOf, type AreaGeometry, type BBox } from './geometry';
import { locatePoint } from './point-in-polygon';

/**
 * A place to name on a map. `kind` says where it comes from: the municipalities of the data;
 * (fed in by the search's gazetteer) Ortsteile, which come one zoom step later than a town of
 * the same size (GeoNames gives them no population: they come once every town is named); or the
 * parts of a city divided into districts (Stadtteile), named from CITY_PART_ZOOM on.
 */
export interface LabelledPoint extends LatLon {
  name: string;
  population: number;
  kind: 'municipality' | 'ortsteil' | 'stadtteil';
}

/** From this zoom a city's parts are named (a city of 20 km fills a phone's map at about 11). */
export const CITY_PART_ZOOM = 11;

/** Population from which a place is named at a zoom level (Leaflet's zoom; Niedersachsen whole ≈ 7). */
const NAMED_FROM: ReadonlyArray<[minZoom: number, population: number]> = [
  [6, 200_000],
  [7, 100_000],
  [8, 40_000],
  [9, 15_000],
  [10, 5_000],
  [11, 1_000],
];
/** Beyond this zoom every place is named. */
const ALL_NAMED_ZOOM = 12;

/** The least zoom at which `place` is named: the larger the place, the earlier. */
export function labelMinZoom(place: Pick<LabelledPoint, 'population' | 'kind'>): number {
  if (place.kind === 'stadtteil') return CITY_PART_ZOOM;
  const step = NAMED_FROM.find(([, population]) => place.population >= population)?.[0] ?? ALL_NAMED_ZOOM;
  return place.kind === 'ortsteil' ? step + 1 : step;
}

/** A label's box on the screen, in pixels. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The places to name in a view at `zoom`: those large enough for it, largest first, each only if
 * its box (`box`, in screen pixels; null when off screen) overlaps no box already placed.
 */
export function chooseLabels<T extends LabelledPoint>(places: readonly T[], zoom: number, box: (place: T) => LabelBox | null): T[] {
  const chosen: T[] = [];
  const taken: LabelBox[] = [];
  const candidates = places.filter((place) => labelMinZoom(place) <= zoom).sort((a, b) => b.population - a.population);
  for (const place of candidates) {
    const area = box(place);
    if (!area || taken.some((other) => overlaps(area, other))) continue;
    taken.push(area);
    chosen.push(place);
  }
  return chosen;
}

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Grid steps per side when looking for a label's place. */
const GRID = 24;

/**
 * Where to put an area's name on a map showing `view`: a point inside the area and inside the
 * view, as far into both as the grid finds (so a neighbour cut by the map's edge is named on the
 * part that shows). Null when no part of the area is in view.
 */
export function labelPoint(geometry: AreaGeometry, view: BBox): LatLon | null {
  const [aMinLon, aMinLat, aMaxLon, aMaxLat] = bboxOf(geometry);
  const minLon = Math.max(aMinLon, view[0]);
  const minLat = Math.max(aMinLat, view[1]);
  const maxLon = Math.min(aMaxLon, view[2]);
  const maxLat = Math.min(aMaxLat, view[3]);
  if (minLon >= maxLon || minLat >= maxLat) return null;
  const stepLon = (maxLon - minLon) / GRID;
  const stepLat = (maxLat - minLat) / GRID;
  const inside: boolean[][] = [];
  for (let i = 0; i <= GRID; i++) {
    inside.push([]);
    for (let j = 0; j <= GRID; j++) {
      inside[i]!.push(locatePoint({ lat: minLat + j * stepLat, lon: minLon + i * stepLon }, geometry) === 'inside');
    }
  }
  // The grid point inside whose nearest outside (or edge) grid point is farthest away.
  let best: LatLon | null = null;
  let bestDepth = -1;
  for (let i = 0; i <= GRID; i++) {
    for (let j = 0; j <= GRID; j++) {
      if (!inside[i]![j]) continue;
      let depth = 0;
      while (depth <= GRID && ringInside(inside, i, j, depth + 1)) depth++;
      if (depth > bestDepth) {
        bestDepth = depth;
        best = { lat: minLat + j * stepLat, lon: minLon + i * stepLon };
      }
    }
  }
  return best;
}

/** True when every grid point at Chebyshev distance `d` from (i, j) is inside (and on the grid). */
function ringInside(inside: boolean[][], i: number, j: number, d: number): boolean {
  for (let a = i - d; a <= i + d; a++) {
    for (let b = j - d; b <= j + d; b++) {
      if (Math.max(Math.abs(a - i), Math.abs(b - j)) !== d) continue;
      if (!inside[a]?.[b]) return false;
    }
  }
  return true;
}
