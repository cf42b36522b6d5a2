/**
 * The server's hardening as a client sees it, over HTTP against the built server (no browser
 * page): security headers on every route, health checks, size and method limits, malformed
 * percent-escapes, compression with ETags. Each concern is also tested where it lives:
 * tests/integration/middleware.test.ts (the middleware functions) and
 * tests/integration/server.test.ts (the server process: start, logs, readiness, SIGTERM).
 */
import http from 'node:http';
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { CELLE } from './helpers';

// ------------------------------------------------------------------ headers on every route

interface RouteIds {
  officer: string;
  station: string;
  inspection: string;
  account: string;
  asset: string;
}

async function routeIds(request: APIRequestContext): Promise<RouteIds> {
  const first = async (url: string) => ((await (await request.get(url)).json()) as { items: Array<{ id: string }> }).items[0]!.id;
  const districtPage = await (await request.get(`/bezirk/${CELLE.id}`)).text();
  return {
    officer: await first('/api/v1/officers'),
    station: await first('/api/v1/stations'),
    inspection: await first('/api/v1/inspections'),
    account: /href="\/demo-konto\/([^"]+)"/.exec(districtPage)![1]!,
    asset: /(?:src|href)="(\/_astro\/[^"]+\.js)"/.exec(districtPage)?.[1] ?? /(?:src|href)="(\/_astro\/[^"]+)"/.exec(districtPage)![1]!,
  };
}

/** Each route pattern once, with the status expected (undefined: any answer below 500). */
function routes(ids: RouteIds): Array<{ path: string; status?: number; embed?: boolean }> {
  const ok = (routePath: string, embed = false) => ({ path: routePath, status: 200, embed });
  return [
    ok('/'),
    { path: '/suche?q=Celle', status: 303 },
    ok('/suche?q=Hauptstra%C3%9Fe'),
    ok(`/bezirk/${CELLE.id}`),
    ok(`/beamte/${ids.officer}`),
    { path: `/standort?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`, status: 303 },
    { path: '/standort' },
    ok(`/demo-konto/${ids.account}`),
    ok('/konto-pruefen'),
    ok('/daten'),
    ok('/daten/beamte.csv'),
    ok('/daten/bezirke.geojson'),
    ok('/api'),
    ok('/api/v1/openapi.json'),
    ok(`/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`),
    ok('/api/v1/search?q=Celle'),
    ok('/api/v1/districts'),
    ok(`/api/v1/districts/${CELLE.id}`),
    ok(`/api/v1/districts/${CELLE.id}/boundary`),
    ok('/api/v1/officers'),
    ok(`/api/v1/officers/${ids.officer}`),
    ok('/api/v1/stations'),
    ok(`/api/v1/stations/${ids.station}`),
    ok('/api/v1/inspections'),
    ok('/api/v1/directorates'),
    { path: '/api/v1/accounts/verify?url=https%3A%2F%2Fexample.org%2Fnobody' },
    ok('/karte/uebersicht.geojson'),
    ok(`/karte/bezirk/${CELLE.id}.geojson`),
    ok(`/karte/beamte/${ids.officer}.geojson`),
    ok('/widget'),
    ok(`/embed/bezirk/${CELLE.id}`, true),
    ok('/embed/suche?q=Celle', true),
    ok(`/embed/dienststelle/${ids.station}`, true),
    ok(`/embed/inspektion/${ids.inspection}`, true),
    ok('/healthz'),
    ok('/readyz'),
    ok('/widget.js'),
    ok('/favicon.svg'),
    ok(ids.asset),
    { path: '/gibt-es-nicht', status: 404 },
    { path: '/api/v1/gibt-es-nicht', status: 404 },
    { path: '/bezirk/000000000', status: 404 },
  ];
}

/** Asserts the headers every answer must carry; `embed` for the widget's framed views. */
function expectSecurityHeaders(response: APIResponse, embed: boolean, label: string): void {
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
  expect(csp, `${label}: CSP`).not.toBe('');
  expect(directives.get('default-src'), `${label}: default-src`).toEqual([embed ? "'none'" : "'self'"]);
  const scripts = directives.get('script-src') ?? [];
  expect(scripts, `${label}: script-src`).toContain("'self'");
  for (const name of ['script-src', 'script-src-elem', 'script-src-attr']) {
    expect(directives.get(name) ?? [], `${label}: ${name}`).not.toContain("'unsafe-inline'");
    expect(directives.get(name) ?? [], `${label}: ${name}`).not.toContain("'unsafe-eval'");
  }
  expect(directives.get('object-src'), `${label}: object-src`).toEqual(["'none'"]);
  const ancestors = directives.get('frame-ancestors') ?? [];
  if (embed) {
    expect(ancestors, `${label}: frame-ancestors`).toContain("'self'");
    expect(ancestors, `${label}: frame-ancestors`).not.toContain("'none'");
    expect(headers['x-frame-options'], `${label}: X-Frame-Options`).toBeUndefined();
  } else {
    expect(ancestors, `${label}: frame-ancestors`).toEqual(["'none'"]);
    expect(headers['x-frame-options'], `${label}: X-Frame-Options`).toBe('DENY');
    // No other host anywhere in the policy (no tile server is configured in the tests).
    expect(csp, `${label}: no other hosts`).not.toMatch(/https?:|\*/);
  }
  expect(headers['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
  expect(['strict-origin-when-cross-origin', 'no-referrer'], `${label}: Referrer-Policy`).toContain(headers['referrer-policy']);
  expect(headers['permissions-policy'], `${label}: Permissions-Policy`).toMatch(/(^|, )geolocation=\(self\)/);
  expect(headers['permissions-policy'], `${label}: Permissions-Policy`).toMatch(/(^|, )camera=\(\)/);
  expect(headers['permissions-policy'], `${label}: Permissions-Policy`).toMatch(/(^|, )microphone=\(\)/);
  expect(headers['cross-origin-opener-policy'], `${label}: COOP`).toBe('same-origin');
  // HSTS only when configured (see the own-server tests below).
  expect(headers['strict-transport-security'], `${label}: HSTS`).toBeUndefined();
}

test.describe('Sicherheits-Header', () => {
  test('auf jeder Route: CSP ohne unsafe-inline, frame-ancestors, nosniff, Referrer-, Permissions-, Opener-Policy', async ({ request }) => {
    // About fifty requests, several of them first renders (whole-state downloads among them): a
    // hang guard, generous for a busy two-core machine, where 90 s proved too tight.
    test.setTimeout(180_000);
    const ids = await routeIds(request);
    const checked = new Set<string>();
    for (const route of routes(ids)) {
      const response = await request.get(route.path, { maxRedirects: 0 });
      if (route.status === undefined) expect(response.status(), route.path).toBeLessThan(500);
      else expect(response.status(), route.path).toBe(route.status);
      expectSecurityHeaders(response, route.embed ?? false, route.path);
      checked.add(route.path.split('?')[0]!);
    }
    // Pages added later are covered too: every page the home page links to.
    const home = await (await request.get('/')).text();
    const linked = [...home.matchAll(/href="(\/[^"?#]*)"/g)].map((match) => match[1]!).filter((href) => !checked.has(href));
    for (const href of new Set(linked)) {
      const response = await request.get(href, { maxRedirects: 0 });
      expect(response.status(), href).toBeLessThan(500);
      expectSecurityHeaders(response, href.startsWith('/embed/'), href);
    }
  });

  test('Seiten: Astros Hashes der eigenen Skripte und Stile stehen in der Policy', async ({ request }) => {
    const response = await request.get(`/bezirk/${CELLE.id}`);
    const csp = response.headers()['content-security-policy']!;
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+/);
    expect(csp).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*/);
  });

  test('auch Verweigerungen tragen die Header: 405, 414, 400', async ({ request }) => {
    const answers = [
      await request.post('/', { data: 'x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      await request.get(`/suche?q=${'a'.repeat(9000)}`),
      await request.get('/bezirk/%ZZ'),
    ];
    for (const response of answers) expectSecurityHeaders(response, false, `${response.url().slice(0, 40)} ${response.status()}`);
  });
});

// ------------------------------------------------------------------ health checks

test.describe('Zustandsprüfungen', () => {
  test('/healthz lebt, /readyz nennt Datenstand und Ladezeit; nichts davon wird zwischengespeichert', async ({ request }) => {
    const alive = await request.get('/healthz');
    expect(alive.status()).toBe(200);
    expect(alive.headers()['content-type']).toContain('application/json');
    expect(alive.headers()['cache-control']).toBe('no-store');
    expect(await alive.json()).toEqual({ status: 'ok' });

    const ready = await request.get('/readyz');
    expect(ready.status()).toBe(200);
    expect(ready.headers()['cache-control']).toBe('no-store');
    const body = (await ready.json()) as { status: string; dataVersion: string; loadedAt: string };
    const { dataVersion } = (await (await request.get('/api/v1/directorates')).json()) as { dataVersion: string };
    expect(body.status).toBe('ready');
    expect(body.dataVersion).toBe(dataVersion);
    expect(Number.isNaN(Date.parse(body.loadedAt))).toBe(false);
  });
});

// ------------------------------------------------------------------ limits

/** A raw HTTP/1.1 exchange: what was sent is exactly what the server saw. */
function rawRequest(port: number, head: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [headers = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(headers.split(' ')[1]), headers, body });
    });
  });
}

test.describe('Grenzen', () => {
  test('eine zu lange Adresse: 414 mit deutscher Seite bzw. JSON', async ({ request }) => {
    const page = await request.get(`/suche?q=${'a'.repeat(9000)}`);
    expect(page.status()).toBe(414);
    expect(page.headers()['content-type']).toContain('text/html');
    expect(await page.text()).toContain('Adresse zu lang');
    const api = await request.get(`/api/v1/search?q=${'a'.repeat(9000)}`);
    expect(api.status()).toBe(414);
    expect(((await api.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'uri_too_long',
      message: expect.stringContaining('länger als 8.192 Zeichen'),
    });
    // Just under the limit is answered normally.
    // A page's refusal speaks the page's language.
    const english = await request.get(`/en/suche?q=${'a'.repeat(9000)}`);
    expect(english.status()).toBe(414);
    expect(await english.text()).toMatch(/<html lang="en">[\s\S]*Address too long/);
    const under = await request.get(`/suche?q=${'a'.repeat(8000)}`);
    expect(under.status()).toBeLessThan(500);
    expect(under.status()).not.toBe(414);
  });

  test('ein angekündigter großer Inhalt: 413, ohne ihn zu lesen, und die Verbindung wird geschlossen', async ({ baseURL }) => {
    const port = Number(new URL(baseURL!).port);
    // The body is announced but never sent: an answer can only come if the server does not wait for it.
    const answer = await rawRequest(
      port,
      'POST /api/v1/districts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n',
    );
    expect(answer.status).toBe(413);
    expect(answer.headers).toMatch(/^connection: close$/im);
    expect(answer.body).toContain('payload_too_large');
    const page = await rawRequest(port, 'PUT /bezirk/033510006 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9999999\r\n\r\n');
    expect(page.status).toBe(413);
    expect(page.body).toContain('Anfrage zu groß');
  });

  test('andere Methoden als GET, HEAD, OPTIONS: 405 mit Allow, auf Seiten wie in der API', async ({ request }) => {
    const page = await request.post(`/bezirk/${CELLE.id}`, {
      data: 'a=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status()).toBe(405);
    expect(page.headers()['allow']).toBe('GET, HEAD, OPTIONS');
    expect(await page.text()).toContain('Methode nicht erlaubt');
    const api = await request.delete('/api/v1/districts');
    expect(api.status()).toBe(405);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    const options = await request.fetch('/', { method: 'OPTIONS' });
    expect(options.status()).toBe(204);
    expect(options.headers()['allow']).toBe('GET, HEAD, OPTIONS');
  });

  test('fehlerhafte Prozent-Kodierung: eigene deutsche 400, nie Astros „Bad request.“, nie 500', async ({ request, baseURL }) => {
    for (const bad of ['/bezirk/%ZZ', '/suche?q=%E0%A4%A', '/%', '/bezirk/%C3%28', '/embed/bezirk/%ZZ']) {
      const response = await request.get(bad);
      expect(response.status(), bad).toBe(400);
      expect(response.headers()['content-type'], bad).toContain('text/html');
      const text = await response.text();
      expect(text, bad).toContain('Ungültige Adresse');
      expect(text, bad).not.toContain('Bad request');
      expectSecurityHeaders(response, bad.startsWith('/embed/'), bad);
    }
    const api = await request.get('/api/v1/search?q=%E0%A4%A');
    expect(api.status()).toBe(400);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    // Sent exactly as written (no client-side normalisation).
    const port = Number(new URL(baseURL!).port);
    const raw = await rawRequest(port, 'GET /daten/%FF%FE HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(raw.status).toBe(400);
    // The marker the server wrapper sets cannot be forged into a refusal of a good address.
    const forged = await request.get(`/bezirk/${CELLE.id}`, { headers: { 'X-Revierfinder-Malformed-Url': '1' } });
    expect(forged.status()).toBe(200);
  });
});

// ------------------------------------------------------------------ compression

/** GET with the client's Accept-Encoding, body undecoded. */
function getRaw(
  port: number,
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

test.describe('Kompression', () => {
  test('brotli und gzip für Text, mit Vary; derselbe Inhalt wie unkomprimiert', async ({ baseURL }) => {
    const port = Number(new URL(baseURL!).port);
    for (const urlPath of [`/bezirk/${CELLE.id}`, '/api/v1/districts', '/karte/uebersicht.geojson']) {
      const plain = await getRaw(port, urlPath);
      expect(plain.headers['content-encoding'], urlPath).toBeUndefined();
      expect(plain.headers['vary'], urlPath).toMatch(/Accept-Encoding/i);
      const br = await getRaw(port, urlPath, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding'], urlPath).toBe('br');
      expect(br.headers['vary'], urlPath).toMatch(/Accept-Encoding/i);
      expect(br.body.length, urlPath).toBeLessThan(plain.body.length);
      expect(brotliDecompressSync(br.body).equals(plain.body), urlPath).toBe(true);
      const gzip = await getRaw(port, urlPath, { 'Accept-Encoding': 'gzip' });
      expect(gzip.headers['content-encoding'], urlPath).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain.body), urlPath).toBe(true);
    }
  });

  test('statische Skripte werden komprimiert und tragen die Sicherheits-Header; q=0 bleibt unkomprimiert, HEAD ohne Inhalt', async ({
    request,
    baseURL,
  }) => {
    const port = Number(new URL(baseURL!).port);
    const ids = await routeIds(request);
    const asset = await getRaw(port, ids.asset, { 'Accept-Encoding': 'gzip' });
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(gunzipSync(asset.body).length).toBeGreaterThan(asset.body.length);
    const refused = await getRaw(port, '/api/v1/districts', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    // HEAD answers with the ETag GET has, without a body (the compression library leaves HEAD
    // unencoded; nginx in front answers HEAD from its cached GET).
    const get = await getRaw(port, '/api/v1/districts', { 'Accept-Encoding': 'br' });
    const head = await getRaw(port, '/api/v1/districts', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['etag']).toBe(get.headers['etag']);
    expect(head.body.length).toBe(0);
  });

  test('ETag und 304 bleiben richtig: ein schwaches ETag, das auf die komprimierte und die unkomprimierte Fassung passt', async ({
    baseURL,
  }) => {
    const port = Number(new URL(baseURL!).port);
    const plain = await getRaw(port, '/api/v1/directorates');
    const compressed = await getRaw(port, '/api/v1/directorates', { 'Accept-Encoding': 'br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    const weak = plain.headers['etag']!;
    expect(weak).toMatch(/^W\/"/);
    expect(compressed.headers['etag']).toBe(weak);
    for (const [tag, encoding] of [
      [weak, 'br'],
      [weak, 'identity'],
      [weak.slice(2), 'br'],
    ] as const) {
      const again = await getRaw(port, '/api/v1/directorates', { 'If-None-Match': tag, 'Accept-Encoding': encoding });
      expect(again.status, `${tag} ${encoding}`).toBe(304);
      expect(again.body.length).toBe(0);
    }
    const stale = await getRaw(port, '/api/v1/directorates', { 'If-None-Match': 'W/"anders"', 'Accept-Encoding': 'br' });
    expect(stale.status).toBe(200);
  });
});
