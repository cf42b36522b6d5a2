// Checks that package-lock.json describes a complete install, so that `npm ci` accepts it and
// verifies every package it downloads: each package entry has a version and an integrity hash,
// and every dependency and optional dependency of every entry (other platforms' builds included)
// has an entry of its own.
//
// Why this exists: npm leaves a package out of the lock file without a word when it cannot fetch
// the manifest of an OPTIONAL dependency (a registry or proxy answering 404 for another
// platform's build, a network error): arborist marks the failed node inert
// (build-ideal-tree.js, #pruneFailedOptional) and the lock file writer skips inert nodes
// without a version (shrinkwrap.js). `npm ci` on any machine then refuses the lock file
// ("Missing: @astrojs/compiler-binding-darwin-arm64@0.5.1 from lock file"). Entries written by
// hand to fill such a hole carry no integrity hash, so npm ci would install them unverified.
// The sound repair is to let npm resolve the missing entries again once the registry serves
// them: `node scripts/check-lockfile.mjs --fix` runs `npm install --package-lock-only` and checks
// again. Entries carry no `resolved` address where npm is set to omit it
// (omit-lockfile-registry-resolved): npm ci then downloads from the configured registry and
// checks the integrity hash all the same.
//
// `node scripts/check-lockfile.mjs` exits 1 and names every hole; .ci/run runs it before npm ci,
// and tests/integration/lockfile.test.ts runs lockfileProblems() on the project's lock file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LOCK_PATH = fileURLToPath(new URL('../package-lock.json', import.meta.url));

/** The entry a package at `from` finds for `name`, by Node's lookup through the node_modules above it. */
function resolveEntry(packages, from, name) {
  let base = from;
  for (;;) {
    const location = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[location]) return location;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent >= 0 ? base.slice(0, parent) : '';
  }
}

/** One line per hole in a parsed package-lock.json (lockfileVersion 2 or 3); empty when complete. */
export function lockfileProblems(lock) {
  const packages = lock.packages;
  if (!packages || typeof packages !== 'object')
    return ['package-lock.json: kein "packages"-Abschnitt (lockfileVersion 2 oder 3 erwartet)'];
  const problems = [];
  for (const [location, entry] of Object.entries(packages)) {
    // Links (workspaces, file: dependencies) and bundled packages come without a download of their own.
    const downloaded = location !== '' && !entry.link && !entry.inBundle;
    if (downloaded && !entry.version) problems.push(`${location}: ohne Version`);
    if (downloaded && !entry.integrity) problems.push(`${location}@${entry.version}: ohne Integritäts-Hash (integrity)`);
    const wanted = {
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...(location === '' ? entry.devDependencies : {}),
    };
    for (const name of Object.keys(wanted)) {
      if (resolveEntry(packages, location, name)) continue;
      const optional = name in (entry.optionalDependencies ?? {});
      problems.push(
        `${name}@${wanted[name]} fehlt${optional ? ' (optionale Abhängigkeit)' : ''}, gebraucht von ${location || 'package.json'}`,
      );
    }
  }
  return problems;
}

function check() {
  return lockfileProblems(JSON.parse(readFileSync(LOCK_PATH, 'utf8')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let problems = check();
  if (problems.length > 0 && process.argv.includes('--fix')) {
    console.error('package-lock.json ist unvollständig: npm install --package-lock-only löst die fehlenden Einträge neu auf …');
    const npm = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit' });
    if (npm.status !== 0) process.exit(npm.status ?? 1);
    problems = check();
  }
  if (problems.length > 0) {
    console.error(`package-lock.json ist unvollständig (${problems.length}); npm ci würde es ablehnen oder ungeprüft installieren:`);
    for (const problem of problems) console.error(`  ${problem}`);
    console.error(
      'Abhilfe: node scripts/check-lockfile.mjs --fix. Bleibt ein Eintrag aus, liefert die Registry das Paket nicht ' +
        '(prüfen: npm view NAME@VERSION dist); Einträge nie von Hand schreiben.',
    );
    process.exit(1);
  }
  console.log('package-lock.json: vollständig, jeder Eintrag mit Integritäts-Hash.');
}
