/**
 * The production server under HTTP load (part of `npm run bench`): every page and API route,
 * each beside its floor, the same framework answering the same bytes: a minimal Astro app with
 * the same adapter (bench/floor) whose endpoint returns, from memory, the body the route gave.
 * What the portal costs beyond that floor is our own work (middleware, services, rendering).
 * The load comes from a second process (autocannon, bench/load-client.mjs), 50 connections by
 * default. Prints per route: body size, requests/s of route and floor, the route's share of the
 * floor, p50 and p99; then memory and whether the targets are met. Never fails on timings.
 *
 * The machine may be busy with other work: each route and its floor take turns, alternating
 * which goes first, in rounds; the share is taken per round (route ÷ its floor, measured next
 * to each other) and the median over rounds reported with its range, so that the spread shows
 * how noisy the run was.
 *
 * Options: --duration S (per run, default 2), --rounds N (default 3), --connections N (default
 * 50), --port P (server; the floor listens on P + 1; default 4480), --server FILE (another
 * server entry to measure, e.g. an older build's main.mjs), --routes REGEX (routes whose
 * name matches).
 */
import os from 'node:os';
import path from 'node:path';
import {
  ensureBuiltSite,
  ensureDatabase,
  failuresOf,
  memoryOf,
  numberFlag,
  runLoad,
  startFloorServer,
  startPortalServer,
  warmUp,
  workload,
  type Endpoint,
  type LoadResult,
} from './load-kit';
import { table } from './table';

/** Targets at 50 connections (issue 17): share of the floor for the same bytes. */
const TARGETS: Record<Endpoint['kind'], number> = { page: 0.5, api: 0.5, lookup: 0.7 };

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A representative answer of `paths` (the median size of a few): what the floor answers. */
async function sampleBody(base: string, paths: readonly string[]): Promise<{ type: string; body: Buffer }> {
  const samples: Array<{ type: string; body: Buffer }> = [];
  for (const samplePath of paths.slice(0, 9)) {
    const response = await fetch(base + samplePath, { redirect: 'manual' });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${samplePath} antwortet ${response.status}, nicht 200`);
    samples.push({ type: response.headers.get('content-type') ?? 'application/octet-stream', body });
  }
  samples.sort((a, b) => a.body.length - b.body.length);
  return samples[Math.floor(samples.length / 2)]!;
}

interface Measured {
  endpoint: Endpoint;
  bytes: number;
  route: LoadResult[];
  floor: LoadResult[];
}

export async function runLoadBench(args: readonly string[]): Promise<void> {
  const duration = numberFlag(args, 'duration', 2);
  const rounds = Math.round(numberFlag(args, 'rounds', 3));
  const connections = numberFlag(args, 'connections', 50);
  const port = numberFlag(args, 'port', 4480);
  const only = args.includes('--routes') ? new RegExp(args[args.indexOf('--routes') + 1] ?? '') : null;
  const dbPath = ensureDatabase();
  ensureBuiltSite();
  const { endpoints: all } = workload(dbPath);
  const endpoints = all.filter((endpoint) => !only || only.test(endpoint.name));

  // --server FILE: another server entry (e.g. an older build's) measured the same way.
  const entry = args.includes('--server') ? path.resolve(args[args.indexOf('--server') + 1]!) : undefined;
  const server = await startPortalServer(port, { DATABASE_PATH: dbPath }, entry);
  let floor: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  try {
    const bodies = new Map<string, { type: string; body: Buffer }>();
    for (const [index, endpoint] of endpoints.entries()) bodies.set(`/floor/${index}`, await sampleBody(server.base, endpoint.paths));
    floor = await startFloorServer(port + 1, bodies);
    for (const endpoint of endpoints) await warmUp(server.base, endpoint.paths.slice(0, 200));
    for (const floorPath of bodies.keys()) await warmUp(floor.base, [floorPath, floorPath]);
    const before = memoryOf(server.process.pid!);

    const measured: Measured[] = endpoints.map((endpoint, index) => ({
      endpoint,
      bytes: bodies.get(`/floor/${index}`)!.body.length,
      route: [],
      floor: [],
    }));
    const started = Date.now();
    for (let round = 0; round < rounds; round++) {
      for (const [index, entry] of measured.entries()) {
        const runRoute = async () => entry.route.push(await runLoad(server.base, entry.endpoint.paths, connections, duration));
        const runFloor = async () => entry.floor.push(await runLoad(floor!.base, [`/floor/${index}`], connections, duration));
        // Alternate who goes first, so that neither always follows the other's after-effects.
        if ((round + index) % 2 === 0) {
          await runRoute();
          await runFloor();
        } else {
          await runFloor();
          await runRoute();
        }
      }
    }
    const after = memoryOf(server.process.pid!);

    console.log(
      `HTTP-Last: ${connections} Verbindungen, ${rounds} Runden zu ${duration} s je Route und Boden (abwechselnd), ` +
        `Node ${process.version}, ${os.cpus().length} Kerne, Last vorher ${os.loadavg()[0]!.toFixed(1)}; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    console.log('Boden: eine minimale Astro-App mit demselben Adapter (bench/floor), die dieselben Bytes aus dem Speicher antwortet.');
    const rows = measured.map(({ endpoint, bytes, route, floor: floorRuns }) => {
      const shares = route.map((run, round) => run.requestsPerSecond / floorRuns[round]!.requestsPerSecond);
      const share = median(shares);
      const failures = route.reduce((sum, run) => sum + failuresOf(run), 0);
      return {
        endpoint,
        share,
        failures,
        p99: median(route.map((run) => run.latency.p99)),
        cells: [
          endpoint.name,
          fmt(bytes),
          fmt(median(route.map((run) => run.requestsPerSecond))),
          fmt(median(floorRuns.map((run) => run.requestsPerSecond))),
          `${fmt(share * 100)} % (${fmt(Math.min(...shares) * 100)}–${fmt(Math.max(...shares) * 100)})`,
          fmt(median(route.map((run) => run.latency.p50)), 1),
          fmt(median(route.map((run) => run.latency.p99)), 1),
          fmt(median(floorRuns.map((run) => run.latency.p99)), 1),
          String(failures),
          `≥ ${TARGETS[endpoint.kind] * 100} %`,
        ],
      };
    });
    console.log(
      table(
        ['Route', 'Bytes', 'req/s', 'Boden req/s', 'Anteil (Spanne)', 'p50 ms', 'p99 ms', 'Boden p99 ms', 'Fehler', 'Ziel'],
        rows.map((row) => row.cells),
      ),
    );
    console.log('req/s, p50 und p99: Median über die Runden; Anteil: Median der Anteile je Runde, in Klammern kleinster–größter.');
    console.log(
      `Server-Speicher: RSS vorher ${fmt(before.rssMb, 1)} MB, nachher ${fmt(after.rssMb, 1)} MB; Spitze (VmHWM) ${fmt(after.peakMb, 1)} MB`,
    );
    const missed = rows.filter((row) => row.share < TARGETS[row.endpoint.kind]);
    const failures = rows.reduce((sum, row) => sum + row.failures, 0);
    console.log(
      `Ziele (Anteil am Boden: Seiten und API ≥ 50 %, locate und Suche ≥ 70 %): ` +
        (missed.length === 0
          ? 'alle erfüllt'
          : `NICHT erfüllt für ${missed.map((row) => `${row.endpoint.name} (${fmt(row.share * 100)} %)`).join(', ')}`) +
        `; schlechtestes p99 ${fmt(Math.max(...rows.map((row) => row.p99)), 1)} ms; Fehler ${failures}`,
    );
  } finally {
    await floor?.stop();
    await server.stop();
  }
}
