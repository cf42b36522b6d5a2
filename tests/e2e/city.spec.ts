/**
 * A city divided into districts, as a citizen meets it: "Hannover" leads to the city's overview
 * (which Stadtteil?), never to one arbitrary Stadtteil; choosing a Stadtteil shows its officers.
 * With and without JavaScript; the old whole-city addresses keep working; no barriers (axe).
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, searchField, submitSearch } from './helpers';

const HANNOVER = '032410001';
const LINDEN_NORD = '032410001-33';

test.describe('ohne JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('„Hannover“ → Übersicht „Welcher Stadtteil?“ → Linden-Nord mit seinen Beamten', async ({ page }) => {
    await page.goto('/');
    await submitSearch(page, 'Hannover');
    await expect(page).toHaveURL(`/bezirk/${HANNOVER}?suche=Hannover`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hannover: Welcher Stadtteil?');
    // Grouped by Stadtbezirk, every Stadtteil once.
    await expect(page.getByRole('heading', { name: 'Stadtbezirk Linden-Limmer' })).toBeVisible();
    const list = page.getByRole('region', { name: 'Alle 51 Bezirke (Stadtteil)' });
    await expect(list.getByRole('link', { name: 'Linden-Nord', exact: true })).toHaveCount(1);

    await list.getByRole('link', { name: 'Linden-Nord', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/bezirk/${LINDEN_NORD}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezirk Linden-Nord');
    await expect(page.getByText('Im Notfall: 110').first()).toBeVisible();
    const kobb = page.getByRole('region', { name: /Kontaktbereichsbeamtin/ });
    await expect(kobb.getByRole('heading', { level: 3 }).first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Digitale Streife' }).getByText('Demo').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Alle Bezirke von Hannover' })).toHaveAttribute('href', `/bezirk/${HANNOVER}`);
  });

  test('die Suche in der Übersicht sucht in Hannover: „Linden-Nord“ führt zum Stadtteil', async ({ page }) => {
    await page.goto(`/bezirk/${HANNOVER}`);
    const form = page.getByRole('search').filter({ has: page.getByText('Straße oder Bezirk in Hannover suchen') });
    await form.getByRole('searchbox').fill('Linden-Nord');
    await form.getByRole('button', { name: 'Suchen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezirk Linden-Nord');
  });

  test('eine Straße, die wir nur zum Teil kennen, springt nicht, sondern nennt Stadtteil und Übersicht', async ({ page }) => {
    await page.goto('/suche?q=Limmerstra%C3%9Fe+5%2C+Hannover');
    await expect(page).toHaveURL(/\/suche\?/);
    await expect(page.getByText('nur auf einem Teil ihres Verlaufs')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Alle Stadtteile von Hannover auf Karte und Liste' })).toHaveAttribute(
      'href',
      `/bezirk/${HANNOVER}`,
    );
  });

  test('„Südstadt“ allein springt nicht nach Hannover: viele Städte haben eine', async ({ page }) => {
    await page.goto('/suche?q=S%C3%BCdstadt');
    await expect(page).toHaveURL(/\/suche\?/);
    await expect(page.getByRole('link', { name: /Südstadt \(Hannover\)/ })).toBeVisible();
  });

  test('ein Punkt in Hannover (Standort, Kartenklick) nennt seinen Stadtteil', async ({ page }) => {
    await page.goto('/standort?lat=52.3745&lon=9.7190');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezirk Calenberger Neustadt');
    await expect(page.getByText('Ein Bezirk von Hannover im Stadtbezirk Mitte')).toBeVisible();
  });

  test('alte Adressen der ganzen Stadt bleiben gültig: Seite, Widget, englisch, API', async ({ page, request }) => {
    await page.goto(`/embed/bezirk/${HANNOVER}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hannover: Welcher Stadtteil?');
    await page.goto(`/en/bezirk/${HANNOVER}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hannover: which neighbourhood?');
    const api = await request.get(`/api/v1/districts/${HANNOVER}`, { maxRedirects: 0 });
    expect(api.status()).toBe(308);
    expect(api.headers()['location']).toMatch(new RegExp(`/api/v1/cities/${HANNOVER}$`));
    const city = await request.get(`/api/v1/cities/${HANNOVER}`);
    expect(city.status()).toBe(200);
  });
});

test.describe('mit JavaScript', () => {
  test('„Hannover“ aus den Vorschlägen → Übersicht mit Karte → Stadtteil', async ({ page }) => {
    await page.goto('/');
    const field = searchField(page);
    await field.pressSequentially('Hannover', { delay: 5 });
    const option = page
      .getByRole('listbox')
      .getByRole('option')
      .filter({ hasText: /^Hannover/ })
      .first();
    await expect(option).toBeVisible();
    await option.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hannover: Welcher Stadtteil?');
    // The map of the Stadtteile, drawn by Leaflet, names them.
    const map = page.getByRole('region', { name: 'Interaktive Karte: Karte der Bezirke von Hannover' });
    await expect(map.getByText('Döhren', { exact: true })).toBeVisible();
    await page.getByRole('region', { name: 'Alle 51 Bezirke (Stadtteil)' }).getByRole('link', { name: 'Vahrenwald', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezirk Vahrenwald');
  });

  for (const path of [
    `/bezirk/${HANNOVER}`,
    `/bezirk/${LINDEN_NORD}`,
    `/en/bezirk/${HANNOVER}`,
    `/embed/bezirk/${HANNOVER}`,
    '/suche?q=Limmerstra%C3%9Fe+Hannover',
  ]) {
    test(`${path} hat keine Barrieren (axe)`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }
});
