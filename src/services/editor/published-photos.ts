/**
 * Officers' photos for citizens (/fotos/<hash>.<ext>): only photos that the loaded snapshot's
 * officers name, read through a read-only connection to the editor database (citizens' requests
 * never write, and an uploaded but unpublished photo is never public). The name is the content's
 * hash, so an answer never changes.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { defaultEditorDatabasePath } from '../../db/editor/client';
import type { Portal } from '../portal';

let reader: {
  file: string;
  db: Database.Database;
  statement: Database.Statement<[string], { content_type: string; data: string }>;
} | null = null;

export const PHOTO_NAME = /^[0-9a-f]{24}\.(jpg|png|webp)$/;

/** The photo `name` if `portal` publishes it: its type and bytes; null otherwise. */
export function publishedPhoto(portal: Portal, name: string): { contentType: string; bytes: Buffer } | null {
  if (!PHOTO_NAME.test(name)) return null;
  if (!portal.listOfficers().some((officer) => officer.photo === `/fotos/${name}`)) return null;
  const file = defaultEditorDatabasePath();
  if (!reader || reader.file !== file) {
    if (!existsSync(file)) return null;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    reader = { file, db, statement: db.prepare('SELECT content_type, data FROM photos WHERE id = ?') };
  }
  const row = reader.statement.get(name);
  return row ? { contentType: row.content_type, bytes: Buffer.from(row.data, 'base64') } : null;
}
