/**
 * The OpenPLZ street list importer (src/data-import/openplz.ts) on a sample in the file's exact
 * format (tests/fixtures/openplz/streets-sample.csv): Niedersachsen's rows kept, the others
 * counted; streets found by name, town, postcode and city district; answered with their town's
 * district, saying that their position is not known. The default data set has no such file.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase, type BuildReport } from '../../src/data-import/build-database';
import { DataValidationError } from '../../src/data-import/errors';
import { isOpenPlzHeader } from '../../src/data-import/openplz';
import type { Portal } from '../../src/services/portal';
import { loadPortal } from '../../src/services/snapshot';
import { copyDataDir, makeTempDir, PROJECT_DATA_DIR, removeTempDirs } from './helpers/data-dir';

const SAMPLE = fileURLToPath(new URL('../fixtures/openplz/streets-sample.csv', import.meta.url));

let portal: Portal;
let report: BuildReport;
beforeAll(async () => {
  const dbPath = path.join(await makeTempDir(), 'portal.db');
  report = await buildDatabase({ dataDir: PROJECT_DATA_DIR, outputPath: dbPath, extraAddressFiles: [SAMPLE] });
  portal = loadPortal(dbPath);
});
afterAll(removeTempDirs);

describe('reading the list', () => {
  it('is recognised by its header', () => {
    expect(isOpenPlzHeader('Name,PostalCode,Locality,RegionalKey,Borough,Suburb')).toBe(true);
    expect(isOpenPlzHeader('\uFEFFName,PostalCode,Locality,RegionalKey,Borough,Suburb\r')).toBe(true);
    expect(isOpenPlzHeader('street,house_number,postcode,town,lat,lon')).toBe(false);
  });

  it("keeps Niedersachsen's rows and says what it left out", () => {
    const warnings = report.warnings.filter((w) => w.includes('streets-sample.csv')).join('\n');
    expect(warnings).toMatch(/2 Straßen anderer Länder übergangen/);
    expect(warnings).toMatch(/1 Straßen mit unbekanntem Gemeindeschlüssel übergangen/);
  });

  it('names file, line and field of a bad row', async () => {
    const dataDir = await copyDataDir();
    await mkdir(path.join(dataDir, 'streets'), { recursive: true });
    await writeFile(
      path.join(dataDir, 'streets', 'openplz.csv'),
      'Name,PostalCode,Locality,RegionalKey,Borough,Suburb\nKirchweg,2728,Verden (Aller),03361012,,\n',
    );
    const error = await buildDatabase({ dataDir, outputPath: path.join(await makeTempDir(), 'x.db') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).message).toMatch(/openplz\.csv.*Zeile 2.*PostalCode.*Postleitzahl/s);
  });

  it("is read from a data directory's streets/ folder too", async () => {
    const dataDir = await copyDataDir();
    await cp(SAMPLE, path.join(dataDir, 'streets', 'openplz-sample.csv'));
    const built = await buildDatabase({ dataDir, outputPath: path.join(await makeTempDir(), 'y.db') });
    expect(built.counts.streets).toBe(report.counts.streets);
  });
});

describe('searching its streets', () => {
  it("finds a street by name and postcode, in its town's district, its position unknown", () => {
    const answer = portal.search('Kirchweg 2, 27283 Verden', 10);
    expect(answer.results[0]).toMatchObject({
      type: 'street',
      label: 'Kirchweg, 27283 Verden (Aller)',
      match: 'exact',
      approximate: true,
      pointOnMap: false,
      district: { name: 'Verden (Aller)' },
    });
    expect(answer.results[0]!.note).toBe('Lage der Straße uns nicht bekannt, ungefähre Lage: Verden (Aller)');
    // All of Verden is one district: the unknown position cannot change it.
    expect(answer.decision).toEqual({ action: 'go', index: 0 });
  });

  it('finds "Str." written out, and a street by its Stadtteil', () => {
    expect(portal.search('Weender Straße, Göttingen', 5).results[0]).toMatchObject({ street: 'Weender Str.', match: 'exact' });
    expect(portal.search('Lindener Marktplatz Linden-Mitte', 5).results[0]).toMatchObject({ street: 'Lindener Marktplatz' });
  });

  it('resolves a RegionalKey newer than the outlines by postcode and locality (Walsrode 2020)', () => {
    expect(portal.search('Lange Straße, 29664 Walsrode', 5).results[0]).toMatchObject({ street: 'Lange Str.', ags: '03358022' });
  });

  it('reads a 12-digit RegionalKey and a quoted name with a comma', () => {
    expect(portal.search('Alte Rehburger Straße, Wunstorf', 5).results[0]).toMatchObject({ street: 'Alte Rehburger Str.' });
    expect(portal.search('Am Wasser, Steg 2, Wunstorf', 5).results.map((r) => r.street)).toContain('Am Wasser, Steg 2');
  });

  it("leaves the other states' streets out: Sögestraße is Bremen's, and so is the answer", () => {
    const answer = portal.search('Sögestraße, 28195 Bremen', 5);
    expect(answer.results).toEqual([]);
    expect(answer.outsideArea?.state).toBe('Bremen');
  });
});
