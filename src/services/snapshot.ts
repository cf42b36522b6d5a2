/**
 * Holds the loaded snapshot. The import swaps a new database file in atomically; the next
 * request after that (checked at most every few seconds) loads it, without a restart.
 */
import { statSync } from 'node:fs';
import { defaultSnapshotPath, openSnapshot } from '../db/client';
import { readSnapshot } from '../db/queries';
import { Portal } from './portal';

const RECHECK_INTERVAL_MS = 2_000;

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
  portal: Portal;
}

let loaded: Loaded | null = null;

/** Loads a snapshot file into a Portal (exposed for tests and benchmarks). */
export function loadPortal(path: string): Portal {
  const db = openSnapshot(path);
  try {
    return new Portal(readSnapshot(db));
  } finally {
    db.$client.close();
  }
}

/** The current Portal; reloads it when the snapshot file has been replaced. */
export function getPortal(path: string = defaultSnapshotPath()): Portal {
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
    loaded = { path, mtimeMs, checkedAt: now, portal: loadPortal(path) };
  } catch (error) {
    // A half-readable new file must not take the site down: keep serving the previous one.
    if (loaded?.path === path) return loaded.portal;
    throw new SnapshotUnavailableError(path, error);
  }
  return loaded.portal;
}
