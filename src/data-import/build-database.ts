/**
 * Builds a database snapshot from a data directory: validate everything, write a NEW SQLite file
 * next to the target, and rename it over the target only when it is complete. Readers of the old
 * file are never disturbed, and a failed build leaves the old file untouched.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../db/schema';
import { streetIndexTerms } from '../domain/search';
import { readSources, type SourceData } from './read-sources';

/**
 * Bump when the import's output changes for the same inputs (new derived column, different
 * expansion rule, ...): it is part of the source hash, so existing snapshots become stale.
 */
const BUILD_FORMAT = 'revierfinder-build-4';

/** Where drizzle-kit writes the migrations; resolved from this file, not from the working directory. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../db/migrations', import.meta.url));

export interface BuildOptions {
  dataDir: string;
  outputPath: string;
  /**
   * Address files (HK-DE .txt or plain .csv) outside the data directory, read in addition to its
   * `addresses/` folder: e.g. the synthetic benchmark set in `.cache/synthetic/`.
   */
  extraAddressFiles?: readonly string[];
}

/** Suffix of the data version of a build that contains synthetic addresses: shown in the footer. */
const SYNTHETIC_VERSION_SUFFIX = '-synthetisch';

export interface BuildReport {
  outputPath: string;
  /** Short hash of the inputs actually read (plus migrations and BUILD_FORMAT): same inputs, same version. */
  dataVersion: string;
  /** Hash of every source file in the data directory, the migrations and BUILD_FORMAT (see isDatabaseStale). */
  sourceHash: string;
  builtAt: string;
  durationMs: number;
  sizeBytes: number;
  counts: {
    directorates: number;
    inspections: number;
    kreise: number;
    districts: number;
    cities: number;
    municipalities: number;
    postcodeAreas: number;
    stations: number;
    officers: number;
    assignments: number;
    accounts: number;
    accountHolders: number;
    notices: number;
    dataSources: number;
    streets: number;
    addresses: number;
    localities: number;
    outsidePlaces: number;
  };
  /** True when synthetic (benchmark) addresses are in the snapshot. */
  synthetic: boolean;
  warnings: string[];
}

interface InputHashes {
  sourceHash: string;
  /** sha256 per file, keyed "data/<relative path>" or "migrations/<relative path>". */
  files: Map<string, string>;
}

/** Files of a directory tree, relative with "/" separators, sorted. */
async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(absolute);
      else if (entry.isFile()) out.push(path.relative(root, absolute).split(path.sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

/** Built databases, their journals and temp files, and hidden files are not sources. */
function isSourceFile(rel: string): boolean {
  const base = rel.split('/').pop()!;
  return !base.startsWith('.') && !/\.db($|-)/.test(base) && !/\.tmp/.test(base) && !/\.(sqlite|sqlite3)($|-)/.test(base);
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function hashInputs(dataDir: string, excludePrefix?: string, extraFiles: readonly string[] = []): Promise<InputHashes> {
  const files = new Map<string, string>();
  const root = path.resolve(dataDir);
  for (const rel of await listFiles(root)) {
    if (!isSourceFile(rel)) continue;
    const absolute = path.join(root, rel);
    if (excludePrefix && absolute.startsWith(excludePrefix)) continue;
    files.set(`data/${rel}`, sha256(await readFile(absolute)));
  }
  for (const file of extraFiles) files.set(`extra/${file}`, sha256(await readFile(path.resolve(file))));
  for (const rel of await listFiles(MIGRATIONS_FOLDER)) {
    files.set(`migrations/${rel}`, sha256(await readFile(path.join(MIGRATIONS_FOLDER, rel))));
  }
  return { sourceHash: combine(files), files };
}

function combine(files: Map<string, string>): string {
  const hash = createHash('sha256').update(`format\0${BUILD_FORMAT}\n`);
  for (const [name, digest] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`${name}\0${digest}\n`);
  }
  return hash.digest('hex');
}

/** The hash a fresh build of `dataDir` would record as `source_hash`. */
async function computeSourceHash(dataDir: string, dbPath?: string, extraAddressFiles: readonly string[] = []): Promise<string> {
  return (await hashInputs(dataDir, dbPath ? path.resolve(dbPath) : undefined, extraAddressFiles)).sourceHash;
}

/** True when the database is missing, unreadable, or was built from other sources, migrations or import code format. */
export async function isDatabaseStale({
  dataDir,
  dbPath,
  extraAddressFiles = [],
}: {
  dataDir: string;
  dbPath: string;
  extraAddressFiles?: readonly string[];
}): Promise<boolean> {
  let recorded: string | undefined;
  try {
    const sqlite = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const row = sqlite.prepare("SELECT value FROM meta WHERE key = 'source_hash'").get() as { value: string } | undefined;
      recorded = row?.value;
    } finally {
      sqlite.close();
    }
  } catch {
    return true;
  }
  if (!recorded) return true;
  return recorded !== (await computeSourceHash(dataDir, dbPath, extraAddressFiles));
}

function chunks<T>(rows: T[], size = 250): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Validates the sources in `dataDir` and atomically replaces `outputPath` with a fresh snapshot. */
export async function buildDatabase({ dataDir, outputPath, extraAddressFiles = [] }: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const target = path.resolve(outputPath);
  await mkdir(path.dirname(target), { recursive: true });

  // Hash before reading: if a file changes meanwhile, the snapshot looks stale and is rebuilt.
  const inputs = await hashInputs(dataDir, target, extraAddressFiles);
  const data = await readSources(dataDir, { extraAddressFiles });
  const readFiles = new Map<string, string>();
  for (const rel of data.files) {
    const key = extraAddressFiles.includes(rel) ? `extra/${rel}` : `data/${rel}`;
    readFiles.set(key, inputs.files.get(key) ?? sha256(await readFile(path.resolve(dataDir, rel))));
  }
  for (const [key, digest] of inputs.files) if (key.startsWith('migrations/')) readFiles.set(key, digest);
  const synthetic = data.syntheticFiles.length > 0;
  const dataVersion = combine(readFiles).slice(0, 12) + (synthetic ? SYNTHETIC_VERSION_SUFFIX : '');
  const builtAt = new Date().toISOString();

  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(temp);
    // A private file nobody reads yet: no rollback journal on disk, no fsync per statement;
    // the finished file is fsynced once before the rename.
    sqlite.pragma('journal_mode = MEMORY');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    insertAll(db, data, [
      { key: 'data_version', value: dataVersion },
      { key: 'source_hash', value: inputs.sourceHash },
      { key: 'built_at', value: builtAt },
      { key: 'data_dir', value: path.resolve(dataDir) },
      { key: 'build_format', value: BUILD_FORMAT },
      ...(synthetic ? [{ key: 'synthetic_addresses', value: data.syntheticFiles.join(', ') }] : []),
      // The editor's publish builds the next snapshot with the same extra files (src/services/editor/publish.ts).
      ...(extraAddressFiles.length
        ? [{ key: schema.EXTRA_ADDRESS_FILES_KEY, value: JSON.stringify(extraAddressFiles.map((file) => path.resolve(file))) }]
        : []),
    ]);
    insertStreetsAndAddresses(sqlite, data);
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new Error(`foreign key check failed: ${JSON.stringify(violations.slice(0, 5))}`);
    // A sample is enough for the planner; a full ANALYZE of millions of addresses takes seconds.
    sqlite.pragma('analysis_limit = 1000');
    sqlite.exec('ANALYZE');
    sqlite.pragma('journal_mode = DELETE');
    sqlite.close();
    sqlite = undefined;
    const fd = openSync(temp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await rename(temp, target);
    syncDirectory(path.dirname(target));
  } catch (error) {
    try {
      sqlite?.close();
    } catch {
      // already closed or broken: the file is removed below anyway
    }
    await rm(temp, { force: true });
    await rm(`${temp}-journal`, { force: true });
    throw error;
  }

  const { size } = await stat(target);
  return {
    outputPath: target,
    dataVersion,
    sourceHash: inputs.sourceHash,
    builtAt,
    durationMs: Math.round(performance.now() - started),
    sizeBytes: size,
    counts: {
      directorates: data.directorates.length,
      inspections: data.inspections.length,
      kreise: data.kreise.length,
      districts: data.districts.length,
      cities: data.cities.length,
      municipalities: data.municipalities.length,
      postcodeAreas: data.postcodeAreas.length,
      stations: data.stations.length,
      officers: data.officers.length,
      assignments: data.assignments.length,
      accounts: data.accounts.length,
      accountHolders: data.accountHolders.length,
      notices: data.notices.length,
      dataSources: data.dataSources.length,
      streets: data.streets.length,
      addresses: data.addresses.length,
      localities: data.localities.length,
      outsidePlaces: data.outsidePlaces.length,
    },
    synthetic,
    warnings: data.warnings,
  };
}

/** Makes the rename durable where the platform allows fsync on a directory (not on Windows). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

type Db = ReturnType<typeof drizzle<typeof schema>>;

/**
 * Streets, their full-text index and the addresses. Plain prepared statements rather than the
 * query builder: this is millions of rows, and one statement reused per row is what keeps the
 * statewide build within a minute. The addresses arrive sorted by street and number, so the
 * (street_id, number) index grows at its end.
 */
function insertStreetsAndAddresses(sqlite: Database.Database, data: SourceData): void {
  const street = sqlite.prepare(
    'INSERT INTO streets (id, name, name_norm, ags, district_id, place_norm, postcodes, lat, lon, address_count, source, located, borough, suburb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const document = sqlite.prepare('INSERT INTO street_search (rowid, name, place) VALUES (?, ?, ?)');
  const address = sqlite.prepare('INSERT INTO addresses (street_id, number, suffix, postcode, lat, lon) VALUES (?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (const s of data.streets) {
      const postcodes = s.postcodes.join(' ');
      street.run(
        s.id,
        s.name,
        s.nameNorm,
        s.ags,
        s.districtId,
        s.placeNorm,
        postcodes,
        s.lat,
        s.lon,
        s.addressCount,
        s.source,
        s.located ? 1 : 0,
        s.borough,
        s.suburb,
      );
      document.run(s.id, streetIndexTerms(s.name).join(' '), `${s.placeNorm} ${postcodes}`.trim());
    }
    for (const a of data.addresses) address.run(a.streetId, a.number, a.suffix, a.postcode, a.lat, a.lon);
  })();
  // Merges the index's segments into one: fewer b-trees to visit per query.
  sqlite.exec("INSERT INTO street_search (street_search) VALUES ('optimize')");
}

function insertAll(db: Db, data: SourceData, metaRows: { key: string; value: string }[]): void {
  const geometry = (g: unknown) => JSON.stringify(g);
  db.transaction((tx) => {
    const put = <T>(table: Parameters<typeof tx.insert>[0], rows: T[]) => {
      for (const chunk of chunks(rows))
        tx.insert(table)
          .values(chunk as never)
          .run();
    };
    put(schema.dataSources, data.dataSources);
    put(
      schema.directorates,
      data.directorates.map((x) => ({ id: x.id, name: x.name, geometry: geometry(x.geometry) })),
    );
    put(
      schema.inspections,
      data.inspections.map((x) => ({
        id: x.id,
        name: x.name,
        directorateId: x.directorateId,
        responsibilityVerified: x.responsibilityVerified,
        sourceUrl: x.sourceUrl,
        geometry: geometry(x.geometry),
      })),
    );
    put(schema.kreise, data.kreise);
    put(
      schema.stations,
      data.stations.map(({ districtIds: _districtIds, ...station }) => station),
    );
    put(
      schema.cities,
      data.cities.map((x) => ({
        id: x.id,
        ags: x.ags,
        name: x.name,
        districtType: x.districtType,
        boroughType: x.boroughType,
        sourceId: x.sourceId,
        formerType: x.formerType,
        kreisAgs: x.kreisAgs,
        inspectionId: x.inspectionId,
        population: x.population,
        areaKm2: x.areaKm2,
        centreLat: x.centre.lat,
        centreLon: x.centre.lon,
        geometry: geometry(x.geometry),
      })),
    );
    put(
      schema.boroughs,
      data.boroughs.map((x, sortOrder) => ({ ...x, sortOrder })),
    );
    put(
      schema.districts,
      data.districts.map((x) => ({
        id: x.id,
        name: x.name,
        type: x.type,
        kreisAgs: x.kreisAgs,
        inspectionId: x.inspectionId,
        stationId: x.stationId,
        population: x.population,
        areaKm2: x.areaKm2,
        centreLat: x.centre.lat,
        centreLon: x.centre.lon,
        geometry: geometry(x.geometry),
        cityId: x.cityId,
        boroughId: x.boroughId,
      })),
    );
    put(
      schema.municipalities,
      data.municipalities.map((x) => ({
        ags: x.ags,
        name: x.name,
        type: x.type,
        districtId: x.districtId,
        population: x.population,
        centreLat: x.centre.lat,
        centreLon: x.centre.lon,
        geometry: geometry(x.geometry),
      })),
    );
    put(schema.postcodeAreas, data.postcodeAreas);
    put(
      schema.officers,
      data.officers.map((x) => ({
        id: x.id,
        name: x.name,
        rank: x.rank,
        roleTitle: x.roleTitle,
        stationId: x.stationId,
        phone: x.phone,
        email: x.email,
        officeHours: x.officeHours,
        openingHours: x.openingHours,
        photo: x.photo,
        isDemo: x.isDemo,
        updatedAt: x.updatedAt,
      })),
    );
    put(schema.assignments, data.assignments);
    put(schema.accounts, data.accounts);
    put(schema.accountHolders, data.accountHolders);
    put(schema.notices, data.notices);
    put(
      schema.localities,
      data.localities.map((x) => ({
        id: x.id,
        name: x.name,
        kind: x.kind,
        sourceNames: x.sourceNames.join(' | '),
        ags: x.ags,
        postcodes: x.postcodes.join(' '),
        lat: x.point.lat,
        lon: x.point.lon,
      })),
    );
    put(
      schema.statePolice,
      data.statePolice.map(({ city: _city, ...police }) => police),
    );
    put(
      schema.outsidePlaces,
      data.outsidePlaces.map((x, index) => ({ id: index + 1, ...x })),
    );
    put(schema.meta, metaRows);
  });
}
