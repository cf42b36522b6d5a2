/**
 * The writable editor database (users, sessions, drafts, audit log). Opened on the first editor
 * request or command, never by a citizen's request; migrated on open.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

/**
 * The migrations: beside this file when it runs from source (tsx, tests); the built server's
 * bundle lives elsewhere (dist/server/chunks), and finds them in the checkout it runs from.
 */
export const EDITOR_MIGRATIONS_FOLDER =
  [fileURLToPath(new URL('./migrations', import.meta.url)), path.resolve('src/db/editor/migrations')].find((dir) =>
    existsSync(path.join(dir, 'meta', '_journal.json')),
  ) ?? fileURLToPath(new URL('./migrations', import.meta.url));

export type EditorDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where the editor database lives: `EDITOR_DATABASE_PATH`, else `<DATA_DIR or data>/editor.db`. */
export function defaultEditorDatabasePath(env: Record<string, string | undefined> = process.env): string {
  return env.EDITOR_DATABASE_PATH || path.join(env.DATA_DIR || 'data', 'editor.db');
}

/** Opens (creating if needed) and migrates the editor database at `file` (`:memory:` for tests). */
export function openEditorDatabase(file: string): EditorDatabase {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL: the replicas' readers never wait for a writer; a busy writer is waited for, not failed.
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: EDITOR_MIGRATIONS_FOLDER });
  return Object.assign(db, { $client: sqlite });
}
