/**
 * Where a station's address leads: by default a `geo:` URI (RFC 5870), which a phone opens in its
 * own map app, so the portal sends nobody to a third party. An operator may choose a route
 * planner instead:
 *
 *   PUBLIC_ROUTE_URL   https://routing.example.org/?to={lat},{lon}   ({lat} {lon} {address}, https)
 *
 * The link is followed only when the citizen taps it; the page itself asks no other host.
 */
import type { Station } from '../domain/model';

export interface MapLink {
  href: string;
  /** 'geo': the device's map app; 'route': the operator's route planner (a web page). */
  kind: 'geo' | 'route';
}

const PLACEHOLDER = /\{(lat|lon|address)\}/g;

/** The operator's route link template, or null when none (or an unusable one) is configured. */
function routeTemplateFromEnv(env: Record<string, string | undefined> = process.env): string | null {
  const template = env.PUBLIC_ROUTE_URL?.trim();
  if (!template || !PLACEHOLDER.test(template)) return null;
  try {
    return new URL(template.replace(PLACEHOLDER, '0')).protocol === 'https:' ? template : null;
  } catch {
    return null;
  }
}

let configured: string | null | undefined;

/** A link that opens the station's address in a map app or the configured route planner. */
export function stationMapLink(station: Station, template: string | null = (configured ??= routeTemplateFromEnv())): MapLink {
  const address = `${station.street}, ${station.postcode} ${station.city}`;
  const hasPoint = station.lat !== null && station.lon !== null;
  if (template && (hasPoint || !/\{(lat|lon)\}/.test(template))) {
    const values: Record<string, string> = {
      lat: String(station.lat ?? ''),
      lon: String(station.lon ?? ''),
      address: encodeURIComponent(address),
    };
    return { kind: 'route', href: template.replace(PLACEHOLDER, (_match, name: string) => values[name]!) };
  }
  // geo:lat,lon with the name as label (understood by Android's and most other map apps); without
  // coordinates, the address as a query ("geo:0,0?q=…", the form those apps accept for addresses).
  return hasPoint
    ? { kind: 'geo', href: `geo:${station.lat},${station.lon}?q=${station.lat},${station.lon}(${encodeURIComponent(station.name)})` }
    : { kind: 'geo', href: `geo:0,0?q=${encodeURIComponent(address)}` };
}
