/**
 * The one compression policy of the server, for both ways an answer leaves it: the wrapper
 * (main.mjs) compresses the app's streamed answers, the fast lane (fast-lane.ts) whole bodies.
 * Plain JavaScript because main.mjs runs as it is, beside Astro's bundle (the build copies this
 * file next to it); the fast lane imports it through the bundle.
 *
 * gzip or brotli for text answers the client accepts, with `Vary: Accept-Encoding`; bodies under
 * MIN_COMPRESS_BYTES stay as they are; a compressed answer's ETag becomes weak (W/"…"), which
 * If-None-Match still matches.
 */
import zlib from 'node:zlib';

const COMPRESSIBLE = /^(?:text\/|application\/(?:(?:[\w.+-]*\+)?json|javascript|xml|(?:[\w.+-]*\+)?xml)|image\/svg\+xml)/i;
const MIN_COMPRESS_BYTES = 1024;
// Quick settings: answers are compressed while the client waits.
const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP_OPTIONS = { level: 6 };

/** @typedef {'br' | 'gzip'} Encoding */

/**
 * 'br', 'gzip' or null, by the client's Accept-Encoding (q=0 refuses).
 * @param {string | string[] | undefined} header
 * @returns {Encoding | null}
 */
export function chooseEncoding(header) {
  if (!header) return null;
  /** @type {Map<string, number>} */
  const accepted = new Map();
  for (const part of String(header).split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  /** @param {string} name */
  const weight = (name) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/**
 * Whether an answer of this type varies by Accept-Encoding (it does when it could be compressed).
 * @param {string} contentType
 */
export function isCompressible(contentType) {
  return COMPRESSIBLE.test(contentType);
}

/**
 * Whether to compress an answer with these headers (header names in lower case).
 * @param {Encoding | null} encoding the client's choice
 * @param {number} status
 * @param {(name: string) => unknown} header
 * @returns {encoding is Encoding}
 */
export function shouldCompress(encoding, status, header) {
  const length = header('content-length');
  return (
    encoding !== null &&
    status === 200 &&
    isCompressible(String(header('content-type') ?? '')) &&
    header('content-encoding') === undefined &&
    !/no-transform/i.test(String(header('cache-control') ?? '')) &&
    (length === undefined || Number(length) >= MIN_COMPRESS_BYTES)
  );
}

/**
 * `value` added to a Vary header's list, once.
 * @param {unknown} existing
 * @param {string} value
 */
export function withVary(existing, value) {
  const list = existing === undefined || existing === null ? '' : String(existing);
  if (list.split(',').some((part) => part.trim().toLowerCase() === value.toLowerCase())) return list;
  return list ? `${list}, ${value}` : value;
}

/**
 * The ETag of a compressed answer: weak, since the bytes differ from the uncompressed body's.
 * @param {unknown} etag
 */
export function weakened(etag) {
  return typeof etag === 'string' && !etag.startsWith('W/') ? `W/${etag}` : etag;
}

/**
 * A compressing stream, for answers the app streams.
 * @param {Encoding} encoding
 */
export function createCompressor(encoding) {
  return encoding === 'br' ? zlib.createBrotliCompress(BROTLI_OPTIONS) : zlib.createGzip(GZIP_OPTIONS);
}

/**
 * A whole body compressed, for answers the fast lane has complete.
 * @param {Buffer | string} body
 * @param {Encoding} encoding
 */
export function compressed(body, encoding) {
  return encoding === 'br' ? zlib.brotliCompressSync(body, BROTLI_OPTIONS) : zlib.gzipSync(body, GZIP_OPTIONS);
}
