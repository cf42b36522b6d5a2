import { expect, test } from '@playwright/test';
import { CELLE, expectNoAxeViolations, recordForeignRequests, searchField, waitForLeaflet, withoutScripts } from './helpers';

/** Pages whose map is drawn on the server when JavaScript is off. */
const WITHOUT_JAVASCRIPT = {
  Startseite: '/',
  Bezirk: `/bezirk/${CELLE.id}`,
  'Bezirk mit Punkt': `/bezirk/${CELLE.id}?lat=52.6226&lon=10.0805`,
  'Bezirk (englisch)': `/en/bezirk/${CELLE.id}`,
};

// With JavaScript, every route in every language is checked in crawl.spec.ts (crawled from the
// sitemap); here the pages that differ without JavaScript (the server-drawn maps).
test.describe('Barrierefreiheit (axe) ohne JavaScript', () => {
  for (const [name, path] of Object.entries(WITHOUT_JAVASCRIPT)) {
    test(name, async ({ page }) => {
      // The overview map draws every district as a link: axe needs more than the default time there.
      test.slow();
      await withoutScripts(page);
      expect((await page.goto(path))?.status()).toBe(200);
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
  await expect(page).toHaveURL(`/bezirk/${CELLE.id}?suche=Celle`);
  await waitForLeaflet(page, 'Karte des Bezirks');
  await page.waitForLoadState('networkidle');
  expect(foreign, 'Anfragen an fremde Hosts').toEqual([]);
  expect(await context.cookies(), 'Cookies').toEqual([]);
});
