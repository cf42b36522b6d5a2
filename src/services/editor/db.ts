/**
 * The process's editor database, opened on first use (an editor request or command): citizens'
 * requests never open it. Tests replace it with `useEditorDatabase`.
 */
import { defaultEditorDatabasePath, openEditorDatabase, type EditorDatabase } from '../../db/editor/client';

let current: EditorDatabase | null = null;

/** The editor database of this process (opened and migrated on first use). */
export function editorDb(): EditorDatabase {
  current ??= openEditorDatabase(defaultEditorDatabasePath());
  return current;
}

/** Makes `db` the process's editor database (tests, commands that open another file). */
export function useEditorDatabase(db: EditorDatabase): void {
  current = db;
}

process.once('exit', () => current?.$client.close());
