/**
 * The built server under HTTP load (part of `npm run bench`): locate at random points inside
 * Niedersachsen, the search query mix and district pages, each beside the floor (a bare Node
 * `http` server answering a fixed JSON body of a typical locate answer's size), with the same
 * connections and duration, the load coming from a second process (autocannon). Prints
 * requests/s, latency percentiles, failures, each endpoint's throughput as a share of the floor,
 * the server's memory before and after, and whether the targets are met. Never fails on timings.
 *
 * Options: --duration S (per endpoint, default 10), --connections N (default 50),
 * --port P (server; the floor listens on P + 1; default 4480).
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

export async function runLoadBench(args: readonly string[]): Promise<void> {
  const duration = numberFlag(args, 'duration', 10);
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

    const runs: Array<{ name: string; result: LoadResult; isFloor?: boolean }> = [];
    const floorResult = await runLoad(floor.base, ['/'], connections, duration);
    runs.push({ name: `Boden (bare http, ${floorBytes} B JSON)`, result: floorResult, isFloor: true });
    runs.push({ name: 'GET /api/v1/locate', result: await runLoad(server.base, paths.locate, connections, duration) });
    runs.push({ name: 'GET /api/v1/search', result: await runLoad(server.base, paths.search, connections, duration) });
    runs.push({ name: 'GET /bezirk/<id>', result: await runLoad(server.base, paths.district, connections, duration) });
    const after = memoryOf(server.process.pid!);

    const share = (result: LoadResult) => result.requestsPerSecond / floorResult.requestsPerSecond;
    console.log(
      `HTTP-Last: ${connections} Verbindungen, ${duration} s je Endpunkt, Node ${process.version}, ${os.cpus().length} Kerne; ` +
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
