import type { APIRoute } from 'astro';
import { paths } from '../paths';
import { publicOrigin } from '../services/public-origin';
import { DOWNLOAD_CACHE_CONTROL } from '../services/http';

/**
 * GET /robots.txt → every page may be indexed; the JSON API and the map's data files are not
 * pages. A route rather than a file in public/, because the Sitemap line must be an absolute URL.
 */
export const GET: APIRoute = ({ url }) =>
  new Response(
    ['User-agent: *', 'Disallow: /api/v1/', 'Disallow: /karte/', '', `Sitemap: ${publicOrigin(url)}${paths.sitemap()}`, ''].join('\n'),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': DOWNLOAD_CACHE_CONTROL } },
  );
