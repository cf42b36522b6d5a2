// `npm run audit`: Lighthouse (mobile profile, the default config) on the home page, a search, a
// district page and an embed view, against the built server started here. Prints the four
// category scores and the bytes transferred per page, with the targets:
//   accessibility, best practices, SEO 100; performance ≥ 95; a district page ≤ 150 KB.
// Exits 1 when a target other than performance is missed (performance depends on how busy the
// machine is, so it is reported, not enforced). Options: --skip-build (use the existing build).
// Environment: ASTRO_OUT_DIR (build directory, default dist), AUDIT_PORT (default 4498),
// AUDIT_REPORT_DIR (if set, the full Lighthouse reports are written there as JSON).
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';
import { astroBuild, buildDatabaseIfStale, relaunchOnProjectNode, SERVER_ENTRY, startNode, step, waitForPort } from './start.mjs';

const HOST = '127.0.0.1';
const PORT = Number(process.env.AUDIT_PORT ?? 4498);
const OUT_DIR = process.env.ASTRO_OUT_DIR ?? 'dist';
const CELLE = '033510006';

const PAGES = [
  { name: 'Startseite', path: '/' },
  { name: 'Suche', path: '/suche?q=Celle' },
  { name: 'Bezirksseite', path: `/bezirk/${CELLE}`, maxKilobytes: 150 },
  { name: 'Widget (Embed)', path: `/embed/bezirk/${CELLE}?map=true` },
];
const CATEGORIES = [
  { id: 'performance', label: 'Performance', target: 95, enforced: false },
  { id: 'accessibility', label: 'Barrierefreiheit', target: 100, enforced: true },
  { id: 'best-practices', label: 'Best Practices', target: 100, enforced: true },
  { id: 'seo', label: 'SEO', target: 100, enforced: true },
];

/** The audits that cost points in a category, as "id: title (details)". */
function shortfalls(lhr, categoryId) {
  return lhr.categories[categoryId].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => {
      const items = audit.details?.items ?? [];
      const where = items
        .slice(0, 3)
        .map((item) => item.node?.selector ?? item.url ?? item.source?.url ?? '')
        .filter(Boolean)
        .join(', ');
      return `${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}${where ? ` – ${where}` : ''}`;
    });
}

const pad = (text, width) => String(text).padEnd(width);
const padStart = (text, width) => String(text).padStart(width);

async function main() {
  if (relaunchOnProjectNode()) return;
  if (!process.argv.includes('--skip-build')) {
    for (const task of [buildDatabaseIfStale, astroBuild]) {
      const code = await task();
      if (code !== 0) process.exit(code);
    }
  }

  step('Chromium suchen; fehlt es: als root Debians Paket chromium installieren (apt-get install chromium)');
  let chromePath;
  try {
    chromePath = ensureChromium();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }

  step(`Server starten (${OUT_DIR}, Port ${PORT})`);
  const server = startNode([SERVER_ENTRY], { env: { HOST, PORT: String(PORT) }, stdio: 'ignore' });
  const chrome = { instance: null };
  const stop = async () => {
    await chrome.instance?.kill();
    if (server.exitCode === null) {
      server.kill();
      await once(server, 'exit');
    }
  };
  try {
    if (!(await waitForPort(HOST, PORT, server))) throw new Error(`Der Server (${SERVER_ENTRY}, Build ${OUT_DIR}/) ist nicht gestartet.`);
    chrome.instance = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    });

    step('Lighthouse (mobil)');
    const results = [];
    for (const page of PAGES) {
      const url = `http://${HOST}:${PORT}${page.path}`;
      const { lhr } = await lighthouse(url, {
        port: chrome.instance.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES.map((category) => category.id),
      });
      if (lhr.runtimeError) throw new Error(`${page.path}: ${lhr.runtimeError.message}`);
      if (process.env.AUDIT_REPORT_DIR) {
        mkdirSync(process.env.AUDIT_REPORT_DIR, { recursive: true });
        writeFileSync(join(process.env.AUDIT_REPORT_DIR, `${page.name.replace(/\W+/g, '-')}.json`), JSON.stringify(lhr));
      }
      const scores = Object.fromEntries(
        CATEGORIES.map((category) => [category.id, Math.round((lhr.categories[category.id].score ?? 0) * 100)]),
      );
      const kilobytes = (lhr.audits['total-byte-weight'].numericValue ?? 0) / 1024;
      results.push({ page, scores, kilobytes, lhr });
    }

    console.log(`\n${pad('Seite', 18)}${CATEGORIES.map((category) => padStart(category.label, 18)).join('')}${padStart('übertragen', 14)}`);
    let failed = false;
    for (const { page, scores, kilobytes } of results) {
      const cells = CATEGORIES.map((category) => {
        const ok = scores[category.id] >= category.target;
        if (!ok && category.enforced) failed = true;
        return padStart(`${scores[category.id]} ${ok ? '✓' : '✗'}`, 18);
      });
      const bytesOk = page.maxKilobytes === undefined || kilobytes <= page.maxKilobytes;
      if (!bytesOk) failed = true;
      console.log(
        `${pad(page.name, 18)}${cells.join('')}${padStart(`${kilobytes.toFixed(1)} KB${page.maxKilobytes ? (bytesOk ? ' ✓' : ' ✗') : ''}`, 14)}`,
      );
    }
    console.log(
      `\nZiele: ${CATEGORIES.map((category) => `${category.label} ≥ ${category.target}`).join(', ')}; Bezirksseite ≤ 150 KB übertragen.`,
    );

    for (const { page, lhr } of results) {
      const findings = CATEGORIES.flatMap((category) => shortfalls(lhr, category.id).map((text) => `  [${category.label}] ${text}`));
      if (findings.length > 0) console.log(`\n${page.name} (${page.path}):\n${findings.join('\n')}`);
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
