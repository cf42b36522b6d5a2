/** ETRS89 / UTM zone 32 (EPSG:25832, the zone of Niedersachsen's house coordinates) ↔ WGS84, via proj4. */
import proj4 from 'proj4';
import type { LatLon } from '../domain/model';

// ETRS89 and WGS84 differ by well under a metre in Germany: no datum shift is applied (as EPSG does).
const EPSG_25832 = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
const converter = proj4(EPSG_25832, 'EPSG:4326');

/** UTM zone 32 easting/northing (metres, without zone prefix) → WGS84 lat/lon. */
export function utm32ToWgs84(easting: number, northing: number): LatLon {
  const [lon, lat] = converter.forward<[number, number]>([easting, northing]);
  return { lat, lon };
}

/** WGS84 lat/lon → UTM zone 32 easting/northing in metres (without zone prefix). */
export function wgs84ToUtm32(point: LatLon): { easting: number; northing: number } {
  const [easting, northing] = converter.inverse<[number, number]>([point.lon, point.lat]);
  return { easting, northing };
}
