/** The sitemap and the origin it (and the printed QR code) use. */
import { describe, expect, it } from 'vitest';
import { publicPagePaths, sitemapXml } from '../../../src/services/sitemap';
import { publicOrigin } from '../../../src/services/public-origin';
import type { Portal } from '../../../src/services/portal';

const portal = {
  listDistricts: () => [{ id: '033510006' }, { id: '031590016' }],
  listOfficers: () => [{ id: 'anna-a' }, { id: 'ohne-seite' }],
  officerView: (id: string) => (id === 'anna-a' ? {} : null),
  cities: { list: () => [{ id: '032410001' }] },
} as unknown as Pick<Portal, 'listDistricts' | 'listOfficers' | 'officerView' | 'cities'>;

describe('publicPagePaths', () => {
  it('lists the fixed pages, every district, every divided city and every officer with a page', () => {
    const paths = publicPagePaths(portal);
    for (const path of [
      '/',
      '/suche',
      '/konto-pruefen',
      '/daten',
      '/api',
      '/widget',
      '/barrierefreiheit',
      '/leichte-sprache',
      '/datenschutz',
      '/impressum',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths).toContain('/bezirk/033510006');
    expect(paths).toContain('/bezirk/031590016');
    expect(paths).toContain('/bezirk/032410001');
    expect(paths).toContain('/beamte/anna-a');
    expect(paths).not.toContain('/beamte/ohne-seite');
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('sitemapXml', () => {
  const xml = sitemapXml(['/', '/bezirk/1&2'], 'https://rf.example', '2026-11-01T10:00:00Z');

  it('has one <url> per page and language, with every language as alternate and German as x-default', () => {
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9" xmlns:xhtml="http:\/\/www.w3.org\/1999\/xhtml">/,
    );
    const locations = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(locations).toEqual([
      'https://rf.example/',
      'https://rf.example/en',
      'https://rf.example/bezirk/1&amp;2',
      'https://rf.example/en/bezirk/1&amp;2',
    ]);
    const english = xml.split('\n').find((line) => line.includes('<loc>https://rf.example/en</loc>'))!;
    expect(english).toContain('<xhtml:link rel="alternate" hreflang="de" href="https://rf.example/"/>');
    expect(english).toContain('<xhtml:link rel="alternate" hreflang="en" href="https://rf.example/en"/>');
    expect(english).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="https://rf.example/"/>');
    expect(english).toContain('<lastmod>2026-11-01</lastmod>');
  });
});

describe('publicOrigin', () => {
  const request = new URL('http://127.0.0.1:4321/bezirk/1?x=1');

  it('is PUBLIC_ORIGIN when set to an http(s) URL, else the request origin', () => {
    expect(publicOrigin(request, { PUBLIC_ORIGIN: 'https://revierfinder.example/pfad/' })).toBe('https://revierfinder.example');
    expect(publicOrigin(request, {})).toBe('http://127.0.0.1:4321');
    expect(publicOrigin(request, { PUBLIC_ORIGIN: 'kein url' })).toBe('http://127.0.0.1:4321');
    expect(publicOrigin(request, { PUBLIC_ORIGIN: 'javascript:alert(1)' })).toBe('http://127.0.0.1:4321');
  });
});
