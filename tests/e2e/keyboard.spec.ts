import { expect, test, type Page } from '@playwright/test';
import { CELLE, searchField, waitForLeaflet } from './helpers';

/** The href (as written) of the focused element, or null. */
function focusedHref(page: Page) {
  return page.evaluate(() => document.activeElement?.getAttribute('href') ?? null);
}

/** Presses Tab until the focused element's href matches, at most `limit` times; returns the href. */
async function tabUntilHref(page: Page, pattern: RegExp, limit = 60): Promise<string | null> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const href = await focusedHref(page);
    if (href && pattern.test(href)) return href;
  }
  return null;
}

test.describe('Tastatur', () => {
  test('Sprunglink zuerst, dann das Suchfeld; „Celle“ und Enter führen zum Bezirk', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Zum Inhalt springen' });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport(); // visible when focused

    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(searchField(page)).toBeFocused();

    await page.keyboard.type('Celle');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/bezirk/${CELLE.id}?suche=Celle`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${CELLE.name}`);
  });

  test('auf der Bezirksseite erreicht Tab einen Beamten-Link und einen „Folgen“-Link', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const officerHref = await tabUntilHref(page, /^\/beamte\//);
    expect(officerHref, 'Link zu einem Beamtenprofil per Tab erreichbar').not.toBeNull();
    await expect(page.locator(':focus')).toBeVisible();
    const followHref = await tabUntilHref(page, /^\/demo-konto\//);
    expect(followHref, '„Folgen“-Link per Tab erreichbar').not.toBeNull();
    await expect(page.locator(':focus')).toBeVisible();

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(followHref!);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Demo-Konto');
  });

  test('„Karte überspringen“ setzt den Fokus hinter die Karte', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const map = await waitForLeaflet(page, 'Karte des Bezirks');
    const skipMap = page.getByRole('link', { name: 'Karte überspringen' });
    await expect(skipMap).toHaveCount(1);

    // Reach it the keyboard way, not by focusing it directly.
    const href = await tabUntilHref(page, /#bezirkskarte-ende$/, 80);
    expect(href, '„Karte überspringen“ per Tab erreichbar').not.toBeNull();
    await expect(skipMap).toBeFocused();
    await expect(skipMap).toBeInViewport();

    await page.keyboard.press('Enter');
    const caption = page.getByRole('figure').filter({ has: map }).locator('figcaption');
    await expect(caption).toBeFocused();
    // The next Tab goes to the attribution, past the map, not into it.
    await page.keyboard.press('Tab');
    await expect(caption.getByRole('link').first()).toBeFocused();
    expect(await map.evaluate((element) => element.contains(document.activeElement))).toBe(false);
  });

  test('ohne Sprung erreicht Tab die Karte selbst (sie ist bedienbar)', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const map = await waitForLeaflet(page, 'Karte des Bezirks');
    await tabUntilHref(page, /#bezirkskarte-ende$/, 80);
    await page.keyboard.press('Tab');
    await expect(map).toBeFocused();
  });
});
