/**
 * An optional background map from a tile server. By default there is none: the portal draws its
 * maps from its own outlines and the browser asks no other host. An operator may configure one:
 *
 *   PUBLIC_TILE_URL           https://tiles.example.org/{z}/{x}/{y}.png  (https, with {z} {x} {y})
 *   PUBLIC_TILE_PROVIDER      the provider's name, shown in the consent notice (default: its host)
 *   PUBLIC_TILE_ATTRIBUTION   the attribution text the provider's licence asks for
 *   PUBLIC_TILE_PRIVACY_URL   the provider's privacy policy (https), linked from the notice
 *
 * Even then no tile is requested before the citizen agrees (see PortalMap), and the content
 * security policy must allow the tile origin for images (`tileImageOrigins`).
 */
export interface TileServer {
  urlTemplate: string;
  origin: string;
  providerName: string;
  attribution: string;
  privacyUrl: string | null;
}

function httpsUrl(value: string | undefined): URL | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The configured tile server, or null when none (or an unusable one) is configured. */
export function tileServerFromEnv(env: Record<string, string | undefined> = process.env): TileServer | null {
  const template = env.PUBLIC_TILE_URL?.trim();
  if (!template || !['{z}', '{x}', '{y}'].every((part) => template.includes(part))) return null;
  // The placeholders are not valid in every URL position ({s} in the host): parse with them filled.
  const url = httpsUrl(template.replace(/\{s\}/g, 'a').replace(/\{[a-z]\}/g, '0'));
  if (!url || template.includes('{s}')) return null; // one fixed host, so one origin the CSP can name
  return {
    urlTemplate: template,
    origin: url.origin,
    providerName: env.PUBLIC_TILE_PROVIDER?.trim() || url.hostname,
    attribution: env.PUBLIC_TILE_ATTRIBUTION?.trim() || url.hostname,
    privacyUrl: httpsUrl(env.PUBLIC_TILE_PRIVACY_URL)?.href ?? null,
  };
}

let configured: TileServer | null | undefined;

/** The tile server of this process (read once from the environment). */
export function tileServer(): TileServer | null {
  if (configured === undefined) configured = tileServerFromEnv();
  return configured;
}

/** Origins the CSP must allow in img-src for the map's tiles: none unless a tile server is configured. */
export function tileImageOrigins(): string[] {
  const server = tileServer();
  return server ? [server.origin] : [];
}
