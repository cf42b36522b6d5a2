/**
 * The built server under HTTP load (part of `npm run bench`): locate at random points inside
 * Niedersachsen, the search query mix and district pages, each beside the floor (a bare Node
 * `http` server answering a fixed JSON body of a typical locate answer's size), with the same
 * connections and duration, the load coming from a second process (autocannon). Prints
 * requests/s, latency percentiles, failures, each endpoint's throughput as a share of the floor,
 * the server's memory before and after, and whether the targets are met. Never fails on timings.
 *
 * The endpoints take turns in rounds (floor, locate, search, district page, then again), so that
 * whatever else the machine does falls on all of them alike; each gets the same total time.
 *
 * Options: --duration S (per endpoint, default 10), --rounds N (default 5), --connections N
 * (default 50), --port P (server; the floor listens on P + 1; default 4480).
 */
import os from 'node:os';
import path from 'node:path';
import {
  ensureBuiltServer,
  ensureDatabase,
  failuresOf,
  memoryOf,
  numberFlag,
  ROOT,
  runLoad,
  startFloorServer,
  startPortalServer,
  typicalLocateBytes,
  warmUp,
  workload,
  type LoadResult,
} from './load-kit';
import { table } from './table';

/** Targets on the project's 2-core reference machine at 50 connections (issue 7). */
const TARGETS = { locateShare: 0.5, districtShare: 0.25, p99Ms: 50 };

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * One result of a run's slices: requests per second over the whole time, the median slice's p50,
 * the worst slice's p97.5, p99 and maximum (a percentile of slices cannot be merged exactly, so
 * the tail is taken at its worst), failures summed.
 */
function combined(slices: LoadResult[]): LoadResult {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const worst = (pick: (result: LoadResult) => number) => Math.max(...slices.map(pick));
  const sum = (pick: (result: LoadResult) => number) => slices.reduce((total, result) => total + pick(result), 0);
  return {
    requestsPerSecond: sum((result) => result.requestsPerSecond) / slices.length,
    total: sum((result) => result.total),
    latency: {
      p50: median(slices.map((result) => result.latency.p50)),
      p97_5: worst((result) => result.latency.p97_5),
      p99: worst((result) => result.latency.p99),
      max: worst((result) => result.latency.max),
    },
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
    non2xx: sum((result) => result.non2xx),
    statusCodes: {},
    bytesPerSecond: sum((result) => result.bytesPerSecond) / slices.length,
  };
}

export async function runLoadBench(args: readonly string[]): Promise<void> {
  const duration = numberFlag(args, 'duration', 10);
  const rounds = Math.round(numberFlag(args, 'rounds', 5));
  const connections = numberFlag(args, 'connections', 50);
  const port = numberFlag(args, 'port', 4480);
  const dbPath = ensureDatabase();
  const entry = ensureBuiltServer();
  const paths = workload(dbPath);

  const server = await startPortalServer(entry, port, { DATABASE_PATH: dbPath });
  let floor: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  try {
    const floorBytes = await typicalLocateBytes(server.base, paths.locate);
    floor = await startFloorServer(port + 1, floorBytes);
    await warmUp(server.base, [...paths.locate.slice(0, 200), ...paths.search, ...paths.district]);
    const before = memoryOf(server.process.pid!);

    const endpoints = [
      { name: `Boden (bare http, ${floorBytes} B JSON)`, base: floor.base, paths: ['/'], isFloor: true },
      { name: 'GET /api/v1/locate', base: server.base, paths: paths.locate },
      { name: 'GET /api/v1/search', base: server.base, paths: paths.search },
      { name: 'GET /bezirk/<id>', base: server.base, paths: paths.district },
    ];
    const slices: LoadResult[][] = endpoints.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [index, endpoint] of endpoints.entries()) {
        slices[index]!.push(await runLoad(endpoint.base, endpoint.paths, connections, duration / rounds));
      }
    }
    const runs = endpoints.map((endpoint, index) => ({ ...endpoint, result: combined(slices[index]!) }));
    const floorResult = runs[0]!.result;
    const after = memoryOf(server.process.pid!);

    const share = (result: LoadResult) => result.requestsPerSecond / floorResult.requestsPerSecond;
    console.log(
      `HTTP-Last: ${connections} Verbindungen, ${duration} s je Endpunkt in ${rounds} Runden, Node ${process.version}, ${os.cpus().length} Kerne; ` +
        `Server ${path.relative(ROOT, entry)}, Datenbank ${path.relative(ROOT, dbPath)}`,
    );
    console.log(
      `  rotiert über ${paths.locate.length} Punkte in Gemeinden, ${paths.search.length} Suchanfragen, ${paths.district.length} Bezirksseiten`,
    );
    const rows = runs.map(({ name, result, isFloor }) => [
      name,
      fmt(result.requestsPerSecond),
      fmt(result.latency.p50, 1),
      fmt(result.latency.p97_5, 1),
      fmt(result.latency.p99, 1),
      fmt(result.latency.max, 1),
      `${result.errors}/${result.timeouts}/${result.non2xx}`,
      isFloor ? '100 %' : `${fmt(share(result) * 100)} %`,
    ]);
    console.log(table(['Endpunkt', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'Fehler/Timeouts/non-2xx', 'vom Boden'], rows));
    const perRound = (index: number) =>
      slices[index]!.map((slice, round) => fmt((slice.requestsPerSecond / slices[0]![round]!.requestsPerSecond) * 100)).join(' / ');
    console.log(`Anteil vom Boden je Runde (%): locate ${perRound(1)}; Bezirksseite ${perRound(3)}`);
    console.log(
      `Server-Speicher: RSS vorher ${fmt(before.rssMb, 1)} MB, nachher ${fmt(after.rssMb, 1)} MB; Spitze (VmHWM) vorher ${fmt(before.peakMb, 1)} MB, nachher ${fmt(after.peakMb, 1)} MB`,
    );

    const [, locate, search, district] = runs.map((run) => run.result) as [LoadResult, LoadResult, LoadResult, LoadResult];
    const served = [locate, search, district];
    const worstP99 = Math.max(...served.map((result) => result.latency.p99));
    const failures = served.reduce((sum, result) => sum + failuresOf(result), 0);
    const verdict = (met: boolean) => (met ? 'erfüllt' : 'NICHT erfüllt');
    console.log('Ziele (2 Kerne, 50 Verbindungen):');
    console.log(`  locate ≥ ${TARGETS.locateShare * 100} % des Bodens: ${fmt(share(locate) * 100)} % → ${verdict(share(locate) >= TARGETS.locateShare)}`);
    console.log(`  Bezirksseite ≥ ${TARGETS.districtShare * 100} % des Bodens: ${fmt(share(district) * 100)} % → ${verdict(share(district) >= TARGETS.districtShare)}`);
    console.log(`  p99 ≤ ${TARGETS.p99Ms} ms (schlechtester Endpunkt): ${fmt(worstP99, 1)} ms → ${verdict(worstP99 <= TARGETS.p99Ms)}`);
    console.log(`  keine Fehler: ${failures} → ${verdict(failures === 0)}`);
  } finally {
    await floor?.stop();
    await server.stop();
  }
}
