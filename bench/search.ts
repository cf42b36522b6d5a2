/**
 * Address search at the scale of the whole state, on SYNTHETIC data (`npm run bench:search`):
 * generates (once, cached in .cache/synthetic/) 2.5 million synthetic HK-DE addresses, builds
 * them with the default data into .cache/synthetic/portal.db, then measures
 *   - build time and database size,
 *   - per-query latency in process over a mixed query set (full addresses, prefixes while typing,
 *     typos, towns, postcodes), side by side with the bare FTS5 candidate query (the floor),
 *   - the peak RSS (VmHWM) of the built server with this database, under HTTP queries.
 * Prints a table; never fails on timings. Options: --addresses N (default 2500000), --skip-build,
 * --in-process-only (no server figures: for iterating on the search itself), --cpu-time (the
 * in-process timings as this process's CPU time instead of wall time: on a shared, busy machine
 * wall time also counts the moments another process had the CPU).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatabase, isDatabaseStale } from '../src/data-import/build-database';
import { openSnapshot } from '../src/db/client';
import { AddressStore } from '../src/db/address-store';
import { parseAddressQuery } from '../src/domain/search';
import { seededRandom } from '../src/domain/seeded-random';
import { AddressSearch } from '../src/services/address-search';
import { openPortal } from '../src/services/snapshot';
import { SERVER_ENTRY, startPortalServer } from './load-kit';
import { generateSyntheticAddresses, SYNTHETIC_DIR, syntheticFilePath } from '../scripts/generate-synthetic-addresses';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA_DIR = path.join(ROOT, 'data');
const DB_PATH = path.join(SYNTHETIC_DIR, 'portal.db');
const QUERIES_PER_CLASS = 400;
const WARM_UP_ROUNDS = 1;
const MEASURED_ROUNDS = 3;
const HTTP_QUERIES = 2_000;
const HTTP_CONCURRENCY = 4;
const SERVER_PORT = Number(process.env.BENCH_PORT ?? 4497);

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--addresses') + 1] ?? NaN) || 2_500_000;
const skipBuild = args.includes('--skip-build');
const inProcessOnly = args.includes('--in-process-only');
const cpuTime = args.includes('--cpu-time');
/** Milliseconds on the clock the in-process timings use. */
const clock = cpuTime
  ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
  : () => performance.now();

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

const ms = (value: number) => value.toFixed(3).padStart(8);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  console.log(`Adresssuche-Benchmark auf SYNTHETISCHEN Daten (${count.toLocaleString('de-DE')} Adressen) + Standarddaten`);
  const file = syntheticFilePath(count);
  if (!existsSync(file)) {
    const started = performance.now();
    await generateSyntheticAddresses({ addresses: count, seed: 7, out: file });
    console.log(`  synthetische Datei erzeugt: ${path.relative(ROOT, file)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const extraAddressFiles = [file];
  let buildSeconds = NaN;
  if (!skipBuild || (await isDatabaseStale({ dataDir: DATA_DIR, dbPath: DB_PATH, extraAddressFiles }))) {
    const report = await buildDatabase({ dataDir: DATA_DIR, outputPath: DB_PATH, extraAddressFiles });
    buildSeconds = report.durationMs / 1000;
    console.log(`  gebaut: ${report.counts.streets} Straßen, ${report.counts.addresses} Adressen, Version ${report.dataVersion}`);
  }
  const sizeBytes = statSync(DB_PATH).size;

  const { portal, close } = openPortal(DB_PATH);
  const db = openSnapshot(DB_PATH);
  const store = new AddressStore(db);
  const floor = new AddressSearch(store, () => ({ label: '', population: 0 }));
  const queries = queryMix(db.$client);

  // Warm-up, then measured rounds; each query timed alone. Two floors: the FTS5 candidate query
  // exactly as the search issues it (spelling corrections and completions included), and the
  // naive one with the words as typed (which finds nothing for a typo, and so is quick there).
  const full = new Map<string, number[]>();
  const issued = new Map<string, number[]>();
  const asTyped = new Map<string, number[]>();
  const record = (into: Map<string, number[]>, kind: string, value: number) => {
    for (const key of [kind, 'alle / all']) (into.get(key) ?? into.set(key, []).get(key)!).push(value);
  };
  for (let round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
    for (const { kind, query } of queries) {
      let t = clock();
      portal.search(query, 10);
      const fullMs = clock() - t;
      const parsed = parseAddressQuery(query);
      const expression = floor.matchExpression(parsed);
      t = clock();
      if (expression) store.streetCandidateIds(expression.match);
      const issuedMs = clock() - t;
      t = clock();
      floor.rawCandidateIds(parsed);
      const asTypedMs = clock() - t;
      if (round < WARM_UP_ROUNDS) continue;
      record(full, kind, fullMs);
      record(issued, kind, issuedMs);
      record(asTyped, kind, asTypedMs);
    }
  }
  close();
  db.$client.close();

  const server = inProcessOnly ? null : await serverFigures(queries.map((q) => q.query));

  console.log('');
  console.log(
    `Build (Standarddaten + synthetisch): ${Number.isNaN(buildSeconds) ? 'übersprungen' : `${buildSeconds.toFixed(1)} s`}; Datenbank ${mb(sizeBytes)}`,
  );
  console.log('');
  console.log(
    `${cpuTime ? 'CPU-Zeit' : 'Latenz'} je Anfrage in ms (in-process, Portal.search limit 10) neben der FTS5-Kandidatenabfrage allein (Boden):`,
  );
  console.log('  "Ausdruck" = die FTS5-Abfrage genau so, wie die Suche sie stellt; "getippt" = die Wörter wie getippt, ohne Korrekturen');
  console.log(
    'Abfrageart              |    n | voll p50 | voll p95 | voll p99 | Ausdr p50 | Ausdr p95 | voll/Ausdr p95 | getippt p95 | voll/getippt p95',
  );
  console.log(
    '------------------------|------|----------|----------|----------|-----------|-----------|----------------|-------------|-----------------',
  );
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(1) : '–');
  for (const [kind, samples] of full) {
    const f = stats(samples);
    const e = stats(issued.get(kind)!);
    const r = stats(asTyped.get(kind)!);
    console.log(
      `${kind.padEnd(24)}|${String(f.n).padStart(5)} |${ms(f.p50)}  |${ms(f.p95)}  |${ms(f.p99)}  |${ms(e.p50)}   |${ms(e.p95)}   | ${ratio(f.p95, e.p95).padStart(14)} |${ms(r.p95)}     | ${ratio(f.p95, r.p95).padStart(15)}`,
    );
  }
  console.log('');
  if (server) {
    console.log(
      `Server (${server.entry}, DATABASE_PATH=${path.relative(ROOT, DB_PATH)}): Spitzen-RSS (VmHWM) ${server.peakMb.toFixed(0)} MB nach ${server.queries} HTTP-Anfragen ` +
        `(RSS am Ende ${server.rssMb.toFixed(0)} MB; HTTP p50 ${server.p50.toFixed(1)} ms, p95 ${server.p95.toFixed(1)} ms; Status ${server.statuses})`,
    );
  } else if (inProcessOnly) {
    console.log('Server: nicht gemessen (--in-process-only)');
  } else {
    console.log('Server: nicht gemessen (kein gebauter Server gefunden; ASTRO_OUT_DIR=… npx astro build)');
  }
  console.log('Ziele: p95 ≤ 5 ms und ≤ 3× FTS5-p95 (Ausdruck); Build ≤ 3 min; RSS ≤ 600 MB. Alle Adressen sind SYNTHETISCH.');
}

interface Sample {
  kind: string;
  query: string;
}

/** Queries drawn from the synthetic data itself, so that most have a known answer. */
function queryMix(sqlite: ReturnType<typeof openSnapshot>['$client']): Sample[] {
  const random = seededRandom(42);
  const maxId = (sqlite.prepare('SELECT max(rowid) AS n FROM addresses').get() as { n: number }).n;
  const addressAt = sqlite.prepare(
    `SELECT a.number, a.suffix, a.postcode, s.name, m.name AS town FROM addresses a
     JOIN streets s ON s.id = a.street_id JOIN municipalities m ON m.ags = s.ags WHERE a.rowid = ?`,
  );
  const towns = sqlite.prepare('SELECT name FROM municipalities WHERE population > 0 ORDER BY population DESC').all() as Array<{
    name: string;
  }>;
  const postcodes = sqlite.prepare('SELECT DISTINCT postcode FROM postcode_areas').all() as Array<{ postcode: string }>;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const randomAddress = () =>
    addressAt.get(1 + Math.floor(random() * maxId)) as { number: number; suffix: string; postcode: string; name: string; town: string };
  const typo = (word: string) => {
    const letters = [...word];
    const i = 1 + Math.floor(random() * (letters.length - 2));
    const kind = random();
    if (kind < 0.33) letters.splice(i, 1);
    else if (kind < 0.66) [letters[i], letters[i + 1]] = [letters[i + 1] ?? '', letters[i]!];
    else letters.splice(i, 0, letters[i]!);
    return letters.join('');
  };
  const out: Sample[] = [];
  for (let i = 0; i < QUERIES_PER_CLASS; i++) {
    const a = randomAddress();
    out.push({ kind: 'volle Adresse', query: `${a.name} ${a.number}${a.suffix}, ${a.postcode} ${a.town}` });
    const b = randomAddress();
    const typed = `${b.name} ${b.number} ${b.town}`;
    out.push({ kind: 'Präfix beim Tippen', query: typed.slice(0, 3 + Math.floor(random() * (typed.length - 3))) });
    const c = randomAddress();
    out.push({ kind: 'Tippfehler', query: `${typo(c.name)} ${c.number} ${random() < 0.5 ? typo(c.town) : c.town}` });
    out.push({ kind: 'Ort', query: random() < 0.3 ? typo(pick(towns).name) : pick(towns).name });
    out.push({
      kind: 'Postleitzahl',
      query: random() < 0.5 ? pick(postcodes).postcode : `${pick(postcodes).postcode} ${pick(towns).name}`,
    });
  }
  return out;
}

/** Starts the production server (the same entry as `npm start`) on the synthetic database, fires queries, reads its peak RSS. */
async function serverFigures(queries: string[]) {
  const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
  if (!existsSync(path.join(ROOT, outDir, 'server', 'entry.mjs'))) {
    console.log(`  baue den Server nach ${outDir}/ …`);
    const built = spawnSync('npx', ['astro', 'build'], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
    });
    if (built.status !== 0) return null;
  }
  const server = await startPortalServer(SERVER_PORT, { DATABASE_PATH: DB_PATH });
  try {
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < HTTP_QUERIES) {
        const query = queries[next++ % queries.length]!;
        const started = performance.now();
        const response = await fetch(`${server.base}/api/v1/search?q=${encodeURIComponent(query)}&limit=10`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));
    const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    const s = stats(latencies);
    return {
      entry: path.relative(ROOT, SERVER_ENTRY),
      peakMb: kb('VmHWM') / 1024,
      rssMb: kb('VmRSS') / 1024,
      queries: latencies.length,
      p50: s.p50,
      p95: s.p95,
      statuses: [...statuses].map(([code, n]) => `${code}×${n}`).join(', '),
    };
  } finally {
    await server.stop();
  }
}

await main();
