/**
 * `npm run bench -- --proxy`: the deployment of deploy/ under load on loopback: nginx with the
 * production configuration (scripts/nginx.mjs) in front of two replicas.
 * - A district page from nginx's cache, beside its floor: the same nginx serving a static file of
 *   the same bytes (target ≥ 50 %).
 * - locate through nginx to the two replicas (points never asked before, so none comes from the
 *   cache), beside locate straight to one replica.
 * Rounds alternate as in bench/load.ts; medians, with the range of the per-round shares.
 * Options: --duration S (per run, default 3), --rounds N (default 3), --connections N (50),
 * --port P (nginx; the replicas P + 1 and P + 2; default 4490).
 */
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startNginx } from '../scripts/nginx.mjs';
import {
  ensureBuiltSite,
  ensureDatabase,
  failuresOf,
  numberFlag,
  runLoad,
  startPortalServer,
  warmUp,
  workload,
  type LoadResult,
} from './load-kit';
import { table } from './table';

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runProxyBench(args: readonly string[]): Promise<void> {
  const duration = numberFlag(args, 'duration', 3);
  const rounds = Math.round(numberFlag(args, 'rounds', 3));
  const connections = numberFlag(args, 'connections', 50);
  const port = numberFlag(args, 'port', 4490);
  const dbPath = ensureDatabase();
  ensureBuiltSite();
  // Enough points that none repeats within the runs: every locate reaches a replica.
  const { district, locate } = workload(dbPath, { points: 40_000 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'revierfinder-proxy-bench-'));
  // nginx's workers (as root: nobody) read the floor's file and write their cache in it.
  await chmod(dir, 0o755);
  const snapshots = path.join(dir, 'snapshots');
  await mkdir(snapshots);
  const version = (
    new Database(dbPath, { readonly: true }).prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string }
  ).value;
  await copyFile(dbPath, path.join(snapshots, `${version}.db`));
  await symlink(`${version}.db`, path.join(snapshots, 'current.db'));
  const env = { SNAPSHOT_DIR: snapshots, DATABASE_PATH: path.join(snapshots, 'current.db'), RATE_LIMIT_TRUST_PROXY: '1' };
  const replicas = [await startPortalServer(port + 1, env), await startPortalServer(port + 2, env)];
  const floorFile = path.join(dir, 'boden.html');
  const nginx = await startNginx({
    dir: path.join(dir, 'nginx'),
    port,
    replicas: [port + 1, port + 2],
    dataVersion: version,
    extra: `    location = /__boden { alias ${floorFile}; default_type "text/html; charset=utf-8"; }`,
  });
  try {
    await warmUp(nginx.base, district);
    await writeFile(floorFile, Buffer.from(await (await fetch(nginx.base + district[0]!)).arrayBuffer()));
    const cached = (await fetch(nginx.base + district[0]!)).headers.get('x-cache-status');
    if (cached !== 'HIT') throw new Error(`Bezirksseite nicht aus dem Cache (X-Cache-Status ${cached})`);
    await warmUp(replicas[0]!.base, locate.slice(0, 200));

    const pairs: Array<{
      name: string;
      runs: LoadResult[];
      floorName: string;
      floor: LoadResult[];
      measure: () => Promise<LoadResult>;
      measureFloor: () => Promise<LoadResult>;
    }> = [];
    let next = 200;
    // Each run takes a fresh slice of points, so that no point is asked twice.
    const freshPoints = () => {
      const slice = locate.slice(next, next + 12_000);
      next += 12_000;
      if (slice.length < 12_000) next = 200;
      return slice;
    };
    pairs.push({
      name: 'Bezirksseite aus nginx-Cache',
      floorName: 'nginx, statische Datei gleicher Bytes',
      runs: [],
      floor: [],
      measure: () => runLoad(nginx.base, district, connections, duration),
      measureFloor: () => runLoad(nginx.base, ['/__boden'], connections, duration),
    });
    pairs.push({
      name: 'locate über nginx, 2 Replikate',
      floorName: 'locate direkt, 1 Replikat',
      runs: [],
      floor: [],
      measure: () => runLoad(nginx.base, freshPoints(), connections, duration),
      measureFloor: () => runLoad(replicas[0]!.base, freshPoints(), connections, duration),
    });
    for (let round = 0; round < rounds; round++) {
      for (const [index, pair] of pairs.entries()) {
        if ((round + index) % 2 === 0) {
          pair.runs.push(await pair.measure());
          pair.floor.push(await pair.measureFloor());
        } else {
          pair.floor.push(await pair.measureFloor());
          pair.runs.push(await pair.measure());
        }
      }
    }
    console.log(
      `Proxy-Last: nginx (deploy/nginx${nginx.brotli ? ', mit brotli' : ''}) vor 2 Replikaten, ${connections} Verbindungen, ${rounds} Runden zu ${duration} s, ` +
        `${os.cpus().length} Kerne (nginx, Replikate und Lastgenerator teilen sie), Last vorher ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const rows = pairs.flatMap(({ name, runs, floorName, floor }) => {
      const shares = runs.map((run, round) => run.requestsPerSecond / floor[round]!.requestsPerSecond);
      return [
        [
          name,
          fmt(median(runs.map((run) => run.requestsPerSecond))),
          fmt(median(runs.map((run) => run.latency.p50)), 1),
          fmt(median(runs.map((run) => run.latency.p99)), 1),
          String(runs.reduce((sum, run) => sum + failuresOf(run), 0)),
          `${fmt(median(shares) * 100)} % (${fmt(Math.min(...shares) * 100)}–${fmt(Math.max(...shares) * 100)})`,
        ],
        [
          `  Vergleich: ${floorName}`,
          fmt(median(floor.map((run) => run.requestsPerSecond))),
          fmt(median(floor.map((run) => run.latency.p50)), 1),
          fmt(median(floor.map((run) => run.latency.p99)), 1),
          String(floor.reduce((sum, run) => sum + failuresOf(run), 0)),
          '100 %',
        ],
      ];
    });
    console.log(table(['Messung', 'req/s', 'p50 ms', 'p99 ms', 'Fehler', 'Anteil'], rows));
    const [page] = pairs;
    const pageShare = median(page!.runs.map((run, round) => run.requestsPerSecond / page!.floor[round]!.requestsPerSecond));
    console.log(
      `Ziel: Bezirksseite aus dem Cache ≥ 50 % der statischen Datei: ${fmt(pageShare * 100)} % → ${pageShare >= 0.5 ? 'erfüllt' : 'NICHT erfüllt'}`,
    );
  } finally {
    await nginx.stop();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}
