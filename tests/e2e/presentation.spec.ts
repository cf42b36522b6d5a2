/**
 * How the pages adapt to the reader: reflow at 320 CSS px (WCAG 1.4.10; 400 % zoom of 1280 px is
 * the same viewport), reduced motion, Windows high contrast (forced colours), and the district
 * page printed as an A4 notice ("Aushang").
 */
import { expect, test, type Page } from '@playwright/test';
import { CELLE, waitForLeaflet } from './helpers';

/** True when the document is wider than the viewport, i.e. the reader must scroll sideways. */
async function scrollsSideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
}

test.describe('Umbruch bei 320 CSS-Pixeln (400 % Zoom)', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  const pages = [
    '/',
    '/suche?q=Neustadt',
    `/bezirk/${CELLE.id}?lat=52.60225&lon=10.16934`,
    '/en/barrierefreiheit',
    '/leichte-sprache',
    '/datenschutz',
    '/konto-pruefen',
  ];
  test('kein waagerechtes Scrollen auf den Hauptseiten', async ({ page }) => {
    test.slow(); // seven page loads
    for (const path of pages) {
      await page.goto(path);
      const { scrollWidth, clientWidth } = await scrollsSideways(page);
      expect.soft(scrollWidth, `Breite von ${path} bei ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
    }
  });
});

test('weniger Bewegung: die Karte zoomt ohne Animation, wenn das System es wünscht', async ({ page }) => {
  // Leaflet creates its zoom-animation proxy (.leaflet-proxy) only when zoom animation is on.
  await page.goto(`/bezirk/${CELLE.id}`);
  await waitForLeaflet(page, 'Karte des Bezirks');
  await expect(page.locator('rf-map .leaflet-proxy').first()).toBeAttached();

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  const map = await waitForLeaflet(page, 'Karte des Bezirks');
  await expect(map.locator('.leaflet-proxy')).toHaveCount(0);
});

test('hoher Kontrast (forced colors): Fokus, Karten und Knöpfe behalten sichtbare Linien', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(`/bezirk/${CELLE.id}`);
  const map = await waitForLeaflet(page, 'Karte des Bezirks');
  const card = page.locator('.card').first();
  expect(await card.evaluate((element) => getComputedStyle(element).borderTopStyle)).toBe('solid');
  expect(await map.evaluate((element) => getComputedStyle(element).borderTopWidth)).toBe('2px');

  await page.keyboard.press('Tab'); // the skip link
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(outline).toEqual({ style: 'solid', width: '3px' });
});

test('Druck: die Bezirksseite ist ein A4-Aushang mit beiden Karten, Dienststelle, 110 und QR-Code', async ({ page, baseURL }) => {
  await page.goto(`/bezirk/${CELLE.id}`);
  const printButton = page.getByRole('button', { name: 'Als Aushang drucken' });
  await expect(printButton).toBeVisible();
  const qr = page.getByRole('img', { name: `QR-Code mit der Adresse ${baseURL}/bezirk/${CELLE.id}` });
  await expect(qr).toBeHidden(); // paper only

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(CELLE.name);
  for (const name of [
    'Digitale Streife',
    'Kontaktbereichsbeamtin / -beamter (KOBB)',
    'Zuständige Dienststelle',
    'Wer hilft Ihnen wobei?',
  ]) {
    await expect(page.getByRole('heading', { name, exact: true }), name).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Wer hilft Ihnen wobei?' }).getByText('Im Notfall: 110')).toBeVisible();
  // Both officer cards (Celle has a digital officer and a KOBB), not just their sections' headings.
  for (const section of ['Digitale Streife', 'Kontaktbereichsbeamtin / -beamter (KOBB)']) {
    await expect(page.getByRole('region', { name: section }).getByRole('heading', { level: 3 }).first(), section).toBeVisible();
  }
  await expect(qr).toBeVisible();
  await expect(page.getByText(`${baseURL}/bezirk/${CELLE.id}`, { exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeHidden();
  await expect(page.getByRole('contentinfo')).toBeHidden();
  await expect(printButton).toBeHidden();
  await expect(page.locator('rf-map')).toBeHidden();

  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdf.toString('latin1');
  // A4 is 595.28 × 841.89 points; Chromium writes 594.96 × 841.92.
  expect(text).toMatch(/\/MediaBox \[0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\]/);
  expect(pageCount(pdf)).toBe(1);
});

/** The number of pages of a PDF Chromium wrote (its page tree's /Count). */
function pageCount(pdf: Buffer): number {
  return Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
}

test('Druck: ein Aushang mit sechs Beamtinnen und Beamten und ihren Konten passt auf eine A4-Seite', async ({ page }) => {
  // Braunschweig has the most: two digital officers with four accounts each and two KOBB. A sixth
  // and fifth card are copies of the fullest ones, as a district with six officers would show them.
  await page.goto('/bezirk/031010000');
  await page.evaluate(() => {
    for (const title of ['digital-title', 'kobb-title']) {
      const cards = [...document.getElementById(title)!.parentElement!.querySelectorAll('.officer-card')];
      const fullest = cards.sort((a, b) => b.textContent.length - a.textContent.length)[0]!;
      while (document.getElementById(title)!.parentElement!.querySelectorAll('.officer-card').length < 3) {
        fullest.after(fullest.cloneNode(true));
      }
    }
  });
  await expect(page.locator('.officer-card')).toHaveCount(6);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pageCount(pdf)).toBe(1);
});
