import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { CELLE, waitForLeaflet } from './helpers';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

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

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n'),
    )
    .join('\n');
  expect(violations, `axe-Verstöße auf ${page.url()}:\n${report}`).toEqual([]);
}

async function open(page: Page, route: Route, path: string, javaScript: boolean) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(route.status);
  if (javaScript && route.map) await waitForLeaflet(page, route.map);
}

test.describe('Barrierefreiheit (axe) mit JavaScript', () => {
  for (const route of ROUTES) {
    test(`${route.name}`, async ({ page, request }) => {
      await open(page, route, await route.path(request), true);
      await expectNoAxeViolations(page);
    });
  }
});

test.describe('Barrierefreiheit (axe) ohne JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  for (const route of ROUTES.filter((r) => ['Startseite', 'Bezirk', 'Bezirk mit Punkt'].includes(r.name))) {
    test(`${route.name}`, async ({ page, request }) => {
      await open(page, route, await route.path(request), false);
      await expectNoAxeViolations(page);
    });
  }
});

test.describe('Datenschutz', () => {
  test('keine Anfrage an fremde Hosts und kein Cookie, auf allen Seiten', async ({ page, context, request, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) foreign.push(`${page.url()} → ${r.url()}`);
    });
    for (const route of ROUTES) {
      await open(page, route, await route.path(request), true);
      await page.waitForLoadState('networkidle');
    }
    // A real search and a map click: the other ways a citizen arrives.
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Ort oder Postleitzahl' }).fill('Celle');
    await page.getByRole('searchbox', { name: 'Ort oder Postleitzahl' }).press('Enter');
    await expect(page).toHaveURL(`/bezirk/${CELLE.id}`);
    await waitForLeaflet(page, 'Karte des Bezirks');
    await page.waitForLoadState('networkidle');

    expect(foreign, 'Anfragen an fremde Hosts').toEqual([]);
    expect(await context.cookies(), 'Cookies').toEqual([]);
  });
});
