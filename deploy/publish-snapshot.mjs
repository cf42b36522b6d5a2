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
//      [--version-file FILE] [--reload "COMMAND"] [--timeout SECONDS] [--nginx URL]
// Defaults: the environment (SNAPSHOT_DIR, PUBLISH_REPLICAS, PUBLISH_VERSION_FILE, PUBLISH_RELOAD,
// PUBLISH_TIMEOUT_SECONDS, PUBLISH_NGINX_URL: the names deploy/revierfinder.env uses), else
// deploy/'s values: /var/lib/revierfinder/snapshots, http://127.0.0.1:4321 and :4322,
// /var/lib/revierfinder/nginx/data-version.conf, "systemctl reload nginx", 60 s, no nginx check.
// With --nginx (nginx's address, the public https:// one will do) it returns only once nginx answers from the new
// version: `nginx -s reload` and `systemctl reload nginx` return before its new workers took over.
//
// The editor area publishes through this module too (src/services/editor/replicas.ts imports
// `publish` and `publishTargetFromEnv`): one way to switch the replicas, whoever starts it.
import { exec } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { copyFileSync, existsSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

const DATA_VERSION_HEADER = 'X-Revierfinder-Data-Version'; // as in src/services/snapshot.ts

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

/**
 * @typedef {object} PublishTarget
 * @property {string} snapshots the snapshot folder (SNAPSHOT_DIR)
 * @property {string[]} replicas every replica's base URL, asked directly for /readyz
 * @property {string} versionFile nginx's data version file
 * @property {string} reload the shell command that reloads nginx
 * @property {number} [timeoutSeconds] how long every replica has to load the new version (60)
 * @property {string | null} [nginx] nginx's address (e.g. https://revierfinder.polizei.niedersachsen.example):
 *   asked after the reload until it answers from the new version, since `nginx -s reload` returns
 *   before nginx's new workers have taken over
 */

/**
 * Where to publish, from the environment (deploy/revierfinder.env), with deploy/'s defaults.
 * @param {Record<string, string | undefined>} [env]
 * @returns {PublishTarget}
 */
export function publishTargetFromEnv(env = process.env) {
  const timeout = Number(env.PUBLISH_TIMEOUT_SECONDS);
  return {
    snapshots: env.SNAPSHOT_DIR?.trim() || '/var/lib/revierfinder/snapshots',
    replicas: (env.PUBLISH_REPLICAS?.trim() || 'http://127.0.0.1:4321,http://127.0.0.1:4322')
      .split(',')
      .map((replica) => replica.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    versionFile: env.PUBLISH_VERSION_FILE?.trim() || '/var/lib/revierfinder/nginx/data-version.conf',
    reload: env.PUBLISH_RELOAD?.trim() || 'systemctl reload nginx',
    timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 60,
    nginx: env.PUBLISH_NGINX_URL?.trim().replace(/\/+$/, '') || null,
  };
}

/**
 * The data version recorded in a snapshot file (its meta table).
 * @param {string} file
 * @returns {string}
 */
export function dataVersionOf(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'data_version'").get();
    if (!row || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(row.value)) throw new Error(`${file}: keine gültige Datenversion`);
    return row.value;
  } finally {
    db.close();
  }
}

/**
 * Waits until `replica` serves `version` (its /readyz, asked for that version, says so).
 * @param {string} replica
 * @param {string} version
 * @param {number} deadline
 */
async function ready(replica, version, deadline) {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${replica}/readyz`, {
        headers: { [DATA_VERSION_HEADER]: version },
        signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())),
      });
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

/**
 * The data version nginx's /readyz answers from (the replica's body names it), on a new
 * connection each time: a kept-alive one could stay with one of nginx's old workers.
 * @param {string} url
 * @returns {Promise<string>}
 */
function versionAnswering(url) {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? https : http).get(url, { agent: false, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        try {
          resolve(String(JSON.parse(body).dataVersion ?? response.statusCode));
        } catch {
          resolve(`${response.statusCode}`);
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/**
 * Resolves once `nginx` has answered from `version` ten times in a row (its old workers, still
 * finishing their requests, accept no new connections by then).
 * @param {string} nginx
 * @param {string} version
 * @param {number} deadline
 */
async function switched(nginx, version, deadline) {
  let inRow = 0;
  let last = '';
  while (inRow < 10) {
    if (Date.now() > deadline) throw new Error(`nginx (${nginx}) antwortet nicht mit ${version} (zuletzt: ${last})`);
    try {
      last = await versionAnswering(`${nginx}/readyz`);
      inRow = last === version ? inRow + 1 : 0;
    } catch (error) {
      last = error.message;
      inRow = 0;
    }
    if (inRow === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Replaces `target` by a new file or link made by `make(temporary)`: readers see the old one or the new one.
 * @param {string} target
 * @param {(temporary: string) => void} make
 */
function replace(target, make) {
  const temporary = `${target}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  make(temporary);
  renameSync(temporary, target);
}

/** `file` put at `temporary`: moved (the editor's own build, on the same file system) or copied. */
function place(file, temporary, move) {
  if (move) {
    try {
      renameSync(file, temporary);
      return;
    } catch (error) {
      if (error.code !== 'EXDEV') throw error;
    }
  }
  copyFileSync(file, temporary);
}

/**
 * Publishes the snapshot `file` to every replica (the steps above) and resolves with its data
 * version. Rejects, with nothing switched, when a replica does not serve it within the timeout;
 * the copy made for it is removed again then.
 * @param {PublishTarget & { file: string, move?: boolean, log?: (line: string) => void }} options
 *   `move`: rename `file` into the folder instead of copying it; `log`: progress lines (console.log)
 * @returns {Promise<string>}
 */
export async function publish({
  file,
  snapshots,
  replicas,
  versionFile,
  reload,
  timeoutSeconds = 60,
  nginx = null,
  move = false,
  log = console.log,
}) {
  const version = dataVersionOf(file);
  const published = path.join(snapshots, `${version}.db`);
  const current = path.join(snapshots, 'current.db');
  const previous = currentTarget(current);
  const added = !existsSync(published);
  if (added) replace(published, (temporary) => place(file, temporary, move));
  log(`Datenstand ${version} liegt in ${published}; Replikate laden ihn …`);

  try {
    const deadline = Date.now() + timeoutSeconds * 1000;
    await Promise.all(replicas.map((replica) => ready(replica, version, deadline)));
  } catch (error) {
    // Nothing was switched: the new file goes again (unless it is the current one).
    if (added && previous !== `${version}.db`) rmSync(published, { force: true });
    throw error;
  }
  log(`Alle ${replicas.length} Replikate bedienen ${version}; nginx wird umgestellt.`);

  const before = existsSync(versionFile) ? readFileSync(versionFile) : null;
  replace(versionFile, (temporary) =>
    writeFileSync(temporary, `# Written by deploy/publish-snapshot.mjs\nmap $host $revierfinder_data_version { default "${version}"; }\n`),
  );
  try {
    // Not execSync: the editor area publishes from inside a replica, whose requests go on meanwhile.
    await promisify(exec)(reload);
  } catch (error) {
    // nginx still names the old version: so does its file again, and nothing was switched.
    if (before) replace(versionFile, (temporary) => writeFileSync(temporary, before));
    if (added && previous !== `${version}.db`) rmSync(published, { force: true });
    throw new Error(`nginx neu laden (${reload}) fehlgeschlagen: ${error.message}`, { cause: error });
  }
  // nginx names the new version now: a late switch is reported, not undone.
  if (nginx) await switched(nginx, version, Date.now() + timeoutSeconds * 1000).catch((error) => log(`Warnung: ${error.message}`));

  replace(current, (temporary) => symlinkSync(`${version}.db`, temporary));
  // Keep the new and the previous version (the one current.db pointed to until now, for a
  // rollback); other snapshot files go.
  for (const entry of readdirSync(snapshots, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.db') || entry.name === `${version}.db` || entry.name === previous) continue;
    rmSync(path.join(snapshots, entry.name), { force: true });
  }
  log(`Veröffentlicht: ${version}.`);
  return version;
}

/** The file name current.db links to, or null. */
function currentTarget(current) {
  try {
    return path.basename(readlinkSync(current));
  } catch {
    return null;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) {
    console.error(
      'Aufruf: node deploy/publish-snapshot.mjs NEU.db [--snapshots DIR] [--replicas URL,URL] [--version-file DATEI] [--reload "BEFEHL"] [--timeout S] [--nginx URL]',
    );
    process.exit(2);
  }
  const target = publishTargetFromEnv();
  try {
    await publish({
      file,
      snapshots: option('snapshots', target.snapshots),
      replicas: option('replicas', target.replicas.join(',')).split(',').filter(Boolean),
      versionFile: option('version-file', target.versionFile),
      reload: option('reload', target.reload),
      timeoutSeconds: Number(option('timeout', String(target.timeoutSeconds))),
      nginx: option('nginx', target.nginx ?? '') || null,
    });
  } catch (error) {
    console.error(`Nicht veröffentlicht: ${error.message}`);
    process.exit(1);
  }
}
