import { appendFile, copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/domain/model';
import { buildDatabase, isDatabaseStale, type BuildReport } from '../../src/data-import/build-database';
import { DataValidationError } from '../../src/data-import/errors';
import { copyDataDir, editJson, makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from './helpers/data-dir';

interface OfficerJson {
  id: string;
  role: string;
  rank?: string;
  covers: { districts?: string[]; inspections?: string[] };
}

interface GeoJsonFile {
  features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }>;
}

const DISTRICTS_FILE = 'geo/nds_samtgemeinden_einheitsgemeinden_vg250.geojson';
const CELLE = '033510006';
const polygons = (geometry: GeoJsonFile['features'][number]['geometry']) =>
  (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown[];

afterAll(removeTempDirs);

describe('buildDatabase from data/', () => {
  let dbPath: string;
  let report: BuildReport;
  let db: Database.Database;

  beforeAll(async () => {
    dbPath = path.join(await makeTempDir(), 'portal.db');
    report = await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: dbPath });
    db = new Database(dbPath, { readonly: true });
  });
  afterAll(() => db?.close());

  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

  it('holds the whole of Niedersachsen', () => {
    expect(count('SELECT count(*) n FROM municipalities')).toBe(968);
    expect(count('SELECT count(*) n FROM districts')).toBe(481);
    expect(count('SELECT count(*) n FROM kreise')).toBe(45);
    expect(count('SELECT count(*) n FROM inspections')).toBe(28);
    expect(count('SELECT count(*) n FROM directorates')).toBe(6);
    expect(report.counts).toMatchObject({ municipalities: 968, districts: 481, cities: 1, kreise: 45, inspections: 28, directorates: 6 });
    expect(count('SELECT count(*) n FROM data_sources')).toBeGreaterThanOrEqual(5);
  });

  it('gives every district a station and at least one kobb', () => {
    expect(count('SELECT count(*) n FROM districts WHERE station_id IS NULL')).toBe(0);
    expect(
      count(`SELECT count(*) n FROM districts d WHERE NOT EXISTS
               (SELECT 1 FROM assignments a WHERE a.district_id = d.id AND a.role = 'kobb')`),
    ).toBe(0);
  });

  it('leaves some inspections without a digital officer (fallback) and covers the others fully', () => {
    const without = (
      db
        .prepare(
          `SELECT i.id FROM inspections i WHERE NOT EXISTS
             (SELECT 1 FROM districts d JOIN assignments a ON a.district_id = d.id AND a.role = 'digital'
              WHERE d.inspection_id = i.id)`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
    expect(without.length).toBeGreaterThanOrEqual(3);
    expect(without.length).toBeLessThanOrEqual(4);
    // Inspection coverage is expanded to one row per district of the inspection.
    const uncovered = db
      .prepare(
        `SELECT count(*) n FROM districts d
         WHERE d.inspection_id NOT IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.district_id = d.id AND a.role = 'digital')`,
      )
      .get(JSON.stringify(without)) as { n: number };
    expect(uncovered.n).toBe(0);
  });

  it('marks all people and accounts as demo, with portal-internal account URLs only', () => {
    expect(count('SELECT count(*) n FROM accounts WHERE is_demo = 0')).toBe(0);
    expect(count("SELECT count(*) n FROM accounts WHERE url NOT LIKE '/demo-konto/%'")).toBe(0);
    expect(count("SELECT count(*) n FROM accounts WHERE url <> '/demo-konto/' || id")).toBe(0);
    expect(count('SELECT count(*) n FROM officers WHERE is_demo = 0')).toBe(0);
    expect(count('SELECT count(*) n FROM stations WHERE is_demo = 0')).toBe(0);
    expect(count("SELECT count(*) n FROM officers WHERE email NOT LIKE '%.example'")).toBe(0);
    const platforms = (db.prepare('SELECT DISTINCT platform FROM accounts').all() as { platform: string }[]).map((r) => r.platform);
    expect(platforms.sort()).toEqual([...PLATFORMS].sort());
    expect(
      count(
        "SELECT count(*) n FROM (SELECT account_id FROM account_holders WHERE holder_type = 'officer' GROUP BY account_id HAVING count(*) > 1)",
      ),
    ).toBeGreaterThanOrEqual(2);
  });

  it('records meta and is deterministic', async () => {
    const meta = Object.fromEntries(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    expect(meta.data_version).toBe(report.dataVersion);
    expect(meta.source_hash).toBe(report.sourceHash);
    expect(meta.built_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(meta.data_dir).toBe(path.resolve(PROJECT_DATA_DIR));
    const second = await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: path.join(await makeTempDir(), 'again.db') });
    expect(second.dataVersion).toBe(report.dataVersion);
    expect(second.sourceHash).toBe(report.sourceHash);
  });

  it('stores geometry as parseable GeoJSON and district centres', () => {
    const row = db.prepare("SELECT geometry, centre_lat, centre_lon FROM districts WHERE name = 'Celle'").get() as {
      geometry: string;
      centre_lat: number;
      centre_lon: number;
    };
    expect(['Polygon', 'MultiPolygon']).toContain((JSON.parse(row.geometry) as { type: string }).type);
    expect(row.centre_lat).toBeGreaterThan(52.5);
    expect(row.centre_lat).toBeLessThan(52.7);
  });
});

describe('buildDatabase with broken sources', () => {
  /** A good database, built once: each test starts from a copy of it as the live snapshot. */
  let goodDatabase: string;
  beforeAll(async () => {
    goodDatabase = path.join(await makeTempDir(), 'good.db');
    await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: goodDatabase });
  });

  /** Puts a good database at outputPath, breaks a copy of data/, and checks the build fails cleanly. */
  async function expectRejected(breakIt: (dataDir: string) => Promise<void>, expected: (string | RegExp)[]): Promise<DataValidationError> {
    const dataDir = await copyDataDir();
    const outDir = await makeTempDir();
    const outputPath = path.join(outDir, 'portal.db');
    await copyFile(goodDatabase, outputPath);
    const before = await readFile(outputPath);
    await breakIt(dataDir);
    const error = await buildDatabase({ dataDir, outputPath }).then(
      () => {
        throw new Error('build should have failed');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataValidationError);
    for (const part of expected) {
      if (typeof part === 'string') expect((error as Error).message).toContain(part);
      else expect((error as Error).message).toMatch(part);
    }
    expect((await readFile(outputPath)).equals(before)).toBe(true);
    expect(await readdir(outDir)).toEqual(['portal.db']);
    return error as DataValidationError;
  }

  it('rejects invalid JSON', async () => {
    const error = await expectRejected(
      (dir) => writeFile(path.join(dir, 'demo/officers.json'), '[{"id": "x",'),
      ['demo/officers.json', 'kein gültiges JSON'],
    );
    expect(error.file).toMatch(/demo\/officers\.json$/);
  });

  it('rejects a missing file', async () => {
    await expectRejected((dir) => rm(path.join(dir, 'demo/stations.json')), ['demo/stations.json', 'Datei fehlt']);
  });

  it('rejects a missing required field, naming file, record and field', async () => {
    let id = '';
    const error = await expectRejected(
      (dir) =>
        editJson<OfficerJson[]>(dir, 'demo/officers.json', (officers) => {
          id = officers[11]!.id;
          delete officers[11]!.rank;
        }),
      ['demo/officers.json, Datensatz 12 (id "', 'Feld "rank"', 'Pflichtfeld fehlt'],
    );
    expect(error.message).toContain(`Datensatz 12 (id "${id}"), Feld "rank": Pflichtfeld fehlt`);
    expect(error.record).toMatchObject({ index: 11, id });
    expect(error.field).toBe('rank');
  });

  it('rejects a duplicate id', async () => {
    let id = '';
    await expectRejected(
      (dir) =>
        editJson<{ id: string }[]>(dir, 'demo/stations.json', (stations) => {
          id = stations[2]!.id;
          stations[5]!.id = id;
        }),
      ['demo/stations.json, Datensatz 6', 'Feld "id"', 'doppelte id'],
    );
    expect(id).not.toBe('');
  });

  it('rejects office hours that are not OpenStreetMap opening_hours, naming file, record, field and the problem', async () => {
    let label = '';
    const error = await expectRejected(
      (dir) =>
        editJson<Array<{ id: string; openingHours: string }>>(dir, 'demo/officers.json', (officers) => {
          officers[3]!.openingHours = 'Mi 14-16 Uhr';
          label = `Datensatz 4 (id "${officers[3]!.id}"), Feld "openingHours": keine gültigen Öffnungszeiten im OpenStreetMap-Format`;
        }),
      ['demo/officers.json', '"We"', 'PH'],
    );
    expect(error.message).toContain(label);
    expect(error.field).toBe('openingHours');
  });

  it('rejects an officer covering an unknown district', async () => {
    let label = '';
    const error = await expectRejected(
      (dir) =>
        editJson<OfficerJson[]>(dir, 'demo/officers.json', (officers) => {
          const index = officers.findIndex((o) => o.role === 'kobb');
          officers[index]!.covers.districts![0] = '999999999';
          label = `Datensatz ${index + 1} (id "${officers[index]!.id}"), Feld "covers.districts[0]": unbekannter Bezirk "999999999"`;
        }),
      ['demo/officers.json'],
    );
    expect(error.message).toContain(label);
  });

  it('rejects a corrupt GeoJSON file (cut off mid-way)', async () => {
    const rel = 'geo/nds_gemeinden_vg250.geojson';
    const error = await expectRejected(
      async (dir) => {
        const text = await readFile(path.join(dir, rel), 'utf8');
        await writeFile(path.join(dir, rel), text.slice(0, Math.floor(text.length / 2)));
      },
      [rel, 'kein gültiges JSON'],
    );
    expect(error.file).toMatch(/nds_gemeinden_vg250\.geojson$/);
  });

  it('rejects a feature with a broken geometry, naming file, record and field', async () => {
    await expectRejected(
      (dir) =>
        editJson<GeoJsonFile>(dir, DISTRICTS_FILE, (geo) => {
          const feature = geo.features.find((f) => f.properties.VWG_ARS === CELLE)!;
          feature.geometry = {
            type: 'Polygon',
            coordinates: [
              [
                [10, 52],
                [10.1, 52],
              ],
            ],
          };
        }),
      [DISTRICTS_FILE, `(id "${CELLE}")`, 'Feld "geometry"', 'ungültige Geometrie'],
    );
  });

  it('rejects a missing geometry file', async () => {
    await expectRejected((dir) => rm(path.join(dir, DISTRICTS_FILE)), [DISTRICTS_FILE, 'Datei fehlt']);
  });

  it('rejects a duplicate district id', async () => {
    await expectRejected(
      (dir) =>
        editJson<GeoJsonFile>(dir, DISTRICTS_FILE, (geo) => {
          geo.features.push(structuredClone(geo.features.find((f) => f.properties.VWG_ARS === CELLE)!));
        }),
      [DISTRICTS_FILE, `(id "${CELLE}"), Feld "properties.VWG_ARS": doppelte id "${CELLE}"`],
    );
  });

  it('rejects overlapping districts, naming the district that reaches into the other', async () => {
    let neighbour = '';
    await expectRejected(
      (dir) =>
        editJson<GeoJsonFile>(dir, DISTRICTS_FILE, (geo) => {
          // Another district of the same Kreis grows to take in Celle's outline as well.
          const celle = geo.features.find((f) => f.properties.VWG_ARS === CELLE)!;
          const other = geo.features.find((f) => f.properties.KRS_AGS === '03351' && f.properties.VWG_ARS !== CELLE)!;
          neighbour = other.properties.VWG_ARS as string;
          other.geometry = { type: 'MultiPolygon', coordinates: [...polygons(other.geometry), ...polygons(celle.geometry)] };
        }),
      [DISTRICTS_FILE, 'überlappt Bezirk 033510006', 'Gemeinde 03351006 (Celle) liegt in beiden'],
    ).then((error) => expect(error.message).toContain(`(id "${neighbour}"), Feld "geometry": Bezirk ${neighbour}`));
  });

  it('rejects a municipality that no district outline covers', async () => {
    await expectRejected(
      (dir) =>
        editJson<GeoJsonFile>(dir, DISTRICTS_FILE, (geo) => {
          // Celle's outline shrinks to a sliver far away in the North Sea.
          const celle = geo.features.find((f) => f.properties.VWG_ARS === CELLE)!;
          celle.geometry = {
            type: 'Polygon',
            coordinates: [
              [
                [6.7, 54.0],
                [6.71, 54.0],
                [6.71, 54.01],
                [6.7, 54.0],
              ],
            ],
          };
        }),
      ['geo/nds_gemeinden_vg250.geojson', '(id "03351006"), Feld "geometry": Gemeinde 03351006 (Celle) liegt in keinem Bezirk'],
    );
  });

  it('reports several problems at once, one line each', async () => {
    const error = await expectRejected(
      (dir) =>
        editJson<OfficerJson[]>(dir, 'demo/officers.json', (officers) => {
          delete officers[0]!.rank;
          delete officers[1]!.rank;
        }),
      ['Datensatz 1', 'Datensatz 2'],
    );
    expect(error.problems).toHaveLength(2);
    expect(error.message.split('\n')).toHaveLength(2);
  });
});

describe('isDatabaseStale', () => {
  it('is true when missing, false right after a build, true after a source file changed', async () => {
    const dataDir = await copyDataDir();
    const dbPath = path.join(dataDir, 'portal.db');
    expect(await isDatabaseStale({ dataDir, dbPath })).toBe(true);
    await buildDatabase({ dataDir, outputPath: dbPath });
    expect(await isDatabaseStale({ dataDir, dbPath })).toBe(false);
    await appendFile(path.join(dataDir, 'police/nds_polizei_zustaendigkeit_kreise.csv'), '\n');
    expect(await isDatabaseStale({ dataDir, dbPath })).toBe(true);
  });

  it('is true for an unreadable database file', async () => {
    const dataDir = await copyDataDir();
    const dbPath = path.join(dataDir, 'portal.db');
    await writeFile(dbPath, 'not a database');
    expect(await isDatabaseStale({ dataDir, dbPath })).toBe(true);
  });
});
