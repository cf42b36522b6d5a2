/**
 * With an operator's tile server configured (PUBLIC_TILE_URL …), the map asks before any tile is
 * requested, names the provider, and remembers the choice for the tab only. Runs its own server
 * of the same build with the tile variables set; the tile host is answered by the test, so
 * nothing leaves the machine. Without a tile server (every other test) there is no notice at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { CELLE, SERVER_ENTRY, waitForLeaflet } from './helpers';

const PORT = Number(process.env.E2E_PORT ?? 4399) + 100;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const TILE_HOST = 'https://tiles.example.org';
const PROVIDER = 'Beispiel-Kacheln';
// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(PORT),
      PUBLIC_TILE_URL: `${TILE_HOST}/{z}/{x}/{y}.png`,
      PUBLIC_TILE_PROVIDER: PROVIDER,
      PUBLIC_TILE_ATTRIBUTION: '© Beispiel-Kacheln',
      PUBLIC_TILE_PRIVACY_URL: `${TILE_HOST}/datenschutz`,
    },
    stdio: 'ignore',
  });
  await expect
    .poll(
      async () =>
        fetch(`${ORIGIN}/`).then(
          (response) => response.status,
          () => 0,
        ),
      { timeout: 20_000 },
    )
    .toBe(200);
});

test.afterAll(() => {
  server?.kill();
});

/** Answers the tile host locally and records every request to it. */
async function recordTiles(page: Page): Promise<string[]> {
  const requested: string[] = [];
  await page.context().route(`${TILE_HOST}/**`, (route) => {
    requested.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
  });
  return requested;
}

const sessionKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage));

test('Kartenkacheln erst nach Zustimmung, die nur für diesen Tab gilt', async ({ page, context }) => {
  const tiles = await recordTiles(page);
  await page.goto(`${ORIGIN}/bezirk/${CELLE.id}`);
  await waitForLeaflet(page, 'Karte des Bezirks');
  const load = page.getByRole('button', { name: `Karte von ${PROVIDER} laden` });
  await expect(load).toBeVisible();
  await expect(page.getByText(`Hintergrundkarte von ${PROVIDER}`, { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: `Datenschutzhinweise von ${PROVIDER}` })).toHaveAttribute('href', `${TILE_HOST}/datenschutz`);
  await page.waitForLoadState('networkidle');
  expect(tiles, 'Kacheln vor der Zustimmung').toEqual([]);
  expect(await sessionKeys(page), 'Speicher vor der Zustimmung').toEqual([]);

  await load.click();
  await expect.poll(() => tiles.length, { message: 'Kacheln nach der Zustimmung' }).toBeGreaterThan(0);
  await expect(load).toHaveCount(0);
  await expect(page.locator('rf-map .leaflet-host')).toBeFocused();
  await expect(page.locator('figcaption').filter({ hasText: '© Beispiel-Kacheln' })).toBeVisible();

  // Another page in the same tab: the choice holds.
  tiles.length = 0;
  await page.goto(`${ORIGIN}/`);
  await waitForLeaflet(page, 'Karte der Bezirke');
  await expect(page.getByRole('button', { name: `Karte von ${PROVIDER} laden` })).toHaveCount(0);
  await expect.poll(() => tiles.length).toBeGreaterThan(0);

  // A new tab asks again and loads nothing before.
  tiles.length = 0;
  const other = await context.newPage();
  await other.goto(`${ORIGIN}/bezirk/${CELLE.id}`);
  await waitForLeaflet(other, 'Karte des Bezirks');
  await expect(other.getByRole('button', { name: `Karte von ${PROVIDER} laden` })).toBeVisible();
  await other.waitForLoadState('networkidle');
  expect(tiles, 'Kacheln im neuen Tab').toEqual([]);
  expect(await sessionKeys(other)).toEqual([]);
});
