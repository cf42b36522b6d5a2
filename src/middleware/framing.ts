/**
 * Who may put the portal in a frame. The widget's views under /embed/ may be framed by the
 * portal itself and the host websites on the allowlist (EMBED_ALLOWED_ORIGINS and/or
 * data/embed-origins.json); nothing else may be framed at all. The embed views also get a
 * policy that lets them load nothing from other hosts.
 *
 * All of the portal's framing and CSP header logic lives in this file, so that a full CSP can be
 * merged into it: an existing Content-Security-Policy header is extended, never replaced.
 */
import { defineMiddleware } from 'astro:middleware';
import { embedAllowlist, frameAncestors } from '../services/embed-origins';

/** True for the widget's framed views. */
export function isEmbedPath(pathname: string): boolean {
  return pathname === '/embed' || pathname.startsWith('/embed/');
}

// Inside the frame: own scripts and styles only, images from the portal or inline (the map is
// inline SVG), forms only back to the portal, no requests to any other host.
const EMBED_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
];

function withDirectives(existing: string | null, directives: string[]): string {
  return [existing?.trim().replace(/;$/, ''), ...directives].filter(Boolean).join('; ');
}

export const framing = defineMiddleware(async (context, next) => {
  let response = await next();
  const embed = isEmbedPath(context.url.pathname);
  const directives = embed ? [...EMBED_POLICY, frameAncestors(embedAllowlist().patterns)] : ["frame-ancestors 'none'"];
  const set = (headers: Headers) => {
    headers.set('Content-Security-Policy', withDirectives(headers.get('Content-Security-Policy'), directives));
    if (embed) {
      headers.delete('X-Frame-Options');
      // Nothing identifying the host page or its visitor leaves the frame with a link.
      headers.set('Referrer-Policy', 'no-referrer');
    } else headers.set('X-Frame-Options', 'DENY');
  };
  try {
    set(response.headers);
  } catch {
    // Some responses (redirects) have immutable headers: copy them into a new response.
    response = new Response(response.body, response);
    set(response.headers);
  }
  return response;
});
