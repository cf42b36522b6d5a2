/** Temp directories and copies of data/ for integration tests that must not touch the real files. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatabase } from '../../../src/data-import/build-database';
import type { Portal } from '../../../src/services/portal';
import { loadPortal } from '../../../src/services/snapshot';

/** The project's data directory. */
export const PROJECT_DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

const created: string[] = [];

/** A fresh empty temp directory, removed by `removeTempDirs()`. */
export async function makeTempDir(prefix = 'revierfinder-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory made by `makeTempDir()`. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A writable copy of a data directory (built databases and temp files left out). */
export async function copyDataDir(source = PROJECT_DATA_DIR): Promise<string> {
  const target = path.join(await makeTempDir('revierfinder-data-'), 'data');
  await cp(source, target, {
    recursive: true,
    filter: (file) => !/\.db($|-)|\.tmp/.test(path.basename(file)),
  });
  return target;
}

/** Reads a JSON file of a data directory, lets `change` edit it, writes it back. */
export async function editJson<T = unknown>(dataDir: string, rel: string, change: (value: T) => T | void): Promise<void> {
  const file = path.join(dataDir, rel);
  const value = JSON.parse(await readFile(file, 'utf8')) as T;
  const result = change(value);
  await writeFile(file, `${JSON.stringify(result ?? value, null, 2)}\n`);
}

/** Builds the project's data into a temp database and loads it as the services see it. */
export async function buildProjectPortal(): Promise<Portal> {
  const dbPath = path.join(await makeTempDir(), 'portal.db');
  await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: dbPath });
  return loadPortal(dbPath);
}
