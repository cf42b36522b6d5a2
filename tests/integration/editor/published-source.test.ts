/**
 * After a publish, `npm start` / `npm run data:build` build from the newest published version,
 * not from data/ alone (else a restart would silently drop the editors' published changes).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEditorDatabase } from '../../../src/db/editor/client';
import { publishedVersions } from '../../../src/db/editor/schema';
import { publishedSourceDir } from '../../../src/services/editor/published-source';
import { readContentFromFiles } from '../../../src/services/editor/records';
import { PROJECT_DATA_DIR } from '../helpers/data-dir';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the data build after a publish', () => {
  it('reads data/ as it is while nothing was published, and the newest published version after', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'revierfinder-published-'));
    dirs.push(dir);
    const env = { EDITOR_DATABASE_PATH: path.join(dir, 'editor.db') };
    const none = await publishedSourceDir(PROJECT_DATA_DIR, env);
    expect(none).toMatchObject({ dir: PROJECT_DATA_DIR, version: null });
    // No editor database is created by looking.
    expect(existsSync(env.EDITOR_DATABASE_PATH)).toBe(false);

    const db = openEditorDatabase(env.EDITOR_DATABASE_PATH);
    const content = readContentFromFiles(PROJECT_DATA_DIR);
    content.officers[0] = { ...content.officers[0]!, phone: '0000 9999-9' };
    db.insert(publishedVersions)
      .values({ content: JSON.stringify(content), dataVersion: 'x', publishedBy: 1, publishedAt: new Date().toISOString(), durationMs: 1 })
      .run();
    db.$client.close();

    const source = await publishedSourceDir(PROJECT_DATA_DIR, env);
    try {
      expect(source.version).toBe(1);
      const officers = JSON.parse(await readFile(path.join(source.dir, 'demo/officers.json'), 'utf8')) as Array<{ phone: string }>;
      expect(officers[0]!.phone).toBe('0000 9999-9');
      // Everything else is the data directory's own.
      expect(await readFile(path.join(source.dir, 'sources.json'), 'utf8')).toBe(
        await readFile(path.join(PROJECT_DATA_DIR, 'sources.json'), 'utf8'),
      );
      expect(existsSync(path.join(source.dir, 'portal.db'))).toBe(false);
    } finally {
      await source.done();
    }
    expect(existsSync(source.dir)).toBe(false);
    expect((await publishedSourceDir(PROJECT_DATA_DIR, { ...env, EDITOR_IGNORE_PUBLISHED: '1' })).version).toBeNull();
  });
});
