// Finds the Chromium that browser tests drive. Playwright's own browser download cannot work on
// machines with a closed network, so Debian's chromium package is the usual answer; Playwright's
// browser is still preferred where someone installed it.
//
// Finding never installs anything (playwright.config.ts calls findChromium() whenever it is
// loaded). Installing is a step of its own that says what it does: `ensureChromium()` in the first
// step of `npm test` and `npm run audit`, or `node scripts/chromium.mjs --install`.
// `node scripts/chromium.mjs` prints the path.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Flags that let Chromium start headless as root on a machine with a closed network; Playwright adds --headless itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const NOT_FOUND =
  'Chromium nicht gefunden. Bitte installieren: sudo apt-get install chromium (als root auch: node scripts/chromium.mjs --install)';

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function playwrightChromium() {
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    const file = chromium.executablePath();
    return file && existsSync(file) ? file : undefined;
  } catch {
    return undefined; // playwright-core missing, or it knows no browser for this platform
  }
}

function systemChromium() {
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return onPath('chromium') ?? onPath('chromium-browser');
}

/**
 * Installs Debian's chromium package with apt-get (update, install), telling so on stderr; only as
 * root on a machine with apt-get. Returns the path; throws a one-line message otherwise.
 */
export function installChromium() {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) throw new Error(NOT_FOUND);
  // Progress goes to stderr, so that stdout carries nothing but the path in `$(node scripts/chromium.mjs --install)`.
  console.error('Chromium fehlt: installiere Debians Paket chromium (apt-get update; apt-get install chromium) …');
  const options = { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, options);
    if (result.status !== 0) {
      throw new Error(`apt-get ${args.join(' ')} ist fehlgeschlagen (Exit-Code ${result.status ?? result.signal}). ${NOT_FOUND}`);
    }
  }
  if (!isExecutable(DEBIAN_CHROMIUM)) throw new Error(`${DEBIAN_CHROMIUM} fehlt nach der Installation. ${NOT_FOUND}`);
  return DEBIAN_CHROMIUM;
}

/**
 * Path of a Chromium executable: $CHROMIUM_PATH, Playwright's own browser, Debian's /usr/bin/chromium or
 * chromium on PATH. Installs nothing; throws a one-line message when there is none.
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} ist keine ausführbare Datei.`);
  }
  const found = playwrightChromium() ?? systemChromium();
  if (found) return found;
  throw new Error(NOT_FOUND);
}

/** findChromium(), else installChromium(): for the steps that say they install (npm test, npm run audit). */
export function ensureChromium() {
  try {
    return findChromium();
  } catch (error) {
    if (process.env.CHROMIUM_PATH) throw error;
    return installChromium();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(process.argv.includes('--install') ? ensureChromium() : findChromium());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
