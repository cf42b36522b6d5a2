// `npm start`: build the database if missing or stale, build the site, run the server.
//
// Every Node process is started with process.execPath: under npm that is the project's pinned
// Node 22 (node_modules/.bin/node), whereas a bare "node" could be the machine's older one.
// The helpers are exported for scripts/test.mjs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIN_NODE_MAJOR = 22;
const DATA_CLI = 'src/data-import/cli.ts';
/** The production server: the built site ($ASTRO_OUT_DIR, default dist/) behind src/server/main.mjs. */
export const SERVER_ENTRY = join('src', 'server', 'main.mjs');

let current; // the child process running now, if any: signals go to it
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current && current.exitCode === null && current.signalCode === null) current.kill(signal);
    else process.exit(128 + constants.signals[signal]);
  });
}

/** Exit code for a child that ended with `code` or by `signal`, as a shell would report it. */
export function exitCodeOf(code, signal) {
  return code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);
}

/** Starts `process.execPath args` in the project root; signals sent to us are forwarded to it. */
export function startNode(args, { env = {}, stdio = 'inherit' } = {}) {
  current = spawn(process.execPath, args, { cwd: ROOT, stdio, env: { ...process.env, ...env } });
  return current;
}

/** Runs `process.execPath args` to its end and resolves with its exit code. */
export function runNode(args, options) {
  return new Promise((resolve) => {
    const child = startNode(args, options);
    child.on('error', (error) => {
      console.error(`Konnte ${process.execPath} nicht starten: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(exitCodeOf(code, signal)));
  });
}

/** Path of an installed package binary, run as `process.execPath bin(name)`. */
export function bin(name) {
  return join(ROOT, 'node_modules', '.bin', name);
}

/** Prints a step heading. */
export function step(label) {
  console.log(`\n▸ ${label}`);
}

/**
 * Makes sure we run on Node ≥ 22. When started by an older node (e.g. `node scripts/start.mjs` by
 * hand), restarts this script on the project's pinned Node and returns true; the caller then stops.
 */
export function relaunchOnProjectNode() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) return false;
  const projectNode = bin('node');
  if (!existsSync(projectNode)) {
    console.error(`Revierfinder braucht Node ${MIN_NODE_MAJOR} (hier läuft ${process.version}). Bitte zuerst "npm ci" ausführen.`);
    process.exit(1);
  }
  current = spawn(projectNode, process.argv.slice(1), { stdio: 'inherit' });
  current.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
  return true;
}

/** Builds data/portal.db (or $DATABASE_PATH) from the sources if it is missing or older than them. */
export async function buildDatabaseIfStale() {
  step('Datenbank prüfen (neu bauen, falls sie fehlt oder veraltet ist)');
  return runNode([bin('tsx'), DATA_CLI, '--if-stale']);
}

/** Builds the site into dist/. */
export function astroBuild() {
  step('Seite bauen (astro build)');
  return runNode([bin('astro'), 'build'], { env: { ASTRO_TELEMETRY_DISABLED: '1' } });
}

/** Resolves once something accepts connections on host:port, or with false when `child` ends first. */
export function waitForPort(host, port, child) {
  return new Promise((resolve) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(false);
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        socket.destroy();
        setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

async function main() {
  if (relaunchOnProjectNode()) return;
  const host = process.env.HOST || 'localhost';
  const port = process.env.PORT || '4321';

  for (const task of [buildDatabaseIfStale, astroBuild]) {
    const code = await task();
    if (code !== 0) {
      console.error(`\nAbbruch: Schritt fehlgeschlagen (Exit-Code ${code}).`);
      process.exit(code);
    }
  }

  step(`Server starten (Node ${process.version}, ${process.execPath})`);
  // Astro's handler plus graceful shutdown, compression and JSON logs (src/server/main.mjs).
  const server = startNode([SERVER_ENTRY], { env: { HOST: host, PORT: port } });
  server.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
  // Connecting to 0.0.0.0 or :: reaches the local host on Linux, so the readiness check needs no mapping.
  if (await waitForPort(host, Number(port), server)) {
    const hostInUrl = host.includes(':') ? `[${host}]` : host;
    const url = `http://${hostInUrl}:${port}`;
    // The server loads its modules and the snapshot on the first request: make that ours, not a citizen's.
    await fetch(url).catch(() => undefined);
    console.log(`Revierfinder läuft auf ${url}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
