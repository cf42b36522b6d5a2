/**
 * Publish time as deployed (part of `npm run bench -- --only editor`): two replicas and the
 * production nginx on loopback (as bench/proxy.ts), an approved draft (a station's phone), and
 * the editor's own publish (publishDrafts: the data build in a child process, then
 * deploy/publish-snapshot.mjs: both replicas load the new version, nginx switches), while
 * citizens' requests run through nginx. Once for the default data, once with the 2.5 million
 * synthetic addresses (`npm run data:synthetic`; generated into a temporary folder when missing;
 * `--no-synthetic` skips it, `--synthetic FILE` names another file).
 * Prints the times, the citizens' failures and the load average; never fails on timings.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildDatabase } from '../src/data-import/build-database';
import { openEditorDatabase } from '../src/db/editor/client';
import { drafts } from '../src/db/editor/schema';
import { useEditorDatabase } from '../src/services/editor/db';
import { publishDrafts } from '../src/services/editor/publish';
import { readContentFromFiles } from '../src/services/editor/records';
import { createUser } from '../src/services/editor/users';
import { generateSyntheticAddresses, syntheticFilePath } from '../scripts/generate-synthetic-addresses';
import { startNginx } from '../scripts/nginx.mjs';
import { ensureBuiltSite, numberFlag, ROOT, startPortalServer } from './load-kit';

const DATA_DIR = path.join(ROOT, 'data');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/** GET through plain http, no connection reuse: status and the data version the answer names. */
function get(url: string): Promise<{ status: number; version: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, version: String(response.headers['x-revierfinder-data-version']) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Citizens asking nginx for points never asked before (every request reaches a replica) until stopped. */
function citizens(base: string, workers: number) {
  const answers: Array<{ started: number; ended: number; version: string }> = [];
  const failures: string[] = [];
  let running = true;
  const worker = async (id: number) => {
    for (let i = 0; running; i++) {
      const url = `${base}/api/v1/locate?lat=${(52.2 + ((id * 7919 + i * 31) % 900) / 1000).toFixed(4)}&lon=${(9.4 + ((id * 13 + i * 17) % 1200) / 1000).toFixed(4)}`;
      const started = performance.now();
      try {
        const answer = await get(url);
        if (answer.status !== 200) failures.push(`${answer.status}`);
        else answers.push({ started, ended: performance.now(), version: answer.version });
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  const all = Array.from({ length: workers }, (_, id) => worker(id));
  return {
    answers,
    failures,
    stop: async () => {
      running = false;
      await Promise.all(all);
    },
  };
}

interface DataSet {
  label: string;
  extraAddressFiles: string[];
}

async function measure(set: DataSet, port: number, workers: number): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'revierfinder-bench-publish-'));
  // nginx's workers (as root: nobody) write their cache in it.
  await chmod(dir, 0o755);
  const snapshots = path.join(dir, 'snapshots');
  await mkdir(snapshots);
  const stops: Array<() => Promise<void>> = [];
  try {
    // The server's current snapshot, as `npm run data:build [-- --addresses FILE]` builds it.
    const built = await buildDatabase({
      dataDir: DATA_DIR,
      outputPath: path.join(dir, 'current.db'),
      extraAddressFiles: set.extraAddressFiles,
    });
    await rename(built.outputPath, path.join(snapshots, `${built.dataVersion}.db`));
    await symlink(`${built.dataVersion}.db`, path.join(snapshots, 'current.db'));
    const env = { SNAPSHOT_DIR: snapshots, DATABASE_PATH: path.join(snapshots, 'current.db'), DATA_DIR, RATE_LIMIT_TRUST_PROXY: '1' };
    for (const replicaPort of [port + 1, port + 2]) {
      const replica = await startPortalServer(replicaPort, { ...env, REQUEST_LOG: 'off' });
      stops.push(replica.stop);
    }
    const nginx = await startNginx({ dir: path.join(dir, 'nginx'), port, replicas: [port + 1, port + 2], dataVersion: built.dataVersion });
    stops.push(nginx.stop);
    await get(`${nginx.base}/readyz`);

    // The editor's publish, run here as a replica runs it (the same environment).
    Object.assign(process.env, env, {
      PUBLISH_REPLICAS: `http://127.0.0.1:${port + 1},http://127.0.0.1:${port + 2}`,
      PUBLISH_VERSION_FILE: nginx.versionFile,
      PUBLISH_RELOAD: nginx.reloadCommand,
      PUBLISH_NGINX_URL: nginx.base,
      REQUEST_LOG: 'off',
    });
    const db = openEditorDatabase(':memory:');
    useEditorDatabase(db);
    const admin = await createUser(
      { email: 'bench@bench.example', password: 'ein langes passwort für die messung', role: 'admin' },
      { userId: null, name: 'bench' },
    );
    const station = { ...readContentFromFiles(DATA_DIR).stations[0]!, phone: '0000 4242-0' };
    db.insert(drafts)
      .values({
        entity: 'station',
        recordId: station.id,
        payload: JSON.stringify(station),
        scopes: '[]',
        status: 'approved',
        version: 1,
        createdBy: admin.id,
        updatedBy: admin.id,
        updatedAt: new Date().toISOString(),
      })
      .run();

    const crowd = citizens(nginx.base, workers);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const loadBefore = load();
    // When the build is done: its version appears in the snapshot folder.
    let builtAfter = 0;
    const started = performance.now();
    const watch = setInterval(() => {
      void readdir(snapshots).then((names) => {
        if (!builtAfter && names.some((name) => name.endsWith('.db') && name !== 'current.db' && name !== `${built.dataVersion}.db`))
          builtAfter = performance.now() - started;
      });
    }, 100);
    const result = await publishDrafts({ userId: admin.id, name: admin.email, client: 'bench' }, admin.id);
    const total = performance.now() - started;
    clearInterval(watch);
    const loadAfter = load();
    const switchedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await crowd.stop();
    db.$client.close();
    if (!result.ok) throw new Error(`Veröffentlichen fehlgeschlagen: ${result.reason} ${result.problems?.join('; ') ?? ''}`);
    const version = result.version.dataVersion;
    const nginxVersion = /default "([^"]+)"/.exec(await readFile(nginx.versionFile, 'utf8'))?.[1];
    const firstNew = Math.min(...crowd.answers.filter((a) => a.version === version).map((a) => a.ended));
    const mixed = crowd.answers.filter((a) => a.started > firstNew && a.version !== version).length;
    const after = crowd.answers.filter((a) => a.started > switchedAt);
    console.log(
      `  ${set.label} (${built.counts.addresses.toLocaleString('en-US')} addresses, snapshot ${(built.sizeBytes / 1e6).toFixed(0)} MB):`,
    );
    console.log(
      `    Veröffentlichen / publish to 2 replicas behind nginx: ${seconds(total)} (build ${builtAfter ? seconds(builtAfter) : '?'}, both replicas loading it and nginx switching ${builtAfter ? seconds(total - builtAfter) : '?'}); data build of the current snapshot for comparison: ${seconds(built.durationMs)}`,
    );
    console.log(
      `    Bürgeranfragen über nginx währenddessen / citizens' requests during the publish (${workers} clients): ${crowd.answers.length + crowd.failures.length} requests, ${crowd.failures.length} failed${crowd.failures.length ? ` (${[...new Set(crowd.failures)].slice(0, 3).join(', ')})` : ''}, ${mixed} of the old version after the first of the new; after the publish ${after.length ? `${after.filter((a) => a.version === version).length}/${after.length}` : '0/0'} answered from the new version; nginx names ${nginxVersion === version ? 'the new version' : nginxVersion}`,
    );
    console.log(`    Load average (1/5/15 min) before / after: ${loadBefore} → ${loadAfter} (${os.cpus().length} CPUs)`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Publish times for the default data and for the 2.5 million synthetic addresses. */
export async function runPublishBench(args: readonly string[]): Promise<void> {
  ensureBuiltSite();
  const port = numberFlag(args, 'port', 4590);
  const workers = numberFlag(args, 'citizens', 8);
  console.log('Veröffentlichen aus der Redaktion / editor publish, deploy/ layout (2 replicas, nginx), under citizens’ load');
  await measure({ label: 'Standarddaten / default data', extraAddressFiles: [] }, port, workers);
  if (args.includes('--no-synthetic')) return;
  const named = args.includes('--synthetic') ? args[args.indexOf('--synthetic') + 1] : undefined;
  let file = named ?? syntheticFilePath(2_500_000);
  let temp: string | undefined;
  if (!existsSync(file)) {
    temp = await mkdtemp(path.join(os.tmpdir(), 'revierfinder-bench-synthetic-'));
    file = path.join(temp, 'hk-de-synthetisch-2500000.txt');
    console.log(`  (generating 2.5 million synthetic addresses into ${file} …)`);
    await generateSyntheticAddresses({ addresses: 2_500_000, seed: 7, out: file }, DATA_DIR);
  }
  try {
    await measure(
      { label: `2,5 Mio. synthetische Adressen / 2.5 million synthetic addresses (${path.basename(file)})`, extraAddressFiles: [file] },
      port,
      workers,
    );
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}
