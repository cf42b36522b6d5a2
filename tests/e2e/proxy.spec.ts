/**
 * Scale-out as deployed (deploy/): two replicas of the built site and nginx with the production
 * configuration in front, on loopback (scripts/nginx.mjs moves its paths and ports into a
 * temporary folder and installs Debian's nginx as root where it is missing; elsewhere this fails
 * with a message saying what to install). The replicas read one snapshot folder; a new data
 * version is published with deploy/publish-snapshot.mjs, as an operator would.
 */
import { chmod, mkdir, rename, symlink } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { CELLE, freePort, startTestServer, type TestServer } from './helpers';
import { buildDatabase } from '../../src/data-import/build-database';
import { copyDataDir, editJson, makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from '../integration/helpers/data-dir';
import { startNginx } from '../../scripts/nginx.mjs';
import { publish } from '../../deploy/publish-snapshot.mjs';

const PUBLIC_ORIGIN = 'https://revierfinder.test';
/** Headers that must reach the client as the replica gave them. */
const PASSED_ON = [
  'content-type',
  'etag',
  'cache-control',
  'content-security-policy',
  'x-frame-options',
  'access-control-allow-origin',
  'vary',
];

interface Proxy {
  base: string;
  siteCheck: { ok: boolean; output: string } | null;
  versionFile: string;
  reloadCommand: string;
  errors: () => string;
  stop: () => Promise<void>;
}

let dir = '';
let snapshots = '';
let versions: { first: string; second: string; nextFile: string; stationId: string };
const replicas: TestServer[] = [];
let proxy: Proxy;

function replicaEnv(): Record<string, string> {
  return {
    SNAPSHOT_DIR: snapshots,
    DATABASE_PATH: path.join(snapshots, 'current.db'),
    PUBLIC_ORIGIN,
    RATE_LIMIT_TRUST_PROXY: '1',
  };
}

/** GET through plain http (optionally from another loopback address, as another client). */
function get(url: string, { headers = {}, from }: { headers?: Record<string, string>; from?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.get(url, { headers, agent: false, localAddress: from }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Requests from the log lines of both replicas for `route`. */
const answeredByReplicas = (route: string) =>
  replicas.map((replica) => replica.logLines.filter((line) => line.event === 'request' && line.route === route).length);

test.describe('hinter nginx: zwei Replikate, ein Cache, eine Ratenbegrenzung', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dir = await makeTempDir('revierfinder-proxy-');
    // nginx's workers (as root: nobody) reach their cache folder inside it.
    await chmod(dir, 0o755);
    snapshots = path.join(dir, 'snapshots');
    await mkdir(snapshots);
    const built = await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: path.join(dir, 'first.db') });
    await rename(path.join(dir, 'first.db'), path.join(snapshots, `${built.dataVersion}.db`));
    await symlink(`${built.dataVersion}.db`, path.join(snapshots, 'current.db'));
    const changed = await copyDataDir();
    let stationId = '';
    await editJson<Array<{ id: string; name: string }>>(changed, 'demo/stations.json', (stations) => {
      stationId = stations[0]!.id;
      stations[0]!.name += ' (neu)';
    });
    const nextFile = path.join(dir, 'next.db');
    const next = await buildDatabase({ dataDir: changed, outputPath: nextFile });
    versions = { first: built.dataVersion, second: next.dataVersion, nextFile, stationId };
    expect(versions.second).not.toBe(versions.first);

    for (let i = 0; i < 2; i++) replicas.push(await startTestServer(replicaEnv()));
    proxy = await startNginx({
      dir: path.join(dir, 'nginx'),
      port: await freePort(),
      replicas: replicas.map((replica) => replica.port),
      dataVersion: versions.first,
      // The production limit is 20 requests/s with a burst of 300; smaller here, for a short test.
      rate: '5r/s',
      burst: '20',
    });
  });

  test.afterAll(async () => {
    await proxy?.stop();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await removeTempDirs();
  });

  test('Die ganze Produktionskonfiguration mit TLS-Server ist für nginx gültig (nginx -t)', () => {
    expect(proxy.siteCheck, 'openssl fehlt').not.toBeNull();
    expect(proxy.siteCheck!.ok, proxy.siteCheck!.output).toBe(true);
  });

  test('Antworten über nginx gleichen denen eines Replikats (Status, Inhalt, Kopfzeilen), komprimiert wie unkomprimiert', async () => {
    const paths = [
      `/bezirk/${CELLE.id}`,
      `/en/bezirk/${CELLE.id}?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`,
      '/',
      `/api/v1/districts/${CELLE.id}`,
      '/api/v1/search?q=Celle',
      `/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`,
      '/karte/uebersicht.geojson',
      '/daten/beamte.csv',
      '/favicon.svg',
      '/gibt-es-nicht',
      '/api/v1/locate?lat=abc&lon=10',
    ];
    for (const target of paths) {
      const direct = await get(replicas[0]!.base + target);
      const proxied = await get(proxy.base + target);
      expect(proxied.status, target).toBe(direct.status);
      expect(proxied.body.equals(direct.body), `${target}: Inhalt`).toBe(true);
      for (const name of PASSED_ON) expect(proxied.headers[name], `${target}: ${name}`).toEqual(direct.headers[name]);
      expect(proxied.headers['set-cookie'], target).toBeUndefined();
      const gzipped = await get(proxy.base + target, { headers: { 'Accept-Encoding': 'gzip' } });
      const body = gzipped.headers['content-encoding'] === 'gzip' ? gunzipSync(gzipped.body) : gzipped.body;
      expect(body.equals(direct.body), `${target}: gzip`).toBe(true);
    }
    const page = await get(`${proxy.base}/bezirk/${CELLE.id}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers['content-encoding']).toBe('gzip');
  });

  test('Wiederholte Seiten und API-Antworten kommen aus nginx’ Cache und erreichen kein Replikat', async () => {
    for (const [target, route] of [
      ['/impressum', '/impressum'],
      ['/api/v1/inspections', '/api/v1/inspections'],
    ]) {
      const before = answeredByReplicas(route!).reduce((a, b) => a + b, 0);
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) statuses.push(String((await get(proxy.base + target!)).headers['x-cache-status']));
      expect(statuses, target).toEqual(['MISS', 'HIT', 'HIT', 'HIT']);
      await expect.poll(() => answeredByReplicas(route!).reduce((a, b) => a + b, 0) - before).toBe(1);
    }
    // Answers marked no-store are never kept: the health checks reach a replica every time.
    expect((await get(`${proxy.base}/readyz`)).headers['x-cache-status']).not.toBe('HIT');
  });

  test('Ein Replikat fällt unter Last aus: keine Anfrage schlägt fehl', async () => {
    let running = true;
    let sent = 0;
    let answeredAfterKill = 0;
    let killed = false;
    const failures: string[] = [];
    // Different points each time: answers nginx has not kept, so every request reaches a replica.
    const worker = async (id: number) => {
      for (let i = 0; running; i++) {
        const target = `/api/v1/locate?lat=${(52.3 + ((id * 997 + i * 31) % 500) / 1000).toFixed(4)}&lon=${(9.6 + ((i * 17) % 700) / 1000).toFixed(4)}`;
        sent++;
        try {
          const answer = await get(proxy.base + target);
          if (answer.status !== 200) failures.push(`${target} → ${answer.status}`);
          else if (killed) answeredAfterKill++;
        } catch (error) {
          failures.push(`${target} → ${(error as Error).message}`);
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, id) => worker(id));
    await expect.poll(() => sent, { timeout: 30_000 }).toBeGreaterThan(150);
    const victim = replicas[1]!;
    victim.process.kill('SIGKILL');
    killed = true;
    await expect.poll(() => answeredAfterKill, { timeout: 30_000 }).toBeGreaterThan(200);
    running = false;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    // Back to two replicas for what follows, on the same port.
    replicas[1] = await startTestServer(replicaEnv(), victim.port);
  });

  test('Ein neuer Datenstand: alle Antworten wechseln zugleich, keine schlägt fehl, keine mischt die Stände', async () => {
    const { first, second, nextFile, stationId } = versions;
    const answers: Array<{ started: number; ended: number; version: string }> = [];
    const failures: string[] = [];
    let running = true;
    const versionOf = async (target: string): Promise<string> => {
      const answer = await get(proxy.base + target);
      if (answer.status !== 200) throw new Error(`${target} → ${answer.status}`);
      const text = answer.body.toString();
      if (target.startsWith('/api/')) return (JSON.parse(text) as { dataVersion: string }).dataVersion;
      // Pages name their data version in the footer.
      return [first, second].find((version) => text.includes(version)) ?? 'keine';
    };
    const targets = ['/api/v1/directorates', `/bezirk/${CELLE.id}`, '/api/v1/officers', '/'];
    const worker = async (id: number) => {
      for (let i = id; running; i++) {
        const target = targets[i % targets.length]!;
        const started = performance.now();
        try {
          const version = await versionOf(target);
          answers.push({ started, ended: performance.now(), version });
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, id) => worker(id));
    await expect.poll(() => answers.length, { timeout: 30_000 }).toBeGreaterThan(50);
    const published: string[] = [];
    await publish({
      log: (line) => published.push(line),
      file: nextFile,
      snapshots,
      replicas: replicas.map((replica) => replica.base),
      versionFile: proxy.versionFile,
      reload: proxy.reloadCommand,
      nginx: proxy.base,
    });
    // It returned once nginx answered from the new version, not after giving up waiting.
    expect(published.filter((line) => line.startsWith('Warnung'))).toEqual([]);
    const returnedAt = performance.now();
    const publishedAt = answers.length;
    await expect.poll(() => answers.length - publishedAt, { timeout: 30_000 }).toBeGreaterThan(100);
    running = false;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(new Set(answers.map((answer) => answer.version))).toEqual(new Set([first, second]));
    // Together: once publish() has returned, no request gets the old version. Before, only during
    // nginx's reload (its old workers may accept a last connection while the new ones start, see
    // README) may an old answer follow a new one.
    expect(answers.filter((answer) => answer.started > returnedAt && answer.version !== second)).toEqual([]);
    const firstNew = Math.min(...answers.filter((answer) => answer.version === second).map((answer) => answer.ended));
    const oldAfterNew = answers.filter((answer) => answer.started > firstNew && answer.version !== second);
    expect(oldAfterNew.filter((answer) => answer.started > returnedAt)).toEqual([]);
    // The new data, not only its name: the renamed station; and the pages from the new version's cache entries.
    const station = JSON.parse((await get(`${proxy.base}/api/v1/stations/${stationId}`)).body.toString()) as { name: string };
    expect(station.name).toMatch(/ \(neu\)$/);
    const ready = await Promise.all(
      replicas.map(async (replica) => JSON.parse((await get(`${replica.base}/readyz`)).body.toString()) as { dataVersion: string }),
    );
    expect(ready.map((entry) => entry.dataVersion)).toEqual([second, second]);
  });

  test('Die Ratenbegrenzung gilt über beide Replikate: ein Budget je Client, 429 mit Retry-After in Portal-Form', async () => {
    const before = answeredByReplicas('/api/v1/locate');
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof get>> | undefined;
    // Another client (127.0.0.2; the machine's own 127.0.0.1 is not limited), different points: all reach a replica.
    const started = performance.now();
    for (let i = 0; i < 60; i++) {
      const answer = await get(`${proxy.base}/api/v1/locate?lat=52.${100 + i}&lon=9.7`, { from: '127.0.0.2' });
      statuses.push(answer.status);
      if (answer.status === 429) refused ??= answer;
    }
    const seconds = (performance.now() - started) / 1000;
    const allowed = statuses.filter((status) => status === 200).length;
    // One budget (a burst of 20, then 5 per second) for both replicas together, not one each.
    expect(allowed).toBeGreaterThanOrEqual(21);
    expect(allowed).toBeLessThanOrEqual(21 + Math.ceil(seconds * 5) + 1);
    expect(statuses.filter((status) => status === 429).length).toBe(60 - allowed);
    const after = answeredByReplicas('/api/v1/locate');
    const served = after.map((count, index) => count - before[index]!);
    expect(
      served.every((count) => count > 0),
      `je Replikat: ${served.join(', ')}`,
    ).toBe(true);
    expect(served.reduce((a, b) => a + b, 0)).toBe(allowed);
    expect(refused!.headers['retry-after']).toBe('10');
    expect(refused!.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((JSON.parse(refused!.body.toString()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Pages are refused with a page (in the portal's languages).
    let page = await get(`${proxy.base}/impressum`, { from: '127.0.0.2' });
    for (let i = 0; i < 20 && page.status !== 429; i++) page = await get(`${proxy.base}/impressum`, { from: '127.0.0.2' });
    expect(page.status).toBe(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body.toString()).toContain('Zu viele Anfragen');
    // The machine itself is never limited (health checks, the publish script).
    expect((await get(`${proxy.base}/api/v1/locate?lat=52.5&lon=9.7`)).status).toBe(200);
  });
});
