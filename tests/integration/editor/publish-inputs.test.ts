/**
 * What a publish builds from: the same extra address files as the current snapshot (a server
 * serving `npm run data:build -- --addresses FILE` keeps those addresses after an editor's
 * publish), and where it publishes to (the replicas behind nginx with SNAPSHOT_DIR).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../../src/data-import/build-database';
import { buildSnapshot, extraAddressFilesOf } from '../../../src/services/editor/publish';
import { readContentFromFiles } from '../../../src/services/editor/records';
import { replicaTarget } from '../../../src/services/editor/replicas';
import { makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from '../helpers/data-dir';

const CELLE_ADDRESSES = fileURLToPath(new URL('../../fixtures/addresses/celle-hk-de-utf8.txt', import.meta.url));

const addressCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM addresses').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

afterAll(removeTempDirs);

describe('the publish build’s inputs', () => {
  it('records the extra address files, and a publish builds with them: no address is dropped', async () => {
    const dir = await makeTempDir();
    const current = path.join(dir, 'portal.db');
    await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: current, extraAddressFiles: [CELLE_ADDRESSES] });
    expect(extraAddressFilesOf(current)).toEqual([CELLE_ADDRESSES]);
    const before = addressCount(current);
    expect(before).toBeGreaterThan(0);

    const next = path.join(dir, 'next.db');
    const content = readContentFromFiles(PROJECT_DATA_DIR);
    content.stations[0]!.phone = '0000 1234-5';
    await buildSnapshot(content, next, PROJECT_DATA_DIR, extraAddressFilesOf(current));
    expect(addressCount(next)).toBe(before);
    expect(extraAddressFilesOf(next)).toEqual([CELLE_ADDRESSES]);
  }, 120_000);

  it('has none for a snapshot built without extra files, or for a missing snapshot', async () => {
    const dir = await makeTempDir();
    expect(extraAddressFilesOf(path.join(dir, 'missing.db'))).toEqual([]);
  });
});

describe('where a publish goes', () => {
  it('is the single snapshot file without SNAPSHOT_DIR', () => {
    expect(replicaTarget({})).toBeNull();
    expect(replicaTarget({ SNAPSHOT_DIR: ' ' })).toBeNull();
  });

  it('is every replica behind nginx with SNAPSHOT_DIR, with deploy/’s defaults', () => {
    expect(replicaTarget({ SNAPSHOT_DIR: '/var/lib/revierfinder/snapshots' })).toEqual({
      snapshots: '/var/lib/revierfinder/snapshots',
      replicas: ['http://127.0.0.1:4321', 'http://127.0.0.1:4322'],
      versionFile: '/var/lib/revierfinder/nginx/data-version.conf',
      reload: 'systemctl reload nginx',
      timeoutSeconds: 60,
      nginx: null,
    });
    expect(
      replicaTarget({
        SNAPSHOT_DIR: '/srv/s',
        PUBLISH_REPLICAS: 'http://10.0.0.1:4321/, http://10.0.0.2:4321',
        PUBLISH_VERSION_FILE: '/run/v.conf',
        PUBLISH_RELOAD: 'sudo -n systemctl reload nginx',
        PUBLISH_TIMEOUT_SECONDS: '15',
        PUBLISH_NGINX_URL: 'https://revierfinder.example/',
      }),
    ).toEqual({
      snapshots: '/srv/s',
      replicas: ['http://10.0.0.1:4321', 'http://10.0.0.2:4321'],
      versionFile: '/run/v.conf',
      reload: 'sudo -n systemctl reload nginx',
      timeoutSeconds: 15,
      nginx: 'https://revierfinder.example',
    });
  });
});
