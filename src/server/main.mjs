/**
 * The production server: `node src/server/main.mjs` (what `npm start`, the tests and deploy/ run).
 * It serves the built site ($ASTRO_OUT_DIR, default dist/): the app through the node adapter's
 * handler (middleware mode: the app with its middleware sequence), the build's static files with
 * serve-static, and adds only what Astro cannot do:
 *
 * - SIGTERM/SIGINT: stop accepting connections, finish the answers in progress (at most
 *   SHUTDOWN_TIMEOUT_MS, default 10 s), close idle connections, exit 0. The adapter's own
 *   server has no drain (it destroys open connections).
 * - A malformed percent-escape (`/bezirk/%ZZ`) would end in Astro's 404 page with an error
 *   logged: the address is made readable and the request marked, and the middleware
 *   (src/middleware/request-limits.ts) refuses it with 400 like any other bad address, in the
 *   page's language.
 * - Static files never reach the middleware: they get the security headers of a non-page answer,
 *   taken from the app's own /healthz before the server listens, and a log line. They are known
 *   by name from the build, so no other request costs a look at the disk.
 * - Compression of text answers, app and static files alike (the `compression` package). Behind
 *   nginx (deploy/) the proxy compresses and caches, and asks the replicas for plain bodies.
 * - Every console line (Astro's own messages too) is a JSON log line without query strings.
 */
import { readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import compression from 'compression';
import serveStatic from 'serve-static';
import { log, logError, logRequest } from './log.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = path.resolve(ROOT, process.env.ASTRO_OUT_DIR ?? 'dist');
const MALFORMED_URL_HEADER = 'x-revierfinder-malformed-url'; // as in src/middleware/request-limits.ts
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
/** The headers of the app's /healthz answer that static files get too. */
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
for (const [method, level] of [
  ['debug', 'debug'],
  ['log', 'info'],
  ['info', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
]) {
  console[method] = (...args) => log[level](format(...args).replace(QUERY_STRING, '$1'));
}
process.on('uncaughtException', (error) => {
  logError(error);
  process.exit(1);
});

// ---------------------------------------------------------------- the app

let app;
try {
  app = await import(pathToFileURL(path.join(OUT_DIR, 'server', 'entry.mjs')).href);
} catch (error) {
  log.error({ event: 'start', message: `Kein gebauter Server in ${OUT_DIR}: erst "npm run build" ausführen. (${error.message})` });
  process.exit(1);
}
const { handler, options } = app;

const CLIENT_DIR = path.join(OUT_DIR, 'client');
/** The URL paths of the built static files (`/favicon.svg`, `/_astro/…`), read once. */
const staticFiles = new Set(
  readdirSync(CLIENT_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${path.relative(CLIENT_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`),
);
// The build's own files are named by their content's hash: unchanged for as long as they exist.
// The others (widget.js, favicon) are revalidated by their ETag.
const serveClient = serveStatic(CLIENT_DIR, {
  index: false,
  setHeaders: (res, file) => {
    if (file.startsWith(path.join(CLIENT_DIR, '_astro') + path.sep)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  },
});

/** The address decoded as the adapter decodes it (decodeURI), without its query; null when it cannot be read. */
function readablePath(url) {
  try {
    return decodeURI(url).split('?')[0];
  } catch {
    return null;
  }
}

const compress = compression();
let staticHeaders = [];
let stopping = false;

function onRequest(req, res) {
  const started = performance.now();
  delete req.headers[MALFORMED_URL_HEADER];
  const pathname = readablePath(req.url ?? '/');
  if (pathname === null) {
    // Only the path's kind matters for the refusal (API or page); every % becomes harmless.
    req.url = (req.url ?? '/').split('?')[0].slice(0, 256).replace(/%/g, '_');
    req.headers[MALFORMED_URL_HEADER] = '1';
  }
  // A body the portal never reads is not read after the answer either.
  const withBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (withBody || stopping) res.setHeader('Connection', 'close');
  // While draining, a connection is closed as soon as its answer is out.
  res.once('finish', () => stopping && setImmediate(() => server.closeIdleConnections()));
  if (pathname !== null && staticFiles.has(pathname)) {
    for (const [name, value] of staticHeaders) res.setHeader(name, value);
    res.once('finish', () => logRequest(req.method, '(statische Datei)', res.statusCode, performance.now() - started));
    compress(req, res, () => serveClient(req, res, () => handler(req, res)));
  } else if (req.headers['accept-encoding']) {
    compress(req, res, () => handler(req, res));
  } else {
    // Nothing to negotiate (nginx in front never asks for an encoding): the answer goes out as
    // the app made it; its `Vary: Accept-Encoding` comes from the caching step.
    handler(req, res);
  }
}

// ---------------------------------------------------------------- start and stop

const port = process.env.PORT ? Number(process.env.PORT) : (options.port ?? 8080);
const host = process.env.HOST ?? (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');

/**
 * Static files get the security headers of a non-page answer: the app's own /healthz, asked on a
 * private port. That first request also loads the middleware and the configuration it reads
 * (the operator file): when it fails, the server does not start (the error is logged above).
 */
async function learnStaticHeaders() {
  const probe = http.createServer(handler);
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${probe.address().port}/healthz`);
    await response.arrayBuffer();
    if (response.status !== 200) {
      log.error({
        event: 'start',
        message: `Start abgebrochen: /healthz antwortet ${response.status} (Konfiguration prüfen, siehe Fehler davor).`,
      });
      process.exit(1);
    }
    return SECURITY_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)]] : []));
  } finally {
    probe.closeAllConnections();
    probe.close();
  }
}

staticHeaders = await learnStaticHeaders();
const server = http.createServer({ requestTimeout: 30_000 }, onRequest);
server.on('error', (error) => {
  logError(error);
  process.exit(1);
});
server.listen(port, host, () => log.info({ event: 'listening', host, port: server.address().port }));

function shutDown(signal) {
  if (stopping) return;
  stopping = true;
  const deadline = setTimeout(() => {
    log.warn({ event: 'shutdown', message: `Nach ${SHUTDOWN_TIMEOUT_MS} ms abgebrochen.` });
    server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  // close() stops accepting and waits for open connections: idle keep-alive ones are closed now,
  // busy ones as soon as their answer is sent (see onRequest). The snapshot's database is closed
  // by its exit handler (src/services/snapshot.ts).
  server.close(() => {
    clearTimeout(deadline);
    log.info({ event: 'stopped' });
    process.exit(0);
  });
  // Said once it is true: the listening socket is closed by now.
  log.info({ event: 'shutdown', signal, message: 'Keine neuen Verbindungen; laufende Anfragen werden beendet.' });
  server.closeIdleConnections();
}

process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
