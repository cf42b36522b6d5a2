/**
 * Soak run (`npm run soak -- --minutes 10`): steady mixed load (locate, search, district pages)
 * against the built server for the given time, the server's resident memory sampled every 10 s.
 * Prints the samples and the growth from the first sample after warm-up to the last; exits 1
 * unless there were no failed requests and memory grew by less than 10 %.
 *
 * Options: --minutes M (default 10), --connections N (default 20), --port P (default 4490).
 * Server and database as for the benchmark: $ASTRO_OUT_DIR (else dist/), $DATABASE_PATH.
 */
import {
  ensureBuiltSite,
  ensureDatabase,
  failuresOf,
  memoryOf,
  numberFlag,
  runLoad,
  startPortalServer,
  warmUp,
  workload,
} from '../bench/load-kit';

const SAMPLE_EVERY_MS = 10_000;
const MAX_GROWTH = 0.1;
/**
 * Memory settles (JIT, caches, the heap's first sizing under load) in the first half minute or
 * so: the first part of the run, up to a minute, is not counted.
 */
const WARM_UP_SHARE = 0.5;
const MAX_WARM_UP_MS = 60_000;

const args = process.argv.slice(2);
const minutes = numberFlag(args, 'minutes', 10);
const connections = numberFlag(args, 'connections', 20);
const port = numberFlag(args, 'port', 4490);
const durationMs = Math.round(minutes * 60_000);
const warmUpMs = Math.min(MAX_WARM_UP_MS, durationMs * WARM_UP_SHARE);

const dbPath = ensureDatabase();
ensureBuiltSite();
const paths = workload(dbPath);
// Mixed in the proportions a busy day might bring: mostly lookups, some page views.
const mixed: string[] = [];
for (let i = 0; i < paths.locate.length; i++) {
  mixed.push(paths.locate[i]!, paths.search[i % paths.search.length]!);
  if (i % 4 === 0) mixed.push(paths.district[i % paths.district.length]!);
}

const server = await startPortalServer(port, { DATABASE_PATH: dbPath });
let exitCode: number;
try {
  await warmUp(server.base, [...paths.search, ...paths.district]);
  const pid = server.process.pid!;
  const samples: Array<{ atSeconds: number; rssMb: number; peakMb: number }> = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const sample = { atSeconds: Math.round((Date.now() - started) / 1000), ...memoryOf(pid) };
    samples.push(sample);
    console.log(`  ${String(sample.atSeconds).padStart(5)} s  RSS ${sample.rssMb.toFixed(1)} MB  (Spitze ${sample.peakMb.toFixed(1)} MB)`);
  }, SAMPLE_EVERY_MS);
  console.log(`Dauerlast: ${minutes} min, ${connections} Verbindungen, gemischt (locate, Suche, Bezirksseiten); RSS alle 10 s:`);
  const result = await runLoad(server.base, mixed, connections, durationMs / 1000);
  clearInterval(sampler);
  samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), ...memoryOf(pid) });

  const counted = samples.filter((sample) => sample.atSeconds * 1000 >= warmUpMs);
  const first = counted[0];
  const last = counted.at(-1);
  const growth = first && last && counted.length >= 2 ? (last.rssMb - first.rssMb) / first.rssMb : NaN;
  const failures = failuresOf(result);
  console.log(
    `Anfragen: ${result.total.toLocaleString('de-DE')} (${Math.round(result.requestsPerSecond)}/s), p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms; Fehler ${result.errors}, Timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
  );
  console.log(
    `RSS-Wachstum nach ${Math.round(warmUpMs / 1000)} s Aufwärmen: ${first?.rssMb.toFixed(1)} MB (${first?.atSeconds} s) → ` +
      `${last?.rssMb.toFixed(1)} MB (${last?.atSeconds} s) = ${(growth * 100).toFixed(1)} %`,
  );
  // For the reader, not the verdict: a leak keeps growing in the second half, a heap settling does not.
  const middle = samples.find((sample) => sample.atSeconds * 2000 >= durationMs);
  if (middle && last) {
    console.log(
      `  davon in der zweiten Hälfte (${middle.atSeconds} s → ${last.atSeconds} s): ${(((last.rssMb - middle.rssMb) / middle.rssMb) * 100).toFixed(1)} %`,
    );
  }
  const passed = failures === 0 && growth < MAX_GROWTH;
  console.log(
    passed ? 'Bestanden: keine Fehler, Wachstum unter 10 %.' : 'NICHT bestanden: Fehler oder Wachstum ≥ 10 % (oder zu wenige Proben).',
  );
  exitCode = passed ? 0 : 1;
} finally {
  await server.stop();
}
process.exit(exitCode);
