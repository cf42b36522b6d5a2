import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const HOST = '127.0.0.1';
// Overridable so that several checkouts or builds can run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4399);
const OUT_DIR = process.env.ASTRO_OUT_DIR ?? 'dist';
const CI = Boolean(process.env.CI);

// End-to-end tests run against the built server (`npm run build` first; `npm test` does both).
export default defineConfig({
  testDir: 'tests/e2e',
  // Not test-results/ itself: Playwright empties its outputDir, and vitest's report lives beside it.
  outputDir: 'test-results/playwright-artifacts',
  fullyParallel: true,
  forbidOnly: CI,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  // A hang guard, well above the suite's 5–8 minutes on a 2-core machine.
  globalTimeout: CI ? 20 * 60_000 : undefined,
  // scripts/test.mjs reads the json file for its summary line.
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://${HOST}:${PORT}`,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: { executablePath: findChromium() as string, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: `"${process.execPath}" src/server/main.mjs`,
    env: { HOST, PORT: String(PORT), ASTRO_OUT_DIR: OUT_DIR },
    port: PORT,
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
