/** The service views behind the widget: a station's area, an inspection, the builder's choices. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { buildDatabase } from '../../src/data-import/build-database';
import { loadPortal } from '../../src/services/snapshot';
import type { Portal } from '../../src/services/portal';
import { makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from './helpers/data-dir';

let portal: Portal;
let db: Database.Database;

beforeAll(async () => {
  const dbPath = path.join(await makeTempDir(), 'portal.db');
  await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: dbPath });
  portal = loadPortal(dbPath);
  db = new Database(dbPath, { readonly: true });
});
afterAll(async () => {
  db?.close();
  await removeTempDirs();
});

describe('stationAreaView', () => {
  it('has exactly the districts whose station is this one, and each officer of them once', () => {
    const { station_id: stationId } = db
      .prepare('SELECT station_id FROM districts WHERE station_id IS NOT NULL GROUP BY station_id ORDER BY count(*) DESC LIMIT 1')
      .get() as { station_id: string };
    const expected = (db.prepare('SELECT id FROM districts WHERE station_id = ?').all(stationId) as Array<{ id: string }>)
      .map((row) => row.id)
      .sort();
    expect(expected.length).toBeGreaterThan(1);

    const view = portal.stationAreaView(stationId)!;
    expect(view.station.id).toBe(stationId);
    expect(view.districts.map((d) => d.id).sort()).toEqual(expected);
    const officerIds = (role: string) =>
      (
        db
          .prepare(`SELECT DISTINCT officer_id FROM assignments WHERE role = ? AND district_id IN (${expected.map(() => '?').join(',')})`)
          .all(role, ...expected) as Array<{ officer_id: string }>
      )
        .map((row) => row.officer_id)
        .sort();
    expect(view.digitalOfficers.map((o) => o.id).sort()).toEqual(officerIds('digital'));
    expect(view.kobbOfficers.map((o) => o.id).sort()).toEqual(officerIds('kobb'));
    expect(view.kobbOfficers.every((o) => o.role === 'kobb')).toBe(true);
  });

  it('is null for an unknown station and for a station without an area of its own', () => {
    expect(portal.stationAreaView('gibt-es-nicht')).toBeNull();
    const withoutArea = db
      .prepare('SELECT id FROM stations WHERE id NOT IN (SELECT station_id FROM districts WHERE station_id IS NOT NULL) LIMIT 1')
      .get() as { id: string } | undefined;
    if (withoutArea) expect(portal.stationAreaView(withoutArea.id)).toBeNull();
  });
});

describe('inspectionView', () => {
  it('lists the digital officers, sorted, with the inspection’s own accounts as fallback', () => {
    const celle = portal.inspectionView('pi-celle')!;
    expect(celle.inspection.name).toBe('PI Celle');
    expect(celle.digitalOfficers.length).toBeGreaterThan(0);
    const names = celle.digitalOfficers.map((o) => o.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    expect(celle.districtCount).toBe(portal.inspectionDistrictIds('pi-celle').length);
  });

  it('is honest where no digital officer is assigned', () => {
    const vacant = portal.inspectionOverview().find((entry) => entry.digitalOfficers.length === 0);
    expect(vacant).toBeDefined();
    const view = portal.inspectionView(vacant!.inspection.id)!;
    expect(view.digitalOfficers).toEqual([]);
    expect(Array.isArray(view.inspectionAccounts)).toBe(true);
  });

  it('is null for an unknown inspection', () => {
    expect(portal.inspectionView('pi-atlantis')).toBeNull();
  });
});

describe('widgetChoices', () => {
  it('offers every district and divided city and inspection, and the stations that have an area', () => {
    const choices = portal.widgetChoices();
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(choices.districts).toHaveLength(count('SELECT count(*) AS n FROM districts') + count('SELECT count(*) AS n FROM cities'));
    // Hannover as a whole (its old embed codes' id) leads its own group of Stadtteile.
    const hannover = choices.districts.filter((entry) => entry.group === 'Hannover');
    expect(hannover[0]).toEqual({ id: '032410001', name: 'Hannover', group: 'Hannover' });
    expect(
      hannover
        .slice(1)
        .map((entry) => entry.id)
        .every((id) => id.startsWith('032410001-')),
    ).toBe(true);
    expect(hannover).toHaveLength(52);
    expect(choices.inspections).toHaveLength(count('SELECT count(*) AS n FROM inspections'));
    expect(choices.stations).toHaveLength(count('SELECT count(DISTINCT station_id) AS n FROM districts WHERE station_id IS NOT NULL'));
    expect(choices.districts.every((entry) => entry.group.length > 0)).toBe(true);
  });
});
