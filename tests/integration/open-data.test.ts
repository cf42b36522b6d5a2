/**
 * The downloads under /daten and the account registry over the project's own data: files with
 * fixed columns, RFC 4180 quoting, licences and the data version; every registered account
 * verifies from its own handle, and look-alikes of real entries do not.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRegistry, checkAccount } from '../../src/services/account-check';
import { COLUMNS, DOWNLOADS, toCsv } from '../../src/services/downloads';
import { publishedOfficers } from '../../src/services/open-data';
import type { Portal } from '../../src/services/portal';
import { callApi } from './helpers/api-harness';
import { buildProjectPortal, removeTempDirs } from './helpers/data-dir';

let portal: Portal;

beforeAll(async () => {
  portal = await buildProjectPortal();
});
afterAll(removeTempDirs);

/** Reads back what we write, strictly RFC 4180 (CRLF between records), with csv-parse. */
const parseCsv = (text: string): string[][] => parse(text, { record_delimiter: '\r\n' });

describe('toCsv', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and ends lines with CRLF', () => {
    const csv = toCsv(
      ['a', 'b', 'c'],
      [
        { a: 'x,y', b: 'say "hi"', c: 'line\nbreak' },
        { a: ' lead', b: null, c: ['p', 'q'] },
        { a: true, b: 3, c: 'plain' },
      ],
    );
    expect(csv).toBe('a,b,c\r\n"x,y","say ""hi""","line\nbreak"\r\n" lead",,p;q\r\ntrue,3,plain\r\n');
    expect(parseCsv(csv)[1]).toEqual(['x,y', 'say "hi"', 'line\nbreak']);
  });
});

describe('/daten downloads', () => {
  it.each(DOWNLOADS.map((spec) => [spec.file, spec] as const))('%s', async (file, spec) => {
    const result = await callApi(portal, `/daten/${file}`);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-disposition')).toBe(
      `attachment; filename="revierfinder-${file.split('.')[0]}-${portal.info.dataVersion}.${file.split('.')[1]}"`,
    );
    expect(result.headers.get('etag')).toMatch(/^W\/"/);
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.text.charCodeAt(0)).not.toBe(0xfeff);
    if (spec.format === 'csv') {
      expect(result.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      const rows = parseCsv(result.text);
      const columns = COLUMNS[spec.dataset];
      expect(rows[0]).toEqual([...columns]);
      for (const row of rows) expect(row).toHaveLength(columns.length);
      const ids = rows.slice(1).map((row) => row[0]!);
      expect(ids).toEqual([...ids].sort());
    } else {
      const body = JSON.parse(result.text);
      expect(body).toMatchObject({ dataVersion: portal.info.dataVersion, dataDate: portal.info.builtAt });
      expect(body.licences.length).toBeGreaterThan(0);
      if (spec.format === 'geojson') {
        expect(body.type).toBe('FeatureCollection');
        expect(body.features).toHaveLength(portal.listDistricts().length);
        expect(body.licences.map((l: { licence: string }) => l.licence).join(' ')).toMatch(/dl-de\/by-2-0/);
        expect(body.attribution).toMatch(/GeoBasis-DE \/ BKG/);
      } else {
        expect(body.columns).toEqual(COLUMNS[spec.dataset]);
        for (const record of body.records) expect(Object.keys(record)).toEqual(body.columns);
      }
    }
  });

  it('has as many rows as the API has records', async () => {
    const officers = parseCsv((await callApi(portal, '/daten/beamte.csv')).text);
    expect(officers.length - 1).toBe(publishedOfficers(portal).length);
    const accounts = JSON.parse((await callApi(portal, '/daten/konten.json')).text).records;
    expect(accounts).toHaveLength(portal.listAccounts().length);
  });

  it('answers an unknown file with 404', async () => {
    const result = await callApi(portal, '/daten/passwoerter.csv');
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('not_found');
  });

  it('serves the same bytes again (cached per snapshot) and 304 on If-None-Match', async () => {
    const first = await callApi(portal, '/daten/bezirke.geojson');
    const second = await callApi(portal, '/daten/bezirke.geojson', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(second.status).toBe(304);
  });
});

describe('the registry of official accounts over the project data', () => {
  it('indexes every account', () => {
    expect(accountRegistry(portal).unindexed.map((entry) => entry.id)).toEqual([]);
  });

  it('verifies every account from its own platform and handle, labelled as demo', () => {
    for (const { account } of portal.listAccounts()) {
      const answer = checkAccount(portal, account.handle, account.platform);
      expect(answer.ok, account.id).toBe(true);
      if (!answer.ok) continue;
      expect(answer.body.status, account.id).toBe('official');
      const match = answer.body.accounts.find((entry) => entry.id === account.id);
      expect(match, account.id).toBeDefined();
      expect(match!.label).toBe(account.isDemo ? 'Demo-Konto (erfunden)' : null);
    }
  });

  it('does not verify look-alikes of registered handles', () => {
    const fakes = (handle: string) => [
      handle.replace('o', 'о'), // Cyrillic o
      handle.replace('a', 'а'), // Cyrillic a
      handle.replace('_', '__'),
      handle.replace('_', '.'),
      `${handle}_`,
      handle.replace(/(.)(.)$/, '$2$1'),
      handle.replace('l', '1'),
    ];
    for (const { account } of portal.listAccounts().filter((entry) => entry.account.platform === 'instagram')) {
      for (const fake of fakes(account.handle).filter((value) => value !== account.handle)) {
        const answer = checkAccount(portal, `https://www.instagram.com/${fake}/`, null);
        expect(answer.ok && answer.body.status, fake).toBe('not_found');
      }
    }
  });
});
