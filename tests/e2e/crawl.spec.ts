/**
 * Every route in every language, found by crawling /sitemap.xml, checked in a real browser with
 * JavaScript: no axe violation (WCAG 2.x A/AA and best practices), no request to another host, no
 * cookie, nothing in localStorage, sessionStorage or IndexedDB, after loading and after one
 * interaction. One URL per route pattern and language keeps it fast (one district, one officer);
 * states the sitemap cannot list (a search, a point, errors, the widget's frame) are added below.
 * Tests are defined before the server runs, so the crawl is split into shards that each take
 * every n-th URL: a page added to the sitemap is covered without touching this file.
 */
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { CELLE, NEAR_FLOTWEDEL, bringMapsIntoView, expectNoAxeViolations, recordForeignRequests, searchField } from './helpers';

const SHARDS = 6;

interface Visit {
  path: string;
  status: number;
}

/** `/en/bezirk/123` → `en /bezirk/*`: the language prefix, the first segment, the rest as `*`. */
function routePattern(path: string): string {
  const { pathname } = new URL(path, 'http://x');
  const [first = '', ...rest] = pathname.split('/').filter(Boolean);
  const language = /^[a-z]{2}$/.test(first) ? first : 'de';
  const segments = language === first ? rest : [first, ...rest].filter(Boolean);
  return `${language} /${segments.map((segment, index) => (index === 0 ? segment : '*')).join('/')}`;
}

/** One path per route pattern and language, from the sitemap's <loc> entries (in sitemap order). */
async function crawlSitemap(request: APIRequestContext): Promise<string[]> {
  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/xml/);
  const locations = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => {
    const url = new URL(match[1]!.replace(/&amp;/g, '&'));
    return url.pathname + url.search;
  });
  expect(locations.length, 'Einträge in der Sitemap').toBeGreaterThan(20);
  const byPattern = new Map<string, string>();
  for (const path of locations) if (!byPattern.has(routePattern(path))) byPattern.set(routePattern(path), path);
  return [...byPattern.values()];
}

/** States that are not pages of their own, in German and English where the UI is translated. */
async function extraVisits(request: APIRequestContext): Promise<Visit[]> {
  const locate = await request.get(`/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`);
  expect(locate.status()).toBe(200);
  const { officers } = (await locate.json()) as { officers: Array<{ accounts: Array<{ url: string }> }> };
  const demoAccount = officers.flatMap((officer) => officer.accounts)[0];
  expect(demoAccount, 'ein Demo-Konto in Celle').toBeDefined();
  return [
    { path: '/suche?q=Neustadt', status: 200 },
    { path: '/en/suche?q=Neustadt', status: 200 },
    { path: '/suche?q=Celle', status: 200 }, // confident: redirected to the district page
    { path: `/bezirk/${CELLE.id}?lat=52.6226&lon=10.0805`, status: 200 },
    { path: `/bezirk/${CELLE.id}?lat=${NEAR_FLOTWEDEL.lat}&lon=${NEAR_FLOTWEDEL.lon}`, status: 200 },
    { path: '/standort?lat=52.52&lon=13.405', status: 200 },
    { path: '/standort?lat=abc&lon=1', status: 400 },
    { path: '/en/standort?lat=abc&lon=1', status: 400 },
    { path: demoAccount!.url, status: 200 },
    { path: '/gibt-es-nicht', status: 404 },
    { path: '/en/gibt-es-nicht', status: 404 },
    { path: `/embed/bezirk/${CELLE.id}`, status: 200 },
    { path: '/embed/suche?q=Neustadt', status: 200 },
  ];
}

let visits: Promise<Visit[]> | null = null;

/** The crawl, once per worker. */
function allVisits(request: APIRequestContext): Promise<Visit[]> {
  visits ??= (async () => [...(await crawlSitemap(request)).map((path) => ({ path, status: 200 })), ...(await extraVisits(request))])();
  return visits;
}

/** Everything the page keeps in the browser: cookies, web storage and IndexedDB databases. */
async function storedState(page: Page, context: BrowserContext) {
  const inPage = await page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((database) => database.name ?? ''),
  }));
  return { cookies: (await context.cookies()).map((cookie) => cookie.name), ...inPage };
}

const NOTHING_STORED = { cookies: [], localStorage: [], sessionStorage: [], indexedDB: [] };

/** Waits until a Leaflet map on the page (if any) has replaced the server-drawn one and drawn its outlines. */
async function settle(page: Page) {
  if ((await page.locator('rf-map[data-src]').count()) > 0) {
    await bringMapsIntoView(page);
    await expect(page.locator('rf-map[data-src]:not([data-drawn])')).toHaveCount(0);
    await expect.poll(() => page.locator('rf-map .leaflet-host svg path').count(), { message: 'Leaflet-Karte' }).toBeGreaterThan(0);
  }
  await page.waitForLoadState('networkidle');
}

/** One thing a citizen does on the page: typing into the search (autocomplete), or else moving the focus. */
async function interact(page: Page) {
  const field = searchField(page);
  if ((await field.count()) > 0 && (await field.first().isVisible())) {
    await field.first().fill('Cel');
  } else {
    await page.keyboard.press('Tab');
  }
  await page.waitForLoadState('networkidle');
}

test.describe('Alle Routen aus der Sitemap: Barrierefreiheit (axe) und Datenschutz', () => {
  for (let shard = 0; shard < SHARDS; shard++) {
    test(`Teil ${shard + 1} von ${SHARDS}`, async ({ page, context, request, baseURL }) => {
      const mine = (await allVisits(request)).filter((_, index) => index % SHARDS === shard);
      test.setTimeout(25_000 * mine.length);
      const foreign = recordForeignRequests(page, baseURL!);
      for (const visit of mine) {
        await test.step(visit.path, async () => {
          foreign.length = 0;
          const response = await page.goto(visit.path);
          expect.soft(response?.status(), `Status von ${visit.path}`).toBe(visit.status);
          await settle(page);
          expect.soft(await storedState(page, context), `gespeichert nach dem Laden von ${visit.path}`).toEqual(NOTHING_STORED);
          await expectNoAxeViolations(page, visit.path);
          await interact(page);
          expect.soft(await storedState(page, context), `gespeichert nach einer Eingabe auf ${visit.path}`).toEqual(NOTHING_STORED);
          expect.soft(foreign, `Anfragen an fremde Hosts von ${visit.path}`).toEqual([]);
        });
      }
    });
  }

  test('jede Seitenart steht in beiden Sprachen in der Sitemap', async ({ request }) => {
    const patterns = new Set((await crawlSitemap(request)).map(routePattern));
    for (const route of ['/', '/bezirk/*', '/beamte/*', '/barrierefreiheit', '/leichte-sprache', '/datenschutz', '/impressum']) {
      expect(patterns, route).toContain(`de ${route}`);
      expect(patterns, route).toContain(`en ${route}`);
    }
  });
});
