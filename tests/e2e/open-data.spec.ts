import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations, recordForeignRequests, withoutScripts } from './helpers';

/** An official demo account on X held by an officer, from the download of the registry. */
async function demoAccount(request: APIRequestContext) {
  const response = await request.get('/daten/konten.json');
  expect(response.status()).toBe(200);
  const { records } = (await response.json()) as {
    records: Array<{ platform: string; handle: string; holderTypes: string[]; holderNames: string[]; holderIds: string[] }>;
  };
  const account = records.find((r) => r.platform === 'x' && r.holderTypes[0] === 'officer');
  expect(account).toBeDefined();
  return account!;
}

const FIELD = 'Profiladresse oder Benutzername';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`Konto prüfen ${javaScriptEnabled ? 'mit' : 'ohne'} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test('ein offizielles Demo-Konto wird erkannt, mit Inhaber und Hinweis „Demo-Konto (erfunden)“', async ({ page, request }) => {
      const account = await demoAccount(request);
      test.slow();
      // From a page without a map: the start page's map makes this journey slow on a busy machine.
      await page.goto('/suche');
      await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Konto prüfen' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Ist dieses Konto echt?' })).toBeVisible();
      await page.getByRole('textbox', { name: FIELD }).fill(`https://twitter.com/${account.handle}?s=20`);
      await page.getByRole('button', { name: 'Prüfen' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Offizielles Konto' })).toBeVisible();
      await expect(page.getByText('Demo-Konto (erfunden)')).toBeVisible();
      await page.getByRole('link', { name: `Profil von ${account.holderNames[0]}` }).click();
      await expect(page).toHaveURL(`/beamte/${account.holderIds[0]}`);
    });

    test('eine Nachahmung mit kyrillischem Buchstaben wird nicht bestätigt und gewarnt', async ({ page, request }) => {
      test.slow();
      const account = await demoAccount(request);
      await page.goto('/konto-pruefen');
      await page.getByRole('textbox', { name: FIELD }).fill(`@${account.handle.replace('o', 'о')}`);
      await page.getByRole('combobox', { name: /Plattform/ }).selectOption('x');
      await page.getByRole('button', { name: 'Prüfen' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Nicht im Verzeichnis' })).toBeVisible();
      await expect(page.getByText(/Zeichen aus einem anderen Alphabet/)).toBeVisible();
      await expect(page.getByText(account.handle, { exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Gefälschtes Konto melden' })).toBeVisible();
    });

    test('ein Link auf einen Beitrag wird erklärt (400)', async ({ page }) => {
      test.slow();
      const response = await page.goto('/konto-pruefen?konto=https%3A%2F%2Fwww.instagram.com%2Fp%2FC1a2B3%2F');
      expect(response?.status()).toBe(400);
      await expect(page.getByText(/nicht auf ein Profil/)).toBeVisible();
      await expect(page.getByRole('textbox', { name: FIELD })).toHaveAttribute('aria-invalid', 'true');
    });
  });
}

test.describe('Offene Daten', () => {
  test('die Downloads sind verlinkt, mit Lizenz und Datenversion', async ({ page, request }) => {
    test.slow();
    await page.goto('/suche');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Offene Daten' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Offene Daten' })).toBeVisible();
    const table = page.getByRole('table', { name: /Downloads/ });
    for (const file of ['bezirke.geojson', 'beamte.csv', 'beamte.json', 'dienststellen.csv', 'konten.csv']) {
      await expect(table.getByRole('link', { name: file, exact: true })).toBeVisible();
    }
    await expect(table.getByRole('link', { name: /dl-de\/by-2-0/ }).first()).toBeVisible();
    await expect(page.getByText(/Datenversion \w+, Stand/)).toBeVisible();
    const href = await table.getByRole('link', { name: 'beamte.csv', exact: true }).getAttribute('href');
    const response = await request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="revierfinder-beamte-\w+\.csv"$/);
    expect((await response.text()).split('\r\n')[0]).toMatch(/^id,name,rank,/);
  });
});

test.describe('API-Dokumentation', () => {
  test('zeigt Endpunkte mit kopierbaren Beispielen, die funktionieren', async ({ page, request, baseURL }) => {
    await page.goto('/api');
    await expect(page.getByRole('heading', { level: 1, name: 'API für offene Daten' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'GET /api/v1/districts/{id}/boundary' })).toBeVisible();
    const example = page.getByText(`curl -s '${baseURL}/api/v1/districts/033510006'`, { exact: true });
    await expect(example).toBeVisible();
    const openapi = await request.get('/api/v1/openapi.json');
    expect(openapi.status()).toBe(200);
    expect((await openapi.json()).openapi).toBe('3.1.0');
  });

  test('der Server antwortet 405, 304 und CORS wie dokumentiert', async ({ request }) => {
    const post = await request.post('/api/v1/districts', { data: {} });
    expect(post.status()).toBe(405);
    expect(post.headers()['allow']).toBe('GET, HEAD, OPTIONS');
    const first = await request.get('/api/v1/districts/033510006');
    expect(first.headers()['access-control-allow-origin']).toBe('*');
    const again = await request.get('/api/v1/districts/033510006', { headers: { 'If-None-Match': first.headers()['etag']! } });
    expect(again.status()).toBe(304);
    const head = await request.head('/api/v1/districts/033510006');
    expect(head.status()).toBe(200);
    expect(head.headers()['etag']).toBe(first.headers()['etag']);
    const unknown = await request.get('/api/v1/gibt-es-nicht');
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });
});

// The pages themselves are in the sitemap crawl (crawl.spec.ts, both languages); here the
// answers of the account check, which only a query produces.
const ANSWERS = [
  '/konto-pruefen?konto=https%3A%2F%2Fx.com%2Fpolizei_celle_jannik_demo',
  '/konto-pruefen?konto=%40polizei_cel1e_jannik_demo&plattform=x',
  '/konto-pruefen?konto=Polizei%20Celle',
];

test.describe('Barrierefreiheit (axe) und Datenschutz', () => {
  for (const path of ANSWERS) {
    test(`mit JavaScript: ${path}`, async ({ page, context, baseURL }) => {
      test.slow();
      const foreign = recordForeignRequests(page, baseURL!);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect.soft(foreign, 'Anfragen an fremde Hosts').toEqual([]);
      expect.soft(await context.cookies(), 'Cookies').toEqual([]);
      await expectNoAxeViolations(page);
    });
  }

  for (const path of [ANSWERS[1]!, '/api']) {
    test(`ohne JavaScript: ${path}`, async ({ page }) => {
      test.slow();
      await withoutScripts(page);
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }
});
