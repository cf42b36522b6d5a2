/**
 * Holds the loaded snapshot. The import swaps a new database file in atomically; the next
 * request after that (checked at most every few seconds) loads it, without a restart.
 */
import { statSync } from 'node:fs';
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
  path: string;
  mtimeMs: number;
  checkedAt: number;
  /** When this process loaded the snapshot (ISO time), for /readyz. */
  loadedAt: string;
  portal: Portal;
  close: () => void;
}

let loaded: Loaded | null = null;

// Read once at start-up, like the rest of the configuration: every request asks for the Portal.
const SNAPSHOT_PATH = defaultSnapshotPath();

// The database is closed when the process ends, also after a graceful shutdown (SIGTERM, see
// src/server/main.mjs). better-sqlite3 closes synchronously, as an exit handler must.
process.once('exit', () => loaded?.close());

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

/** The current Portal; reloads it when the snapshot file has been replaced. */
export function getPortal(path: string = SNAPSHOT_PATH): Portal {
  const now = Date.now();
  if (loaded && loaded.path === path && now - loaded.checkedAt < RECHECK_INTERVAL_MS) return loaded.portal;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch (error) {
    if (loaded?.path === path) return loaded.portal;
    throw new SnapshotUnavailableError(path, error);
  }
  if (loaded && loaded.path === path && loaded.mtimeMs === mtimeMs) {
    loaded.checkedAt = now;
    return loaded.portal;
  }
  try {
    const opened = openPortal(path);
    const replaced = loaded;
    loaded = { path, mtimeMs, checkedAt: now, loadedAt: new Date(now).toISOString(), ...opened };
    if (replaced) setTimeout(replaced.close, CLOSE_REPLACED_AFTER_MS).unref();
  } catch (error) {
    // A half-readable new file must not take the site down: keep serving the previous one.
    if (loaded?.path === path) return loaded.portal;
    throw new SnapshotUnavailableError(path, error);
  }
  return loaded.portal;
}

/** The current Portal, or null while no snapshot is readable (the caller answers 503, or leaves that to who does). */
export function readablePortal(): Portal | null {
  try {
    return getPortal();
  } catch (error) {
    if (error instanceof SnapshotUnavailableError) return null;
    throw error;
  }
}

/** When the current snapshot was loaded into this process (ISO time), or null before the first load. */
export function snapshotLoadedAt(): string | null {
  return loaded?.loadedAt ?? null;
}
