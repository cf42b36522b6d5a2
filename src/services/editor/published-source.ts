/**
 * The data directory a build should read: the data directory itself, or, once editors have
 * published, a copy of it with the editable files of the newest published version (so that
 * `npm start` or `npm run data:build` never silently rebuild the snapshot without the editors'
 * published changes). The editor database is only read, and not created when it is missing.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { desc } from 'drizzle-orm';
import { defaultEditorDatabasePath, openEditorDatabase } from '../../db/editor/client';
import { publishedVersions } from '../../db/editor/schema';
import { overlayDirectory } from './publish';
import { contentOf } from './records';

export async function publishedSourceDir(
  dataDir: string,
  env = process.env,
): Promise<{ dir: string; version: number | null; done: () => Promise<void> }> {
  const file = defaultEditorDatabasePath(env);
  const plain = { dir: dataDir, version: null, done: async () => {} };
  if (env.EDITOR_IGNORE_PUBLISHED === '1' || !existsSync(file)) return plain;
  const db = openEditorDatabase(file);
  try {
    const newest = db.select().from(publishedVersions).orderBy(desc(publishedVersions.id)).limit(1).get();
    if (!newest) return plain;
    const dir = await overlayDirectory(dataDir, contentOf(newest.content));
    return { dir, version: newest.id, done: () => rm(dir, { recursive: true, force: true }) };
  } finally {
    db.$client.close();
  }
}
