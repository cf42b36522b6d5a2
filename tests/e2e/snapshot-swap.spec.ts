/**
 * A new database snapshot published while the server runs is taken up without a restart and
 * without one failed request, under load: a second server of the built site (own port, own copy
 * of the snapshot via DATABASE_PATH) serves concurrent requests in a loop while the file is
 * atomically replaced (rename) by a rebuild with a different data version.
 */
import { copyFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from './helpers';
import { buildDatabase } from '../../src/data-import/build-database';
import { copyDataDir, editJson, makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from '../integration/helpers/data-dir';

const CONCURRENCY = 8;
const PATHS = [
  '/api/v1/locate?lat=52.62&lon=10.08',
  '/api/v1/search?q=Celle',
  '/api/v1/districts/033510006',
  '/bezirk/033510006',
  '/suche?q=Hannover',
  '/api/v1/directorates',
];

async function dataVersion(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/directorates`);
  return ((await response.json()) as { dataVersion: string }).dataVersion;
}

test.describe('neuer Datenbestand im laufenden Betrieb', () => {
  test.describe.configure({ timeout: 120_000 });
  let server: TestServer | undefined;

  test.afterAll(async () => {
    await server?.stop();
    await removeTempDirs();
  });

  test('wird unter Last ohne Neustart und ohne fehlgeschlagene Anfrage übernommen', async () => {
    const dir = await makeTempDir('revierfinder-swap-');
    const live = path.join(dir, 'portal.db');
    const next = path.join(dir, 'next.db');
    const first = await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: live });
    const changedData = await copyDataDir();
    let stationId = '';
    await editJson<Array<{ id: string; name: string }>>(changedData, 'demo/stations.json', (stations) => {
      stationId = stations[0]!.id;
      stations[0]!.name += ' (neu)';
    });
    const second = await buildDatabase({ dataDir: changedData, outputPath: next });
    expect(second.dataVersion).not.toBe(first.dataVersion);

    server = await startTestServer({ DATABASE_PATH: live });
    const { base } = server;
    expect(await dataVersion(base)).toBe(first.dataVersion);

    let running = true;
    let sent = 0;
    let answered = 0;
    const failures: string[] = [];
    const waiting: Array<{ until: number; resolve: () => void }> = [];
    /** Resolves once `count` more requests have been answered (or have failed). */
    const moreAnswers = (count: number) => new Promise<void>((resolve) => waiting.push({ until: answered + count, resolve }));
    const loop = async (worker: number) => {
      for (let i = worker; running; i++) {
        const url = base + PATHS[i % PATHS.length]!;
        sent++;
        try {
          const response = await fetch(url);
          await response.arrayBuffer();
          if (response.status !== 200) failures.push(`${url} → ${response.status}`);
        } catch (error) {
          failures.push(`${url} → ${(error as Error).message}`);
        }
        answered++;
        for (const wait of waiting.filter(({ until }) => answered >= until)) {
          waiting.splice(waiting.indexOf(wait), 1);
          wait.resolve();
        }
      }
    };
    const workers = Array.from({ length: CONCURRENCY }, (_, worker) => loop(worker));

    await moreAnswers(4 * CONCURRENCY);
    const sentBeforeSwap = sent;
    const page = `${base}/bezirk/033510006`;
    const oldTag = (await fetch(page)).headers.get('etag')!;
    expect(oldTag).toContain(first.dataVersion);
    // Publishing as the import does: the new file is written beside the live one, then renamed over it.
    await copyFile(next, `${live}.tmp`);
    await rename(`${live}.tmp`, live);
    await expect.poll(() => dataVersion(base), { timeout: 15_000 }).toBe(second.dataVersion);
    // Keep the load on a little longer after the switch.
    await moreAnswers(4 * CONCURRENCY);
    running = false;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(sentBeforeSwap).toBeGreaterThan(CONCURRENCY);
    expect(sent).toBeGreaterThan(sentBeforeSwap + CONCURRENCY);
    // The answers come from the new data, not only the version number.
    const station = (await (await fetch(`${base}/api/v1/stations/${stationId}`)).json()) as { name: string };
    expect(station.name).toMatch(/ \(neu\)$/);
    // The ETags change with the data version: the old one no longer gives 304.
    const renewed = await fetch(page, { headers: { 'If-None-Match': oldTag } });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('etag')).toContain(second.dataVersion);
  });
});
