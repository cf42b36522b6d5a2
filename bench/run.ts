/**
 * Benchmark: data build, snapshot load, and per-call latency of the services in process
 * (locate, search, districtView); then the production server under HTTP load, every route beside
 * the framework's own floor for the same bytes (bench/load.ts). Run with `npm run bench`;
 * options: `--only in-process|http|editor|publish` (editor: sign-in and publish times, bench/editor.ts; publish: the
 * editor's publish to two replicas behind nginx, default data and 2.5 million synthetic addresses, bench/publish.ts;
 * `--no-synthetic`, `--synthetic FILE`, `--citizens N`), `--duration S`, `--rounds N`, `--connections N`,
 * `--routes REGEX`; `--proxy` instead measures nginx in front of two replicas (bench/proxy.ts).
 * Prints tables and whether the targets are met; never fails on timings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatabase } from '../src/data-import/build-database';
import type { LatLon } from '../src/domain/model';
import type { Portal } from '../src/services/portal';
import { loadPortal } from '../src/services/snapshot';
import { seededRandom } from '../src/domain/seeded-random';
import { runLoadBench } from './load';
import { runProxyBench } from './proxy';
import { runEditorBench } from './editor';
import { runPublishBench } from './publish';
import { BBOX, QUERIES } from './queries';
import { table } from './table';

const DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));
const BUILD_RUNS = 3;
const LOAD_RUNS = 3;
const LOCATE_POINTS = 10_000;
const SEARCH_CALLS = 6_000;
const DISTRICT_VIEW_ROUNDS = 20;
const WARM_UP_CALLS = 1_000;

interface Stats {
  calls: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Latencies in nanoseconds → statistics in microseconds. */
function stats(samples: bigint[]): Stats {
  const micros = samples.map((ns) => Number(ns) / 1_000).sort((a, b) => a - b);
  const totalMicros = micros.reduce((sum, value) => sum + value, 0);
  return {
    calls: micros.length,
    p50: percentile(micros, 50),
    p95: percentile(micros, 95),
    p99: percentile(micros, 99),
    max: micros.at(-1)!,
    perSecond: totalMicros > 0 ? (micros.length / totalMicros) * 1e6 : 0,
  };
}

function timeMs(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeMsAsync(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function districtIds(portal: Portal): string[] {
  return portal
    .overviewGeoJson()
    .features.filter((feature) => feature.properties?.kind === 'district')
    .map((feature) => String(feature.properties!.id));
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'revierfinder-bench-'));
  try {
    // Data build, into a fresh file each run.
    const buildTimes: number[] = [];
    let dbPath = '';
    for (let run = 0; run < BUILD_RUNS; run++) {
      dbPath = path.join(dir, `portal-${run}.db`);
      const outputPath = dbPath;
      buildTimes.push(await timeMsAsync(() => buildDatabase({ dataDir: DATA_DIR, outputPath })));
    }

    // Snapshot load: read the SQLite file and build the in-memory indexes.
    const loadTimes: number[] = [];
    let portal!: Portal;
    for (let run = 0; run < LOAD_RUNS; run++) {
      loadTimes.push(
        timeMs(() => {
          portal = loadPortal(dbPath);
        }),
      );
    }

    // locate: seeded random points in the bounding box.
    const random = seededRandom(20_240_601);
    const randomPoint = (): LatLon => ({
      lat: BBOX.minLat + random() * (BBOX.maxLat - BBOX.minLat),
      lon: BBOX.minLon + random() * (BBOX.maxLon - BBOX.minLon),
    });
    for (let i = 0; i < WARM_UP_CALLS; i++) portal.locate(randomPoint());
    const points = Array.from({ length: LOCATE_POINTS }, randomPoint);
    const insideSamples: bigint[] = [];
    const outsideSamples: bigint[] = [];
    let sink = 0;
    for (const point of points) {
      const start = process.hrtime.bigint();
      const result = portal.locate(point);
      const elapsed = process.hrtime.bigint() - start;
      if (result.kind === 'inside') {
        insideSamples.push(elapsed);
        sink += result.nearBoundary.length;
      } else outsideSamples.push(elapsed);
    }

    // search: the query mix, round-robin, after one warm-up pass per query.
    for (let i = 0; i < WARM_UP_CALLS; i++) portal.search(QUERIES[i % QUERIES.length]!, 10);
    const searchSamples: bigint[] = [];
    const byQuery = new Map<string, bigint[]>(QUERIES.map((query) => [query, []]));
    const rounds = Math.ceil(SEARCH_CALLS / QUERIES.length);
    for (let round = 0; round < rounds; round++) {
      for (const query of QUERIES) {
        const start = process.hrtime.bigint();
        const results = portal.search(query, 10);
        const elapsed = process.hrtime.bigint() - start;
        searchSamples.push(elapsed);
        byQuery.get(query)!.push(elapsed);
        sink += results.results.length;
      }
    }

    // districtView: every district, several rounds.
    const ids = districtIds(portal);
    for (const id of ids) portal.districtView(id);
    const viewSamples: bigint[] = [];
    for (let round = 0; round < DISTRICT_VIEW_ROUNDS; round++) {
      for (const id of ids) {
        const start = process.hrtime.bigint();
        const view = portal.districtView(id);
        viewSamples.push(process.hrtime.bigint() - start);
        sink += view ? view.kobbOfficers.length : 0;
      }
    }

    const allLocate = stats([...insideSamples, ...outsideSamples]);
    const row = (name: string, s: Stats) => [
      name,
      s.calls.toLocaleString('en-US'),
      fmt(s.p50),
      fmt(s.p95),
      fmt(s.p99),
      fmt(s.max),
      Math.round(s.perSecond).toLocaleString('en-US'),
    ];

    console.log(`Revierfinder benchmark, Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
    console.log(`data: ${DATA_DIR}\n`);
    console.log(
      table(
        ['Setup', 'runs', 'min ms', 'median ms'],
        [
          ['data build (validate + write SQLite)', String(BUILD_RUNS), fmt(Math.min(...buildTimes)), fmt(median(buildTimes))],
          ['Portal load (read + indexes)', String(LOAD_RUNS), fmt(Math.min(...loadTimes)), fmt(median(loadTimes))],
        ],
      ),
    );
    console.log('');
    console.log(
      table(
        ['Per call (µs)', 'calls', 'p50', 'p95', 'p99', 'max', 'calls/s'],
        [
          row('locate, all points', allLocate),
          row('locate, inside hits', stats(insideSamples)),
          row('locate, outside', stats(outsideSamples)),
          row(`search (${QUERIES.length} queries mixed)`, stats(searchSamples)),
          row(`districtView (${ids.length} districts)`, stats(viewSamples)),
        ],
      ),
    );
    const slowest = [...byQuery]
      .map(([query, samples]) => ({ query, s: stats(samples) }))
      .sort((a, b) => b.s.p50 - a.s.p50)
      .slice(0, 5);
    console.log(`\nslowest search queries (p50 µs): ${slowest.map(({ query, s }) => `${JSON.stringify(query)} ${fmt(s.p50)}`).join(', ')}`);
    console.log(
      `locate: ${LOCATE_POINTS.toLocaleString('en-US')} seeded points in lat ${BBOX.minLat}–${BBOX.maxLat}, ` +
        `lon ${BBOX.minLon}–${BBOX.maxLon}; ${insideSamples.length.toLocaleString('en-US')} inside, ` +
        `${outsideSamples.length.toLocaleString('en-US')} outside. calls/s = calls ÷ summed call time (one core). (checksum ${sink})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (args.includes('--proxy')) {
  await runProxyBench(args);
} else if (only === 'editor') {
  await runEditorBench(args);
} else if (only === 'publish') {
  await runPublishBench(args);
} else {
  if (only !== 'http') await main();
  if (only !== 'in-process') {
    if (only !== 'http') console.log('');
    await runLoadBench(args);
  }
}
