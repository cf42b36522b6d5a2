/**
 * Instructions for shared caches (nginx, a CDN) on every public answer: `Cache-Control` with
 * `s-maxage` where an answer is the same for everyone, a weak ETag made of the data version and
 * the body, 304 for it, `Vary` only on the encoding, and never a cookie.
 */
import { expect, test } from '@playwright/test';
import { CELLE } from './helpers';

const SHARED = /^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+$/;

test.describe('Anweisungen für geteilte Caches', () => {
  test('Seiten, API, Downloads, Kartendaten: s-maxage, ETag mit Datenstand, Vary nur Accept-Encoding, keine Cookies', async ({
    request,
  }) => {
    const { dataVersion } = (await (await request.get('/api/v1/directorates')).json()) as { dataVersion: string };
    const routes = [
      '/',
      '/en',
      `/bezirk/${CELLE.id}`,
      `/bezirk/${CELLE.id}?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`,
      '/suche?q=Hauptstra%C3%9Fe',
      '/impressum',
      `/embed/bezirk/${CELLE.id}`,
      '/api/v1/districts',
      `/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`,
      '/api/v1/search?q=Celle',
      '/karte/uebersicht.geojson',
      '/daten/beamte.csv',
      '/sitemap.xml',
      '/robots.txt',
    ];
    for (const route of routes) {
      const response = await request.get(route, { maxRedirects: 0 });
      const headers = response.headers();
      expect(response.status(), route).toBe(200);
      expect(headers['set-cookie'], route).toBeUndefined();
      expect(headers['vary'] ?? 'Accept-Encoding', route).toBe('Accept-Encoding');
      expect(headers['cache-control'], route).toMatch(SHARED);
      expect(headers['etag'], route).toMatch(new RegExp(`^W/"${dataVersion}-[A-Za-z0-9_-]{16}"$`));
      const again = await request.get(route, { headers: { 'If-None-Match': headers['etag']! }, maxRedirects: 0 });
      expect(again.status(), `${route}: 304`).toBe(304);
      expect(again.headers()['etag'], route).toBe(headers['etag']);
      // A 304 replaces the kept answer's headers: the page's policy (with its hashes) must not change.
      expect(again.headers()['content-security-policy'], route).toBe(headers['content-security-policy']);
      expect(again.headers()['cache-control'], route).toBe(headers['cache-control']);
    }
  });

  test('Fehler kurz, Verweigerungen und Zustandsprüfungen nie; keine Cookies', async ({ request }) => {
    const notFound = await request.get('/bezirk/000000000');
    expect(notFound.status()).toBe(404);
    expect(notFound.headers()['cache-control']).toBe('public, max-age=60');
    for (const refused of [
      await request.post('/', { data: 'x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      await request.get(`/suche?q=${'a'.repeat(9000)}`),
      await request.get('/healthz'),
      await request.get('/readyz'),
    ]) {
      expect(refused.headers()['cache-control'], refused.url().slice(0, 60)).toBe('no-store');
      expect(refused.headers()['set-cookie']).toBeUndefined();
    }
  });
});
