import { describe, expect, it } from 'vitest';
import {
  compactText,
  formatHouseNumber,
  normaliseText,
  parseAddressQuery,
  parseHouseNumber,
  scoreStreet,
  streetIndexTerms,
  TermVocabulary,
} from '../../../src/domain/search';

describe('street names: variants that must meet in the index', () => {
  // Index and query both go through normaliseText; compactText makes hyphen, space and compound agree.
  it.each<[string, string[]]>([
    ['Straße / Str. / Str / Strasse', ['Bahnhofstraße', 'Bahnhofstr.', 'Bahnhofstr', 'Bahnhofstrasse', 'BAHNHOFSTRASSE']],
    ['ß / ss', ['Große Straße', 'Grosse Strasse', 'GROSSE STR.']],
    ['umlauts three ways', ['Mühlenweg', 'Muehlenweg', 'Muhlenweg']],
    ['hyphen and space', ['Adam-Opel-Straße', 'Adam Opel Straße', 'Adam-Opel-Str.', 'adam opel strasse']],
    ['compound and space', ['Langestraße', 'Lange Straße', 'Lange Str.']],
    ['Pl. / Platz', ['Marktpl.', 'Marktplatz']],
    ['St. / Sankt', ['St.-Georg-Straße', 'Sankt-Georg-Straße', 'St. Georg Str.']],
    ['full-width', ['Ｈａｕｐｔｓｔｒａßｅ', 'Hauptstraße']],
    ['decomposed umlaut', ['Mu\u0308hlenweg', 'Mühlenweg']],
    ['bracket qualifier as words', ['Verden (Aller)', 'Verden Aller']],
  ])('%s', (_name, variants) => {
    const keys = variants.map((v) => compactText(normaliseText(v)));
    expect(new Set(keys).size).toBe(1);
  });

  it('indexes compounds under their parts and multi-word names as one word', () => {
    expect(streetIndexTerms('Hauptstraße')).toEqual(expect.arrayContaining(['hauptstrasse', 'haupt', 'strasse']));
    expect(streetIndexTerms('Lange Straße')).toEqual(expect.arrayContaining(['lange', 'strasse', 'langestrasse']));
    expect(streetIndexTerms('Am Markt')).toEqual(expect.arrayContaining(['am', 'markt', 'ammarkt']));
    // A short stem is not split off: "Ring" stays one word.
    expect(streetIndexTerms('Ring')).toEqual(['ring']);
  });
});

describe('parseHouseNumber', () => {
  it.each<[string, { number: number; suffix: string; rangeEnd: number | null } | null, string | null]>([
    ['12', { number: 12, suffix: '', rangeEnd: null }, '12'],
    ['12a', { number: 12, suffix: 'a', rangeEnd: null }, '12a'],
    ['12 a', { number: 12, suffix: 'a', rangeEnd: null }, '12a'],
    ['12A', { number: 12, suffix: 'a', rangeEnd: null }, '12a'],
    ['12-14', { number: 12, suffix: '', rangeEnd: 14 }, '12-14'],
    ['12 – 14', { number: 12, suffix: '', rangeEnd: 14 }, '12-14'],
    ['12/1', { number: 12, suffix: '/1', rangeEnd: null }, '12/1'],
    ['12a-c', { number: 12, suffix: 'a', rangeEnd: null }, '12a'],
    ['１２ａ', { number: 12, suffix: 'a', rangeEnd: null }, '12a'],
    ['0', null, null],
    ['12345', null, null],
    ['a12', null, null],
    ['', null, null],
  ])('%j', (input, expected, formatted) => {
    const parsed = parseHouseNumber(input);
    expect(parsed).toEqual(expected);
    expect(parsed ? formatHouseNumber(parsed) : null).toBe(formatted);
  });
});

describe('parseAddressQuery: street, number, postcode and town in any order', () => {
  it.each<[string, { words: string[]; number: string | null; postcode: string | null }]>([
    ['Hauptstraße 12, 30159 Hannover', { words: ['hauptstrasse', 'hannover'], number: '12', postcode: '30159' }],
    ['30159 Hannover, Hauptstr. 12', { words: ['hannover', 'hauptstrasse'], number: '12', postcode: '30159' }],
    ['Hannover Hauptstrasse 12a', { words: ['hannover', 'hauptstrasse'], number: '12a', postcode: null }],
    ['hauptstr 12 a 30159', { words: ['hauptstrasse'], number: '12a', postcode: '30159' }],
    ['Lange Str. 12-14 Celle', { words: ['lange', 'strasse', 'celle'], number: '12-14', postcode: null }],
    ['Am Markt 12/1', { words: ['am', 'markt'], number: '12/1', postcode: null }],
    ['St.-Georg-Str. 3 Verden (Aller)', { words: ['sankt', 'georg', 'strasse', 'verden', 'aller'], number: '3', postcode: null }],
    ['Celle', { words: ['celle'], number: null, postcode: null }],
    ['29221', { words: [], number: null, postcode: '29221' }],
    // "a" after a number only counts as a suffix when it stands alone.
    ['Hauptstraße 5 am Bahnhof', { words: ['hauptstrasse', 'am', 'bahnhof'], number: '5', postcode: null }],
  ])('%j', (input, expected) => {
    const parsed = parseAddressQuery(input);
    expect(parsed.words).toEqual(expected.words);
    expect(parsed.houseNumber ? formatHouseNumber(parsed.houseNumber) : null).toBe(expected.number);
    expect(parsed.postcode).toBe(expected.postcode);
  });

  it('reads 3-4 leading digits as a postcode being typed, not a house number', () => {
    expect(parseAddressQuery('301')).toMatchObject({ postcodePrefix: '301', houseNumber: null });
    expect(parseAddressQuery('Hauptstraße 301')).toMatchObject({ postcodePrefix: null, houseNumber: { number: 301 } });
  });

  it('knows whether the last word is still being typed', () => {
    expect(parseAddressQuery('Hauptstr').lastWordIsPrefix).toBe(true);
    expect(parseAddressQuery('Hauptstraße 1').lastWordIsPrefix).toBe(false);
    expect(parseAddressQuery('Hauptstr.').lastWordIsPrefix).toBe(false);
  });

  it('is total on odd input', () => {
    for (const input of ['', '   ', ';;;', '🚓'.repeat(300), '1'.repeat(500), '12 12 12 12', '\u0000\u0001']) {
      expect(() => parseAddressQuery(input)).not.toThrow();
    }
  });
});

describe('TermVocabulary: typo correction of one or two letters', () => {
  const vocabulary = new TermVocabulary(['hauptstrasse', 'bahnhofstrasse', 'celle', 'celler', 'hannover', 'lindenweg', 'plan', 'grosser']);
  it.each<[string, string]>([
    ['hauptstrase', 'hauptstrasse'],
    ['hauptsrtasse', 'hauptstrasse'],
    ['bahnhofsrase', 'bahnhofstrasse'],
    ['cele', 'celle'],
    ['hanover', 'hannover'],
    ['lindnweg', 'lindenweg'],
  ])('%s → %s', (typed, known) => {
    expect(vocabulary.corrections(typed).map((c) => c.term)).toContain(known);
  });

  it('does not correct short words, nor by more edits than allowed', () => {
    expect(vocabulary.corrections('pla')).toEqual([]);
    expect(vocabulary.corrections('hxnxvxr')).toEqual([]);
  });

  it('lists the completions of a prefix, or none past a cap', () => {
    expect(vocabulary.completions('cel', 5)).toEqual(['celle', 'celler']);
    expect(vocabulary.completions('celle', 5)).toEqual(['celle', 'celler']);
    expect(vocabulary.completions('cellex', 5)).toEqual([]);
    expect(vocabulary.completions('', 3)).toBeNull();
  });

  it('corrects a typo while typing against the start of words', () => {
    expect(vocabulary.prefixCorrections('haupts').map((c) => c.term)).toEqual([]);
    expect(vocabulary.prefixCorrections('hapts').map((c) => c.term)).toContain('hauptstrasse');
    expect(vocabulary.hasPrefix('linde')).toBe(true);
  });
});

describe('scoreStreet', () => {
  const street = { nameNorm: 'grosser plan', placeNorm: 'celle', postcodes: ['29221'] };
  const score = (query: string) => scoreStreet(parseAddressQuery(query), new Map(), street)?.score ?? null;

  it('scores exact < prefix < fuzzy, and town words do not count against the street', () => {
    expect(score('Großer Plan 12 Celle')).toBe(0);
    expect(score('Großer Pl')).toBeGreaterThan(0);
    expect(score('Großer Pl')!).toBeLessThan(0.3);
    expect(score('Grosser Plam')!).toBeGreaterThanOrEqual(0.3);
    expect(score('Zeppelinstraße')).toBeNull();
  });

  it('penalises a postcode that does not belong to the street', () => {
    expect(score('Großer Plan 29221')).toBe(0);
    expect(score('Großer Plan 30159')!).toBeGreaterThan(0);
  });
});
