import { expect, test } from '@playwright/test';
import { CELLE, NEAR_FLOTWEDEL, waitForLeaflet } from './helpers';

type Position = number[];

/** Web Mercator, as Leaflet draws it (up to scale and offset). */
const mercator = ([lon, lat]: Position) => ({
  x: (lon! * Math.PI) / 180,
  y: Math.log(Math.tan(Math.PI / 4 + (lat! * Math.PI) / 360)),
});

function* positions(value: unknown): Generator<Position> {
  if (Array.isArray(value) && typeof value[0] === 'number') yield value as Position;
  else if (Array.isArray(value)) for (const item of value) yield* positions(item);
}

test.describe('Karten (mit JavaScript)', () => {
  test('ein Klick auf Celle in der Übersichtskarte nennt den Bezirk und führt über den Link zu ihm, mit dem Punkt', async ({
    page,
    request,
  }) => {
    // Leaflet keeps its map in a closure, so the pixel of a place is computed instead: the map shows
    // all outlines, and Mercator is linear on screen, so the outlines' bounding box on screen and in
    // projected coordinates give the scale and offset.
    const data = (await (await request.get('/karte/uebersicht.geojson')).json()) as {
      features: Array<{ geometry: { coordinates: unknown } }>;
    };
    const bounds = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    for (const feature of data.features) {
      for (const position of positions(feature.geometry.coordinates)) {
        const { x, y } = mercator(position);
        bounds.minX = Math.min(bounds.minX, x);
        bounds.maxX = Math.max(bounds.maxX, x);
        bounds.minY = Math.min(bounds.minY, y);
        bounds.maxY = Math.max(bounds.maxY, y);
      }
    }

    await page.goto('/');
    const map = await waitForLeaflet(page, 'Karte der Bezirke');
    await map.scrollIntoViewIfNeeded();
    const screen = await map.locator('svg path').evaluateAll((paths) => {
      const rects = paths.map((path) => path.getBoundingClientRect());
      return {
        left: Math.min(...rects.map((r) => r.left)),
        right: Math.max(...rects.map((r) => r.right)),
        top: Math.min(...rects.map((r) => r.top)),
        bottom: Math.max(...rects.map((r) => r.bottom)),
      };
    });
    const box = (await map.boundingBox())!;
    // The whole of Niedersachsen is in view.
    expect(screen.left).toBeGreaterThanOrEqual(box.x - 1);
    expect(screen.right).toBeLessThanOrEqual(box.x + box.width + 1);

    const target = mercator([CELLE.centre.lon, CELLE.centre.lat]);
    const x = screen.left + ((target.x - bounds.minX) / (bounds.maxX - bounds.minX)) * (screen.right - screen.left);
    const y = screen.top + ((bounds.maxY - target.y) / (bounds.maxY - bounds.minY)) * (screen.bottom - screen.top);
    await page.mouse.click(x, y);
    // First the name and a link, not a new page at once (a tap on a phone can miss).
    await expect(page).toHaveURL(/\/$/);
    const popup = page.locator('.leaflet-popup');
    await expect(popup).toContainText(CELLE.name);
    await popup.getByRole('link', { name: `Zum Bezirk ${CELLE.name}` }).click();

    await expect(page).toHaveURL(new RegExp(`/bezirk/${CELLE.id}\\?lat=\\d+\\.\\d+&lon=\\d+\\.\\d+$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${CELLE.name}`);
    const url = new URL(page.url());
    expect(Math.abs(Number(url.searchParams.get('lat')) - CELLE.centre.lat)).toBeLessThan(0.05);
    expect(Math.abs(Number(url.searchParams.get('lon')) - CELLE.centre.lon)).toBeLessThan(0.05);
    // The district map marks the chosen point.
    const districtMap = await waitForLeaflet(page, 'Karte des Bezirks');
    await expect(districtMap.getByText('Gesuchter Punkt')).toBeVisible();
  });

  test('Enter auf der fokussierten Übersichtskarte wählt ihre Mitte', async ({ page }) => {
    await page.goto('/');
    const map = await waitForLeaflet(page, 'Karte der Bezirke');
    await map.focus();
    await expect(map).toBeFocused();
    await map.press('Enter');
    await expect(page).toHaveURL(/\/bezirk\/\d{9}\?lat=\d+\.\d+&lon=\d+\.\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Bezirk \S/);
  });

  test('ein Punkt in Berlin: nicht in Niedersachsen, mit Links zur Polizei der Nachbarländer', async ({ page }) => {
    const response = await page.goto('/standort?lat=52.52&lon=13.405');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dieser Ort liegt nicht in Niedersachsen');
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: 'Brandenburg' })).toHaveAttribute('href', /^https:\/\/polizei\.brandenburg\.de/);
    await expect(main.getByRole('link', { name: /Bremen/ })).toHaveAttribute('href', /polizei\.bremen\.de/);
    await expect(main.getByRole('link', { name: /Hamburg/ })).toHaveAttribute('href', /polizei\.hamburg/);
    await expect(main).toContainText('110');
  });

  test('ungültige Koordinaten geben 400 mit verständlicher Meldung', async ({ page }) => {
    const response = await page.goto('/standort?lat=abc&lon=1');
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('Bitte geben Sie gültige Koordinaten an');
  });

  test('ein Punkt nahe der Bezirksgrenze nennt den Nachbarbezirk', async ({ page, request }) => {
    const api = await request.get(`/api/v1/locate?lat=${NEAR_FLOTWEDEL.lat}&lon=${NEAR_FLOTWEDEL.lon}`);
    const located = (await api.json()) as { district: { id: string }; nearBoundary: Array<{ id: string }> };
    expect(located.district.id).toBe(CELLE.id);
    expect(located.nearBoundary.map((n) => n.id)).toContain(NEAR_FLOTWEDEL.neighbourId);

    await page.goto(`/standort?lat=${NEAR_FLOTWEDEL.lat}&lon=${NEAR_FLOTWEDEL.lon}`);
    await expect(page).toHaveURL(`/bezirk/${CELLE.id}?lat=${NEAR_FLOTWEDEL.lat}&lon=${NEAR_FLOTWEDEL.lon}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${CELLE.name}`);
    const note = page.getByRole('note');
    await expect(note).toContainText(`nahe der Grenze zu ${NEAR_FLOTWEDEL.neighbour}`);
    await expect(note.getByRole('link', { name: `Bezirk ${NEAR_FLOTWEDEL.neighbour}` })).toHaveAttribute(
      'href',
      `/bezirk/${NEAR_FLOTWEDEL.neighbourId}?lat=${NEAR_FLOTWEDEL.lat}&lon=${NEAR_FLOTWEDEL.lon}`,
    );
  });

  test('der Nachbarbezirk mit demselben Punkt sagt, dass der Punkt in Celle nahe der Grenze liegt', async ({ page }) => {
    // The boundary notice on Celle's page links here with the point. Flotwedel's page then marks
    // the point on its map, so it must also say where the point lies, or the citizen takes the
    // wrong district for theirs.
    await page.goto(`/bezirk/${NEAR_FLOTWEDEL.neighbourId}?lat=${NEAR_FLOTWEDEL.lat}&lon=${NEAR_FLOTWEDEL.lon}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${NEAR_FLOTWEDEL.neighbour}`);
    await expect(page.getByRole('note')).toContainText(CELLE.name);
  });

  test('ein Punkt mitten im Bezirk zeigt keinen Grenzhinweis', async ({ page }) => {
    await page.goto(`/bezirk/${CELLE.id}?lat=52.6226&lon=10.0805`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bezirk ${CELLE.name}`);
    await expect(page.getByRole('note')).toHaveCount(0);
  });
});
