/**
 * Limits on what a request may be, answered before any work (JSON under /api/, a German page
 * otherwise):
 * - 400 for an address with a malformed percent-escape (`/bezirk/%ZZ`), which Astro would
 *   answer with its 404 page; the server (src/server/main.mjs) makes the address readable and
 *   marks the request with MALFORMED_URL_HEADER, and the refusal is given here like every other.
 * - 414 for an address longer than MAX_URL_LENGTH characters;
 * - 413 for a declared body over MAX_BODY_BYTES: the portal never reads a body, and the
 *   connection is closed instead of reading it.
 */
import { defineMiddleware } from 'astro:middleware';
import { formatNumber } from '../i18n';
import { refuse } from './error-answer';
import { isEditorPath } from '../services/editor/http';
import { MAX_EDITOR_BODY_BYTES } from '../services/editor/config';

// 8 KiB, the usual server default: room for any real query (the widget's longest embed URLs are
// far shorter), while a flood of parameters is refused before any work.
export const MAX_URL_LENGTH = 8192;
export const MAX_BODY_BYTES = 64 * 1024;
/** Set by the server wrapper only (it removes any copy a client sends). */
export const MALFORMED_URL_HEADER = 'x-revierfinder-malformed-url';

export const requestLimits = defineMiddleware((context, next) => {
  const { pathname, search } = context.url;
  const { headers } = context.request;
  const { language } = context.locals;
  if (headers.get(MALFORMED_URL_HEADER) === '1') {
    return refuse(pathname, language, {
      status: 400,
      code: 'bad_request',
      apiMessage: 'api.badRequest',
      title: 'error.badRequestTitle',
      text: 'error.badRequestText',
    });
  }
  if (pathname.length + search.length > MAX_URL_LENGTH) {
    return refuse(pathname, language, {
      status: 414,
      code: 'uri_too_long',
      apiMessage: 'api.uriTooLong',
      title: 'error.uriTooLongTitle',
      text: 'error.uriTooLongText',
      values: { max: formatNumber(MAX_URL_LENGTH, language) },
    });
  }
  const declared = Number(headers.get('content-length') ?? 0);
  // The editor area takes photos: its own limit (src/middleware/editor.ts), refused the same way.
  const limit = isEditorPath(pathname) ? MAX_EDITOR_BODY_BYTES : MAX_BODY_BYTES;
  if (!(declared <= limit)) {
    return refuse(pathname, language, {
      status: 413,
      code: 'payload_too_large',
      apiMessage: 'api.payloadTooLarge',
      title: 'error.payloadTooLargeTitle',
      text: 'error.payloadTooLargeText',
      values: { max: formatNumber(limit, language) },
      headers: { Connection: 'close' },
    });
  }
  return next();
});
