/** URL builders: the one place where the portal's links are made. */
import type { LatLon } from './domain/model';

const coordinate = (value: number) => value.toFixed(5);

export const paths = {
  home: () => '/',
  search: (query?: string) => (query ? `/suche?q=${encodeURIComponent(query)}` : '/suche'),
  locate: (point?: LatLon) =>
    point ? `/standort?lat=${coordinate(point.lat)}&lon=${coordinate(point.lon)}` : '/standort',
  district: (id: string, point?: LatLon) =>
    `/bezirk/${encodeURIComponent(id)}` +
    (point ? `?lat=${coordinate(point.lat)}&lon=${coordinate(point.lon)}` : ''),
  officer: (id: string) => `/beamte/${encodeURIComponent(id)}`,
  demoAccount: (id: string) => `/demo-konto/${encodeURIComponent(id)}`,
  overviewMapData: () => '/karte/uebersicht.geojson',
  districtMapData: (id: string) => `/karte/bezirk/${encodeURIComponent(id)}.geojson`,
  officerMapData: (id: string) => `/karte/beamte/${encodeURIComponent(id)}.geojson`,
  overviewMapImage: () => '/karte/uebersicht.svg',
  onlinewache: () => 'https://www.onlinewache.polizei.niedersachsen.de/',
} as const;
