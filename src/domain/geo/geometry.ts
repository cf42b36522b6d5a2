/**
 * Geometry types shared by the geo core, plus validation of untrusted GeoJSON.
 * Coordinates follow GeoJSON: `[lon, lat]` in WGS84 degrees.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** A district outline: one polygon or several, each with optional holes. */
export type AreaGeometry = Polygon | MultiPolygon;

/** `[minLon, minLat, maxLon, maxLat]`, the GeoJSON bbox order. */
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** A closed ring: first position equals the last, at least 4 positions. */
export type Ring = Position[];

/** The polygons of a geometry as `[outer, ...holes]` ring lists, whatever its type. */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The bounding box of all positions of a geometry (holes included; they lie inside anyway). */
export function bboxOf(geometry: AreaGeometry): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const position of ring) {
        const lon = position[0]!;
        const lat = position[1]!;
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

/**
 * Rebuilds a geometry ring by ring. `transform` gets each ring and whether it is a hole, and
 * returns the new ring, or null to drop it (only holes may be dropped: an outer ring is required).
 */
export function mapRings(geometry: AreaGeometry, transform: (ring: Ring, isHole: boolean) => Ring | null): AreaGeometry {
  const mapPolygon = (polygon: Ring[]): Ring[] => {
    const result: Ring[] = [];
    polygon.forEach((ring, i) => {
      const mapped = transform(ring, i > 0);
      if (mapped) result.push(mapped);
      else if (i === 0) throw new Error('mapRings: an outer ring cannot be dropped');
    });
    return result;
  };
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: mapPolygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(mapPolygon) };
}

/**
 * Validates untrusted JSON as a Polygon or MultiPolygon and returns a clean copy (2D positions
 * only, no foreign members); throws an Error naming the offending path otherwise.
 */
export function parseAreaGeometry(json: unknown): AreaGeometry {
  if (!isRecord(json)) throw invalid('geometry', 'is not an object');
  const { type, coordinates } = json;
  if (type === 'Polygon') {
    return { type, coordinates: parsePolygon(coordinates, 'coordinates') };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      throw invalid('coordinates', 'must be a non-empty array of polygons');
    }
    return {
      type,
      coordinates: coordinates.map((p, i) => parsePolygon(p, `coordinates[${i}]`)),
    };
  }
  throw invalid('type', `must be "Polygon" or "MultiPolygon", got ${JSON.stringify(type)}`);
}

function parsePolygon(json: unknown, path: string): Ring[] {
  if (!Array.isArray(json) || json.length === 0) {
    throw invalid(path, 'must be a non-empty array of rings');
  }
  return json.map((ring, i) => parseRing(ring, `${path}[${i}]`));
}

function parseRing(json: unknown, path: string): Ring {
  if (!Array.isArray(json)) throw invalid(path, 'must be an array of positions');
  if (json.length < 4) throw invalid(path, `has ${json.length} positions, a ring needs at least 4`);
  const ring = json.map((p, i) => parsePosition(p, `${path}[${i}]`));
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw invalid(path, 'is not closed (first and last positions differ)');
  }
  return ring;
}

function parsePosition(json: unknown, path: string): Position {
  if (!Array.isArray(json) || json.length < 2) {
    throw invalid(path, 'must be a [lon, lat] array');
  }
  const [lon, lat] = json as unknown[];
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    throw invalid(path, `has an invalid longitude ${String(lon)}`);
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw invalid(path, `has an invalid latitude ${String(lat)}`);
  }
  return [lon, lat];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, problem: string): Error {
  return new Error(`Invalid area geometry: ${path} ${problem}`);
}
