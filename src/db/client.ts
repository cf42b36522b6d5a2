/**
 * Read-only access to a built snapshot. Requests never write: the import builds a new file
 * and swaps it in, so the server only ever opens finished snapshots.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

/** Snapshots up to this size are mapped whole; a larger one is mapped up to it. */
const MMAP_BYTES = 1024 * 1024 * 1024;

export type PortalDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens the snapshot at `path` read-only; throws if it does not exist. */
export function openSnapshot(path: string): PortalDatabase {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  // Reads go straight to the memory-mapped file (the kernel's page cache, shared by every
  // connection to it) instead of being copied into SQLite's own small page cache: at state
  // scale (160 MB of addresses) a keystroke's first lookup otherwise costs milliseconds.
  sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
  return drizzle(sqlite, { schema });
}

/** Default snapshot location: `DATABASE_PATH`, else `<DATA_DIR or data>/portal.db`. */
export function defaultSnapshotPath(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_PATH ?? `${env.DATA_DIR ?? 'data'}/portal.db`;
}
