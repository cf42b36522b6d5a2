/**
 * Read-only access to a built snapshot. Requests never write: the import builds a new file
 * and swaps it in, so the server only ever opens finished snapshots.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type PortalDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens the snapshot at `path` read-only; throws if it does not exist. */
export function openSnapshot(path: string): PortalDatabase {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  return drizzle(sqlite, { schema });
}

/** Default snapshot location: `DATABASE_PATH`, else `<DATA_DIR or data>/portal.db`. */
export function defaultSnapshotPath(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_PATH ?? `${env.DATA_DIR ?? 'data'}/portal.db`;
}
