/**
 * The server's fast lane (src/server/fast-lane.ts) answers exactly as the app would: two servers
 * of the same build, one with the lane and one without (FAST_LANE=off), get the same requests,
 * and every answer must match in status, headers and body. The log shows which answers the lane
 * gave, so the comparison cannot pass by the lane answering nothing.
 */
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { CELLE, NEAR_FLOTWEDEL, startTestServer, type TestServer } from './helpers';

/** Headers that differ between any two answers (time, connection) or by how the body is sent. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The body's length and hash (a page's difference would drown the report). */
  body: string;
}

async function ask(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(base + path, { ...init, redirect: 'manual' });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!PER_CONNECTION.has(name)) headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers, body: `${body.length} bytes, sha256 ${createHash('sha256').update(body).digest('hex')}` };
}

/** Answers computed from their query parameters. */
const COMPUTED = [
  `/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`,
  `/api/v1/locate?lat=${NEAR_FLOTWEDEL.lat}&lon=${NEAR_FLOTWEDEL.lon}`,
  '/api/v1/locate?lat=52.3745&lon=9.7386', // Hannover
  '/api/v1/locate?lon=8.0472&lat=52.2799', // Osnabrück, parameters in the other order
  '/api/v1/search?q=Celle',
  '/api/v1/search?q=Bahnhofstra%C3%9Fe+1+Hannover&limit=3',
  '/api/v1/search?q=Oldenbrug&lang=en', // a typo, notes in English
  '/api/v1/search?q=29221',
  '/api/v1/search?q=M%C3%BCnchen', // outside Niedersachsen: no results, still 200
];

/** Answers without query parameters that the lane serves once the app has given them. */
const RECORDED = [
  `/bezirk/${CELLE.id}`,
  `/en/bezirk/${CELLE.id}`,
  '/',
  '/en',
  '/api/v1/districts',
  `/api/v1/districts/${CELLE.id}`,
  '/karte/uebersicht.geojson',
  '/barrierefreiheit',
];

/** Never the lane's: errors, refusals, other methods, conditional requests. */
const LEFT_TO_THE_APP: Array<[string, RequestInit?]> = [
  ['/api/v1/locate?lat=0&lon=0'],
  ['/api/v1/locate?lat=abc&lon=10'],
  ['/api/v1/locate?lat=52.62&lat=52.63&lon=10.08'],
  ['/api/v1/locate?lat=52.62'],
  [`/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`, { method: 'POST' }],
  [`/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`, { method: 'OPTIONS' }],
  ['/api/v1/search?q='],
  ['/api/v1/search?q=Celle&q=Hannover'],
  ['/api/v1/search?q=Celle&limit=0'],
  ['/api/v1/search?q=Celle&lang=fr'],
  [`/api/v1/search?q=${'x'.repeat(300)}`],
  ['/bezirk/000000000'],
];

test.describe('Schnellspur des Servers', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });
  let lane: TestServer;
  let app: TestServer;

  test.beforeAll(async () => {
    // One public address for both: pages print it (QR code, hreflang), and the ports differ.
    const env = { PUBLIC_ORIGIN: 'http://revierfinder.test' };
    [lane, app] = await Promise.all([startTestServer(env), startTestServer({ ...env, FAST_LANE: 'off' })]);
  });

  test.afterAll(async () => {
    await Promise.all([lane?.stop(), app?.stop()]);
  });

  const fastLines = () => lane.logLines.filter((line) => line.lane === 'fast');

  test('locate und Suche: dieselbe Antwort wie die App, von der Schnellspur gegeben', async () => {
    for (const path of COMPUTED) {
      for (const method of ['GET', 'HEAD']) {
        const before = fastLines().length;
        const [fromLane, fromApp] = await Promise.all([ask(lane.base, path, { method }), ask(app.base, path, { method })]);
        expect(fromLane.status, `${method} ${path}`).toBe(200);
        expect(fromLane, `${method} ${path}`).toEqual(fromApp);
        await expect.poll(() => fastLines().length, { message: `${method} ${path}` }).toBe(before + 1);
        expect(fastLines().at(-1)).toMatchObject({ method, route: path.split('?')[0], status: 200 });
      }
    }
  });

  test('viele Anfragen zugleich: jede bekommt ihre eigene Antwort, keine geht verloren', async () => {
    // The lane writes the answers of one turn of the event loop together (fast-lane.ts): under
    // a rush, none may reach another client or be left unwritten.
    const paths = Array.from({ length: 120 }, (_, index) =>
      index % 4 === 3
        ? `/api/v1/search?q=${encodeURIComponent(['Celle', 'Hannover', 'Oldenburg', 'Goslar', 'Lüneburg'][index % 5]!)}&limit=${1 + (index % 7)}`
        : `/api/v1/locate?lat=${(52.25 + (index % 40) * 0.015).toFixed(4)}&lon=${(9.55 + index * 0.007).toFixed(4)}`, // around Hannover and Celle
    );
    const before = fastLines().length;
    const fromLane = await Promise.all(paths.map((path) => ask(lane.base, path)));
    const fromApp = await Promise.all(paths.map((path) => ask(app.base, path)));
    for (const [index, path] of paths.entries()) {
      expect(fromLane[index]!.status, path).toBe(200);
      expect(fromLane[index], path).toEqual(fromApp[index]);
    }
    await expect.poll(() => fastLines().length).toBe(before + paths.length);
  });

  test('gespeicherte Seiten und Daten: dieselbe Antwort, ab dem zweiten Abruf von der Schnellspur', async () => {
    const download = (await (await fetch(`${lane.base}/daten`)).text()).match(/href="(\/daten\/[^"?]+)"/)?.[1];
    expect(download, 'ein Download auf /daten').toBeTruthy();
    for (const path of [...RECORDED, download!]) {
      const first = await ask(lane.base, path);
      expect(first.status, path).toBe(200);
      const before = fastLines().length;
      const [second, head, fromApp] = await Promise.all([
        ask(lane.base, path),
        ask(lane.base, path, { method: 'HEAD' }),
        ask(app.base, path),
      ]);
      expect(second, path).toEqual(first);
      expect(second, path).toEqual(fromApp);
      expect(head, `HEAD ${path}`).toEqual({ ...second, body: '0 bytes, sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
      await expect.poll(() => fastLines().length, { message: path }).toBe(before + 2);
    }
    // Compressed like every other answer when the client accepts it (fetch asked for it above too).
    const before = fastLines().length;
    const compressed = await fetch(`${lane.base}/api/v1/districts`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect((await compressed.json()).items.length).toBeGreaterThan(0);
    await expect.poll(() => fastLines().length).toBe(before + 1);
    // The English page is kept apart from the German one.
    expect(await (await fetch(`${lane.base}/en/bezirk/${CELLE.id}`)).text()).toContain('<html lang="en"');
    expect(await (await fetch(`${lane.base}/bezirk/${CELLE.id}`)).text()).toContain('<html lang="de"');
  });

  test('Fehler, andere Methoden und bedingte Anfragen beantwortet die App', async () => {
    const before = fastLines().length;
    for (const [path, init] of LEFT_TO_THE_APP) {
      const [fromLane, fromApp] = await Promise.all([ask(lane.base, path, init), ask(app.base, path, init)]);
      expect(fromLane.status, `${init?.method ?? 'GET'} ${path}`).not.toBe(200);
      expect(fromLane, `${init?.method ?? 'GET'} ${path}`).toEqual(fromApp);
    }
    for (const path of [COMPUTED[0]!, `/api/v1/districts/${CELLE.id}`]) {
      const etag = (await ask(lane.base, path)).headers.etag!;
      const [fromLane, fromApp] = await Promise.all([
        ask(lane.base, path, { headers: { 'If-None-Match': etag } }),
        ask(app.base, path, { headers: { 'If-None-Match': etag } }),
      ]);
      expect(fromLane.status, path).toBe(304);
      expect(fromLane, path).toEqual(fromApp);
    }
    // Only the two plain GETs for the ETags above were the lane's.
    expect(fastLines().length).toBe(before + 2);
  });
});
