import { expect, test, type Page } from '@playwright/test';
import { CELLE, searchField, section, socialLinks, submitSearch, waitForLeaflet } from './helpers';

/** Asserts the district page for `name`: URL, heading and page title. */
async function expectDistrictPage(page: Page, id: string, name: string) {
  await expect(page).toHaveURL(new RegExp(`/bezirk/${id}(\\?|$)`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${name}`);
  await expect(page).toHaveTitle(`Bezirk ${name} – Revierfinder`);
}

/**
 * Some searches may land directly on the district, others on a result list; both are fine for
 * a variant spelling, as long as the right district is one click away at most.
 */
async function expectDistrictOrResult(page: Page, id: string, name: string) {
  await page.waitForURL(/\/(bezirk|suche)/);
  if (new URL(page.url()).pathname.startsWith('/bezirk/')) {
    await expectDistrictPage(page, id, name);
  } else {
    await expect(page.getByRole('listitem').getByRole('link', { name })).toHaveAttribute('href', `/bezirk/${id}`);
  }
}

test.describe('Suche nach Ort und Bezirksseite (mit JavaScript)', () => {
  test('„Celle“ führt zur Bezirksseite mit Streife, KOBB, Dienststelle, Zuständigkeit, Karte und Hinweis', async ({ page }) => {
    const home = await page.goto('/');
    expect(home?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wer ist meine digitale Streife?');
    // With JavaScript (and geolocation in the browser) the locate button is offered.
    await expect(page.getByRole('button', { name: 'Meinen Standort verwenden' })).toBeVisible();

    await searchField(page).fill('Celle');
    await page.getByRole('search').getByRole('button', { name: 'Suchen' }).click();
    await expectDistrictPage(page, CELLE.id, CELLE.name);

    const digital = page.getByRole('region', { name: 'Digitale Streife' });
    const digitalCard = digital.getByRole('article').first();
    await expect(digitalCard).toBeVisible();
    const digitalHeading = digitalCard.getByRole('heading', { level: 3 });
    await expect(digitalHeading.getByRole('link')).toHaveText(/\p{L}+ \p{L}+/u);
    await expect(digitalHeading.getByText('Demo', { exact: true })).toBeVisible();
    await expect(digitalCard).toContainText('Digitale Community-Policing-Streife');

    const kobb = page.getByRole('region', { name: 'Kontaktbereichsbeamtin / -beamter (KOBB)' });
    const kobbCard = kobb.getByRole('article').first();
    await expect(kobbCard).toBeVisible();
    await expect(kobbCard.getByRole('heading', { level: 3 }).getByRole('link')).toHaveAttribute('href', /^\/beamte\/[^/]+$/);
    await expect(kobbCard.getByRole('heading', { level: 3 }).getByText('Demo', { exact: true })).toBeVisible();

    const station = page.getByRole('region', { name: 'Zuständige Dienststelle' });
    await expect(station.getByRole('heading', { level: 3 })).toContainText('Celle');
    await expect(station.getByRole('link', { name: /^[\d ()+-]+$/ }).first()).toHaveAttribute('href', /^tel:/);

    const chain = page.getByRole('region', { name: 'Zuständigkeit' });
    await expect(chain.getByRole('definition').filter({ hasText: CELLE.inspection })).toBeVisible();
    await expect(chain.getByRole('definition').filter({ hasText: CELLE.directorate })).toBeVisible();

    const notice = page.getByRole('region', { name: 'Wer hilft Ihnen wobei?' });
    await expect(notice).toContainText('Im Notfall: 110');
    await expect(notice.getByRole('link', { name: 'Onlinewache der Polizei Niedersachsen' })).toHaveAttribute(
      'href',
      /^https:\/\/www\.onlinewache\.polizei\.niedersachsen\.de\/?$/,
    );

    const map = await waitForLeaflet(page, 'Karte des Bezirks');
    await expect(map.locator('svg path').first()).toBeVisible();
    // The server-drawn map is replaced, not shown twice.
    await expect(page.getByRole('img', { name: 'Karte des Bezirks' })).toHaveCount(0);
    const figure = page.getByRole('figure').filter({ has: map });
    await expect(figure.getByRole('link', { name: /© GeoBasis-DE \/ BKG/ })).toBeVisible();
    // Three data sets from OpenStreetMap, one attribution: three identical lines read as a mistake.
    const osm = page.getByRole('contentinfo').getByRole('link', { name: '© OpenStreetMap contributors' });
    await expect(osm).toHaveCount(1);
    await expect(osm).toHaveAttribute('href', 'https://www.openstreetmap.org/copyright');
  });

  test('„Folgen“ führt zu Demo-Konten, nie zu echten Profilen in sozialen Netzwerken', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const follow = page.getByRole('region', { name: /^Folgen: / });
    const followLinks = follow.getByRole('link');
    expect(await followLinks.count(), 'mindestens ein „Folgen“-Link').toBeGreaterThan(0);
    for (const href of await followLinks.evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
      expect(href).toMatch(/^\/demo-konto\/[^/]+$/);
    }
    expect(await socialLinks(page), 'Links zu sozialen Netzwerken').toEqual([]);

    const firstLink = followLinks.first();
    await firstLink.click();
    await expect(page).toHaveURL(/\/demo-konto\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Demo-Konto');
    await expect(page.getByRole('main')).toContainText('auf kein echtes Profil');
    expect(await socialLinks(page), 'Links zu sozialen Netzwerken').toEqual([]);
  });

  test('der Name der Streife führt zum Profil mit den betreuten Bezirken', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}`);
    const officerLink = page.getByRole('region', { name: 'Digitale Streife' }).getByRole('heading', { level: 3 }).getByRole('link').first();
    const name = (await officerLink.textContent())!.trim();
    await officerLink.click();

    await expect(page).toHaveURL(/\/beamte\/[^/?]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Profil von ${name}`);
    const districts = section(page, 'Zuständig für');
    await expect(districts.getByRole('link', { name: CELLE.name, exact: true })).toHaveAttribute('href', `/bezirk/${CELLE.id}`);
    expect(await districts.getByRole('listitem').count()).toBeGreaterThan(1);
    await expect(districts).toContainText(/Die Karte zeigt die \d+ Bezirke/);
    expect(await socialLinks(page), 'Links zu sozialen Netzwerken').toEqual([]);
  });

  // The same search form is on /suche, a lighter page than / with its big map.
  test('Schreibvarianten: „Goettingen“ und „Hann. Münden“ finden den richtigen Bezirk', async ({ page }) => {
    await page.goto('/suche');
    await submitSearch(page, 'Goettingen');
    await expectDistrictOrResult(page, '031590016', 'Göttingen');

    await page.goto('/suche');
    await submitSearch(page, 'Hann. Münden');
    await expectDistrictOrResult(page, '031590017', 'Hann. Münden');

    await page.goto('/suche');
    await submitSearch(page, 'celle');
    await expectDistrictOrResult(page, CELLE.id, CELLE.name);
  });

  test('eine Postleitzahl mehrerer Gemeinden zeigt eine Auswahl', async ({ page, request }) => {
    // 29229 belongs to Celle and Winsen (Aller), two districts: the API confirms it.
    const api = await request.get('/api/v1/search?q=29229');
    expect(api.status()).toBe(200);
    const { results } = (await api.json()) as { results: Array<{ district: { id: string; name: string } }> };
    const districtIds = new Set(results.map((result) => result.district.id));
    expect(districtIds.size).toBeGreaterThan(1);

    await page.goto('/suche');
    await submitSearch(page, '29229');
    await expect(page).toHaveURL(/\/suche\?q=29229$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ergebnisse für „29229“');
    await expect(page.getByRole('status').filter({ hasText: 'Treffer' })).toContainText('Bitte wählen Sie Ihren Ort');
    const list = page
      .getByRole('main')
      .getByRole('list')
      .filter({ has: page.getByRole('link', { name: '29229 Celle' }) });
    await expect(list.getByRole('link', { name: '29229 Celle' })).toHaveAttribute('href', `/bezirk/${CELLE.id}?suche=29229`);
    await list.getByRole('link', { name: '29229 Winsen (Aller)' }).click();
    await expectDistrictPage(page, '033510024', 'Winsen (Aller)');
    await expect(page.getByText('Ergebnis für: 29229 Winsen (Aller)')).toBeVisible();
  });

  test('kein Treffer: Seite mit 200 und klarer deutscher Meldung', async ({ page }) => {
    const response = await page.goto('/suche?q=Xyzzyqwv');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ergebnisse für „Xyzzyqwv“');
    await expect(page.getByRole('status').filter({ hasText: 'Xyzzyqwv' })).toContainText('„Xyzzyqwv“ kennen wir nicht.');
    await expect(page.getByRole('region', { name: 'So finden Sie Ihren Bezirk' })).toBeVisible();
    await expect(searchField(page)).toHaveValue('Xyzzyqwv');
  });

  test('leere Suche: der Browser verhindert das Absenden; nur Leerzeichen ergibt 400 mit Meldung', async ({ page }) => {
    await page.goto('/suche');
    await searchField(page).press('Enter');
    await expect(page).toHaveURL(/\/suche$/);
    expect(await searchField(page).evaluate((input) => (input as HTMLInputElement).validity.valueMissing)).toBe(true);

    const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/suche'), submitSearch(page, '   ')]);
    expect(response.status()).toBe(400);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suche');
    await expect(page.getByRole('main')).toContainText('Bitte geben Sie einen Ort oder eine Postleitzahl ein.');
    await expect(searchField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(searchField(page)).toHaveAccessibleDescription(/Bitte geben Sie einen Ort oder eine Postleitzahl ein/);
  });

  test('ein unbekannter Bezirk gibt 404 mit Suchformular', async ({ page }) => {
    const response = await page.goto('/bezirk/000000000');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
    await expect(searchField(page)).toBeVisible();
  });
});

test.describe('In English', () => {
  test('/en → autocomplete → district page in English; the switch leads to the same page in German', async ({ page }) => {
    await page.goto('/en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who is my digital community police officer?');

    const field = page.getByRole('combobox', { name: 'Address, place or postcode' });
    await field.fill('Celle');
    await expect(page.getByRole('option', { name: /^Celle/ }).first()).toBeVisible();
    await field.press('ArrowDown');
    await field.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/en/bezirk/${CELLE.id}\\?suche=Celle$`));
    await expect(page.getByText('Result for: Celle')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`District ${CELLE.name}`);
    await expect(page).toHaveTitle(`District ${CELLE.name} – Revierfinder`);
    const kobb = page.getByRole('region', { name: 'Neighbourhood contact officer (KOBB)' });
    await expect(kobb.getByRole('heading', { level: 3 }).getByRole('link').first()).toHaveAttribute('href', /^\/en\/beamte\//);
    await expect(page.getByRole('region', { name: 'Who to contact, and for what' })).toContainText('Emergency: 110');

    await page.getByRole('navigation', { name: 'Choose language' }).getByRole('link', { name: 'Deutsch' }).click();
    await expect(page).toHaveURL(new RegExp(`/bezirk/${CELLE.id}\\?suche=Celle$`));
    expect(new URL(page.url()).pathname).toBe(`/bezirk/${CELLE.id}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${CELLE.name}`);
  });
});
