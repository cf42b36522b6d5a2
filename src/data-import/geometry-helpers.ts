/**
 * Small geometry helpers the import needs and the domain does not (yet) offer.
 */
import type { Position } from 'geojson';
import type { LatLon } from '../domain/model';
import { polygonsOf, type AreaGeometry, type Ring } from '../domain/geo/geometry';
import { locatePoint } from '../domain/geo/point-in-polygon';

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += (a[0]! * b[1]! - b[0]! * a[1]!) / 2;
  }
  return sum;
}

/**
 * A point guaranteed to lie inside the geometry (for places without an official centre, such as
 * gemeindefreie Gebiete): the centroid of the largest polygon if it is inside, otherwise the middle
 * of the widest inside stretch of a horizontal line through that polygon.
 */
export function interiorPoint(geometry: AreaGeometry): LatLon {
  const polygons = polygonsOf(geometry);
  let best = polygons[0]!;
  let bestArea = -1;
  for (const polygon of polygons) {
    const area = Math.abs(ringArea(polygon[0]!));
    if (area > bestArea) {
      bestArea = area;
      best = polygon;
    }
  }
  const outer = best[0]!;
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const p = outer[j]!;
    const q = outer[i]!;
    const f = p[0]! * q[1]! - q[0]! * p[1]!;
    cx += (p[0]! + q[0]!) * f;
    cy += (p[1]! + q[1]!) * f;
    a += f;
  }
  const polygonGeometry: AreaGeometry = { type: 'Polygon', coordinates: best };
  if (a !== 0) {
    const centroid = { lon: cx / (3 * a), lat: cy / (3 * a) };
    if (locatePoint(centroid, polygonGeometry) === 'inside') return round(centroid);
  }
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const p of outer) {
    minLat = Math.min(minLat, p[1]!);
    maxLat = Math.max(maxLat, p[1]!);
  }
  // Try a few scanlines; a slightly irrational offset avoids hitting vertices exactly.
  for (const t of [0.5, 0.3819, 0.618, 0.25, 0.75]) {
    const y = minLat + (maxLat - minLat) * t + 1.234e-7;
    const xs: number[] = [];
    for (const ring of best) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const p = ring[j]!;
        const q = ring[i]!;
        if (p[1]! > y !== q[1]! > y) xs.push(p[0]! + ((y - p[1]!) * (q[0]! - p[0]!)) / (q[1]! - p[1]!));
      }
    }
    xs.sort((m, n) => m - n);
    let widest = -1;
    let mid = NaN;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1]! - xs[k]!;
      if (width > widest) {
        widest = width;
        mid = (xs[k]! + xs[k + 1]!) / 2;
      }
    }
    if (widest > 0 && locatePoint({ lat: y, lon: mid }, polygonGeometry) === 'inside') {
      return round({ lat: y, lon: mid });
    }
  }
  return round({ lat: outer[0]![1]!, lon: outer[0]![0]! });
}

function round(p: LatLon): LatLon {
  return { lat: roundCoordinate(p.lat), lon: roundCoordinate(p.lon) };
}

/** A coordinate rounded to 6 decimals (about 0.1 m), as the database keeps points. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
