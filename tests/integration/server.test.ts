/**
 * The production server process (src/server/main.mjs over the build in $ASTRO_OUT_DIR, default
 * dist/): what it adds to the app and what only a running process shows. It refuses to start
 * with broken configuration; static files carry the app's security headers; malformed addresses
 * and announced bodies are refused without reaching Astro's own error page or being read; it logs
 * one JSON line per request without personal data; the health checks are never rate-limited;
 * /readyz says when no data can be read; SIGTERM drains, within SHUTDOWN_TIMEOUT_MS.
 * The middleware's concerns one by one: tests/integration/middleware.test.ts; every route over
 * HTTP: tests/e2e/security-headers.spec.ts.
 * `npm test` builds the site before this suite; by hand: `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../src/data-import/build-database';
import { makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from './helpers/data-dir';
import { freePort, SERVER_ENTRY } from './helpers/server-process';

const BUILT_ENTRY = path.join(process.env.ASTRO_OUT_DIR ?? 'dist', 'server', 'entry.mjs');
const CELLE = '033510006';

let databasePath: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  if (!existsSync(BUILT_ENTRY))
    throw new Error(`${BUILT_ENTRY} fehlt: erst "npm run build" ausführen (npm test tut das vor diesem Schritt).`);
  databasePath = path.join(await makeTempDir(), 'portal.db');
  await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: databasePath });
});
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await removeTempDirs();
});

interface ServerProcess {
  process: ChildProcess;
  base: string;
  port: number;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** Resolves when a line containing `text` has been written. */
  printed: (text: string) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server with `env` added; `listening` false for a start that is expected to fail. */
async function startServer(env: Record<string, string>, { listening = true } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: databasePath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const waiting: Array<{ text: string; resolve: () => void }> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wait of waiting.filter(({ text }) => output.includes(text))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  // 'close', not 'exit': by then everything the process wrote has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const printed = (text: string) =>
    output.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ text, resolve }));
  if (listening) {
    await Promise.race([
      printed('"event":"listening"'),
      exited.then(({ code }) => {
        throw new Error(`Server endete beim Start (Exit-Code ${code}):\n${output}`);
      }),
    ]);
  }
  return { process: child, base: `http://127.0.0.1:${port}`, port, output: () => output, printed, exited };
}

/** The JSON lines the server wrote. */
const entriesOf = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Opens a connection and sends `head` exactly as written (no client normalises it); `answer`
 * is everything the server sent, once it has closed the connection.
 */
async function sendRaw(port: number, head: string): Promise<{ socket: Socket; answer: Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (data += chunk));
  const answer = new Promise<string>((resolve) => socket.on('close', () => resolve(data)));
  await new Promise((resolve) => socket.write(head, resolve));
  return { socket, answer };
}

/**
 * Resolves once the server has read the bytes sent before: it handles what arrives in order, so
 * it has once it answers a request sent after them.
 */
async function serverHasRead(server: ServerProcess): Promise<void> {
  expect((await fetch(`${server.base}/healthz`, { headers: { Connection: 'close' } })).status).toBe(200);
}

describe('start', () => {
  it('does not start, and names file and field, when the operator file is broken', async () => {
    const file = path.join(await makeTempDir(), 'operator.json');
    await writeFile(file, JSON.stringify({ demo: true, name: 'Polizei' }));
    const server = await startServer({ OPERATOR_FILE: file }, { listening: false });
    const listening = server.printed('"event":"listening"').then(() => 'listening');
    expect(await Promise.race([server.exited, listening])).toEqual({ code: 1, signal: null });
    expect(server.output()).toContain(`Betreiberangaben (${file}) ungültig`);
    expect(server.output()).toContain('Feld \\"street\\": Pflichtfeld fehlt');
    expect(server.output()).toContain('Start abgebrochen');
    expect(server.output()).not.toContain('"event":"listening"');
  });
});

/** The security headers of an answer (those a static file takes over from the app's /healthz). */
const securityHeadersOf = (response: Response) =>
  Object.fromEntries(
    [...response.headers].filter(([name]) =>
      [
        'content-security-policy',
        'x-content-type-options',
        'referrer-policy',
        'permissions-policy',
        'cross-origin-opener-policy',
        'x-frame-options',
        'strict-transport-security',
      ].includes(name),
    ),
  );

describe('what the server adds to the app', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => {
    server.process.kill('SIGTERM');
    await server.exited;
  });

  it("static files, which never reach the middleware, carry the security headers of the app's own answers", async () => {
    const health = securityHeadersOf(await fetch(`${server.base}/healthz`));
    const icon = await fetch(`${server.base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(securityHeadersOf(icon)).toEqual(health);
    expect(health['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(health['x-content-type-options']).toBe('nosniff');
    expect(health['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it("a malformed percent-escape reaches the app's own 400 in the page's language: never Astro's error page, nothing logged as an error", async () => {
    for (const [target, title] of [
      ['/bezirk/%ZZ', 'Ungültige Adresse'],
      ['/bezirk/%C3%28?q=1', 'Ungültige Adresse'],
      ['/en/bezirk/%ZZ', 'Invalid address'],
    ] as const) {
      const answer = await fetch(`${server.base}${target}`);
      expect(answer.status, target).toBe(400);
      expect(answer.headers.get('content-type'), target).toContain('text/html');
      const text = await answer.text();
      expect(text, target).toContain(title);
      expect(text, target).not.toContain('Bad request');
      expect(answer.headers.get('content-security-policy'), target).toContain("frame-ancestors 'none'");
    }
    const api = await fetch(`${server.base}/api/v1/search?q=%E0%A4%A`);
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    // The server's mark is its own: sent by a client, it is dropped, not obeyed.
    expect((await fetch(`${server.base}/bezirk/${CELLE}`, { headers: { 'X-Revierfinder-Malformed-Url': '1' } })).status).toBe(200);
    expect(server.output()).not.toMatch(/"level":"(error|warn)"/);
  });

  it('a body is never read: too large refused with 413, any other refused too, and each connection closed', async () => {
    // The bodies are announced but never sent: an answer can only come, and the connection only
    // close, if the server does not wait for them.
    const tooLarge = await sendRaw(
      server.port,
      'POST /api/v1/districts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n',
    );
    const small = await sendRaw(server.port, `POST /bezirk/${CELLE} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n`);
    const [large, page] = await Promise.all([tooLarge.answer, small.answer]);
    expect(large.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(large).toMatch(/^connection: close$/im);
    expect(large).toContain('payload_too_large');
    expect(page.split('\r\n')[0]).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(page).toMatch(/^connection: close$/im);
    expect(page).toContain('Methode nicht erlaubt');
  });
});

describe('logs, HSTS, rate limit and health', () => {
  it('one JSON line per request, without query, IP address or user agent; HSTS when configured; health checks never throttled', async () => {
    const server = await startServer({ HSTS: '1', RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '1', RATE_LIMIT_TRUST_PROXY: '1' });
    const secret = 'Geheimweg-4711';
    // One address per visitor: the rate limit (1 request per client) counts by X-Forwarded-For here.
    const visitor = (n: number) => ({ 'X-Forwarded-For': `203.0.113.${n}`, 'User-Agent': 'Testbrowser/9.9 Kennung-0815' });
    const search = await fetch(`${server.base}/suche?q=${secret}`, { headers: visitor(1) });
    expect(search.status).toBe(200);
    expect(search.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await fetch(`${server.base}/api/v1/search?q=${secret}`, { headers: visitor(2) })).status).toBe(200);
    expect((await fetch(`${server.base}/bezirk/%ZZ?q=${secret}`, { headers: visitor(3) })).status).toBe(400);
    expect((await fetch(`${server.base}/favicon.svg?v=${secret}`, { headers: visitor(4) })).status).toBe(200);
    // The rate limit applies to pages and the API, never to the health checks.
    expect((await fetch(`${server.base}/api/v1/directorates`, { headers: visitor(5) })).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect((await fetch(`${server.base}/healthz`, { headers: visitor(5) })).status).toBe(200);
      expect((await fetch(`${server.base}/readyz`, { headers: visitor(5) })).status).toBe(200);
    }
    expect((await fetch(`${server.base}/api/v1/directorates`, { headers: visitor(5) })).status).toBe(429);

    server.process.kill('SIGTERM');
    // Every line is out once the process has ended.
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const requests = entriesOf(server.output()).filter((entry) => entry.event === 'request');
    // The 14 requests above and the start's own /healthz (learning the static files' headers).
    expect(requests).toHaveLength(15);
    for (const entry of requests) {
      expect(Object.keys(entry).sort()).toEqual(['durationMs', 'event', 'level', 'method', 'route', 'status', 'time']);
      expect(typeof entry.durationMs).toBe('number');
    }
    expect(requests).toContainEqual(expect.objectContaining({ method: 'GET', route: '/suche', status: 200 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: '/api/v1/search', status: 200 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: '(statische Datei)', status: 200 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: '/bezirk/[id]', status: 400 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: '/healthz', status: 200 }));
    expect(requests).toContainEqual(expect.objectContaining({ status: 429 }));
    const all = server.output();
    for (const forbidden of [secret, '203.0.113.', 'Testbrowser', 'Kennung-0815', `127.0.0.1:${server.port}/`]) {
      expect(all, forbidden).not.toContain(forbidden);
    }
    expect(all).not.toContain('?');
  });

  it('/readyz answers 503 while no data can be read; /healthz stays 200', async () => {
    const server = await startServer({ DATABASE_PATH: '/nonexistent/revierfinder.db' });
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('10');
    expect(((await ready.json()) as { status: string }).status).toBe('unavailable');
    const page = await fetch(`${server.base}/`);
    expect(page.status).toBe(503);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    server.process.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

describe('SIGTERM', () => {
  it('accepts no new connections, finishes the requests in progress, exits with 0', async () => {
    const server = await startServer({ RATE_LIMIT_PER_MINUTE: '0' });
    // Open connections, each with a request whose head is only half sent: those requests have
    // begun but cannot be answered before the rest comes.
    const targets = [`/bezirk/${CELLE}`, '/api/v1/districts', '/karte/uebersicht.geojson', '/api/v1/search?q=Celle'];
    const open: Array<Awaited<ReturnType<typeof sendRaw>>> = [];
    for (const target of targets) open.push(await sendRaw(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n`));
    // The signal comes after the server has read those first bytes.
    await serverHasRead(server);
    server.process.kill('SIGTERM');
    await server.printed('"event":"shutdown"');
    // No new connections are accepted.
    const refused = await new Promise<string>((resolve) => {
      const late = connect(server.port, '127.0.0.1');
      late.once('connect', () => {
        late.destroy();
        resolve('connected');
      });
      late.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    // The requests in progress are finished and answered in full.
    for (const { socket } of open) socket.write('Accept: */*\r\n\r\n');
    const texts = await Promise.all(open.map(({ answer }) => answer));
    texts.forEach((text, index) => {
      expect(text.split('\r\n')[0], targets[index]).toBe('HTTP/1.1 200 OK');
      expect(text, targets[index]).toMatch(/^connection: close$/im);
    });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('"event":"stopped"');
  });

  it('gives up on requests still unfinished after SHUTDOWN_TIMEOUT_MS: closes them and exits with 0', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '500' });
    // A request whose head never ends: without the deadline the server would wait for ever.
    const { answer } = await sendRaw(server.port, `GET /bezirk/${CELLE} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    await serverHasRead(server);
    server.process.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await answer).toBe('');
    expect(server.output()).toContain('Nach 500 ms abgebrochen');
    expect(server.output()).not.toContain('"event":"stopped"');
  });
});
