/**
 * What the HTTP load benchmark (`npm run bench`) and the soak run (`npm run soak`) share: the
 * production server started as a child process, the floor (a minimal Astro app with the same
 * adapter answering fixed bytes, bench/floor), the workload (paths to rotate through) and the
 * load generator in a second process (bench/load-client.mjs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
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

/** The production server entry; it serves the build in $ASTRO_OUT_DIR (default dist/). */
export const SERVER_ENTRY = path.join(ROOT, 'src', 'server', 'main.mjs');

/** Runs `astro build` (for `root`, default the portal) unless `builtFile` exists. */
function buildUnlessBuilt(builtFile: string, label: string, args: string[] = [], env: Record<string, string> = {}): void {
  if (existsSync(builtFile)) return;
  console.log(`baue ${label} …`);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(builtFile)) throw new Error(`astro build (${label}) fehlgeschlagen`);
}

/** Builds the site into $ASTRO_OUT_DIR (default dist/) if it is not built yet. */
export function ensureBuiltSite(): void {
  const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
  buildUnlessBuilt(path.resolve(ROOT, outDir, 'server', 'entry.mjs'), `den Server nach ${outDir}/`, [], { ASTRO_OUT_DIR: outDir });
}

/** The floor app (bench/floor: the same framework and adapter answering fixed bytes), built into .cache/bench-floor/. */
const FLOOR_ENTRY = path.join(ROOT, '.cache', 'bench-floor', 'server', 'entry.mjs');

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

/** Resolves when `child` writes a line matching `pattern` to stdout (then drops the rest of its output). */
async function waitForLine(child: ChildProcess, pattern: RegExp, label: string): Promise<void> {
  let seen = '';
  const found = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!pattern.test(seen)) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on('data', onData);
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`${label} endete beim Start (Exit-Code ${code}): ${seen.slice(-500)}`);
  });
  await Promise.race([found, exited]);
}

/**
 * Starts the production server (src/server/main.mjs, or another `entry` to compare) on `port` with the rate limit off (the load
 * comes from one address; loopback is exempt anyway, but the bench must not depend on that).
 * Its log output is dropped.
 */
export async function startPortalServer(port: number, env: Record<string, string> = {}, entry = SERVER_ENTRY): Promise<RunningServer> {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    await waitForLine(child, /"event":"listening"/, 'Server');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { process: child, base: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

/**
 * The floor: the minimal Astro app of bench/floor (built first if needed) on `port`, answering
 * `bodies` (path → Content-Type and bytes) exactly, each from memory.
 */
export async function startFloorServer(port: number, bodies: Map<string, { type: string; body: Buffer }>): Promise<RunningServer> {
  buildUnlessBuilt(FLOOR_ENTRY, 'den Boden (bench/floor)', ['--root', path.join(ROOT, 'bench', 'floor')]);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'revierfinder-floor-'));
  const manifest: Record<string, { type: string; file: string }> = {};
  let index = 0;
  for (const [floorPath, { type, body }] of bodies) {
    const file = path.join(dir, `${index++}.body`);
    await writeFile(file, body);
    manifest[floorPath] = { type, file };
  }
  await writeFile(path.join(dir, 'bodies.json'), JSON.stringify(manifest));
  const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'floor', 'serve.mjs'), FLOOR_ENTRY], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), FLOOR_BODIES: path.join(dir, 'bodies.json') },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    await waitForLine(child, /listening on/i, 'Boden');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const stop = stopper(child);
  return {
    process: child,
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
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
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`Lastgenerator endete mit Exit-Code ${code}`);
    return JSON.parse(output.trim().split('\n').at(-1)!) as LoadResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Failed requests of a load run: connection errors, timeouts and answers outside 2xx. */
export const failuresOf = (result: LoadResult) => result.errors + result.timeouts + result.non2xx;

export interface Endpoint {
  name: string;
  /** locate and search answer per keystroke or click: their target is higher. */
  kind: 'page' | 'api' | 'lookup';
  paths: string[];
}

export interface Workload {
  locate: string[];
  search: string[];
  district: string[];
  /** Every page and API route, each with the paths it rotates through. */
  endpoints: Endpoint[];
}

/**
 * The paths the load rotates through, seeded: locate at points inside Niedersachsen's
 * municipalities (random points in the bounding box the snapshot places inside), the search
 * query mix, district pages (with and without a searched point), and one or a few addresses of
 * every other page and API route.
 */
export function workload(dbPath: string, { points = 2_000, districts = 40 } = {}): Workload {
  const portal: Portal = loadPortal(dbPath);
  const random = seededRandom(7_000_007);
  const pick = <T>(list: T[], count: number): T[] =>
    Array.from({ length: Math.min(count, list.length) }, () => list[Math.floor(random() * list.length)]!);
  const inside: Array<{ lat: string; lon: string; district: string }> = [];
  while (inside.length < points) {
    const point = {
      lat: BBOX.minLat + random() * (BBOX.maxLat - BBOX.minLat),
      lon: BBOX.minLon + random() * (BBOX.maxLon - BBOX.minLon),
    };
    const found = portal.locate(point);
    if (found.kind !== 'inside') continue;
    inside.push({ lat: point.lat.toFixed(5), lon: point.lon.toFixed(5), district: found.district.id });
  }
  const locate = inside.map(({ lat, lon }) => `/api/v1/locate?lat=${lat}&lon=${lon}`);
  const search = QUERIES.map((query) => `/api/v1/search?q=${encodeURIComponent(query)}`);
  const ids = portal.listDistricts().map((d) => d.id);
  const district = pick(ids, districts).map((id) => `/bezirk/${id}`);
  const withPoint = inside.slice(0, districts).map(({ lat, lon, district: id }) => `/bezirk/${id}?lat=${lat}&lon=${lon}`);
  const officers = pick(
    portal.listOfficers().map((o) => o.id),
    10,
  );
  const stations = pick(
    portal.listStations().map((s) => s.id),
    10,
  );
  const inspections = pick(
    portal.listInspections().map((i) => i.id),
    10,
  );
  const accounts = pick(
    portal
      .listAccounts()
      .filter((a) => a.account.isDemo)
      .map((a) => a.account.id),
    10,
  );
  const stationAreas = pick(
    portal.widgetChoices().stations.map((s) => s.id),
    10,
  );
  const accountQueries = pick(
    portal.listAccounts().map(({ account }) => `platform=${account.platform}&handle=${encodeURIComponent(account.handle)}`),
    10,
  );
  // Queries with several answers: the search page lists them (a clear one redirects to its district).
  const listedQueries = ['Hauptstraße', 'Neuenkirchen', 'Bad', 'Samtgemeinde', 'Bahnhofstraße'];
  const endpoints: Endpoint[] = [
    { name: '/api/v1/locate', kind: 'lookup', paths: locate },
    { name: '/api/v1/search', kind: 'lookup', paths: search },
    { name: '/ (Startseite)', kind: 'page', paths: ['/'] },
    { name: '/bezirk/<id>', kind: 'page', paths: district },
    { name: '/bezirk/<id>?lat&lon', kind: 'page', paths: withPoint },
    { name: '/en/bezirk/<id>', kind: 'page', paths: district.map((p) => `/en${p}`) },
    { name: '/suche?q=', kind: 'page', paths: listedQueries.map((q) => `/suche?q=${encodeURIComponent(q)}`) },
    { name: '/beamte/<id>', kind: 'page', paths: officers.map((id) => `/beamte/${id}`) },
    { name: '/demo-konto/<id>', kind: 'page', paths: accounts.map((id) => `/demo-konto/${id}`) },
    { name: '/konto-pruefen', kind: 'page', paths: ['/konto-pruefen'] },
    { name: '/daten', kind: 'page', paths: ['/daten'] },
    { name: '/api (Doku)', kind: 'page', paths: ['/api'] },
    { name: '/widget', kind: 'page', paths: ['/widget'] },
    { name: '/barrierefreiheit', kind: 'page', paths: ['/barrierefreiheit'] },
    { name: '/datenschutz', kind: 'page', paths: ['/datenschutz'] },
    { name: '/impressum', kind: 'page', paths: ['/impressum'] },
    { name: '/leichte-sprache', kind: 'page', paths: ['/leichte-sprache'] },
    { name: '/embed/bezirk/<id>', kind: 'page', paths: district.map((p) => `/embed${p}?map=true`) },
    {
      name: '/embed/suche',
      kind: 'page',
      paths: ['Celle', 'Hannover', 'Hauptstraße'].map((q) => `/embed/suche?q=${encodeURIComponent(q)}`),
    },
    { name: '/embed/dienststelle/<id>', kind: 'page', paths: stationAreas.map((id) => `/embed/dienststelle/${id}`) },
    { name: '/embed/inspektion/<id>', kind: 'page', paths: inspections.map((id) => `/embed/inspektion/${id}`) },
    { name: '/api/v1/districts', kind: 'api', paths: ['/api/v1/districts', '/api/v1/districts?offset=50', '/api/v1/districts?limit=100'] },
    { name: '/api/v1/districts/<id>', kind: 'api', paths: district.map((p) => p.replace('/bezirk/', '/api/v1/districts/')) },
    {
      name: '/api/v1/districts/<id>/boundary',
      kind: 'api',
      paths: district.map((p) => `${p.replace('/bezirk/', '/api/v1/districts/')}/boundary`),
    },
    { name: '/api/v1/officers', kind: 'api', paths: ['/api/v1/officers'] },
    { name: '/api/v1/officers/<id>', kind: 'api', paths: officers.map((id) => `/api/v1/officers/${id}`) },
    { name: '/api/v1/stations', kind: 'api', paths: ['/api/v1/stations'] },
    { name: '/api/v1/stations/<id>', kind: 'api', paths: stations.map((id) => `/api/v1/stations/${id}`) },
    { name: '/api/v1/inspections', kind: 'api', paths: ['/api/v1/inspections'] },
    { name: '/api/v1/directorates', kind: 'api', paths: ['/api/v1/directorates'] },
    { name: '/api/v1/accounts/verify', kind: 'api', paths: accountQueries.map((query) => `/api/v1/accounts/verify?${query}`) },
    { name: '/api/v1/openapi.json', kind: 'api', paths: ['/api/v1/openapi.json'] },
    { name: '/karte/uebersicht.geojson', kind: 'api', paths: ['/karte/uebersicht.geojson'] },
    { name: '/karte/bezirk/<id>.geojson', kind: 'api', paths: district.map((p) => `/karte${p}.geojson`) },
    { name: '/daten/<Datei>', kind: 'api', paths: ['/daten/beamte.csv', '/daten/dienststellen.csv', '/daten/konten.csv'] },
    { name: '/daten/bezirke.geojson', kind: 'api', paths: ['/daten/bezirke.geojson'] },
    { name: '/sitemap.xml', kind: 'api', paths: ['/sitemap.xml'] },
  ];
  return { locate, search, district, endpoints };
}

/** Requests every path once, in turn, so that measuring does not start with module loading and JIT. */
export async function warmUp(base: string, paths: readonly string[]): Promise<void> {
  for (const warmPath of paths) await (await fetch(base + warmPath)).arrayBuffer();
}
