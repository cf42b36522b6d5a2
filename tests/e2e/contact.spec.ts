/**
 * From the answer to the right contact in one look (issue 16): the first screen of a phone, the
 * district page's guidance, the searched place, office hours, the account check's verdict, the
 * maps on touch screens and the widget's search and builder.
 */
import { expect, test, type Page } from '@playwright/test';
import { CELLE, searchField, waitForLeaflet } from './helpers';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Top edge of an element in page coordinates. */
const topOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => element.getBoundingClientRect().top + window.scrollY);

test.describe('auf dem Telefon (390 × 844)', () => {
  test.use(PHONE);

  test('das Suchfeld der Startseite liegt im ersten Bildschirm, mit Platz für Vorschläge', async ({ page }) => {
    await page.goto('/');
    expect(await topOf(page, '#q')).toBeLessThan(844 / 2);
    await searchField(page).pressSequentially('Cel');
    const list = page.getByRole('listbox', { name: 'Vorschläge' });
    await expect(list.getByRole('option').first()).toBeVisible();
    expect(await list.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(844);
  });

  // Celle: a whole municipality; Linden-Nord: one of the Stadtteile Hannover is divided into.
  for (const [name, id] of [
    ['Celle', CELLE.id],
    ['Hannover-Linden-Nord', '032410001-33'],
  ]) {
    test(`die 110 steht auf der Bezirksseite ${name} im ersten Bildschirm`, async ({ page }) => {
      await page.goto(`/bezirk/${id}`);
      const emergency = page.getByRole('region', { name: 'Wer hilft Ihnen wobei?' }).getByRole('link', { name: 'Im Notfall: 110' });
      await expect(emergency).toHaveAttribute('href', 'tel:110');
      const box = (await emergency.boundingBox())!;
      expect(box.y + box.height).toBeLessThan(844);
    });
  }

  test('die 110 steht auch auf der Übersicht „Hannover: Welcher Stadtteil?“ im ersten Bildschirm', async ({ page }) => {
    await page.goto('/bezirk/032410001');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Hannover');
    const emergency = page.getByRole('main').getByRole('link', { name: 'Im Notfall: 110' });
    await expect(emergency).toHaveAttribute('href', 'tel:110');
    const box = (await emergency.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(844);
  });

  test('die Anschrift der Dienststelle öffnet die Karten-App (geo:), ohne andere Website', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const link = page.getByRole('link', { name: 'In der Karten-App öffnen' });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', /^geo:52\.\d+,10\.\d+\?q=52\.\d+,10\.\d+\(Polizeiinspektion%20Celle\)$/);
  });

  test('nach „Prüfen“ hat das Ergebnis den Fokus und ist zu sehen', async ({ page }) => {
    await page.goto('/konto-pruefen');
    await page.getByRole('textbox', { name: 'Profiladresse oder Benutzername' }).fill('polizei_hannover_dmitri_demo');
    await page.getByRole('combobox', { name: /Plattform/ }).selectOption('tiktok');
    await page.getByRole('button', { name: 'Prüfen' }).click();
    const verdict = page.getByRole('heading', { level: 2, name: 'Wahrscheinlich eine Fälschung' });
    await expect(verdict).toBeFocused();
    await expect(verdict).toBeInViewport();
    await expect(page.getByText('Auf TikTok gibt es kein offizielles Konto dieser Person: wahrscheinlich eine Fälschung.')).toBeVisible();
  });

  test('ein Wisch mit einem Finger über die Karte scrollt die Seite; „Karte bewegen“ lässt sie verschieben', async ({ page, context }) => {
    await page.goto('/');
    const map = await waitForLeaflet(page, 'Karte der Bezirke');
    await expect(map).toHaveCSS('touch-action', 'pan-x pan-y');
    const box = (await map.boundingBox())!;
    const before = await page.evaluate(() => window.scrollY);
    const cdp = await context.newCDPSession(page);
    const x = Math.round(box.x + box.width / 2);
    const y = Math.round(Math.max(box.y, 0) + 150);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let step = 1; step <= 10; step++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - step * 20 }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 100);

    const toggle = map.getByRole('button', { name: 'Karte bewegen' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.tap();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(map).toHaveCSS('touch-action', 'none');
  });
});

test.describe('Bezirksseite', () => {
  test('sagt, wer wobei hilft, und nennt die Konten der Inspektion auch neben der digitalen Streife', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const guide = page.getByRole('region', { name: 'Wer hilft Ihnen wobei?' });
    await expect(guide).toContainText(
      'Anzeige erstatten: online bei der Onlinewache der Polizei Niedersachsen oder bei jeder Polizeidienststelle.',
    );
    await expect(guide).toContainText('Keine Anzeigen und keine Notrufe per Direktnachricht');
    await expect(guide.getByRole('link', { name: /^Ihre Kontaktbeamtin oder Ihr Kontaktbeamter \(KOBB\): / })).toHaveAttribute(
      'href',
      '#kobb-title',
    );
    await expect(guide.getByRole('link', { name: 'Das Wichtigste in Leichter Sprache' })).toHaveAttribute(
      'href',
      '/leichte-sprache#wer-hilft',
    );
    await expect(page.getByText('Die PI Celle ist auch hier erreichbar:')).toBeVisible();
  });

  test('wiederholt den gesuchten Ort, mit „ungefähr“ und Grund, und nur, wenn die Suche ihn bestätigt', async ({ page }) => {
    // No house numbers are known for this street: the result is its centre, approximate. All of
    // Braunschweig is one district, so the number cannot change it: the search goes there.
    await page.goto('/suche?q=Adam-Opel-Stra%C3%9Fe%205%2C%20Braunschweig');
    await expect(page).toHaveURL(/\/bezirk\/031010000\?lat=.+&suche=/);
    const searched = page.locator('.searched-for');
    await expect(searched).toContainText('Ergebnis für: Adam-Opel-Straße');
    await expect(searched).toContainText('ungefähr');
    await expect(searched).toContainText('Straßenmitte');

    await page.goto(`/bezirk/${CELLE.id}?suche=${encodeURIComponent('Hier ist alles sicher')}`);
    await expect(page.getByText('Ergebnis für:')).toHaveCount(0);
    await page.goto(`/bezirk/032410001?suche=Celle`);
    await expect(page.getByText('Ergebnis für:')).toHaveCount(0);
  });

  test('sagt in der Region Hannover in einfachen Worten, was bekannt ist, statt eines Warnbanners', async ({ page }) => {
    await page.goto('/bezirk/032410001');
    await expect(page.getByText('Zuständigkeit nicht bestätigt')).toHaveCount(0);
    const section = page.getByRole('region', { name: 'Zuständigkeit' });
    await expect(section).toContainText(
      'geben wir die genaue Aufteilung auf die Polizeiinspektionen Hannover (Stadt), Garbsen, Burgdorf noch nicht an',
    );
    await expect(section).toContainText('Sicher ist: Zuständig ist die PD Hannover.');
  });

  test('Sprechstunden als Daten: Woche in Worten, nächste Sprechstunde, Kalenderdatei', async ({ page, request }) => {
    await page.clock.setFixedTime(new Date('2026-12-07T10:00:00+01:00'));
    await page.goto(`/bezirk/${CELLE.id}`);
    const kobb = page.getByRole('region', { name: 'Kontaktbereichsbeamtin / -beamter (KOBB)' }).getByRole('article').first();
    await expect(kobb).toContainText(/Sprechstunde(Montag|Dienstag|Mittwoch|Donnerstag|Freitag) \d+–\d+ Uhrnicht an Feiertagen/);
    await expect(kobb.getByText('Nächste Sprechstunde:')).toBeVisible();
    await expect(kobb.locator('.next-session')).toContainText(/Nächste Sprechstunde: \w+, (7|8|9|10|11)\. Dezember, \d+–\d+ Uhr/);

    const href = (await kobb.getByRole('link', { name: 'Nächste Sprechstunden in den Kalender (.ics)' }).getAttribute('href'))!;
    const calendar = await request.get(href);
    expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    const text = await calendar.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(text).toMatch(/DTSTART;TZID=Europe\/Berlin:2026\d{4}T\d{6}\r\n/);
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    // Lines longer than 75 octets are folded (RFC 5545 3.1).
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    await page.goto(`/en/bezirk/${CELLE.id}`);
    await expect(page.getByText(/(Monday|Tuesday|Wednesday|Thursday|Friday) \d\d:\d\d–\d\d:\d\d/).first()).toBeVisible();
    await expect(page.getByText('Unitary municipality')).toBeVisible();
    await expect(
      page.getByText('Police Chief Inspector').or(page.getByText('Police Senior Inspector')).or(page.getByText('Police Inspector')).first(),
    ).toBeVisible();
  });
});

test.describe('Kontoprüfung', () => {
  test('ein Name ohne Plattform ist nur dort offiziell, wo er im Verzeichnis steht', async ({ page }) => {
    await page.goto('/konto-pruefen?konto=polizei_hannover_dmitri_demo');
    await expect(page.getByText('Offiziell ist dieser Name nur auf X (ehemals Twitter), YouTube und WhatsApp-Kanal.')).toBeVisible();
  });

  test('erkennt die eigenen „Folgen“-Links des Portals', async ({ page, baseURL }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const follow = page
      .getByRole('region', { name: /^Folgen: / })
      .getByRole('link')
      .first();
    const href = (await follow.getAttribute('href'))!;
    await page.goto(`/konto-pruefen?konto=${encodeURIComponent(new URL(href, baseURL).href)}`);
    await expect(page.getByRole('heading', { level: 2, name: 'Offizielles Konto' })).toBeVisible();
  });
});

test.describe('Karten', () => {
  test('suchvorschläge liegen über den Zoomknöpfen der Karte', async ({ page }) => {
    await page.goto('/');
    await waitForLeaflet(page, 'Karte der Bezirke');
    await page.evaluate(() => window.scrollTo(0, 0));
    await searchField(page).pressSequentially('Cel');
    const list = page.getByRole('listbox', { name: 'Vorschläge' });
    await expect(list.getByRole('option').nth(4)).toBeVisible();
    const zoom = page.locator('.leaflet-control-zoom-in');
    const hit = await zoom.evaluate((button) => {
      const box = button.getBoundingClientRect();
      const on = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return on?.closest('[role="listbox"]') !== null || on === null;
    });
    expect(hit).toBe(true);
  });

  test('die Bezirkskarte nennt den Bezirk und seine Nachbarn, die Übersicht Städte', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const map = await waitForLeaflet(page, 'Karte des Bezirks');
    for (const name of ['Celle', 'Flotwedel', 'Lachendorf']) await expect(map.getByText(name, { exact: true })).toBeVisible();
    await page.goto('/');
    const overview = await waitForLeaflet(page, 'Karte der Bezirke');
    await expect(overview.getByText('Hannover', { exact: true })).toBeVisible();
  });

  test('ein Tastaturnutzer sieht beim Wählen ein Fadenkreuz und einen Hinweis', async ({ page }) => {
    await page.goto('/');
    const map = await waitForLeaflet(page, 'Karte der Bezirke');
    await page.keyboard.press('Tab');
    await map.focus();
    await page.keyboard.press('ArrowUp');
    const crosshair = await map.evaluate((element) => getComputedStyle(element, '::after').content);
    expect(crosshair).toBe('""');
    await expect(page.getByText('die Eingabetaste wählt den Ort im Fadenkreuz')).toBeVisible();
  });
});

test.describe('Widget', () => {
  test('die kompakte Suche trägt eine Zeile Quellenangabe und zeigt alle elf Orte von 37434', async ({ page }) => {
    await page.setViewportSize({ width: 300, height: 600 });
    await page.goto('/embed/suche?layout=compact&q=37434');
    await expect(page.getByRole('listitem').filter({ hasText: /^37434 / })).toHaveCount(11);
    await expect(page.getByRole('link', { name: /^Datenquellen und Lizenzen: / })).toHaveAttribute('href', '/daten#lizenzen');
    await expect(page.getByText('Datenlizenz Deutschland')).toHaveCount(0);
  });

  test('die eingebettete Suche schlägt Orte vor; die Wahl bleibt im Rahmen', async ({ page }) => {
    await page.goto('/embed/suche?layout=compact');
    await page.getByRole('combobox', { name: 'Adresse, Ort oder Postleitzahl' }).pressSequentially('Celle');
    const option = page.getByRole('option', { name: /^Celle/ }).first();
    await expect(option).toBeVisible();
    await option.click();
    await expect(page).toHaveURL(/\/embed\/suche\?lang=de&theme=light&layout=compact&map=false&q=Celle&bezirk=033510006$/);
    await expect(page.getByText('Zuständig für Ihren Ort: Bezirk Celle')).toBeVisible();
  });

  test('die Listen des Baukastens lassen sich durch Eintippen durchsuchen', async ({ page }) => {
    await page.goto('/widget');
    const filter = page.getByRole('searchbox', { name: 'Bezirk suchen (Namen oder Kreis eintippen)' });
    await filter.fill('Hann Münden');
    const select = page.getByRole('combobox', { name: 'Bezirk', exact: true });
    await expect(select.locator('option').first()).toHaveText(/^Hann\. Münden/);
    await expect(select).toHaveValue('031590017');
    await expect(page.locator('#widget-preview')).toHaveAttribute('src', /\/embed\/bezirk\/031590017/);
  });
});
