import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, searchField, submitSearch } from './helpers';

/** An OSM street of the default data set in Braunschweig (no house numbers known there). */
const STREET = { name: 'Adam-Opel-Straße', districtId: '031010000', district: 'Braunschweig' } as const;
/** As a citizen might type it: "Strase", "Braunschwieg", a house number. */
const TYPED = 'Adam-Opel-Strase 5, Braunschwieg';

test.describe('Adresssuche mit JavaScript (Combobox)', () => {
  test('Adresse mit Tippfehlern tippen, per Tastatur wählen, im richtigen Bezirk landen', async ({ page }) => {
    // Typing letter by letter plus an axe run over the home page (with its map) takes a while.
    test.slow();
    await page.goto('/');
    const field = page.getByRole('combobox', { name: 'Adresse, Ort oder Postleitzahl' });
    await expect(field).toHaveAttribute('aria-expanded', 'false');
    await field.pressSequentially(TYPED, { delay: 15 });

    const listbox = page.getByRole('listbox', { name: 'Vorschläge' });
    await expect(listbox).toBeVisible();
    await expect(field).toHaveAttribute('aria-expanded', 'true');
    // Grouped by type, the street first; the typed words highlighted.
    await expect(listbox.getByRole('group', { name: 'Straßen' })).toBeVisible();
    const option = listbox.getByRole('option', { name: new RegExp(`^${STREET.name}, Braunschweig`) });
    await expect(option).toBeVisible();
    await expect(option).toContainText('ungefähr');
    await expect(option.locator('mark').first()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Vorschl(ag|äge) verfügbar/ })).toHaveCount(1);

    await expectNoAxeViolations(page);

    await field.press('ArrowDown');
    const first = listbox.getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(field).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
    await expect(field).toBeFocused();

    await field.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/bezirk/${STREET.districtId}\\?lat=\\d+\\.\\d{5}&lon=\\d+\\.\\d{5}&suche=[^&]+$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${STREET.district}`);
  });

  test('Escape schließt die Liste, ein zweites Escape leert das Feld; veraltete Antworten zählen nicht', async ({ page }) => {
    await page.goto('/');
    const field = searchField(page);
    await field.pressSequentially('Cel', { delay: 15 });
    const listbox = page.getByRole('listbox', { name: 'Vorschläge' });
    await expect(listbox.getByRole('option').first()).toBeVisible();
    await field.press('Escape');
    await expect(listbox).toBeHidden();
    await expect(field).toHaveAttribute('aria-expanded', 'false');
    await expect(field).toHaveValue('Cel');
    await field.press('Escape');
    await expect(field).toHaveValue('');
    // Typing on quickly: the list shows the answer to the last text, not to an earlier one.
    await field.pressSequentially('Hannover', { delay: 5 });
    await expect(listbox.getByRole('option').first()).toContainText('Hannover');
  });

  test('Enter ohne gewählten Vorschlag schickt das Formular wie ohne JavaScript', async ({ page }) => {
    await page.goto('/');
    await submitSearch(page, 'Celle');
    await expect(page).toHaveURL('/bezirk/033510006?suche=Celle');
  });
});

test.describe('Adresssuche ohne JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('dieselbe Eingabe führt über die Ergebnisliste (ungefähr, mit Hinweis) in den richtigen Bezirk', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('searchbox', { name: 'Adresse, Ort oder Postleitzahl' })).toBeVisible();
    await submitSearch(page, TYPED);
    await expect(page).toHaveURL(/\/suche\?q=/);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `${STREET.name}, Braunschweig` }) });
    await expect(item).toContainText('Straße (ungefähr)');
    await expect(item).toContainText('Hausnummern dieser Straße sind uns nicht bekannt');
    await item.getByRole('link', { name: `${STREET.name}, Braunschweig` }).click();
    await expect(page).toHaveURL(new RegExp(`/bezirk/${STREET.districtId}\\?lat=`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${STREET.district}`);
  });

  test('eine unbekannte Straße in einem Ort mit einem Bezirk führt dorthin, mit Hinweis oben', async ({ page }) => {
    await page.goto('/');
    await submitSearch(page, 'Gibtsnichtweg 5, Celle');
    await expect(page).toHaveURL('/bezirk/033510006?suche=Gibtsnichtweg%205%2C%20Celle');
    // The district page searches it again and says what it found: the whole town is this district.
    await expect(page.getByRole('note')).toContainText('Ihre Straße ist uns nicht bekannt. Für ganz Celle ist zuständig: Bezirk Celle.');
  });
});
