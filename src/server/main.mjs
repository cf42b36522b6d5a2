/**
 * The production server: `node dist/server/main.mjs` (the build copies this file beside Astro's
 * entry.mjs; `npm start` and the end-to-end tests run it). It serves Astro's standalone handler
 * (pages, endpoints, static files) and adds what has to happen outside Astro's middleware:
 *
 * - A malformed percent-escape in the address (`/bezirk/%ZZ`) would get the adapter's bare
 *   English "Bad request.": here the address is made readable and the request marked, and the
 *   middleware (src/middleware/request-limits.ts) answers 400 like any other refusal.
 * - A request that carries a body is answered with `Connection: close`, so an unread body is
 *   never read after the answer (the portal reads none; the middleware refuses large ones, 413).
 * - Static files (/_astro/…, widget.js, favicon) get the security headers the middleware gives
 *   a non-page answer (copied from this server's own /healthz), and a JSON log line.
 * - gzip or brotli for text answers when the client accepts it (the policy: compression.mjs).
 * - Every console line is JSON, with query strings removed (Astro's own messages name URLs).
 * - The fast lane (src/server/fast-lane.ts) is offered every request first: it answers
 *   recorded pages, locate and search without Astro's request pipeline, once the app has published it,
 *   and writes, compresses and logs its answers itself.
 * - SIGTERM/SIGINT: stop accepting connections, let answers in progress finish (at most
 *   SHUTDOWN_TIMEOUT_MS, default 10 s), close idle connections, exit 0.
 */
import http from 'node:http';
import { format } from 'node:util';
import { logRequest, writeLog } from './log.mjs';
import { chooseEncoding, createCompressor, isCompressible, shouldCompress, weakened, withVary } from './compression.mjs';

const MALFORMED_URL_HEADER = 'x-revierfinder-malformed-url'; // as in src/middleware/request-limits.ts
/** Where the app's bundle publishes its fast lane once loaded (src/server/fast-lane.ts). */
const FAST_LANE = Symbol.for('revierfinder.fast-lane');
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
/** Security headers taken from the app's own answer for static files (see learnStaticHeaders). */
const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'strict-transport-security',
  'x-frame-options',
];

// ---------------------------------------------------------------- JSON console, no query strings

const QUERY_STRING = /(\/[^\s?#"'<>]*)\?[^\s#"'<>]*/g;

/** One JSON log line; a message that is itself a JSON object is merged in. */
function logLine(level, args) {
  const message = format(...args).replace(QUERY_STRING, '$1');
  let fields = { message };
  if (message.startsWith('{')) {
    try {
      const parsed = JSON.parse(message);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fields = parsed;
    } catch {
      // not JSON after all: logged as a message
    }
  }
  return `${JSON.stringify({ time: new Date().toISOString(), level, ...fields })}\n`;
}

for (const [method, level, stream] of [
  ['debug', 'debug', process.stdout],
  ['log', 'info', process.stdout],
  ['info', 'info', process.stdout],
  ['warn', 'warn', process.stderr],
  ['error', 'error', process.stderr],
]) {
  console[method] = (...args) => stream.write(logLine(level, args));
}

process.on('uncaughtException', (error) => {
  writeLog({ level: 'error', event: 'error', name: error?.name, message: error?.message, stack: error?.stack }, process.stderr);
  process.exit(1);
});

// ---------------------------------------------------------------- the app

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler, options } = await import('./entry.mjs');

let staticHeaders = null; // learned from /healthz once listening

// ---------------------------------------------------------------- per request

/** decodeURI is what the adapter tries; it throws on %ZZ and on bytes that are not UTF-8. */
function readable(url) {
  try {
    decodeURI(url);
    return true;
  } catch {
    return false;
  }
}

function hasBody(req) {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Hooks into the response's head: static files get the security headers; text gets compressed.
 * Works for Astro's writeResponse (writeHead with headers) and for static files (setHeader, then
 * write/pipe, which calls writeHead implicitly).
 */
function prepare(req, res, started) {
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  let compressor = null;
  let throughApp = false;

  res.writeHead = function (statusCode, reason, headers) {
    if (typeof reason !== 'string') {
      headers = reason;
      reason = undefined;
    }
    if (headers) {
      const pairs = Array.isArray(headers)
        ? Array.isArray(headers[0])
          ? headers
          : headers.flatMap((value, index) => (index % 2 === 0 ? [[value, headers[index + 1]]] : []))
        : Object.entries(headers);
      for (const [name, value] of pairs) if (value !== undefined) res.setHeader(name, value);
    }
    res.statusCode = statusCode;
    // The middleware sets a CSP on everything it answers; without one the answer is a static file.
    throughApp = res.hasHeader('content-security-policy');
    if (!throughApp && staticHeaders) {
      for (const [name, value] of staticHeaders) if (!res.hasHeader(name)) res.setHeader(name, value);
    }
    if (isCompressible(String(res.getHeader('content-type') ?? ''))) res.setHeader('Vary', withVary(res.getHeader('vary'), 'Accept-Encoding'));
    const compress = shouldCompress(encoding, statusCode, (name) => res.getHeader(name));
    if (compress) {
      res.removeHeader('content-length');
      res.setHeader('Content-Encoding', encoding);
      if (res.hasHeader('etag')) res.setHeader('ETag', weakened(res.getHeader('etag')));
    }
    // HEAD gets the headers GET would get (encoding, ETag), and no body to compress.
    if (compress && req.method !== 'HEAD') {
      compressor = createCompressor(encoding);
      compressor.on('data', (chunk) => {
        if (!write.call(res, chunk)) {
          compressor.pause();
          res.once('drain', () => compressor.resume());
        }
      });
      compressor.on('end', () => end.call(res));
      compressor.on('drain', () => res.emit('drain'));
      res.on('close', () => compressor.destroy());
    }
    return reason === undefined ? writeHead.call(res, statusCode) : writeHead.call(res, statusCode, reason);
  };

  res.write = function (chunk, enc, callback) {
    if (!res.headersSent) res.writeHead(res.statusCode);
    return compressor ? compressor.write(chunk, enc, callback) : write.call(res, chunk, enc, callback);
  };

  res.end = function (chunk, enc, callback) {
    if (typeof chunk === 'function') [chunk, callback] = [undefined, chunk];
    else if (typeof enc === 'function') [enc, callback] = [undefined, enc];
    if (!res.headersSent) res.writeHead(res.statusCode);
    if (!compressor) return end.call(res, chunk, enc, callback);
    if (callback) res.once('finish', callback);
    if (chunk !== undefined && chunk !== null) compressor.end(chunk, enc);
    else compressor.end();
    return res;
  };

  res.once('finish', () => {
    if (stopping) setImmediate(() => server.closeIdleConnections());
    if (!throughApp) logRequest(req.method, '(statische Datei)', res.statusCode, performance.now() - started); // else the middleware logged it
  });
}

function onRequest(req, res) {
  const started = performance.now();
  delete req.headers[MALFORMED_URL_HEADER];
  const wellFormed = readable(req.url ?? '/');
  if (!wellFormed) {
    // Only the path's kind matters for the refusal (API or page); every % becomes harmless.
    req.url = (req.url ?? '/').split('?')[0].slice(0, 256).replace(/%/g, '_');
    req.headers[MALFORMED_URL_HEADER] = '1';
  }
  const withBody = hasBody(req);
  if (withBody || stopping) res.setHeader('Connection', 'close');
  if (wellFormed && !withBody && globalThis[FAST_LANE]?.answer(req, res)) return;
  prepare(req, res, started);
  handler(req, res);
}

// ---------------------------------------------------------------- start and stop

const port = process.env.PORT ? Number(process.env.PORT) : (options.port ?? 8080);
const host = process.env.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
const server = http.createServer({ requestTimeout: 30_000 }, onRequest);

/** Static files get the security headers of a non-page answer: this server's own /healthz. */
async function learnStaticHeaders() {
  const { address, port: boundPort } = server.address();
  const local = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '[::1]' : address.includes(':') ? `[${address}]` : address;
  const response = await fetch(`http://${local}:${boundPort}/healthz`);
  await response.arrayBuffer();
  staticHeaders = SECURITY_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)]] : []));
}

server.on('error', (error) => {
  writeLog({ level: 'error', event: 'error', name: error.name, message: error.message }, process.stderr);
  process.exit(1);
});

server.listen(port, host, async () => {
  try {
    await learnStaticHeaders();
  } catch (error) {
    writeLog({ level: 'warn', event: 'start', message: `Sicherheits-Header für statische Dateien nicht ermittelt: ${error.message}` }, process.stderr);
  }
  writeLog({ level: 'info', event: 'listening', host, port: server.address().port });
});

let stopping = false;
function shutDown(signal) {
  if (stopping) return;
  stopping = true;
  writeLog({ level: 'info', event: 'shutdown', signal, message: 'Keine neuen Verbindungen; laufende Anfragen werden beendet.' });
  const deadline = setTimeout(() => {
    writeLog({ level: 'warn', event: 'shutdown', message: `Nach ${SHUTDOWN_TIMEOUT_MS} ms abgebrochen.` }, process.stderr);
    server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  // close() stops accepting and waits for open connections: idle keep-alive ones are closed now,
  // busy ones as soon as their answer is sent (see prepare and onRequest).
  // The snapshot's database is closed by its exit handler (src/services/snapshot.ts).
  server.close(() => {
    clearTimeout(deadline);
    writeLog({ level: 'info', event: 'stopped' });
    process.exit(0);
  });
  server.closeIdleConnections();
}

process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
