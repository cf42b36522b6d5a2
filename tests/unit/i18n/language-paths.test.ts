/** Language-aware links and formatting: German unprefixed, English under /en, nothing else moves. */
import { describe, expect, it } from 'vitest';
import { languageVersions, localizePath, pathsFor, paths, splitLanguagePrefix } from '../../../src/paths';
import { formatDate, formatNumber, i18nFor, translator } from '../../../src/i18n';
import { languageOf } from '../../../src/i18n/languages';

describe('localizePath', () => {
  it('leaves German paths alone', () => {
    expect(localizePath('/suche?q=Celle', 'de')).toBe('/suche?q=Celle');
    expect(localizePath('/', 'de')).toBe('/');
  });

  it('puts English under /en, the home page at /en without a trailing slash', () => {
    expect(localizePath('/', 'en')).toBe('/en');
    expect(localizePath('/?x=1', 'en')).toBe('/en?x=1');
    expect(localizePath('/bezirk/033510006?lat=52.62000&lon=10.08000', 'en')).toBe('/en/bezirk/033510006?lat=52.62000&lon=10.08000');
  });
});

describe('splitLanguagePrefix', () => {
  it.each([
    ['/en', 'en', '/'],
    ['/en/', 'en', '/'],
    ['/en/suche', 'en', '/suche'],
    ['/en/bezirk/033510006', 'en', '/bezirk/033510006'],
    ['/suche', 'de', '/suche'],
    ['/', 'de', '/'],
    // German has no prefix of its own; unknown tags and look-alikes are ordinary (missing) pages.
    ['/de/suche', 'de', '/de/suche'],
    ['/fr/suche', 'de', '/fr/suche'],
    ['/english', 'de', '/english'],
    ['/enx/suche', 'de', '/enx/suche'],
  ])('%s → %s %s', (pathname, language, route) => {
    expect(splitLanguagePrefix(pathname)).toEqual({ language, route });
  });
});

describe('pathsFor', () => {
  it('is `paths` itself for German', () => {
    expect(pathsFor('de')).toBe(paths);
  });

  it('prefixes pages in English and keeps data, files and scripts at their one address', () => {
    const en = pathsFor('en');
    expect(en.home()).toBe('/en');
    expect(en.search('Hann. Münden')).toBe('/en/suche?q=Hann.%20M%C3%BCnden');
    expect(en.district('033510006', { lat: 52.62, lon: 10.08 })).toBe('/en/bezirk/033510006?lat=52.62000&lon=10.08000');
    expect(en.officer('jannik-sahin-4')).toBe('/en/beamte/jannik-sahin-4');
    expect(en.locate()).toBe('/en/standort');
    expect(en.accountCheck('@x', 'instagram')).toBe('/en/konto-pruefen?konto=%40x&plattform=instagram');
    expect(en.openData()).toBe('/en/daten');
    expect(en.apiDocs()).toBe('/en/api');
    expect(en.widget()).toBe('/en/widget');
    expect(en.api('search')).toBe('/api/v1/search');
    expect(en.download('bezirke.csv')).toBe('/daten/bezirke.csv');
    expect(en.districtMapData('033510006')).toBe('/karte/bezirk/033510006.geojson');
    expect(en.embed('bezirk', '033510006')).toBe('/embed/bezirk/033510006');
    expect(en.widgetScript()).toBe('/widget.js');
    expect(en.onlinewache()).toBe(paths.onlinewache());
  });
});

describe('languageVersions', () => {
  it('gives the same page and query in every language, from either language', () => {
    const expected = [
      { language: 'de', path: '/suche?q=Celle' },
      { language: 'en', path: '/en/suche?q=Celle' },
    ];
    expect(languageVersions(new URL('http://localhost/suche?q=Celle'))).toEqual(expected);
    expect(languageVersions(new URL('http://localhost/en/suche?q=Celle'))).toEqual(expected);
    expect(languageVersions(new URL('http://localhost/en'))).toEqual([
      { language: 'de', path: '/' },
      { language: 'en', path: '/en' },
    ]);
  });
});

describe('translator and formatting', () => {
  it('fills placeholders in the chosen language and leaves unknown ones visible', () => {
    expect(translator('de')('district.title', { name: 'Celle' })).toBe('Bezirk Celle');
    expect(translator('en')('district.title', { name: 'Celle' })).toBe('District Celle');
    expect(translator('en')('district.title')).toBe('District {name}');
  });

  it('writes dates and numbers the way each language does', () => {
    expect(formatDate('2026-11-01', 'de')).toBe('1. November 2026');
    expect(formatDate('2026-11-01', 'en')).toBe('1 November 2026');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });

  it('gives German data a lang attribute only on pages in another language', () => {
    expect(i18nFor('de').dataLang).toBeUndefined();
    expect(i18nFor('en').dataLang).toBe('de');
    expect(i18nFor('en').dir).toBe('ltr');
  });

  it('reads unknown language tags as German', () => {
    expect(languageOf('en')).toBe('en');
    expect(languageOf('fr')).toBe('de');
    expect(languageOf('')).toBe('de');
    expect(languageOf(null)).toBe('de');
  });
});
