/**
 * Pixel frame for server-rendered SVG maps in Web Mercator, the projection of every slippy map,
 * so our static outlines line up with the interactive map and optional tiles.
 */
import type { LatLon } from '../model';
import { polygonsOf, type AreaGeometry, type BBox } from './geometry';

/** Web Mercator's latitude limit: beyond it the projection diverges. */
const MAX_LATITUDE = 85.0511287798066;

/** A pixel position in a frame: x to the right, y downwards, as in SVG. */
export interface PixelPoint {
  x: number;
  y: number;
}

/** Maps WGS84 points to pixels of a fixed-size map and back. Immutable. */
export class MapFrame {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  // Pixels per unit of the normalised Mercator plane (the world is 1 × 1, y grows southwards),
  // and the plane coordinates of pixel (0, 0).
  readonly #scale: number;
  readonly #originX: number;
  readonly #originY: number;

  private constructor(width: number, height: number, scale: number, originX: number, originY: number) {
    this.width = width;
    this.height = height;
    this.#scale = scale;
    this.#originX = originX;
    this.#originY = originY;
  }

  /**
   * A frame `widthPx` wide showing `bbox` with `paddingPx` on every side; the height (whole
   * pixels) follows from the bbox's aspect ratio, and the content is centred vertically.
   */
  static fit(bbox: BBox, widthPx: number, paddingPx = 0): MapFrame {
    const [minLon, minLat, maxLon, maxLat] = bbox;
    if (!bbox.every(Number.isFinite) || maxLat < minLat) {
      throw new RangeError(`MapFrame.fit: invalid bbox ${JSON.stringify(bbox)}`);
    }
    if (!(paddingPx >= 0) || !(widthPx > 2 * paddingPx) || !Number.isFinite(widthPx)) {
      throw new RangeError(`MapFrame.fit: width ${widthPx} must exceed twice the padding ${paddingPx}`);
    }
    const left = mercatorX(minLon);
    const top = mercatorY(maxLat);
    const spanX = mercatorX(maxLon) - left;
    if (!(spanX > 0)) throw new RangeError('MapFrame.fit: bbox must have a positive longitude span');
    const scale = (widthPx - 2 * paddingPx) / spanX;
    const contentHeight = (mercatorY(minLat) - top) * scale;
    const height = Math.max(1, Math.round(contentHeight + 2 * paddingPx));
    const offsetY = (height - contentHeight) / 2;
    return new MapFrame(widthPx, height, scale, left - paddingPx / scale, top - offsetY / scale);
  }

  /** Pixel position of a point (unrounded; may lie outside the frame). */
  project(point: LatLon): PixelPoint {
    return {
      x: (mercatorX(point.lon) - this.#originX) * this.#scale,
      y: (mercatorY(point.lat) - this.#originY) * this.#scale,
    };
  }

  /** The point at a pixel position, e.g. the x/y an `<input type="image">` click submits. */
  unproject(x: number, y: number): LatLon {
    const mx = x / this.#scale + this.#originX;
    const my = y / this.#scale + this.#originY;
    return {
      lat: (Math.atan(Math.sinh(Math.PI * (1 - 2 * my))) * 180) / Math.PI,
      lon: mx * 360 - 180,
    };
  }

  /**
   * SVG path data for a geometry: one closed subpath per ring, an absolute start point and then
   * relative steps (much shorter than absolute coordinates for a state's worth of outlines),
   * rounded to `decimals` places of a pixel, repeated points dropped. Draw it with
   * `fill-rule="evenodd"` so holes stay empty whatever the ring orientation. Rings that
   * collapse to fewer than 3 distinct points are left out.
   */
  pathFor(geometry: AreaGeometry, decimals = 1): string {
    const factor = 10 ** decimals;
    let d = '';
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        // Rounded to whole units of 1/factor px first, so relative steps add up without drift.
        const points: Array<[number, number]> = [];
        // The closing position repeats the first; 'z' closes the subpath instead.
        for (let i = 0; i < ring.length - 1; i++) {
          const { x, y } = this.project({ lon: ring[i]![0]!, lat: ring[i]![1]! });
          const point: [number, number] = [Math.round(x * factor), Math.round(y * factor)];
          const previous = points.at(-1);
          if (!previous || previous[0] !== point[0] || previous[1] !== point[1]) points.push(point);
        }
        const first = points[0];
        const last = points.at(-1);
        if (first && last && points.length > 1 && first[0] === last[0] && first[1] === last[1]) points.pop();
        if (points.length < 3) continue;
        d += `M${formatUnits(points[0]![0], factor)} ${formatUnits(points[0]![1], factor)}l`;
        for (let i = 1; i < points.length; i++) {
          const dx = formatUnits(points[i]![0] - points[i - 1]![0], factor);
          const dy = formatUnits(points[i]![1] - points[i - 1]![1], factor);
          d += `${i > 1 && !dx.startsWith('-') ? ' ' : ''}${dx}${dy.startsWith('-') ? '' : ' '}${dy}`;
        }
        d += 'z';
      }
    }
    return d;
  }
}

function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

function mercatorY(lat: number): number {
  const phi = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
}

/** A count of 1/factor pixels as a short decimal: no trailing zeros, never "-0". */
function formatUnits(units: number, factor: number): string {
  return String(units / factor || 0);
}
