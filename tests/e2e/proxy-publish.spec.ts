/**
 * Publishing from the editor as deployed (deploy/): two replicas sharing one editor database and
 * one snapshot folder (SNAPSHOT_DIR), the production nginx in front on loopback (scripts/nginx.mjs,
 * as in proxy.spec.ts). The editor's publish hands its build to deploy/publish-snapshot.mjs
 * (PUBLISH_REPLICAS, PUBLISH_VERSION_FILE, PUBLISH_RELOAD): both replicas load the new version,
 * then nginx switches them together. A replica that cannot load it fails the publish, and nothing
 * is switched.
 */
import { chmod, copyFile, mkdir, readdir, readFile, readlink, symlink } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { freePort, startTestServer, type TestServer } from './helpers';
import { createEditorDatabase, signIn, USERS } from './editor-setup';
import { makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from '../integration/helpers/data-dir';
import { startNginx } from '../../scripts/nginx.mjs';
import { dataVersionOf } from '../../deploy/publish-snapshot.mjs';

const STATION = 'polizeistation-wathlingen';
const NEW_PHONE = '0000 5555-5';
const VERSION_HEADER = 'x-revierfinder-data-version';

let dir = '';
let snapshots = '';
let editorDb = '';
let first = '';
let ports: number[] = [];
const replicas: TestServer[] = [];
let proxy: Awaited<ReturnType<typeof startNginx>>;
let admin: Page;

function replicaEnv(): Record<string, string> {
  return {
    SNAPSHOT_DIR: snapshots,
    DATABASE_PATH: path.join(snapshots, 'current.db'),
    DATA_DIR: PROJECT_DATA_DIR,
    EDITOR_DATABASE_PATH: editorDb,
    // An administrator's saved draft is publishable at once: the review is not what this tests.
    EDITOR_FOUR_EYES: '0',
    RATE_LIMIT_TRUST_PROXY: '1',
    PUBLISH_REPLICAS: ports.map((port) => `http://127.0.0.1:${port}`).join(','),
    PUBLISH_VERSION_FILE: proxy.versionFile,
    PUBLISH_RELOAD: proxy.reloadCommand,
    PUBLISH_TIMEOUT_SECONDS: '5',
    PUBLISH_NGINX_URL: proxy.base,
  };
}

/** GET through plain http, no connection reuse. */
function get(url: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

const nginxVersion = async () => /default "([^"]+)"/.exec(await readFile(proxy.versionFile, 'utf8'))?.[1];
const draftsOfStatus = (status: string) => {
  const db = new Database(editorDb, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM drafts WHERE status = ?').get(status) as { n: number }).n;
  } finally {
    db.close();
  }
};
const auditEntries = (action: string, outcome: string) => {
  const db = new Database(editorDb, { readonly: true });
  try {
    return db.prepare('SELECT * FROM audit_log WHERE action = ? AND outcome = ?').all(action, outcome) as Array<{ after: string | null }>;
  } finally {
    db.close();
  }
};

test.describe('Veröffentlichen aus der Redaktion hinter nginx: alle Replikate wechseln', () => {
  test.describe.configure({ mode: 'serial', timeout: 240_000 });

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    dir = await makeTempDir('revierfinder-proxy-publish-');
    // nginx's workers (as root: nobody) reach their cache folder inside it.
    await chmod(dir, 0o755);
    snapshots = path.join(dir, 'snapshots');
    await mkdir(snapshots);
    first = dataVersionOf(path.join(PROJECT_DATA_DIR, 'portal.db'));
    await copyFile(path.join(PROJECT_DATA_DIR, 'portal.db'), path.join(snapshots, `${first}.db`));
    await symlink(`${first}.db`, path.join(snapshots, 'current.db'));
    editorDb = path.join(dir, 'editor.db');
    await createEditorDatabase(editorDb);
    ports = [await freePort(), await freePort()];
    proxy = await startNginx({ dir: path.join(dir, 'nginx'), port: await freePort(), replicas: ports, dataVersion: first });
    for (const port of ports) replicas.push(await startTestServer(replicaEnv(), port));
    // The editor works on the first replica directly (its cookies are for that origin).
    admin = await signIn(await (await browser.newContext()).newPage(), replicas[0]!.base, USERS.admin);
    await admin.goto(`${replicas[0]!.base}/redaktion/dienststellen/${STATION}`);
    await admin.getByLabel('Telefon').fill(NEW_PHONE);
    await admin.getByRole('button', { name: 'Als Entwurf speichern' }).click();
    await expect(admin.getByRole('status')).toContainText('Entwurf gespeichert');
  });

  test.afterAll(async () => {
    await admin?.context().close();
    await proxy?.stop();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await removeTempDirs();
  });

  test('Ein Replikat kann den neuen Stand nicht laden: die Veröffentlichung scheitert, nichts wird umgestellt', async () => {
    const victim = replicas[1]!;
    victim.process.kill('SIGKILL');
    await admin.goto(`${replicas[0]!.base}/redaktion/veroeffentlichen`);
    await admin.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
    await expect(admin.getByRole('alert')).toContainText('Nicht alle Server konnten den neuen Datenstand laden', { timeout: 120_000 });
    await expect(admin.getByRole('alert')).toContainText(`127.0.0.1:${ports[1]}`);
    await expect(admin.getByText('1 Entwürfe sind bereit zur Veröffentlichung.')).toBeVisible();

    // Nothing switched: nginx, current.db and the folder as before; the drafts unpublished; audited.
    expect(await nginxVersion()).toBe(first);
    expect(await readlink(path.join(snapshots, 'current.db'))).toBe(`${first}.db`);
    expect((await readdir(snapshots)).sort()).toEqual([`${first}.db`, 'current.db'].sort());
    expect(draftsOfStatus('published')).toBe(0);
    expect(draftsOfStatus('open')).toBe(1);
    expect(auditEntries('publish', 'failed')).toHaveLength(1);
    const answer = await get(`${proxy.base}/api/v1/stations/${STATION}`);
    expect(answer.status).toBe(200);
    expect(answer.headers[VERSION_HEADER]).toBe(first);
    expect(answer.body).not.toContain(NEW_PHONE);

    replicas[1] = await startTestServer(replicaEnv(), victim.port);
  });

  test('Veröffentlichen unter Last: beide Replikate wechseln zugleich, keine Antwort schlägt fehl, keine mischt die Stände', async () => {
    const answers: Array<{ started: number; ended: number; version: string }> = [];
    const failures: string[] = [];
    let running = true;
    // Different points and pages: many answers nginx has not kept, so the replicas work throughout.
    const target = (id: number, i: number) =>
      [
        `/api/v1/locate?lat=${(52.3 + ((id * 997 + i * 31) % 500) / 1000).toFixed(4)}&lon=${(9.6 + ((i * 17) % 700) / 1000).toFixed(4)}`,
        `/api/v1/stations/${STATION}`,
        '/bezirk/033515404',
        '/api/v1/search?q=Celle',
      ][i % 4]!;
    const worker = async (id: number) => {
      for (let i = id; running; i++) {
        const url = proxy.base + target(id, i);
        const started = performance.now();
        try {
          const answer = await get(url);
          const version = String(answer.headers[VERSION_HEADER]);
          if (answer.status !== 200) failures.push(`${url} → ${answer.status}`);
          else answers.push({ started, ended: performance.now(), version });
        } catch (error) {
          failures.push(`${url} → ${(error as Error).message}`);
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, id) => worker(id));
    await expect.poll(() => answers.length, { timeout: 30_000 }).toBeGreaterThan(50);

    await admin.goto(`${replicas[0]!.base}/redaktion/veroeffentlichen`);
    await admin.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
    await expect(admin.getByRole('status')).toContainText('Veröffentlicht: Datenstand', { timeout: 180_000 });
    const publishedAt = performance.now();
    const second = (await nginxVersion())!;
    expect(second).not.toBe(first);
    await expect(admin.getByRole('status')).toContainText(second);

    const answeredBefore = answers.length;
    await expect.poll(() => answers.length - answeredBefore, { timeout: 30_000 }).toBeGreaterThan(100);
    running = false;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(new Set(answers.map((answer) => answer.version))).toEqual(new Set([first, second]));
    // Once the editor says "published", every answer is the new version's. Before, only during
    // nginx's reload (its old workers may accept a last connection while the new ones start, see
    // README) may an old answer follow a new one; and it is counted, for the report.
    expect(answers.filter((answer) => answer.started > publishedAt && answer.version !== second)).toEqual([]);
    const firstNew = Math.min(...answers.filter((answer) => answer.version === second).map((answer) => answer.ended));
    const oldAfterNew = answers.filter((answer) => answer.started > firstNew && answer.version !== second);
    console.log(`Antworten: ${answers.length}, davon alter Stand nach dem ersten neuen (während des Neuladens): ${oldAfterNew.length}`);

    // The changed record through nginx, from the new version; both replicas serve it.
    const station = await get(`${proxy.base}/api/v1/stations/${STATION}`);
    expect(station.headers[VERSION_HEADER]).toBe(second);
    expect(station.body).toContain(NEW_PHONE);
    for (const replica of replicas) {
      const ready = JSON.parse((await get(`${replica.base}/readyz`)).body) as { dataVersion: string };
      expect(ready.dataVersion).toBe(second);
    }
    expect(await readlink(path.join(snapshots, 'current.db'))).toBe(`${second}.db`);
    // The previous version is kept for a rollback; the build's own file is gone.
    expect((await readdir(snapshots)).sort()).toEqual([`${first}.db`, `${second}.db`, 'current.db'].sort());
    expect(draftsOfStatus('published')).toBe(1);
    // The publish returned once nginx answered from the new version, not after giving up waiting.
    expect(replicas[0]!.logLines.filter((line) => String(line.message).startsWith('Warnung'))).toEqual([]);
    expect(auditEntries('publish', 'ok')).toHaveLength(1);
  });
});
