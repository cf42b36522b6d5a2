import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { CELLE, expectNoAxeViolations, recordForeignRequests, searchField, waitForLeaflet } from './helpers';


interface Route {
  name: string;
  path: (request: APIRequestContext) => Promise<string>;
  status: number;
  /** Name of the Leaflet map on the page, waited for with JavaScript on. */
  map?: string;
}

/** The first officer (with a social account) responsible for Celle, from the API: ids are demo data. */
async function celleOfficer(request: APIRequestContext) {
  const response = await request.get(`/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`);
  expect(response.status()).toBe(200);
  const { officers } = (await response.json()) as { officers: Array<{ id: string; accounts: Array<{ url: string }> }> };
  const officer = officers.find((o) => o.accounts.length > 0) ?? officers[0];
  expect(officer, 'eine Person für Celle').toBeDefined();
  return officer!;
}

const ROUTES: Route[] = [
  { name: 'Startseite', path: async () => '/', status: 200, map: 'Karte der Bezirke' },
  { name: 'Trefferliste', path: async () => '/suche?q=Neustadt', status: 200 },
  { name: 'Bezirk', path: async () => `/bezirk/${CELLE.id}`, status: 200, map: 'Karte des Bezirks' },
  {
    name: 'Bezirk mit Punkt',
    path: async () => `/bezirk/${CELLE.id}?lat=52.6226&lon=10.0805`,
    status: 200,
    map: 'Karte des Bezirks',
  },
  {
    name: 'Bezirk mit Grenzhinweis',
    path: async () => `/bezirk/${CELLE.id}?lat=52.60225&lon=10.16934`,
    status: 200,
    map: 'Karte des Bezirks',
  },
  { name: 'Profil', path: async (request) => `/beamte/${(await celleOfficer(request)).id}`, status: 200, map: 'Zuständig für' },
  { name: 'außerhalb', path: async () => '/standort?lat=52.52&lon=13.405', status: 200 },
  { name: 'ungültige Koordinaten', path: async () => '/standort?lat=abc&lon=1', status: 400 },
  {
    name: 'Demo-Konto',
    path: async (request) => (await celleOfficer(request)).accounts[0]!.url,
    status: 200,
  },
  { name: 'Seite nicht gefunden', path: async () => '/gibt-es-nicht', status: 404 },
];

async function open(page: Page, route: Route, path: string, javaScript: boolean) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(route.status);
  if (javaScript && route.map) await waitForLeaflet(page, route.map);
}

/**
 * axe runs inside the page, which a page with JavaScript disabled cannot do (evaluate hangs).
 * So "without JavaScript" is simulated: scripts are removed from the HTML and never loaded,
 * which leaves exactly the DOM a browser without JavaScript shows (the portal has no <noscript>).
 */
async function withoutScripts(page: Page) {
  await page.route('**/*', async (route) => {
    const type = route.request().resourceType();
    if (type === 'script') return route.abort();
    if (type !== 'document') return route.fallback();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    return route.fulfill({ response, body });
  });
}

// The privacy checks ride along with the JavaScript run: that is when the map loads its data.
test.describe('Barrierefreiheit (axe) und Datenschutz, mit JavaScript', () => {
  for (const route of ROUTES) {
    test(route.name, async ({ page, context, request, baseURL }) => {
      const foreign = recordForeignRequests(page, baseURL!);
      await open(page, route, await route.path(request), true);
      await page.waitForLoadState('networkidle');
      expect.soft(foreign, 'Anfragen an fremde Hosts').toEqual([]);
      expect.soft(await context.cookies(), 'Cookies').toEqual([]);
      await expectNoAxeViolations(page);
    });
  }
});

test.describe('Barrierefreiheit (axe) ohne JavaScript', () => {
  for (const route of ROUTES.filter((r) => ['Startseite', 'Bezirk', 'Bezirk mit Punkt'].includes(r.name))) {
    test(route.name, async ({ page, request }) => {
      await withoutScripts(page);
      await open(page, route, await route.path(request), false);
      // The server-drawn map is there, the Leaflet one is not: this really is the no-JS page.
      await expect(page.locator('rf-map svg')).toHaveCount(1);
      await expect(page.locator('rf-map [role="region"]')).toHaveCount(0);
      await expectNoAxeViolations(page);
    });
  }
});

test('Datenschutz: Suche und Bezirksseite setzen kein Cookie und fragen keinen fremden Host', async ({ page, context, baseURL }) => {
  const foreign = recordForeignRequests(page, baseURL!);
  await page.goto('/');
  await searchField(page).fill('Celle');
  await searchField(page).press('Enter');
  await expect(page).toHaveURL(`/bezirk/${CELLE.id}`);
  await waitForLeaflet(page, 'Karte des Bezirks');
  await page.waitForLoadState('networkidle');
  expect(foreign, 'Anfragen an fremde Hosts').toEqual([]);
  expect(await context.cookies(), 'Cookies').toEqual([]);
});
