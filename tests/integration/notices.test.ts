/**
 * Notices from the data file to the answer: the import checks and stores them, and the services
 * pick those that apply to a district on a Berlin day (the date is injected: no timed test). A
 * state-wide notice shows everywhere, a PD's on its districts, a PI's on its districts, a
 * station's on the districts it serves; a dated one from its first to its last day only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildDatabase } from '../../src/data-import/build-database';
import { DataValidationError } from '../../src/data-import/errors';
import { NOTICE_CACHE_CONTROL, districtNotices } from '../../src/services/notices';
import { districtDetailBody } from '../../src/services/open-data';
import type { Portal } from '../../src/services/portal';
import { loadPortal } from '../../src/services/snapshot';
import { DistrictDetail } from '../../src/services/api-schemas';
import { copyDataDir, editJson, makeTempDir, removeTempDirs } from './helpers/data-dir';
import { rm } from 'node:fs/promises';

const NOTICES = [
  { id: 'land', scope: 'state', text: 'Für ganz Niedersachsen', isDemo: false, updatedAt: '2026-12-01' },
  {
    id: 'pd-hannover',
    scope: 'pd:pd-hannover',
    text: 'Für die PD Hannover',
    textEn: 'For PD Hannover',
    isDemo: false,
    updatedAt: '2026-12-01',
  },
  { id: 'pi-celle', scope: 'pi:pi-celle', text: '<script>alert(1)</script> PI Celle', isDemo: false, updatedAt: '2026-12-01' },
  {
    id: 'sprechstunde-wathlingen',
    scope: 'station:polizeistation-wathlingen',
    text: 'Die Sprechstunde in der Polizeistation Wathlingen entfällt am 24.12.',
    link: 'https://www.polizei.niedersachsen.de/',
    validFrom: '2026-12-20',
    validUntil: '2026-12-24',
    isDemo: false,
    updatedAt: '2026-12-01',
  },
];
/** Served by Polizeistation Wathlingen (PI Celle); another district of PI Celle; one of PD Hannover. */
const WATHLINGEN = '033515404';
const CELLE = '033510006';
/** Noon in Berlin on `day`. */
const at = (day: string) => new Date(`${day}T11:00:00Z`);

let portal: Portal;
beforeAll(async () => {
  const dataDir = await copyDataDir();
  await editJson(dataDir, 'demo/notices.json', () => NOTICES);
  const dbPath = path.join(await makeTempDir(), 'portal.db');
  const report = await buildDatabase({ dataDir, outputPath: dbPath });
  expect(report.counts.notices).toBe(4);
  portal = loadPortal(dbPath);
});
afterAll(removeTempDirs);

const idsFor = (districtId: string, day: string) =>
  districtNotices(portal, portal.districtView(districtId)!, at(day)).notices.map((n) => n.id);

describe('notices of a district on a day', () => {
  it('stores every notice of the file, markup as text', () => {
    expect(portal.notices.map((n) => n.id)).toEqual(['land', 'pd-hannover', 'pi-celle', 'sprechstunde-wathlingen']);
    expect(portal.notices.find((n) => n.id === 'pi-celle')?.text).toBe('<script>alert(1)</script> PI Celle');
  });

  it('shows state, PD, PI and station notices on the districts they are for', () => {
    const hannover = portal.listDistricts().find((d) => d.inspectionId === 'pi-hannover-stadt-pi-garbsen-pi-burgdorf')!;
    expect(idsFor(WATHLINGEN, '2026-12-21')).toEqual(['sprechstunde-wathlingen', 'pi-celle', 'land']);
    expect(idsFor(CELLE, '2026-12-21')).toEqual(['pi-celle', 'land']);
    expect(idsFor(hannover.id, '2026-12-21')).toEqual(['pd-hannover', 'land']);
  });

  it('shows a dated notice from its first to its last day (Berlin) and no longer', () => {
    expect(idsFor(WATHLINGEN, '2026-12-19')).not.toContain('sprechstunde-wathlingen');
    expect(idsFor(WATHLINGEN, '2026-12-20')).toContain('sprechstunde-wathlingen');
    expect(idsFor(WATHLINGEN, '2026-12-24')).toContain('sprechstunde-wathlingen');
    // 23:30 in Berlin on the last day still shows it; 00:30 on the next day no longer.
    const view = portal.districtView(WATHLINGEN)!;
    expect(districtNotices(portal, view, new Date('2026-12-24T22:30:00Z')).notices.map((n) => n.id)).toContain('sprechstunde-wathlingen');
    expect(districtNotices(portal, view, new Date('2026-12-24T23:30:00Z')).notices.map((n) => n.id)).not.toContain(
      'sprechstunde-wathlingen',
    );
    expect(idsFor(WATHLINGEN, '2026-12-25')).toEqual(['pi-celle', 'land']);
  });

  it('keeps answers with a coming date boundary briefly, the others as usual', () => {
    const view = portal.districtView(WATHLINGEN)!;
    expect(districtNotices(portal, view, at('2026-12-21')).cacheControl).toBe(NOTICE_CACHE_CONTROL);
    expect(districtNotices(portal, view, at('2026-12-25')).cacheControl).toBeNull();
    expect(districtNotices(portal, portal.districtView(CELLE)!, at('2026-12-21')).cacheControl).toBeNull();
  });

  it('puts them in the API’s district answer, shaped by its schema', () => {
    const answer = districtDetailBody(portal, WATHLINGEN, at('2026-12-21'))!;
    expect(answer.cacheControl).toBe(NOTICE_CACHE_CONTROL);
    const body = DistrictDetail.parse(answer.body);
    expect(body.notices.map((n) => [n.id, n.scope])).toEqual([
      ['sprechstunde-wathlingen', { type: 'station', id: 'polizeistation-wathlingen' }],
      ['pi-celle', { type: 'inspection', id: 'pi-celle' }],
      ['land', { type: 'state', id: null }],
    ]);
    expect(body.notices[0]).toMatchObject({ textEn: null, link: 'https://www.polizei.niedersachsen.de/', validUntil: '2026-12-24' });
    expect(districtDetailBody(portal, WATHLINGEN, at('2026-12-25'))!.body.notices.map((n) => n.id)).toEqual(['pi-celle', 'land']);
  });
});

describe('the import of notices', () => {
  async function buildWith(notices: unknown): Promise<unknown> {
    const dataDir = await copyDataDir();
    if (notices === undefined) await rm(path.join(dataDir, 'demo/notices.json'));
    else await editJson(dataDir, 'demo/notices.json', () => notices);
    return buildDatabase({ dataDir, outputPath: path.join(await makeTempDir(), 'portal.db') }).then(
      (report) => report,
      (error: unknown) => error,
    );
  }

  it('refuses a bad date and an end before the start, naming file, record and field', async () => {
    const error = await buildWith([
      { ...NOTICES[0], id: 'a' },
      { ...NOTICES[0], id: 'b', validFrom: '2026-12-32' },
      { ...NOTICES[0], id: 'c', validFrom: '2026-12-24', validUntil: '2026-12-01' },
    ]);
    expect(error).toBeInstanceOf(DataValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(/demo\/notices\.json, Datensatz 2 \(id "b"\), Feld "validFrom": .*JJJJ-MM-TT/);
    expect(message).toMatch(/demo\/notices\.json, Datensatz 3 \(id "c"\), Feld "validUntil": .*vor dem Beginn/);
  });

  it('refuses an area that is not in the data, and a duplicate id', async () => {
    const error = await buildWith([
      { ...NOTICES[0], id: 'a', scope: 'station:gibt-es-nicht' },
      { ...NOTICES[0], id: 'b', scope: 'pd:pd-nirgendwo' },
      { ...NOTICES[0], id: 'b' },
    ]);
    expect(error).toBeInstanceOf(DataValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(/doppelte id/);
    const unknown = await buildWith([
      { ...NOTICES[0], id: 'a', scope: 'station:gibt-es-nicht' },
      { ...NOTICES[0], id: 'b', scope: 'pd:pd-nirgendwo' },
    ]);
    expect((unknown as Error).message).toMatch(/Datensatz 1 \(id "a"\), Feld "scope": unbekannter Bereich "station:gibt-es-nicht"/);
    expect((unknown as Error).message).toMatch(/Datensatz 2 \(id "b"\), Feld "scope": unbekannter Bereich "pd:pd-nirgendwo"/);
  });

  it('builds without a notices file: no notices', async () => {
    const report = (await buildWith(undefined)) as { counts: { notices: number } };
    expect(report.counts.notices).toBe(0);
  });
});
