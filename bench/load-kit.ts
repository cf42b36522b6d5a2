/**
 * What the HTTP load benchmark (`npm run bench`) and the soak run (`npm run soak`) share: the
 * built server started as a child process, the bare `http` floor server, the workload (paths to
 * rotate through) and the load generator in a second process (bench/load-client.mjs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/domain/seeded-random';
import type { Portal } from '../src/services/portal';
import { loadPortal } from '../src/services/snapshot';
import { BBOX, QUERIES } from './queries';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOAD_CLIENT = path.join(ROOT, 'bench', 'load-client.mjs');

/** `--name value` from argv as a positive number, else `fallback`. */
export function numberFlag(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The snapshot the server will read: $DATABASE_PATH or data/portal.db, built first if missing or stale. */
export function ensureDatabase(): string {
  const dbPath = path.resolve(ROOT, process.env.DATABASE_PATH ?? 'data/portal.db');
  const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/data-import/cli.ts', '--if-stale'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath },
    stdio: 'inherit',
  });
  if (built.status !== 0 || !existsSync(dbPath)) throw new Error(`Datenbank ${dbPath} konnte nicht gebaut werden`);
  return dbPath;
}

/**
 * The built production server ($ASTRO_OUT_DIR or dist/), built first if missing: main.mjs
 * (Astro's handler plus compression, logs and shutdown, src/server/main.mjs) where the build
 * has it, else Astro's own entry.mjs.
 */
export function ensureBuiltServer(): string {
  const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
  const server = (name: string) => path.resolve(ROOT, outDir, 'server', name);
  const built = () => [server('main.mjs'), server('entry.mjs')].find((file) => existsSync(file));
  if (!built()) {
    console.log(`baue den Server nach ${outDir}/ …`);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    if (result.status !== 0 || !built()) throw new Error(`astro build nach ${outDir}/ fehlgeschlagen`);
  }
  return built()!;
}

export interface RunningServer {
  process: ChildProcess;
  base: string;
  stop: () => Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      // A server still draining after 10 s is not waited for.
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`Server endete beim Start (Exit-Code ${child.exitCode})`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} antwortet nicht`);
}

/**
 * Starts the built server on `port` with the rate limit off (the load comes from one address;
 * loopback is exempt anyway, but the bench must not depend on that). Its log output is dropped.
 */
export async function startPortalServer(entry: string, port: number, env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(`${base}/api/v1/search?q=Celle`, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { process: child, base, stop: stopper(child) };
}

/** A bare Node `http` server answering every request with the same JSON body of `bytes` bytes: the floor. */
export async function startFloorServer(port: number, bytes: number): Promise<RunningServer> {
  const source = `
    const body = Buffer.from(JSON.stringify({ floor: 'x'.repeat(Math.max(0, ${bytes} - 12)) }));
    require('node:http')
      .createServer((request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
        response.end(body);
      })
      .listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', source], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${base}/`, child);
  return { process: child, base, stop: stopper(child) };
}

/** Resident memory of a process in MB: now (VmRSS) and the peak so far (VmHWM). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  latency: { p50: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, { count: number }>;
  bytesPerSecond: number;
}

/** Runs autocannon in a second process against `base`, rotating through `paths`. */
export async function runLoad(base: string, paths: readonly string[], connections: number, durationSeconds: number): Promise<LoadResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'revierfinder-load-'));
  try {
    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify({ url: base, paths, connections, duration: durationSeconds }));
    const child = spawn(process.execPath, [LOAD_CLIENT, configFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`Lastgenerator endete mit Exit-Code ${code}`);
    return JSON.parse(output.trim().split('\n').at(-1)!) as LoadResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Failed requests of a load run: connection errors, timeouts and answers outside 2xx. */
export const failuresOf = (result: LoadResult) => result.errors + result.timeouts + result.non2xx;

export interface Workload {
  locate: string[];
  search: string[];
  district: string[];
}

/**
 * The paths the load rotates through, seeded: locate at points inside Niedersachsen's
 * municipalities (random points in the bounding box the snapshot places inside), the search
 * query mix, and district pages.
 */
export function workload(dbPath: string, { points = 2_000, districts = 40 } = {}): Workload {
  const portal: Portal = loadPortal(dbPath);
  const random = seededRandom(7_000_007);
  const locate: string[] = [];
  while (locate.length < points) {
    const point = {
      lat: BBOX.minLat + random() * (BBOX.maxLat - BBOX.minLat),
      lon: BBOX.minLon + random() * (BBOX.maxLon - BBOX.minLon),
    };
    if (portal.locate(point).kind !== 'inside') continue;
    locate.push(`/api/v1/locate?lat=${point.lat.toFixed(5)}&lon=${point.lon.toFixed(5)}`);
  }
  const search = QUERIES.map((query) => `/api/v1/search?q=${encodeURIComponent(query)}`);
  const ids = portal
    .overviewGeoJson()
    .features.filter((feature) => feature.properties?.kind === 'district')
    .map((feature) => String(feature.properties!.id));
  const district = Array.from({ length: Math.min(districts, ids.length) }, () => `/bezirk/${ids[Math.floor(random() * ids.length)]!}`);
  return { locate, search, district };
}

/** Body size of a typical locate answer (the median of a few), for the floor server. */
export async function typicalLocateBytes(base: string, locatePaths: readonly string[]): Promise<number> {
  const sizes: number[] = [];
  for (const locatePath of locatePaths.slice(0, 25)) {
    const response = await fetch(base + locatePath);
    sizes.push((await response.arrayBuffer()).byteLength);
  }
  sizes.sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)]!;
}

/** Requests every path once, in turn, so that measuring does not start with module loading and JIT. */
export async function warmUp(base: string, paths: readonly string[]): Promise<void> {
  for (const warmPath of paths) await (await fetch(base + warmPath)).arrayBuffer();
}
