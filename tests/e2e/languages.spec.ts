/**
 * The languages without a browser: German at the plain URLs, English under /en (same routes),
 * `lang`, `hreflang` and the language switch on every page, errors in the page's language.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { CELLE } from './helpers';

const PAGES = [
  '/',
  '/suche?q=Neuenkirchen',
  `/bezirk/${CELLE.id}`,
  '/standort?lat=60&lon=10',
  '/konto-pruefen',
  '/daten',
  '/api',
  '/widget',
];

async function html(request: APIRequestContext, path: string, status = 200): Promise<string> {
  const response = await request.get(path, { maxRedirects: 0 });
  expect(response.status(), path).toBe(status);
  return response.text();
}

const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll('&amp;', '&');
const alternates = (body: string) =>
  Object.fromEntries(
    [...body.matchAll(/<link rel="alternate"[^>]*>/g)].map(([tag]) => [attribute(tag, 'hreflang'), attribute(tag, 'href')]),
  );

test.describe('Sprachen (ohne Browser)', () => {
  for (const path of PAGES) {
    test(`${path}: German and English version, each naming both`, async ({ request, baseURL }) => {
      const english = `/en${path === '/' ? '' : path}`;
      const expected = { de: new URL(path, baseURL).href, en: new URL(english, baseURL).href, 'x-default': new URL(path, baseURL).href };
      const german = await html(request, path);
      expect(german).toMatch(/<html lang="de" dir="ltr"/);
      expect(alternates(german)).toEqual(expected);
      expect(german).toContain(`<a href="${english.replaceAll('&', '&amp;')}" hreflang="en" lang="en">English</a>`);

      const inEnglish = await html(request, english);
      expect(inEnglish).toMatch(/<html lang="en" dir="ltr"/);
      expect(alternates(inEnglish)).toEqual(expected);
      expect(inEnglish).toContain(`<a href="${path.replaceAll('&', '&amp;')}" hreflang="de" lang="de">Deutsch</a>`);
      expect(inEnglish).not.toContain('Zum Inhalt springen');
      expect(inEnglish).toContain('Skip to content');
    });
  }

  test('English links stay in English; data, files and scripts keep their one address', async ({ request }) => {
    const body = await html(request, `/en/bezirk/${CELLE.id}`);
    const hrefs = [...body.matchAll(/href="(\/[^"]*)"/g)].map((match) => match[1]!);
    const pages = hrefs.filter((href) => !/^\/(en(\/|$)|karte\/|daten\/|api\/v1\/|widget\.js|favicon|_astro\/)/.test(href));
    // The only unprefixed page links: the switch to German and its hreflang.
    expect(pages).toEqual([`/bezirk/${CELLE.id}`]);
    expect(hrefs).toContain('/en/suche');
    expect(hrefs.some((href) => href.startsWith('/en/beamte/'))).toBe(true);
  });

  test('a search in English redirects to the English district page', async ({ request }) => {
    const response = await request.get('/en/suche?q=Celle', { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(new URL(response.headers().location!, 'http://x').pathname).toBe(`/en/bezirk/${CELLE.id}`);
  });

  test('unknown pages answer 404 in the language of their prefix; /de/ and /en/api/v1 are no routes', async ({ request }) => {
    expect(await html(request, '/en/gibt-es-nicht', 404)).toContain('Page not found');
    expect(await html(request, '/en/bezirk/000000000', 404)).toMatch(/<html lang="en"/);
    expect(await html(request, '/gibt-es-nicht', 404)).toContain('Seite nicht gefunden');
    expect(await html(request, '/de/suche', 404)).toContain('Seite nicht gefunden');
    expect(await html(request, '/en/api/v1/search?q=Celle', 404)).toContain('Page not found');
    expect(await html(request, '/fr', 404)).toMatch(/<html lang="de"/);
  });

  test('bad input is explained in English on English pages', async ({ request }) => {
    expect(await html(request, '/en/suche?q=%20', 400)).toContain('Please enter a place or a postcode.');
    expect(await html(request, '/en/standort?lat=abc&lon=1', 400)).toContain('Invalid coordinates');
  });

  test('the widget frame speaks lang=en; an unknown lang is explained in German', async ({ request }) => {
    const english = await html(request, `/embed/bezirk/${CELLE.id}?lang=en`);
    expect(english).toMatch(/<html lang="en" dir="ltr"/);
    expect(english).toContain('Neighbourhood contact officer (KOBB)');
    expect(english).toContain(`href="/en/bezirk/${CELLE.id}"`);
    const unknown = await html(request, `/embed/bezirk/${CELLE.id}?lang=fr`, 400);
    expect(unknown).toContain('Die Sprache „fr“ gibt es nicht (data-lang). Verfügbar: de (Deutsch), en (English).');
  });

  test('the search API writes notes in the language asked for; errors stay German', async ({ request }) => {
    const note = async (lang?: string) => {
      const response = await request.get('/api/v1/search', { params: { q: 'Gibtsnichtweg 5, Celle', ...(lang ? { lang } : {}) } });
      expect(response.status()).toBe(200);
      return ((await response.json()) as { results: Array<{ note: string | null }> }).results[0]?.note;
    };
    expect(await note()).toBe('Straße nicht gefunden, Ergebnis für Celle');
    expect(await note('de')).toBe('Straße nicht gefunden, Ergebnis für Celle');
    expect(await note('en')).toBe('Street not found, result for Celle');
    const invalid = await request.get('/api/v1/search', { params: { q: 'Celle', lang: 'fr' } });
    expect(invalid.status()).toBe(400);
    expect(await invalid.json()).toEqual({
      error: { code: 'invalid_parameter', message: 'lang muss eine dieser Sprachen sein: de, en.', details: { parameter: 'lang' } },
    });
  });
});
