import type { APIRoute } from 'astro';
import { publicPagePaths, sitemapXml } from '../services/sitemap';
import { publicOrigin } from '../services/public-origin';
import { tagged } from '../services/api';
import { DOWNLOAD_CACHE_CONTROL } from '../services/http';

/** GET /sitemap.xml → every public page in every language, with hreflang alternates. */
export const GET: APIRoute = ({ url, locals: { portal } }) =>
  tagged(sitemapXml(publicPagePaths(portal), publicOrigin(url), portal.info.builtAt), {
    'Content-Type': 'application/xml; charset=utf-8',
    'Cache-Control': DOWNLOAD_CACHE_CONTROL,
  });
