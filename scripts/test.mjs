// `npm test`: lint (eslint, no warnings allowed), format check (prettier), astro check, Chromium, nginx, database, site build,
// unit + integration tests (vitest), end-to-end tests (Playwright). Stops at the first failing step with its exit code; always ends with a summary whose
// last line is `Tests: N passed, M failed[, K skipped]`, counted from both runners' JSON reports.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium as findOrInstallChromium } from './chromium.mjs';
import { ensureNginx as findOrInstallNginx } from './nginx.mjs';
import { ROOT, astroBuild, bin, buildDatabaseIfStale, relaunchOnProjectNode, runNode, step } from './start.mjs';

const RESULTS = join(ROOT, 'test-results');
const VITEST_JSON = join(RESULTS, 'vitest.json');
const PLAYWRIGHT_JSON = join(RESULTS, 'playwright.json'); // the json reporter's file in playwright.config.ts

async function ensureChromium() {
  step('Chromium suchen; fehlt es: als root Debians Paket chromium installieren (apt-get install chromium)');
  try {
    // Exported so that playwright.config.ts, loaded in Playwright's worker processes too, needn't search again.
    process.env.CHROMIUM_PATH = findOrInstallChromium();
    console.log(`Chromium: ${process.env.CHROMIUM_PATH}`);
    return 0;
  } catch (error) {
    console.error(error.message);
    return 1;
  }
}

function ensureNginx() {
  step('nginx suchen (für tests/e2e/proxy.spec.ts); fehlt es: als root Debians Paket nginx installieren (apt-get install nginx)');
  try {
    // Exported so that the proxy test needn't search again.
    process.env.NGINX_PATH = findOrInstallNginx();
    console.log(`nginx: ${process.env.NGINX_PATH}`);
    return 0;
  } catch (error) {
    console.error(error.message);
    return 1;
  }
}

function lint() {
  step('Lint (eslint, typescript-eslint mit Typprüfung, eslint-plugin-astro; keine Warnungen erlaubt)');
  return runNode([bin('eslint'), '.', '--max-warnings', '0']);
}

function formatCheck() {
  step('Formatierung prüfen (prettier --check; beheben mit npm run format)');
  return runNode([bin('prettier'), '--check', '.']);
}

function astroCheck() {
  step('Typprüfung (astro check)');
  return runNode([bin('astro'), 'check']);
}

function vitest() {
  step('Unit- und Integrationstests (vitest)');
  return runNode([bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]);
}

function playwright() {
  step('End-to-End-Tests (Playwright)');
  return runNode([bin('playwright'), 'test']);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // the runner did not get that far
  }
}

function count() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const v = readJson(VITEST_JSON);
  if (v) {
    totals.passed += v.numPassedTests ?? 0;
    totals.failed += v.numFailedTests ?? 0;
    totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  const p = readJson(PLAYWRIGHT_JSON)?.stats;
  if (p) {
    totals.passed += (p.expected ?? 0) + (p.flaky ?? 0);
    totals.failed += p.unexpected ?? 0;
    totals.skipped += p.skipped ?? 0;
  }
  return totals;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  if (relaunchOnProjectNode()) return;
  mkdirSync(RESULTS, { recursive: true });
  for (const file of [VITEST_JSON, PLAYWRIGHT_JSON]) rmSync(file, { force: true });

  const steps = [
    ['Lint', lint],
    ['Formatierung', formatCheck],
    ['astro check', astroCheck],
    ['Chromium', ensureChromium],
    ['nginx', ensureNginx],
    ['Datenbank', buildDatabaseIfStale],
    // The build first: tests/integration/server.test.ts runs the built server.
    ['astro build', astroBuild],
    ['vitest', vitest],
    ['Playwright', playwright],
  ];
  const started = Date.now();
  const timings = [];
  let failure;
  for (const [name, run] of steps) {
    const t0 = Date.now();
    const code = await run();
    timings.push(`${name} ${seconds(Date.now() - t0)}`);
    if (code !== 0) {
      failure = { name, code };
      break;
    }
  }

  console.log('\n── Zusammenfassung ──');
  console.log(`Schritte: ${timings.join(', ')}; gesamt ${seconds(Date.now() - started)}`);
  console.log(failure ? `Fehlgeschlagen: ${failure.name} (Exit-Code ${failure.code})` : 'Alle Schritte erfolgreich.');
  const { passed, failed, skipped } = count();
  console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failure?.code ?? 0);
}

await main();
