/** The paths of the open-data API and the downloads: CORS, methods and caching apply to these. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api/v1' || pathname.startsWith('/api/v1/') || pathname.startsWith('/api/');
}

export function isDownloadPath(pathname: string): boolean {
  return pathname.startsWith('/daten/');
}

/** Methods every API route and download answers. */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
