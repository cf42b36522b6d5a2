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
  widget: () => '/widget',
  widgetScript: () => '/widget.js',
  /** The script inside the frame that reports its height to the host page. */
  widgetFrameScript: () => '/widget-frame.js',
  /** A framed view of the widget: /embed/bezirk/…, /embed/dienststelle/…, /embed/inspektion/…, /embed/suche. */
  embed: (view: string, id?: string) => `/embed/${view}` + (id ? `/${encodeURIComponent(id)}` : ''),
  // Open data: the JSON API, its documentation, the downloads and the account check.
  apiDocs: () => '/api',
  openApi: () => '/api/v1/openapi.json',
  api: (path: string) => `/api/v1/${path}`,
  apiDistrict: (id: string) => `/api/v1/districts/${encodeURIComponent(id)}`,
  apiDistrictBoundary: (id: string) => `/api/v1/districts/${encodeURIComponent(id)}/boundary`,
  apiOfficer: (id: string) => `/api/v1/officers/${encodeURIComponent(id)}`,
  apiStation: (id: string) => `/api/v1/stations/${encodeURIComponent(id)}`,
  openData: () => '/daten',
  download: (file: string) => `/daten/${encodeURIComponent(file)}`,
  accountCheck: (input?: string, platform?: string) => {
    const query = new URLSearchParams();
    if (input) query.set('konto', input);
    if (platform) query.set('plattform', platform);
    const text = query.toString();
    return text ? `/konto-pruefen?${text}` : '/konto-pruefen';
  },
  onlinewache: () => 'https://www.onlinewache.polizei.niedersachsen.de/',
} as const;
