// Publishes a new data snapshot to every replica behind nginx, with no failed and no
// mixed-version answers:
//
//   1. the file is copied into the snapshot folder as <data version>.db (written beside, then
//      renamed: never half there);
//   2. every replica is asked, directly, for /readyz naming that version: it loads the snapshot
//      and answers 200 only once it can serve it. If one cannot, nothing is switched;
//   3. nginx's version file names the new version and nginx is reloaded. From then on nginx asks
//      every replica for the new version and keys its cache by it: all answers switch together,
//      and no copy of the old version's answers is served again;
//   4. current.db points to the new file (for replicas that restart, and direct requests), and
//      snapshots older than the previous one are removed (the previous one is kept for a rollback:
//      publish it again).
//
// node deploy/publish-snapshot.mjs NEW.db [--snapshots DIR] [--replicas URL,URL]
//      [--version-file FILE] [--reload "COMMAND"] [--timeout SECONDS]
// Defaults match deploy/: /var/lib/revierfinder/snapshots, http://127.0.0.1:4321 and :4322,
// /etc/revierfinder/nginx-data-version.conf, "systemctl reload nginx", 60 s.
import { execSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const DATA_VERSION_HEADER = 'X-Revierfinder-Data-Version'; // as in src/services/snapshot.ts

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

/** The data version recorded in a snapshot file (its meta table). */
function dataVersionOf(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'data_version'").get();
    if (!row || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(row.value)) throw new Error(`${file}: keine gültige Datenversion`);
    return row.value;
  } finally {
    db.close();
  }
}

/** Waits until `replica` serves `version` (its /readyz, asked for that version, says so). */
async function ready(replica, version, deadline) {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${replica}/readyz`, { headers: { [DATA_VERSION_HEADER]: version } });
      const body = await response.json();
      if (response.status === 200 && body.dataVersion === version) return;
      last = `${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${replica} bedient ${version} nicht (zuletzt: ${last})`);
}

/** Replaces `target` by a new file or link made by `make(temporary)`: readers see the old one or the new one. */
function replace(target, make) {
  const temporary = `${target}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  make(temporary);
  renameSync(temporary, target);
}

export async function publish({ file, snapshots, replicas, versionFile, reload, timeoutSeconds = 60 }) {
  const version = dataVersionOf(file);
  const published = path.join(snapshots, `${version}.db`);
  if (!existsSync(published)) replace(published, (temporary) => copyFileSync(file, temporary));
  console.log(`Datenstand ${version} liegt in ${published}; Replikate laden ihn …`);

  const deadline = Date.now() + timeoutSeconds * 1000;
  await Promise.all(replicas.map((replica) => ready(replica, version, deadline)));
  console.log(`Alle ${replicas.length} Replikate bedienen ${version}; nginx wird umgestellt.`);

  replace(versionFile, (temporary) =>
    writeFileSync(temporary, `# Written by deploy/publish-snapshot.mjs\nmap $host $revierfinder_data_version { default "${version}"; }\n`),
  );
  execSync(reload, { stdio: 'inherit' });

  const current = path.join(snapshots, 'current.db');
  replace(current, (temporary) => symlinkSync(`${version}.db`, temporary));
  // Keep the new and the previous version (the one current.db pointed to until now is among the
  // two newest files); older ones go.
  const files = readdirSync(snapshots, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.db'))
    .map((entry) => path.join(snapshots, entry.name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of files.slice(2)) if (old !== published) rmSync(old, { force: true });
  console.log(`Veröffentlicht: ${version}.`);
  return version;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    console.error(
      'Aufruf: node deploy/publish-snapshot.mjs NEU.db [--snapshots DIR] [--replicas URL,URL] [--version-file DATEI] [--reload "BEFEHL"]',
    );
    process.exit(2);
  }
  try {
    await publish({
      file,
      snapshots: option('snapshots', '/var/lib/revierfinder/snapshots'),
      replicas: option('replicas', 'http://127.0.0.1:4321,http://127.0.0.1:4322').split(',').filter(Boolean),
      versionFile: option('version-file', '/etc/revierfinder/nginx-data-version.conf'),
      reload: option('reload', 'systemctl reload nginx'),
      timeoutSeconds: Number(option('timeout', '60')),
    });
  } catch (error) {
    console.error(`Nicht veröffentlicht: ${error.message}`);
    process.exit(1);
  }
}
