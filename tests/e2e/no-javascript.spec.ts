import { expect, test } from '@playwright/test';
import { CELLE, leafletMap, submitSearch } from './helpers';

test.use({ javaScriptEnabled: false });

test.describe('ohne JavaScript', () => {
  test('die Suche (GET-Formular) führt zum Bezirk; beide Beamten und die Server-Karte sind da', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Meinen Standort verwenden' })).toBeHidden();

    await submitSearch(page, 'Celle');
    await expect(page).toHaveURL(`/bezirk/${CELLE.id}?suche=Celle`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${CELLE.name}`);

    const digital = page.getByRole('region', { name: 'Digitale Streife' });
    await expect(digital.getByRole('article').first().getByRole('heading', { level: 3 }).getByRole('link')).toHaveAttribute(
      'href',
      /^\/beamte\//,
    );
    const kobb = page.getByRole('region', { name: 'Kontaktbereichsbeamtin / -beamter (KOBB)' });
    await expect(kobb.getByRole('article').first().getByRole('heading', { level: 3 }).getByRole('link')).toHaveAttribute(
      'href',
      /^\/beamte\//,
    );

    const staticMap = page.getByRole('img', { name: 'Karte des Bezirks' });
    await expect(staticMap).toBeVisible();
    expect(await staticMap.locator('path').count()).toBeGreaterThan(1); // the district and its neighbours
    await expect(staticMap).toContainText(CELLE.name); // place labels drawn on the server
    await expect(leafletMap(page, 'Karte des Bezirks')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Meinen Standort verwenden' })).toBeHidden();
  });

  test('die Server-Karte zeigt den gesuchten Punkt, wenn Koordinaten mitkommen', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}?lat=52.6226&lon=10.0805`);
    await expect(page.getByRole('img', { name: 'Karte des Bezirks' })).toContainText('Gesuchter Punkt');
  });

  test('ein Klick auf einen Bezirk in der Übersichtskarte der Startseite öffnet ihn', async ({ page }) => {
    await page.goto('/');
    // The exception to role selectors: the server-drawn overview map is aria-hidden (the search form
    // and the lists are the accessible way), so its per-district <a> links have no role to select by.
    const celle = page.locator(`svg a[href="/bezirk/${CELLE.id}"]`);
    await expect(celle).toHaveCount(1);
    await celle.scrollIntoViewIfNeeded();
    await celle.click();
    await expect(page).toHaveURL(`/bezirk/${CELLE.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${CELLE.name}`);
  });

  test('die Beamtenseite ohne JavaScript zeigt die Server-Karte statt „Karte wird geladen“', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    await page.getByRole('region', { name: 'Digitale Streife' }).getByRole('heading', { level: 3 }).getByRole('link').first().click();
    await expect(page).toHaveURL(/\/beamte\//);
    await expect(page.getByRole('region', { name: 'Zuständig für' }).getByRole('link', { name: CELLE.name, exact: true })).toBeVisible();
    // Without JavaScript no map will ever load: "Karte wird geladen …" would be a promise never kept.
    await expect(page.getByText('Karte wird geladen')).toBeHidden();
    // Instead the server draws the officer's districts.
    await expect(page.getByRole('img', { name: 'Zuständig für' })).toBeVisible();
  });
});
