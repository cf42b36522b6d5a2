/**
 * Address import and search on a small fixture with known answers: HK-DE in UTF-8 and in
 * ISO-8859-1, a plain CSV, the OSM street centres of data/streets; ranking and every resolution
 * rule (exact, nearest number, street without numbers, unknown street in a known town, a street
 * in several districts, a point near another district), through the service and the endpoint.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../src/data-import/build-database';
import { decodeAddressFile } from '../../src/data-import/house-addresses';
import { DataValidationError } from '../../src/data-import/errors';
import { GET as search } from '../../src/pages/api/v1/search';
import type { Portal, SearchResult } from '../../src/services/portal';
import { loadPortal } from '../../src/services/snapshot';
import type { AddressSearch } from '../../src/services/address-search';
import { parseAddressQuery } from '../../src/domain/search';
import { copyDataDir, makeTempDir, removeTempDirs } from './helpers/data-dir';

const FIXTURES = fileURLToPath(new URL('../fixtures/addresses', import.meta.url));
const CELLE = '033510006';
const BRAUNSCHWEIG = '031010000';
const FLOTWEDEL = '033515402';

let portal: Portal;
let dataDir: string;

beforeAll(async () => {
  dataDir = await copyDataDir();
  await mkdir(path.join(dataDir, 'addresses'));
  await cp(FIXTURES, path.join(dataDir, 'addresses'), { recursive: true });
  const dbPath = path.join(await makeTempDir(), 'portal.db');
  const report = await buildDatabase({ dataDir, outputPath: dbPath });
  expect(report.counts.addresses).toBe(14);
  expect(report.synthetic).toBe(false);
  portal = loadPortal(dbPath);
});
afterAll(removeTempDirs);

const addressSearch = (): AddressSearch => portal.searchIndexes.addresses!;

const first = (query: string): SearchResult => {
  const result = portal.search(query, 10).results[0];
  if (!result) throw new Error(`no result for ${query}`);
  return result;
};

describe('reading address files', () => {
  it('tells UTF-8 from ISO-8859-1', async () => {
    const { readFile } = await import('node:fs/promises');
    const latin1 = decodeAddressFile(await readFile(path.join(FIXTURES, 'braunschweig-hk-de-latin1.txt')));
    const utf8 = decodeAddressFile(await readFile(path.join(FIXTURES, 'celle-hk-de-utf8.txt')));
    expect(latin1.encoding).toBe('ISO-8859-1');
    expect(latin1.text).toContain('Küchenstraße');
    expect(utf8.encoding).toBe('UTF-8');
    expect(utf8.text).toContain('Ölmühlenweg');
  });

  it('reprojects UTM 32 to the right place (within a metre of the source point)', () => {
    const result = first('Großer Plan 12a, 29221 Celle');
    expect(result.point.lat).toBeCloseTo(52.62505, 5);
    expect(result.point.lon).toBeCloseTo(10.0809, 5);
  });

  it('skips records marked L (to be deleted)', () => {
    const result = first('Großer Plan 99 Celle');
    expect(result.approximate).toBe(true);
    expect(result.houseNumber).toBe('12');
  });

  it('rejects a broken HK-DE line naming file, line and field, and keeps the old database', async () => {
    const broken = await copyDataDir(dataDir);
    await writeFile(
      path.join(broken, 'addresses', 'kaputt.txt'),
      'N;DENI1;A;03;3;51;006;0000;00001;12;;32573158,628;5831104,563;Großer Plan;2922;Celle;;\nN;zu;wenig;Felder\n',
    );
    const target = path.join(await makeTempDir(), 'portal.db');
    const error = await buildDatabase({ dataDir: broken, outputPath: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataValidationError);
    const messages = (error as DataValidationError).problems.map((p) => p.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/addresses\/kaputt\.txt, Datensatz 1 \(Zeile 1, id "DENI1"\), Feld "PLZ": erwartet 5-stellige Postleitzahl/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/kaputt\.txt, Datensatz 2 \(Zeile 2\): 4 Felder statt 18/));
  });

  it('rejects a plain CSV row without a house number', async () => {
    const broken = await copyDataDir(dataDir);
    await writeFile(
      path.join(broken, 'addresses', 'celle-plain.csv'),
      'street,house_number,postcode,town,lat,lon\nMühlenstraße,,29221,Celle,52.6230,10.0830\n',
    );
    const error = await buildDatabase({ dataDir: broken, outputPath: path.join(await makeTempDir(), 'x.db') }).catch((e: unknown) => e);
    expect((error as DataValidationError).message).toMatch(
      /celle-plain\.csv, Datensatz 1 \(Zeile 2.*\), Feld "house_number": erwartet eine Hausnummer/,
    );
  });
});

describe('resolution rules', () => {
  it.each([
    ['Großer Plan 12a, 29221 Celle', '12a'],
    ['Grosser Plan 12 a Celle', '12a'],
    ['GROSSER PLAN 12A', '12a'],
    ['29221 Celle, Großer Plan 12a', '12a'],
    ['Celle Großer Plan 12', '12'],
    ['großer-plan 3 celle', '3'],
    ['Grossr Plan 3 Cele', '3'],
  ])('exact address: %j → Großer Plan %s in Celle', (query, number) => {
    const result = first(query);
    expect(result).toMatchObject({
      type: 'address',
      street: 'Großer Plan',
      houseNumber: number,
      approximate: false,
      note: null,
      district: { id: CELLE },
      municipality: { ags: '03351006' },
    });
    expect(result.label).toBe(`Großer Plan ${number}, 29221 Celle`);
  });

  it('goes straight to the district for an exact address, with its point', () => {
    const answer = portal.search('Großer Plan 12a, 29221 Celle', 20);
    expect(answer.decision).toEqual({ action: 'go', index: 0 });
    expect(answer.results[0]).toMatchObject({ type: 'address', match: 'exact', approximate: false });
  });

  it('decodes the ISO-8859-1 file: Küchenstraße and Bültenweg in Braunschweig', () => {
    for (const query of ['Küchenstraße 5 Braunschweig', 'Kuechenstr. 5, 38100 Braunschweig', 'Bueltenweg 10']) {
      expect(first(query)).toMatchObject({ type: 'address', approximate: false, district: { id: BRAUNSCHWEIG } });
    }
  });

  it('reads the plain CSV, suffix with a space included', () => {
    expect(first('Mühlenstr. 6b Celle')).toMatchObject({ type: 'address', houseNumber: '6b', approximate: false });
    expect(first('Muehlenstrasse 4, Celle')).toMatchObject({ type: 'address', houseNumber: '4', approximate: false });
  });

  it('answers a misspelt street in a town that is one district with the town, the street as a guess', () => {
    const answer = portal.search('Großer Plam 5, Celle', 10);
    expect(answer.results[0]).toMatchObject({ type: 'municipality', label: 'Celle', streetUnknown: true, match: 'exact' });
    expect(answer.decision).toEqual({ action: 'go', index: 0 });
    expect(answer.results).toContainEqual(
      expect.objectContaining({ type: 'address', street: 'Großer Plan', houseNumber: '5', match: 'corrected' }),
    );
  });

  it('answers an unknown number with the nearest known one, marked approximate', () => {
    const result = first('Großer Plan 4 Celle');
    expect(result).toMatchObject({ type: 'address', houseNumber: '3', approximate: true, district: { id: CELLE } });
    expect(result.note).toBe('Hausnummer 4 nicht gefunden, ungefähre Lage: Nr. 3');
    // The street is known exactly, and all of Celle is one district: the number cannot change it.
    expect(result.match).toBe('exact');
    expect(portal.search('Großer Plan 4 Celle', 20).decision).toEqual({ action: 'go', index: 0 });
  });

  it('answers an unknown suffix with the plain number', () => {
    expect(first('Großer Plan 12c Celle')).toMatchObject({ houseNumber: '12', approximate: true });
  });

  it('answers a street without known numbers with its centre, approximate', () => {
    const result = first('Adam-Opel-Straße 5, Braunschweig');
    expect(result).toMatchObject({ type: 'street', street: 'Adam-Opel-Straße', approximate: true, district: { id: BRAUNSCHWEIG } });
    expect(result.note).toBe('Hausnummern dieser Straße sind uns nicht bekannt, ungefähre Lage: Straßenmitte');
  });

  it('answers an unknown street in a town that is one district with the town, and goes there saying so', () => {
    const answer = portal.search('Gibtsnichtweg 5, Celle', 10);
    expect(answer.results[0]).toMatchObject({
      type: 'municipality',
      label: 'Celle',
      approximate: true,
      streetUnknown: true,
      match: 'exact',
      district: { id: CELLE },
    });
    expect(answer.results[0]!.note).toBe('Straße nicht gefunden, Ergebnis für Celle');
    expect(answer.decision).toEqual({ action: 'go', index: 0 });
    expect(first('29221 Erfundene Straße 3')).toMatchObject({
      type: 'postcode',
      approximate: true,
      note: 'Straße nicht gefunden, Ergebnis für 29221 Celle',
    });
  });

  it('offers every district for a street that exists in several', () => {
    const answer = portal.search('Hauptstraße 2', 10);
    const districts = answer.results.filter((r) => r.type === 'address').map((r) => r.district?.id);
    expect(districts).toEqual(expect.arrayContaining([CELLE, BRAUNSCHWEIG]));
    expect(answer.decision).toEqual({ action: 'choose', reason: 'several' });
  });

  it('names the other district for a point near the boundary', () => {
    const result = first('Ölmühlenweg 7, Celle');
    expect(result).toMatchObject({ type: 'address', approximate: false, district: { id: CELLE } });
    expect(result.nearBoundary.map((d) => d.id)).toContain(FLOTWEDEL);
    expect(result.note).toMatch(/Nahe der Grenze zu .*Flotwedel.*beide Bezirke/);
  });
});

describe('ranking', () => {
  it('puts the town first for a town name, streets named after it after', () => {
    const answer = portal.search('Celle', 10);
    expect(answer.results[0]).toMatchObject({ type: 'municipality', label: 'Celle', approximate: false });
    expect(answer.decision).toEqual({ action: 'go', index: 0 });
  });

  it('finds streets by prefix while typing', () => {
    expect(first('Großer Pl')).toMatchObject({ type: 'street', street: 'Großer Plan' });
    expect(first('Kuchenst')).toMatchObject({ type: 'street', street: 'Küchenstraße' });
  });

  it('finds the street while one letter of the next word is typed', () => {
    expect(first('Großer Plan 1')).toMatchObject({ street: 'Großer Plan' });
    expect(first('Großer P')).toMatchObject({ type: 'street', street: 'Großer Plan' });
    expect(first('Küchenstraße 3 B')).toMatchObject({ street: 'Küchenstraße' });
  });

  it('writes out a long prefix as its known completions, and finds streets by every one of them', () => {
    // Not the town: one word is searched in street names only.
    const expression = addressSearch().matchExpression(parseAddressQuery('Küchenstr'));
    expect(expression?.match).toBe('{name} : "kuchenstrasse"');
    expect(first('Küchenstr')).toMatchObject({ type: 'street', street: 'Küchenstraße' });
  });

  it('ranks address before street before place at equal match quality', () => {
    const types = portal.search('Großer Plan 12a Celle', 10).results.map((r) => r.type);
    expect(types[0]).toBe('address');
  });

  it('keeps place search as it was', () => {
    expect(first('Hann. Münden')).toMatchObject({ type: 'municipality', label: 'Hann. Münden', approximate: false });
    expect(first('29221')).toMatchObject({ type: 'postcode', label: '29221 Celle' });
    expect(first('Cele')).toMatchObject({ label: 'Celle', match: 'corrected' });
  });
});

describe('GET /api/v1/search with addresses', () => {
  const call = async (query: string) => {
    const url = new URL(`http://localhost/api/v1/search?${query}`);
    const response = await search({ url, request: new Request(url), locals: { portal } } as never);
    return { status: response.status, body: await response.json() };
  };

  it('answers address results with street, house number, approximate and note', async () => {
    const { status, body } = await call(`q=${encodeURIComponent('Großer Plan 4 Celle')}&limit=3`);
    expect(status).toBe(200);
    expect(body.results[0]).toEqual({
      type: 'address',
      label: 'Großer Plan 3, 29221 Celle',
      match: 'exact',
      lat: expect.any(Number),
      lon: expect.any(Number),
      postcode: '29221',
      municipality: { ags: '03351006', name: 'Celle' },
      district: { id: CELLE, name: 'Celle' },
      city: null,
      approximate: true,
      note: 'Hausnummer 4 nicht gefunden, ungefähre Lage: Nr. 3',
      street: 'Großer Plan',
      houseNumber: '3',
    });
    expect(body.results.length).toBeLessThanOrEqual(3);
  });

  it('answers 400 for a query over 200 characters, with a message', async () => {
    const { status, body } = await call(`q=${'Hauptstraße '.repeat(20)}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/200/) });
  });

  it('caps limit at 20', async () => {
    expect((await call('q=Hauptstra&limit=21')).status).toBe(400);
    expect((await call('q=Hauptstra&limit=20')).status).toBe(200);
  });
});
