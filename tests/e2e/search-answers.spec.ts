/**
 * The search's answers as a citizen meets them, without JavaScript (a GET form and plain pages):
 * an Ortsteil goes to its municipality's district, a place outside Niedersachsen names its
 * police, an unknown name says so and shows the ways on, a street we do not know goes to its
 * town with a notice. With JavaScript, a map click outside the state names the police of Bremen.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, submitSearch } from './helpers';

test.describe('ohne JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('ein Ortsteil: „Greetsiel“ führt zum Bezirk Krummhörn und zeigt den Ort auf der Karte', async ({ page }) => {
    await page.goto('/');
    await submitSearch(page, 'Greetsiel');
    await expect(page).toHaveURL(/\/bezirk\/034520014\?lat=53\.50110&lon=7\.09450&suche=Greetsiel$/);
    await expect(page.getByText('Ergebnis für: Greetsiel (Krummhörn)')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezirk Krummhörn');
    await expect(page.getByRole('img', { name: 'Karte des Bezirks' })).toContainText('Gesuchter Punkt');
  });

  test('ein Tippfehler im Ortsteil springt nicht, sondern fragt „Meinten Sie …?“', async ({ page }) => {
    await page.goto('/suche?q=Gretsiel');
    await expect(page).toHaveURL('/suche?q=Gretsiel');
    await expect(page.getByText('„Gretsiel“ kennen wir nicht.')).toBeVisible();
    const guesses = page.getByRole('region', { name: 'Meinten Sie …?' });
    await guesses.getByRole('link', { name: 'Greetsiel (Krummhörn)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezirk Krummhörn');
  });

  test('ein Ort außerhalb: „Bremen“ nennt Land und Polizei mit Link und die 110, keine Straße aus Hannover', async ({ page }) => {
    await page.goto('/');
    await submitSearch(page, 'Bremen');
    await expect(page).toHaveURL('/suche?q=Bremen');
    await expect(page.getByText('Bremen liegt in Bremen, nicht in Niedersachsen.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Polizei Bremen' })).toHaveAttribute('href', 'https://www.polizei.bremen.de');
    await expect(page.getByText('Im Notfall wählen Sie überall in Deutschland die 110.')).toBeVisible();
    await expect(page.getByText('Bremer Damm')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /GeoNames/ }).first()).toBeVisible();
    // A name known only outside may still be a place here that the data lacks: said, with the ways on.
    await expect(
      page.getByText('Sie meinen einen Ort in Niedersachsen? Einen Ort „Bremen“ kennen wir hier nicht.', { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'So finden Sie Ihren Bezirk' })).toBeVisible();
  });

  test('eine Postleitzahl außerhalb: „28195“ ebenso', async ({ page }) => {
    await page.goto('/suche?q=28195');
    await expect(page.getByText('28195 Bremen liegt in Bremen, nicht in Niedersachsen.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Polizei Bremen' })).toBeVisible();
    // A postcode is certain: no doubt voiced.
    await expect(page.getByRole('region', { name: 'So finden Sie Ihren Bezirk' })).toHaveCount(0);
  });

  test('ein unbekannter Name: „Steinhude“ kennen wir nicht, Vermutungen als solche, und die Wege weiter', async ({ page }) => {
    await page.goto('/');
    await submitSearch(page, 'Steinhude');
    await expect(page).toHaveURL('/suche?q=Steinhude');
    await expect(page.getByText('„Steinhude“ kennen wir nicht.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Meinten Sie …?' })).toBeVisible();
    const waysOn = page.getByRole('region', { name: 'So finden Sie Ihren Bezirk' });
    await expect(waysOn.getByText(/Postleitzahl ein/)).toBeVisible();
    await expect(waysOn.getByText(/Stadt oder Gemeinde ein/)).toBeVisible();
    await waysOn.getByRole('link', { name: 'Wählen Sie Ihren Ort auf der Karte' }).click();
    await expect(page).toHaveURL('/#map-title');
  });

  test('a name we do not know, in English', async ({ page }) => {
    await page.goto('/en/suche?q=Steinhude');
    await expect(page.getByText('We do not know “Steinhude”.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Did you mean …?' })).toBeVisible();
  });

  test('eine unbekannte Straße in einer Stadt mit einem Bezirk: direkt dorthin, mit Hinweis oben', async ({ page }) => {
    await page.goto('/');
    await submitSearch(page, 'Kirchweg 2, 27283 Verden');
    await expect(page).toHaveURL(/\/bezirk\/033610012\?suche=Kirchweg/);
    await expect(page.getByRole('note')).toContainText(
      'Ihre Straße ist uns nicht bekannt. Für ganz Verden (Aller) ist zuständig: Bezirk Verden (Aller).',
    );
  });

  test('der Hinweis erscheint nur, wo die Suche ihn im Bezirk bestätigt', async ({ page }) => {
    await page.goto(`/bezirk/033510006?suche=${encodeURIComponent('Kirchweg 2, 27283 Verden')}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bezirk Celle');
    await expect(page.getByText('Ihre Straße ist uns nicht bekannt.')).toHaveCount(0);
  });

  test('ein Ort innen und außen: „Oldenburg“ listet Niedersachsen zuerst und nennt den Namensvetter', async ({ page }) => {
    await page.goto('/suche?q=Oldenburg');
    await expect(page.getByRole('listitem').filter({ hasText: 'Oldenburg (Oldb)' }).first()).toBeVisible();
    const outside = page.getByRole('region', { name: 'Außerhalb Niedersachsens' });
    await expect(outside).toContainText('Oldenburg in Holstein liegt in Schleswig-Holstein.');
  });
});

test.describe('mit JavaScript', () => {
  for (const path of [
    '/suche?q=Bremen',
    '/suche?q=Steinhude',
    '/en/suche?q=Oldenburg',
    '/standort?lat=53.0793&lon=8.8017',
    '/standort?lat=53.5511&lon=9.9937',
  ]) {
    test(`${path} hat keine Barrieren (axe)`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  test('ein Punkt in Bremen (Kartenklick, Standort) nennt die Polizei Bremen', async ({ page }) => {
    await page.goto('/standort?lat=53.0793&lon=8.8017');
    await expect(page.getByText('Dieser Punkt liegt in Bremen, nicht in Niedersachsen.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Polizei Bremen' })).toBeVisible();
  });

  test('ein Punkt in Hamburg: außerhalb Niedersachsens, die Nachbarn mit ihrer Polizei, kein geratenes Land', async ({ page }) => {
    await page.goto('/standort?lat=53.5511&lon=9.9937');
    await expect(page.getByText(/liegt außerhalb Niedersachsens/)).toBeVisible();
    await expect(page.getByText('liegt in Hamburg')).toHaveCount(0);
    for (const police of ['Polizei Hamburg', 'Landespolizei Schleswig-Holstein', 'Polizei Nordrhein-Westfalen', 'Politie']) {
      await expect(page.getByRole('link', { name: police })).toBeVisible();
    }
  });

  test('die Vorschläge nennen einen Ort außerhalb', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Adresse, Ort oder Postleitzahl' }).fill('Bremerhaven');
    await expect(page.getByRole('option', { name: /Bremerhaven.*Ortspolizeibehörde Bremerhaven/ })).toBeVisible();
  });
});
