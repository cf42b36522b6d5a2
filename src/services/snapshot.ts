/**
 * Holds the loaded snapshots. The import swaps a new database file in atomically; the next
 * request after that (checked at most every few seconds) loads it, without a restart. Behind
 * nginx, every request names the data version to answer from (see SNAPSHOT_DIR).
 */
import { realpathSync, statSync } from 'node:fs';
import { defaultSnapshotPath, openSnapshot } from '../db/client';
import { readSnapshot } from '../db/queries';
import { AddressStore } from '../db/address-store';
import { Portal } from './portal';

const RECHECK_INTERVAL_MS = 2_000;
/**
 * A replaced snapshot's database is closed this long after the swap, not at once: a request that
 * took the old Portal before the swap may still be rendering (pages await between steps).
 */
const CLOSE_REPLACED_AFTER_MS = 60_000;

/** The database file is missing or unreadable: the operator must run the data build. */
export class SnapshotUnavailableError extends Error {
  constructor(path: string, cause: unknown) {
    super(`Datenbestand ${path} nicht lesbar. Bitte "npm run data:build" ausführen.`, { cause });
    this.name = 'SnapshotUnavailableError';
  }
}

interface Loaded {
  /** The file's real path (a symlink such as current.db resolved) and its modification time. */
  key: string;
  /** When this process loaded the snapshot (ISO time), for /readyz. */
  loadedAt: string;
  portal: Portal;
  close: () => void;
}

/**
 * Snapshots open in this process, least recently used first: the current one, and during a
 * publish the next one (deploy/publish-snapshot.mjs loads it on every replica before nginx
 * switches). A snapshot pushed out is closed a minute later (see CLOSE_REPLACED_AFTER_MS).
 */
const open = new Map<string, Loaded>();
const MAX_OPEN = 2;

/** Published versions (SNAPSHOT_DIR) by the key they are open under. */
const byVersion = new Map<string, string>();

/** The default path's snapshot as last checked, and when. */
let current: { path: string; checkedAt: number; loaded: Loaded } | null = null;

// Read once at start-up, like the rest of the configuration: every request asks for the Portal.
const SNAPSHOT_PATH = defaultSnapshotPath();
/**
 * Behind nginx (deploy/): the folder of published snapshots, `<data version>.db` each. A request
 * naming a data version (DATA_VERSION_HEADER, set by nginx for every request) is answered from
 * that snapshot, so that all replicas switch to a new version at the same moment: when nginx
 * starts sending the new version's name.
 */
const SNAPSHOT_DIR = process.env.SNAPSHOT_DIR?.trim() || null;

/** The request header naming the data version to answer from (only with SNAPSHOT_DIR); every answer from a snapshot names its version in it too. */
export const DATA_VERSION_HEADER = 'x-revierfinder-data-version';

// The databases are closed when the process ends, also after a graceful shutdown (SIGTERM, see
// src/server/main.mjs). better-sqlite3 closes synchronously, as an exit handler must.
process.once('exit', () => {
  for (const loaded of open.values()) loaded.close();
});

/** The snapshot file at `path` as loaded in this process: loaded now if it is new or was replaced. */
function loadedAt(path: string): Loaded {
  const real = realpathSync(path);
  const key = `${real}@${statSync(real).mtimeMs}`;
  let loaded = open.get(key);
  if (loaded) {
    open.delete(key);
  } else {
    loaded = { key, loadedAt: new Date().toISOString(), ...openPortal(real) };
    for (const old of open.values()) {
      if (open.size < MAX_OPEN) break;
      retire(old);
    }
  }
  open.set(key, loaded);
  return loaded;
}

/** Closes a snapshot a minute from now: a request that took its Portal may still be rendering. */
function retire(loaded: Loaded): void {
  open.delete(loaded.key);
  setTimeout(loaded.close, CLOSE_REPLACED_AFTER_MS).unref();
}

/**
 * Opens a snapshot file as a Portal. The database stays open for the Portal's life (the address
 * search reads it per query, through statements prepared here once); `close` ends it.
 */
export function openPortal(path: string): { portal: Portal; close: () => void } {
  const db = openSnapshot(path);
  try {
    const portal = new Portal(readSnapshot(db), new AddressStore(db));
    return { portal, close: () => db.$client.close() };
  } catch (error) {
    db.$client.close();
    throw error;
  }
}

/** Loads a snapshot file into a Portal (for tests and benchmarks: its database stays open until the process ends). */
export function loadPortal(path: string): Portal {
  return openPortal(path).portal;
}

/** The current Portal; reloads it when the snapshot file has been replaced (checked every few seconds). */
export function getPortal(path: string = SNAPSHOT_PATH): Portal {
  const now = Date.now();
  if (current && current.path === path && now - current.checkedAt < RECHECK_INTERVAL_MS) return current.loaded.portal;
  const previous = current?.path === path ? current.loaded : null;
  try {
    current = { path, checkedAt: now, loaded: loadedAt(path) };
  } catch (error) {
    // A missing or half-readable new file must not take the site down: keep serving the previous one.
    if (current?.path === path) {
      current.checkedAt = now;
      return current.loaded.portal;
    }
    throw new SnapshotUnavailableError(path, error);
  }
  // The file was replaced: the old one goes, unless it is a published version nginx still names.
  const stillPublished = previous && [...byVersion.values()].includes(previous.key);
  if (previous && previous !== current.loaded && open.has(previous.key) && !stillPublished) retire(previous);
  return current.loaded.portal;
}

/** The published snapshot of `dataVersion` (SNAPSHOT_DIR/<version>.db); unavailable when there is none. */
function portalOfVersion(dataVersion: string): Portal {
  // A published version's file never changes: once open, it is not looked at again.
  const known = open.get(byVersion.get(dataVersion) ?? '');
  if (known) {
    open.delete(known.key);
    open.set(known.key, known);
    return known.portal;
  }
  const path = `${SNAPSHOT_DIR}/${dataVersion}.db`;
  if (!SNAPSHOT_DIR || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(dataVersion)) throw new SnapshotUnavailableError(path, 'no such version');
  let loaded: Loaded;
  try {
    loaded = loadedAt(path);
  } catch (error) {
    throw new SnapshotUnavailableError(path, error);
  }
  if (loaded.portal.info.dataVersion !== dataVersion) throw new SnapshotUnavailableError(path, 'holds another data version');
  byVersion.set(dataVersion, loaded.key);
  if (byVersion.size > 16) byVersion.delete(byVersion.keys().next().value!);
  return loaded.portal;
}

/** The Portal a request is answered from: the version nginx names (with SNAPSHOT_DIR), else the current one. */
export function portalFor(headers: Headers): Portal {
  const version = SNAPSHOT_DIR ? headers.get(DATA_VERSION_HEADER) : null;
  return version ? portalOfVersion(version) : getPortal();
}

/** The request's Portal (see portalFor), or null while none is readable (the caller answers 503). */
export function readablePortal(headers: Headers): Portal | null {
  try {
    return portalFor(headers);
  } catch (error) {
    if (error instanceof SnapshotUnavailableError) return null;
    throw error;
  }
}

/** When `portal`'s snapshot was loaded into this process (ISO time). */
export function snapshotLoadedAt(portal: Portal): string | null {
  for (const loaded of open.values()) if (loaded.portal === portal) return loaded.loadedAt;
  return null;
}
