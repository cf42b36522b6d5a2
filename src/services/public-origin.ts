/**
 * The portal's public origin, for absolute links that leave the page: the sitemap, the QR code on
 * the printed notice. Behind a proxy the request's own URL may name an internal host, so an
 * operator sets PUBLIC_ORIGIN (e.g. https://revierfinder.polizei.niedersachsen.de); without it the
 * request's origin is used.
 */
export function publicOrigin(requestUrl: URL, env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_ORIGIN?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
    } catch {
      // An unusable value falls back to the request's origin rather than breaking every page.
    }
  }
  return requestUrl.origin;
}

/** `path` (starting with /) as an absolute URL on the public origin. */
export function absoluteUrl(path: string, requestUrl: URL, env?: Record<string, string | undefined>): string {
  return publicOrigin(requestUrl, env) + path;
}
