/** Small geometries for the geo unit tests, in GeoJSON order ([lon, lat]). */
import type { Position } from 'geojson';
import type { AreaGeometry } from '../../../src/domain/geo';

/** A closed axis-aligned square ring, counter-clockwise unless `clockwise`. */
export function squareRing(minLon: number, minLat: number, size: number, clockwise = false): Position[] {
  const ring = [
    [minLon, minLat],
    [minLon + size, minLat],
    [minLon + size, minLat + size],
    [minLon, minLat + size],
    [minLon, minLat],
  ];
  return clockwise ? ring.reverse() : ring;
}

/** A square polygon, optionally with square holes given as [minLon, minLat, size]. */
export function square(minLon: number, minLat: number, size: number, holes: Array<[number, number, number]> = []): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [squareRing(minLon, minLat, size), ...holes.map(([x, y, s]) => squareRing(x, y, s, true))],
  };
}

/** Total number of positions in a geometry. */
export function countPositions(geometry: AreaGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flat().reduce((sum, ring) => sum + ring.length, 0);
}
