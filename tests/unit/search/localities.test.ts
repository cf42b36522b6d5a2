/**
 * Ortsteile in the place search: real places of the GeoNames file (as the import classifies
 * them: tests/integration/gazetteer.test.ts) on top of the real municipalities and districts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locality } from '../../../src/domain/model';
import { PlaceSearch, type PlaceMatch } from '../../../src/domain/search';
import { loadRealPlaces } from './real-data';

const locality = (
  id: number,
  name: string,
  ags: string,
  postcodes: string[],
  lat: number,
  lon: number,
  sourceNames: string[],
  kind: Locality['kind'] = 'ortsteil',
): Locality => ({
  id,
  name,
  kind,
  sourceNames,
  ags,
  postcodes,
  point: { lat, lon },
});

const KRUMMHOERN = '03452014';
const WITTMUND = '03462019';
const BRAUNLAGE = '03153016';
const FRIEDEBURG = '03462005';
const HESEL = '03457010';
const SALZGITTER = '03102000';
const WULFTEN = '03159039';

const LOCALITIES: Locality[] = [
  locality(1, 'Greetsiel', KRUMMHOERN, ['26736'], 53.5011, 7.0945, ['Krummhörn Greetsiel']),
  locality(2, 'Carolinensiel', WITTMUND, ['26409'], 53.6912, 7.801, ['Wittmund Carolinensiel']),
  locality(3, 'Sankt Andreasberg', BRAUNLAGE, ['37444'], 51.71, 10.5187, ['Sankt Andreasberg']),
  locality(4, 'Hesel', FRIEDEBURG, ['26446'], 53.4663, 7.8391, ['Friedeburg Hesel']),
  locality(5, 'Abickhafe', FRIEDEBURG, ['26446'], 53.491, 7.8834, ['Friedeburg Reepsholt, Abickhafe']),
  locality(6, 'Salzgitter-Bad', SALZGITTER, ['38259'], 52.0528, 10.3732, ['Salzgitter Bad']),
  locality(7, 'Lebenstedt', SALZGITTER, ['38226', '38228', '38229'], 52.1581, 10.3331, ['Salzgitter Lebenstedt']),
  locality(8, 'Wulften', WULFTEN, ['37199'], 51.66, 10.1744, ['Wulften'], 'alias'),
];

let search: PlaceSearch;
beforeAll(() => {
  search = new PlaceSearch({ ...loadRealPlaces(), localities: LOCALITIES });
});

const first = (query: string): PlaceMatch | undefined => search.search(query)[0];

describe('Ortsteile', () => {
  it.each<[string, string, string]>([
    ['Greetsiel', 'Greetsiel (Krummhörn)', KRUMMHOERN],
    ['greetsiel', 'Greetsiel (Krummhörn)', KRUMMHOERN],
    ['Greetsiel Krummhörn', 'Greetsiel (Krummhörn)', KRUMMHOERN],
    ['Krummhörn-Greetsiel', 'Greetsiel (Krummhörn)', KRUMMHOERN],
    ['Krummhoern Greetsiel', 'Greetsiel (Krummhörn)', KRUMMHOERN],
    ['Greetsiel (Krummhörn)', 'Greetsiel (Krummhörn)', KRUMMHOERN],
    ['Carolinensiel', 'Carolinensiel (Wittmund)', WITTMUND],
    ['Sankt Andreasberg', 'Sankt Andreasberg (Braunlage)', BRAUNLAGE],
    ['St. Andreasberg', 'Sankt Andreasberg (Braunlage)', BRAUNLAGE],
    ['Abickhafe', 'Abickhafe (Friedeburg)', FRIEDEBURG],
    ['Friedeburg Reepsholt, Abickhafe', 'Abickhafe (Friedeburg)', FRIEDEBURG],
    ['Salzgitter-Bad', 'Salzgitter-Bad (Salzgitter)', SALZGITTER],
    ['Salzgitter Bad', 'Salzgitter-Bad (Salzgitter)', SALZGITTER],
    ['Lebenstedt', 'Lebenstedt (Salzgitter)', SALZGITTER],
  ])('%s → %s, exact', (query, label, ags) => {
    expect(first(query)).toMatchObject({ type: 'locality', label, ags, match: 'exact', postcode: null });
  });

  it("is in its municipality's district, at its own point", () => {
    const greetsiel = first('Greetsiel')!;
    expect(greetsiel.districtId).toBe(search.search('Krummhörn')[0]!.districtId);
    expect(greetsiel.point).toEqual({ lat: 53.5011, lon: 7.0945 });
  });

  it('is no name on its own where the source joins it to its town ("Bad" is not Salzgitter-Bad)', () => {
    const bad = search.search('Bad', 100).filter((r) => r.label.startsWith('Salzgitter-Bad'));
    expect(bad.every((r) => r.match !== 'exact')).toBe(true);
  });

  it('a typo of an Ortsteil is a guess, never exact', () => {
    expect(first('Gretsiel')).toMatchObject({ label: 'Greetsiel (Krummhörn)', match: 'corrected' });
  });

  it("an Ortsteil with a municipality's name is a second exact answer, after the municipality", () => {
    const results = search.search('Hesel');
    expect(results.slice(0, 2).map((r) => [r.type, r.ags, r.match])).toEqual([
      ['municipality', HESEL, 'exact'],
      ['locality', FRIEDEBURG, 'exact'],
    ]);
  });

  it('pairs with its postcode, keeping its own name and point', () => {
    expect(first('26736 Greetsiel')).toMatchObject({
      type: 'locality',
      label: '26736 Greetsiel (Krummhörn)',
      postcode: '26736',
      match: 'exact',
      point: { lat: 53.5011, lon: 7.0945 },
    });
    expect(first('38229 Lebenstedt')).toMatchObject({ label: '38229 Lebenstedt (Salzgitter)', match: 'exact' });
  });

  it('with a postcode of another town, is only a guess', () => {
    const results = search.search('29221 Greetsiel');
    expect(results.every((r) => r.match === 'corrected')).toBe(true);
  });

  it('another name of a municipality finds the municipality itself', () => {
    expect(first('Wulften')).toMatchObject({ type: 'municipality', ags: WULFTEN, match: 'exact' });
    expect(search.search('Wulften').some((r) => r.type === 'locality')).toBe(false);
  });

  it('labels stay unique and every municipality stays first for its own label', () => {
    for (const m of loadRealPlaces().municipalities.slice(0, 200)) {
      expect(
        search.search(m.name, 10).some((r) => r.ags === m.ags && r.match === 'exact'),
        m.name,
      ).toBe(true);
    }
  });
});
