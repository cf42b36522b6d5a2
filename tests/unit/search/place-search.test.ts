import { beforeAll, describe, expect, it } from 'vitest';
import { decideSearch, PlaceSearch, SCORE_BANDS, type PlaceMatch } from '../../../src/domain/search';
import { loadRealPlaces } from './real-data';

// AGS / ARS values checked against data/geo/nds_gemeinden_vg250.geojson and
// data/geo/nds_samtgemeinden_einheitsgemeinden_vg250.geojson.
const AGS = {
  celle: '03351006',
  goettingen: '03159016',
  hannMuenden: '03159017',
  oldenburg: '03403000',
  verden: '03361012',
  osnabrueck: '03404000',
  lueneburg: '03355022',
  neustadtRbge: '03241012',
  helmstedtStadt: '03154028',
  hambergen: '03356003',
  braunschweig: '03101000',
  neuenkirchenOsnabrueck: '03459027',
  burgdorfRegionHannover: '03241003',
  hanstedtHarburg: '03353016',
  asendorfHarburg: '03353002',
  amtNeuhaus: '03355049',
  bleckede: '03355009',
} as const;
const SG_HAMBERGEN = '033565401';
const SG_FLOTWEDEL = '033515402';

let search: PlaceSearch;
beforeAll(() => {
  search = new PlaceSearch(loadRealPlaces());
});

const first = (query: string): PlaceMatch | undefined => search.search(query)[0];

/** Whether the portal's one rule would go straight to the first exact result's district. */
const confident = (results: readonly PlaceMatch[]) =>
  decideSearch(results.map((r) => ({ match: r.match, place: r.place, target: r.districtId, districts: 1 }))).action === 'go';

describe('municipality names: typos, spellings, abbreviations, prefixes', () => {
  it.each<[string, string]>([
    ['Celle', AGS.celle],
    ['celle', AGS.celle],
    ['Ｃｅｌｌｅ', AGS.celle],
    ['Cele', AGS.celle],
    ['Göttingen', AGS.goettingen],
    ['Götingen', AGS.goettingen],
    ['Goettingen', AGS.goettingen],
    ['gottingen', AGS.goettingen],
    ['Go\u0308ttingen', AGS.goettingen],
    ['Gotting', AGS.goettingen],
    ['Hann. Münden', AGS.hannMuenden],
    ['Hann Münden', AGS.hannMuenden],
    ['Hannoversch Münden', AGS.hannMuenden],
    ['hann. munden', AGS.hannMuenden],
    ['Hann Mnden', AGS.hannMuenden],
    ['Oldenburg', AGS.oldenburg],
    ['Oldenburg (Oldb)', AGS.oldenburg],
    ['Oldenburg Oldb', AGS.oldenburg],
    ['Verden', AGS.verden],
    ['Verden/Aller', AGS.verden],
    ['Osnabrueck', AGS.osnabrueck],
    ['Osnabrück', AGS.osnabrueck],
    ['Lüneb', AGS.lueneburg],
    ['Lünebrug', AGS.lueneburg],
    ['Neustadt a. Rbge.', AGS.neustadtRbge],
    ['Neustadt', AGS.neustadtRbge],
    ['Brauschweig', AGS.braunschweig],
    ['Stadt Celle', AGS.celle],
    ['Helmstedt', AGS.helmstedtStadt],
    ['Hambergen', AGS.hambergen],
    ['Neuenkirchen Osnabrück', AGS.neuenkirchenOsnabrueck],
    ['Burgdorf Hannover', AGS.burgdorfRegionHannover],
  ])('%s', (query, ags) => {
    const best = first(query);
    expect(best?.type).toBe('municipality');
    expect(best?.ags).toBe(ags);
  });

  it('ranks the city Oldenburg (Oldb) before places qualified "(Oldenburg)"', () => {
    const results = search.search('Oldenburg');
    expect(results[0]?.label).toBe('Oldenburg (Oldb)');
    expect(results.slice(1).map((r) => r.label)).toContain('Cappeln (Oldenburg)');
    expect(confident(results)).toBe(true);
  });

  it('ranks prefixes by population while typing', () => {
    const labels = search.search('Han', 3).map((r) => r.label);
    expect(labels[0]).toBe('Hannover');
  });

  it('without look-alikes gives the same exact and prefix answers, and look-alikes score no better than fuzzyBase', () => {
    for (const query of ['Celle', 'Cele', 'Götingen', 'Gotting', 'Han', 'Hann Mnden', 'Lindenweg Ha', 'Bahnhofstr Oldenb', 'xqzjkw']) {
      const all = search.search(query, 100);
      const without = search.search(query, 100, { lookAlikes: false });
      expect(without.every((r) => r.match !== 'corrected')).toBe(true);
      // Everything that ranks before any look-alike is the same (search.ts relies on it).
      const better = (list: PlaceMatch[]) => list.filter((r) => r.score < SCORE_BANDS.fuzzyBase);
      expect(better(without)).toEqual(better(all));
      for (const r of all) if (r.match === 'corrected') expect(r.score).toBeGreaterThanOrEqual(SCORE_BANDS.fuzzyBase);
    }
    // With a number the text may be read with a postcode: the flag leaves that reading whole.
    expect(search.search('Cele 292', 10, { lookAlikes: false })).toEqual(search.search('Cele 292', 10));
    expect(search.search('Cele', 10, { lookAlikes: false }).some((r) => r.match === 'corrected')).toBe(false);
    expect(search.search('Cele', 10).some((r) => r.match === 'corrected')).toBe(true);
  });

  it('ranks exact before prefix before fuzzy', () => {
    const results = search.search('Celle');
    expect(results[0]?.score).toBe(0);
    for (let i = 1; i < results.length; i++) expect(results[i]!.score).toBeGreaterThanOrEqual(results[i - 1]!.score);
  });

  it('disambiguates same-named municipalities with the Kreis and is not confident', () => {
    const results = search.search('Neuenkirchen');
    const exact = results.filter((r) => r.score <= 0.05);
    expect(exact).toHaveLength(5);
    expect(new Set(exact.map((r) => r.label)).size).toBe(5);
    expect(exact.map((r) => r.label)).toContain('Neuenkirchen (Landkreis Osnabrück)');
    expect(confident(results)).toBe(false);
  });

  it.each<[string, string, string]>([
    ['Brockel', '03357009', '03351005'],
    ['Bröckel', '03351005', '03357009'],
    ['Hude', '03458010', '03251020'],
    ['Hüde', '03251020', '03458010'],
  ])('%s: names equal after folding are ordered by the spelling typed, not confidently', (query, firstAgs, secondAgs) => {
    const results = search.search(query);
    expect(results.slice(0, 2).map((r) => r.ags)).toEqual([firstAgs, secondAgs]);
    expect(confident(results)).toBe(false);
  });

  it('is not confident when two towns share the base name', () => {
    const results = search.search('Winsen');
    expect(
      results
        .slice(0, 2)
        .map((r) => r.label)
        .sort(),
    ).toEqual(['Winsen (Aller)', 'Winsen (Luhe)']);
    expect(confident(results)).toBe(false);
  });

  it('puts the town before an uninhabited gemeindefreies Gebiet of the same name, but names both', () => {
    const results = search.search('Helmstedt');
    expect(results[0]?.ags).toBe(AGS.helmstedtStadt);
    expect(results[1]?.label).toContain('Gemeindefreies Gebiet');
    // Two places are called exactly so: the rule lists them rather than choosing one.
    expect(results.slice(0, 2).map((r) => r.match)).toEqual(['exact', 'exact']);
    expect(confident(results)).toBe(false);
  });
});

describe('districts', () => {
  it.each(['Samtgemeinde Hambergen', 'SG Hambergen', 'samtgemeinde hambergen', 'Samtgemeinde Hamberg'])(
    '%s finds the Samtgemeinde',
    (query) => {
      const best = first(query);
      expect(best?.type).toBe('district');
      expect(best?.districtId).toBe(SG_HAMBERGEN);
      expect(best?.ags).toBeNull();
      expect(best?.label).toBe('Samtgemeinde Hambergen');
    },
  );

  it('finds a Samtgemeinde by its bare name when no municipality has that name', () => {
    const results = search.search('Flotwedel');
    expect(results[0]).toMatchObject({
      type: 'district',
      districtId: SG_FLOTWEDEL,
      label: 'Samtgemeinde Flotwedel',
    });
    expect(confident(results)).toBe(true);
  });

  it('prefers the municipality where an Einheitsgemeinde shares its name, without a duplicate', () => {
    const results = search.search('Celle');
    expect(results[0]).toMatchObject({ type: 'municipality', ags: AGS.celle });
    expect(results.filter((r) => r.districtId === results[0]!.districtId)).toHaveLength(1);
    expect(confident(results)).toBe(true);
  });
});

describe('postcodes', () => {
  it('a whole postcode gives one result per municipality it reaches', () => {
    const results = search.search('29221');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      type: 'postcode',
      label: '29221 Celle',
      ags: AGS.celle,
      postcode: '29221',
      score: 0,
    });
    expect(confident(results)).toBe(true);
  });

  it('a postcode spanning several municipalities returns all of them and is not confident', () => {
    const results = search.search('21271');
    expect(results.map((r) => r.ags).sort()).toEqual([AGS.asendorfHarburg, AGS.hanstedtHarburg].sort());
    expect(results.every((r) => r.type === 'postcode' && r.postcode === '21271')).toBe(true);
    expect(confident(results)).toBe(false);
  });

  it('a postcode spanning municipalities in different districts lists both', () => {
    const results = search.search('19273');
    expect(results.map((r) => r.ags).sort()).toEqual([AGS.amtNeuhaus, AGS.bleckede].sort());
    expect(new Set(results.map((r) => r.districtId)).size).toBe(2);
    expect(confident(results)).toBe(false);
  });

  it('returns all six municipalities of 21255', () => {
    expect(search.search('21255')).toHaveLength(6);
  });

  it('a postcode prefix lists matching postcodes, biggest place first', () => {
    const results = search.search('292', 50);
    expect(results.length).toBeGreaterThan(5);
    expect(results.every((r) => r.postcode?.startsWith('292'))).toBe(true);
    expect(results[0]?.label).toBe('29221 Celle');
  });

  it.each(['29221 Celle', 'Celle 29221', 'Celle, 29221', '29221, Celle', 'D-29221 Celle'])(
    '%s is the pair, first and confident',
    (query) => {
      const results = search.search(query);
      expect(results[0]).toMatchObject({
        type: 'postcode',
        label: '29221 Celle',
        ags: AGS.celle,
        postcode: '29221',
      });
      expect(confident(results)).toBe(true);
      expect(results[0]!.match).toBe('exact');
    },
  );

  it('picks the named municipality out of a shared postcode', () => {
    const results = search.search('21271 Asendorf');
    expect(results[0]).toMatchObject({
      ags: AGS.asendorfHarburg,
      postcode: '21271',
    });
    expect(confident(results)).toBe(true);
  });

  it('accepts the Samtgemeinde with its postcode', () => {
    const results = search.search('27729 SG Hambergen');
    expect(results[0]).toMatchObject({ ags: AGS.hambergen, postcode: '27729', districtId: SG_HAMBERGEN });
    expect(results.every((r) => r.districtId === SG_HAMBERGEN)).toBe(true);
  });

  it('a town typo with its postcode still lands on the pair', () => {
    expect(first('29221 Cele')).toMatchObject({
      ags: AGS.celle,
      postcode: '29221',
    });
  });

  it('postcode and town that disagree show both readings, not confidently', () => {
    const results = search.search('29221 Hannover');
    expect(results.map((r) => r.label)).toEqual(expect.arrayContaining(['Hannover', '29221 Celle']));
    expect(confident(results)).toBe(false);
  });

  it('ignores unknown postcodes and too-short numbers', () => {
    expect(search.search('99999')).toEqual([]);
    expect(search.search('29')).toEqual([]);
  });
});

describe('hostile and odd input', () => {
  it.each<[string, string]>([
    ['empty', ''],
    ['whitespace', '   \t\n '],
    ['emoji', '🚓👮‍♀️🚨'],
    ['10,000 characters', 'x'.repeat(10_000)],
    ['10,000 characters of a real name', 'Celle '.repeat(2_000)],
    ['SQL', "'; DROP TABLE districts; --"],
    ['SQL 2', '1 OR 1=1'],
    ['FTS5 syntax', 'celle* NEAR("a" "b") OR ^x'],
    ['regexp metacharacters', '.*+?^${}()|[]\\'],
    ['lone surrogate', '\ud800\udfff\ud800'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['right-to-left override', '\u202eelleC'],
    ['Cyrillic', 'Целле'],
    ['only digits', '1234567890'],
  ])('%s returns an array', (_name, query) => {
    const results = search.search(query);
    expect(Array.isArray(results)).toBe(true);
    expect(() => confident(results)).not.toThrow();
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });

  it.each(['', '   ', '🚓', '.*+?^${}()|[]\\', 'xqzt'])('%s gives no results', (query) => {
    expect(search.search(query)).toEqual([]);
  });

  it('answers a very long query quickly', () => {
    const started = performance.now();
    search.search('Hannover '.repeat(1_200));
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('honours limit, and treats odd limits sanely', () => {
    expect(search.search('Neu', 3)).toHaveLength(3);
    expect(search.search('Neu', 0)).toEqual([]);
    expect(search.search('Neu', -5)).toEqual([]);
    expect(search.search('Neu', Number.NaN).length).toBeLessThanOrEqual(10);
    expect(search.search('Neu', 1e9).length).toBeLessThanOrEqual(100);
  });

  it('tolerates a non-string query from untyped callers', () => {
    expect(search.search(undefined as unknown as string)).toEqual([]);
    expect(search.search({} as unknown as string)).toEqual([]);
  });
});

describe('every real place is findable by its own name', () => {
  it('each municipality is among the exact results for its name, and first for its label', () => {
    const { municipalities } = loadRealPlaces();
    const labels = new Set<string>();
    for (const m of municipalities) {
      const results = search.search(m.name, 10);
      const exact = results.filter((r) => r.score <= 0.05 + 0.15); // exact, or exact plus the namesake penalty
      expect(
        exact.some((r) => r.ags === m.ags),
        m.name,
      ).toBe(true);
      const label = results.find((r) => r.ags === m.ags)!.label;
      labels.add(label);
      expect(search.search(label, 1)[0]?.ags, label).toBe(m.ags);
    }
    expect(labels.size).toBe(municipalities.length);
  });

  it('each district is found by "<type> <name>", and first for its label', () => {
    const { districts } = loadRealPlaces();
    const labels = new Set<string>();
    for (const d of districts) {
      const query = `${d.type} ${d.name}`;
      const found = search.search(query, 5).find((r) => r.districtId === d.id && r.type === 'district');
      expect(found, query).toBeDefined();
      labels.add(found!.label);
      expect(search.search(found!.label, 1)[0]?.districtId, found!.label).toBe(d.id);
    }
    expect(labels.size).toBe(districts.length);
  });

  it('each postcode row is found by postcode plus town', () => {
    const { postcodeAreas, municipalities } = loadRealPlaces();
    const known = new Set(municipalities.map((m) => m.ags));
    for (const area of postcodeAreas.filter((a) => known.has(a.ags))) {
      const query = `${area.postcode} ${area.placeName}`;
      expect(
        search.search(query, 10).some((r) => r.ags === area.ags && r.postcode === area.postcode),
        query,
      ).toBe(true);
    }
  });
});

describe('determinism', () => {
  it('does not depend on input order', () => {
    const input = loadRealPlaces();
    const reversed = new PlaceSearch({
      ...input,
      municipalities: [...input.municipalities].reverse(),
      districts: [...input.districts].reverse(),
      postcodeAreas: [...input.postcodeAreas].reverse(),
    });
    for (const query of ['Neu', 'Neuenkirchen', 'Cele', '292', 'Harz', 'Samtgemeinde', 'Oldenburg']) {
      expect(reversed.search(query, 20), query).toEqual(search.search(query, 20));
    }
  });

  it('gives every result a point, a district and a label', () => {
    for (const query of ['Neu', 'Bad', 'Samtgemeinde', '26', '49']) {
      for (const r of search.search(query, 100)) {
        expect(Number.isFinite(r.point.lat) && Number.isFinite(r.point.lon)).toBe(true);
        expect(r.districtId).toMatch(/^\d{9}$/);
        expect(r.label.length).toBeGreaterThan(0);
      }
    }
  });
});
