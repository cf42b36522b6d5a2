/** URL builders: the one place where the portal's links are made. */
import type { LatLon } from './domain/model';
import { DEFAULT_LANGUAGE, isLanguage, languages, type Language } from './i18n/languages';

const coordinate = (value: number) => value.toFixed(5);

/** The district page's parameter naming the place the citizen searched for (validated there). */
export const SEARCHED_PLACE_PARAM = 'suche';

/**
 * The account-check page's parameters: German, as citizens read the page's address. The JSON API
 * names the same things in English (/api/v1/accounts/verify?url=…&platform=…).
 */
export const ACCOUNT_CHECK_PARAMS = { account: 'konto', platform: 'plattform' } as const;

/**
 * Where a search result leads: its district page with what was searched (and, for addresses,
 * streets and Ortsteile, the result's point, so the page shows it and any boundary nearby). The
 * search page and the suggestions alike. `pointOnMap` (the portal's results) says whether the
 * point is the place asked for; without it, addresses and streets count as such.
 */
export function searchResultPath(
  result: { type: string; district: { id: string } | null; city?: { id: string } | null; pointOnMap?: boolean },
  point: LatLon,
  query: string,
): string {
  // A place in a city divided into districts whose part is not known leads to the city's overview.
  const target = result.district ?? result.city;
  if (!result.district && target) return paths.district(target.id, undefined, query);
  const pointed = result.pointOnMap ?? (result.type === 'address' || result.type === 'street');
  return paths.district(target?.id ?? '', pointed ? point : undefined, query);
}

export const paths = {
  home: () => '/',
  search: (query?: string) => (query ? `/suche?q=${encodeURIComponent(query)}` : '/suche'),
  locate: (point?: LatLon) => (point ? `/standort?lat=${coordinate(point.lat)}&lon=${coordinate(point.lon)}` : '/standort'),
  /** A district page; with the searched point, and what was searched for "Ergebnis für: …". */
  district: (id: string, point?: LatLon, searched?: string) => {
    const query = [
      ...(point ? [`lat=${coordinate(point.lat)}`, `lon=${coordinate(point.lon)}`] : []),
      ...(searched ? [`${SEARCHED_PLACE_PARAM}=${encodeURIComponent(searched)}`] : []),
    ].join('&');
    return `/bezirk/${encodeURIComponent(id)}` + (query ? `?${query}` : '');
  },
  /** A KOBB's coming Sprechstunden as an iCalendar file. */
  officerCalendar: (id: string) => `/beamte/${encodeURIComponent(id)}/sprechstunden.ics`,
  officer: (id: string) => `/beamte/${encodeURIComponent(id)}`,
  demoAccount: (id: string) => `/demo-konto/${encodeURIComponent(id)}`,
  overviewMapData: () => '/karte/uebersicht.geojson',
  districtMapData: (id: string) => `/karte/bezirk/${encodeURIComponent(id)}.geojson`,
  officerMapData: (id: string) => `/karte/beamte/${encodeURIComponent(id)}.geojson`,
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
  apiCity: (id: string) => `/api/v1/cities/${encodeURIComponent(id)}`,
  apiCityBoundary: (id: string) => `/api/v1/cities/${encodeURIComponent(id)}/boundary`,
  apiOfficer: (id: string) => `/api/v1/officers/${encodeURIComponent(id)}`,
  apiStation: (id: string) => `/api/v1/stations/${encodeURIComponent(id)}`,
  openData: () => '/daten',
  download: (file: string) => `/daten/${encodeURIComponent(file)}`,
  accountCheck: (input?: string, platform?: string) => {
    const query = new URLSearchParams();
    if (input) query.set(ACCOUNT_CHECK_PARAMS.account, input);
    if (platform) query.set(ACCOUNT_CHECK_PARAMS.platform, platform);
    const text = query.toString();
    return text ? `/konto-pruefen?${text}` : '/konto-pruefen';
  },
  onlinewache: () => 'https://www.onlinewache.polizei.niedersachsen.de/',
  // The pages the law asks for (BITV 2.0, GDPR, TMG/DDG) and the index for search engines.
  accessibility: () => '/barrierefreiheit',
  easyRead: () => '/leichte-sprache',
  privacy: () => '/datenschutz',
  imprint: () => '/impressum',
  sitemap: () => '/sitemap.xml',
} as const;

/** The builders of `paths` whose results are pages in the UI language (the rest are data, files, scripts). */
const pageBuilders = [
  'home',
  'search',
  'locate',
  'district',
  'officer',
  'officerCalendar',
  'demoAccount',
  'widget',
  'apiDocs',
  'openData',
  'accountCheck',
  'accessibility',
  'easyRead',
  'privacy',
  'imprint',
] as const satisfies readonly (keyof typeof paths)[];

/** A page's path (German, unprefixed) in `language`: `/suche?q=x` → `/en/suche?q=x`, `/` → `/en`. */
export function localizePath(path: string, language: Language): string {
  if (language === DEFAULT_LANGUAGE) return path;
  return path === '/' || path.startsWith('/?') ? `/${language}${path.slice(1)}` : `/${language}${path}`;
}

/**
 * Splits a request path into its language and the unprefixed route: `/en/bezirk/1` →
 * { language: 'en', route: '/bezirk/1' }. Paths without a language prefix are German.
 */
export function splitLanguagePrefix(pathname: string): { language: Language; route: string } {
  const [, prefix, route] = /^\/([a-z]{2,3}(?:-[A-Za-z0-9]+)?)(\/.*)?$/.exec(pathname) ?? [];
  if (prefix !== undefined && prefix !== DEFAULT_LANGUAGE && isLanguage(prefix)) {
    return { language: prefix, route: route ?? '/' };
  }
  return { language: DEFAULT_LANGUAGE, route: pathname };
}

/**
 * The current page in every language, for the language switch and `hreflang`: the same route and
 * query string under each language's prefix.
 */
export function languageVersions(url: URL): Array<{ language: Language; path: string }> {
  const { route } = splitLanguagePrefix(url.pathname);
  return (Object.keys(languages) as Language[]).map((language) => ({
    language,
    path: localizePath(route + url.search, language),
  }));
}

const localizedPaths = new Map<Language, typeof paths>();

/** `paths` with every page link in `language` (data, files and scripts keep their one address). */
export function pathsFor(language: Language): typeof paths {
  if (language === DEFAULT_LANGUAGE) return paths;
  let localized = localizedPaths.get(language);
  if (!localized) {
    const builders: Record<string, (...args: never[]) => string> = { ...paths };
    for (const name of pageBuilders) {
      const build: (...args: never[]) => string = paths[name];
      builders[name] = (...args) => localizePath(build(...args), language);
    }
    localized = builders as unknown as typeof paths;
    localizedPaths.set(language, localized);
  }
  return localized;
}
