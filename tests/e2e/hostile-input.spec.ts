/**
 * Hostile and odd input against every page that reads query or path parameters, over HTTP from
 * the built server (Playwright's `request`, no browser): a rotating sample of the Big List of
 * Naughty Strings, bad UTF-8, NUL, CRLF, 10 KB values and repeated parameters. Never a 5xx, never
 * the input reflected unescaped into HTML, JSON always valid, and a refusal is a German page
 * with a heading. (The JSON API gets the whole list in process: tests/integration/hostile-input.test.ts.)
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { hostileValues, reflectsUnescaped } from '../naughty-input';

const DISTRICT = '033510006';

/** Page routes; `{}` is where the hostile value goes, `good` the other parameters. */
const ROUTES: Array<{ name: string; url: (value: string) => string }> = [
  { name: '/suche?q=', url: (v) => `/suche?q=${v}` },
  { name: '/standort?lat=', url: (v) => `/standort?lat=${v}&lon=10.08` },
  { name: '/standort?lon=', url: (v) => `/standort?lat=52.62&lon=${v}` },
  { name: '/bezirk/<x>', url: (v) => `/bezirk/${v}` },
  { name: '/bezirk/<id>?lat=', url: (v) => `/bezirk/${DISTRICT}?lat=${v}&lon=10.08` },
  { name: '/beamte/<x>', url: (v) => `/beamte/${v}` },
  { name: '/demo-konto/<x>', url: (v) => `/demo-konto/${v}` },
  { name: '/konto-pruefen?konto=', url: (v) => `/konto-pruefen?konto=${v}` },
  { name: '/konto-pruefen?plattform=', url: (v) => `/konto-pruefen?konto=polizei_ce&plattform=${v}` },
  { name: '/daten/<x>', url: (v) => `/daten/${v}` },
  { name: '/karte/bezirk/<x>.geojson', url: (v) => `/karte/bezirk/${v}.geojson` },
  { name: '/karte/beamte/<x>.geojson', url: (v) => `/karte/beamte/${v}.geojson` },
  { name: '/embed/bezirk/<x>', url: (v) => `/embed/bezirk/${v}` },
  { name: '/embed/bezirk/<id>?theme=', url: (v) => `/embed/bezirk/${DISTRICT}?theme=${v}&lang=de` },
  { name: '/embed/bezirk/<id>?lang=', url: (v) => `/embed/bezirk/${DISTRICT}?lang=${v}&origin=https%3A%2F%2Fexample.org` },
  { name: '/embed/dienststelle/<x>', url: (v) => `/embed/dienststelle/${v}?layout=compact` },
  { name: '/embed/inspektion/<x>', url: (v) => `/embed/inspektion/${v}?map=${v}` },
  { name: '/embed/suche?q=', url: (v) => `/embed/suche?q=${v}` },
  { name: '/embed/suche?bezirk=', url: (v) => `/embed/suche?bezirk=${v}&widget=${v}` },
  { name: '/embed/<x>', url: (v) => `/embed/${v}?origin=${v}` },
  { name: '/widget?…', url: (v) => `/widget?view=${v}&bezirk=${v}&lang=${v}&theme=${v}&layout=${v}&map=${v}` },
];

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function expectHandled(request: APIRequestContext, url: string, value: string): Promise<void> {
  const response = await request.get(url, { failOnStatusCode: false, maxRedirects: 0 });
  const status = response.status();
  const label = `${url.slice(0, 160)} → ${status}`;
  expect(status, label).toBeLessThan(500);
  // Limits the server itself enforces before any page runs (URL or header size) have no page body.
  if (status === 414 || status === 431) return;
  const type = response.headers()['content-type'] ?? '';
  const body = await response.text();
  if (type.includes('json')) {
    expect(() => JSON.parse(body), label).not.toThrow();
    if (status >= 400)
      expect(JSON.parse(body), label).toEqual({
        error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      });
    return;
  }
  if (type.includes('html')) {
    expect(reflectsUnescaped(body, decoded(value)), `${label}: input reflected unescaped`).toBe(false);
    if (status >= 400) {
      expect(body, label).toMatch(/<html[^>]* lang="de"/);
      expect(body, label).toMatch(/<h1[^>]*>\s*[^<\s][^<]*/);
    }
  }
}

test.describe('Seiten mit feindlichen Parametern', () => {
  ROUTES.forEach(({ name, url }, index) => {
    test(`${name}: kein 5xx, keine ungeschützte Spiegelung, verständliche Antwort`, async ({ request }) => {
      const values = hostileValues(40, index * 23);
      // A few at a time: quick, yet far from a flood.
      for (let i = 0; i < values.length; i += 4) {
        await Promise.all(values.slice(i, i + 4).map((value) => expectHandled(request, url(value), value)));
      }
    });
  });

  test('wiederholte Parameter werden mit deutscher Meldung abgelehnt, nicht mit einem Fehler', async ({ request }) => {
    for (const url of [
      '/suche?q=Celle&q=Hannover',
      '/standort?lat=52.62&lat=53&lon=10.08',
      '/konto-pruefen?konto=a&konto=b',
      `/embed/bezirk/${DISTRICT}?theme=dark&theme=light`,
      `/embed/suche?bezirk=${DISTRICT}&bezirk=${DISTRICT}`,
      '/widget?view=bezirk&view=suche',
    ]) {
      await expectHandled(request, url, '');
      const response = await request.get(url, { failOnStatusCode: false });
      expect(response.status(), url).toBeLessThan(500);
      expect(await response.text(), url).toMatch(/<html[^>]* lang="de"/);
    }
    const search = await request.get('/suche?q=Celle&q=Hannover', { failOnStatusCode: false });
    expect(search.status()).toBe(400);
  });
});
