/**
 * The GeoNames import (src/data-import/gazetteer.ts) on the real file: which rows become
 * Ortsteile, in which municipality, which are left out and why; the other states' places and
 * police. Then the same on small made-up files, for the rules the real file shows only once.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSources, type SourceData } from '../../src/data-import/read-sources';
import { GAZETTEER_FILES } from '../../src/data-import/gazetteer';
import { copyDataDir, PROJECT_DATA_DIR, removeTempDirs } from './helpers/data-dir';

let data: SourceData;
beforeAll(async () => {
  data = await readSources(PROJECT_DATA_DIR);
});
afterAll(removeTempDirs);

const municipalityName = (ags: string) => data.municipalities.find((m) => m.ags === ags)?.name;
const localitiesNamed = (name: string) =>
  data.localities.filter((l) => l.name === name).map((l) => ({ ...l, town: municipalityName(l.ags) }));

describe('Ortsteile of Niedersachsen', () => {
  it.each<[string, string, string]>([
    // "<Gemeinde> <Ortsteil>" rows.
    ['Greetsiel', 'Krummhörn', '26736'],
    ['Carolinensiel', 'Wittmund', '26409'],
    ['Dangast', 'Varel', '26316'],
    ['Hahnenklee-Bockswiese', 'Goslar', '38644'],
    ['Norddeich', 'Norden', '26506'],
    ['Loccum', 'Rehburg-Loccum', '31547'],
    ['Tramm', 'Dannenberg (Elbe)', '29451'],
    // "Bergen (Dumme) Wöhningen": GeoNames writes Bergen an der Dumme the short way.
    ['Wöhningen', 'Bergen an der Dumme', '29468'],
    // "Friedeburg Reepsholt, Abickhafe": the smallest place is the name.
    ['Abickhafe', 'Friedeburg', '26446'],
    // A name alone ("Sankt Andreasberg"): the point decides, not the old town's name.
    ['Sankt Andreasberg', 'Braunlage', '37444'],
    ['Hermannsburg', 'Südheide', '29320'],
    ['Bad Bederkesa', 'Geestland', '27624'],
    ['Vienenburg', 'Goslar', '38690'],
    // The name of another municipality, elsewhere: Neuhaus in Amt Neuhaus, not Neuhaus (Oste).
    ['Neuhaus', 'Amt Neuhaus', '19273'],
    ['Hesel', 'Friedeburg', '26446'],
  ])('%s is an Ortsteil of %s (%s)', (name, town, postcode) => {
    const found = localitiesNamed(name);
    expect(found, name).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'ortsteil', town });
    expect(found[0]!.postcodes).toContain(postcode);
  });

  it('keeps one Ortsteil for a name in several postcodes, with all of them', () => {
    const [lebenstedt, ...rest] = localitiesNamed('Lebenstedt');
    expect(rest).toEqual([]);
    expect(lebenstedt).toMatchObject({ town: 'Salzgitter', postcodes: ['38226', '38228', '38229'] });
  });

  it('keeps same-named Ortsteile of different towns apart', () => {
    expect(
      localitiesNamed('Düdinghausen')
        .map((l) => l.town)
        .sort(),
    ).toEqual(['Auhagen', 'Steyerberg']);
  });

  it('joins a part that is no name on its own to its town: Salzgitter-Bad', () => {
    expect(localitiesNamed('Salzgitter-Bad')).toMatchObject([{ town: 'Salzgitter' }]);
    expect(localitiesNamed('Bad')).toEqual([]);
  });

  it('takes another spelling of a municipality as its name, not as an Ortsteil', () => {
    expect(localitiesNamed('Wulften')).toMatchObject([{ kind: 'alias', town: 'Wulften am Harz' }]);
    expect(localitiesNamed('Neuhaus an der Oste')).toMatchObject([{ kind: 'alias', town: 'Neuhaus (Oste)' }]);
    // A part of a merged municipality is an Ortsteil: Schladen of Schladen-Werla.
    expect(localitiesNamed('Schladen')).toMatchObject([{ kind: 'ortsteil', town: 'Schladen-Werla' }]);
  });

  it('adds nothing for rows that are a municipality itself ("Celle", "Varel Varel", "Hude (Oldenburg)")', () => {
    for (const name of [
      'Celle',
      'Varel',
      'Zetel',
      'Goslar',
      'Nienburg (Weser)',
      'Hude (Oldenburg)',
      'Hude',
      'Bergen (Dumme)',
      'Hannoversch Münden',
    ]) {
      expect(localitiesNamed(name), name).toEqual([]);
    }
  });

  it('leaves out rows whose name and point contradict each other, and places in uninhabited land', () => {
    expect(localitiesNamed('Wussegel')).toEqual([]);
    expect(localitiesNamed('Altenhagen').map((l) => l.town)).not.toContain('Bückeburg');
    expect(localitiesNamed('Wahlsburg')).toEqual([]);
    expect(data.warnings.join('\n')).toMatch(/Hitzacker Wussegel \(29456\)/);
    expect(data.warnings.join('\n')).toMatch(/Wahlsburg \(37194\)/);
  });

  it('puts every Ortsteil in an inhabited municipality of Niedersachsen', () => {
    expect(data.localities.length).toBeGreaterThan(500);
    const inhabited = new Set(data.municipalities.filter((m) => m.population > 0).map((m) => m.ags));
    for (const l of data.localities) expect(inhabited.has(l.ags), l.name).toBe(true);
  });
});

describe('places outside Niedersachsen', () => {
  const policeOf = (name: string) => [...new Set(data.outsidePlaces.filter((p) => p.name === name).map((p) => p.policeId))].sort();

  it.each<[string, string[]]>([
    ['Bremen', ['bremen']],
    ['Bremerhaven', ['bremerhaven']],
    ['Hamburg', ['hamburg']],
    ['Hamburg Bergedorf', ['hamburg']],
    ['München', ['bayern']],
    ['Kiel', ['schleswig-holstein']],
    ['Oldenburg in Holstein', ['schleswig-holstein']],
    ['Rotenburg an der Fulda', ['hessen']],
    ['Dresden', ['sachsen']],
  ])('%s: police %j', (name, police) => {
    expect(policeOf(name)).toEqual(police);
  });

  it("skips the companies' postcodes (numeric state codes) and keeps no place of Niedersachsen", () => {
    expect(data.outsidePlaces.some((p) => /GmbH|Sparkasse|Deutsche Post/.test(p.name))).toBe(false);
    expect(data.outsidePlaces.length).toBeGreaterThan(14_000);
    expect(data.warnings.join('\n')).toMatch(/6820 Zeilen ohne Länderkürzel/);
  });

  it('names each state and its police once, Bremerhaven apart from Bremen', () => {
    expect(data.statePolice.map((p) => p.stateCode).sort()).toEqual(
      ['BB', 'BE', 'BW', 'BY', 'HB', 'HB', 'HE', 'HH', 'MV', 'NW', 'RP', 'SH', 'SL', 'SN', 'ST', 'TH'].sort(),
    );
    expect(data.statePolice.find((p) => p.id === 'bremerhaven')).toMatchObject({ state: 'Bremen', city: 'Bremerhaven' });
    expect(data.statePolice.find((p) => p.id === 'bremen')).toMatchObject({ state: 'Bremen', city: null });
  });
});

describe('the files are optional, and checked', () => {
  it('builds without them: no Ortsteile, no outside places', async () => {
    const dir = await copyDataDir();
    const { rm } = await import('node:fs/promises');
    await rm(path.join(dir, 'deutschland'), { recursive: true });
    const without = await readSources(dir);
    expect(without.localities).toEqual([]);
    expect(without.outsidePlaces).toEqual([]);
  });

  it('names file, line and field of a bad row', async () => {
    const dir = await copyDataDir();
    const file = path.join(dir, GAZETTEER_FILES.places);
    await writeFile(
      file,
      'country_code,zipcode,place,state,state_code,province,province_code,community,community_code,latitude,longitude\n' +
        'DE,26736,Krummhörn Greetsiel,Niedersachsen,NI,,00,Aurich,03452,north,7.0945\n',
    );
    await expect(readSources(dir)).rejects.toThrow(/geonames_postleitzahlen_de\.csv.*Zeile 2.*latitude/s);
  });
});
