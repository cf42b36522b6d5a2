/** The frame's options and the snippet web editors paste. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, embedHref, readEmbedOptions, widgetSnippet } from '../../../src/services/embed';

const PORTAL = 'https://revierfinder.example';
const allowOnly =
  (...origins: string[]) =>
  (origin: string) =>
    origins.includes(origin);
const read = (query: string, allowed = allowOnly('https://www.celle.de')) => readEmbedOptions(new URLSearchParams(query), PORTAL, allowed);

describe('readEmbedOptions', () => {
  it('defaults: German, light, full, no map, not framed by the loader', () => {
    expect(read('')).toEqual({ options: DEFAULT_OPTIONS, problems: [] });
  });

  it('reads every option', () => {
    const { options, problems } = read('lang=de&theme=contrast&layout=compact&map=true&widget=rf-abc_1&origin=https%3A%2F%2Fwww.celle.de');
    expect(problems).toEqual([]);
    expect(options).toEqual({
      lang: 'de',
      theme: 'contrast',
      layout: 'compact',
      map: true,
      widgetId: 'rf-abc_1',
      hostOrigin: 'https://www.celle.de',
    });
  });

  it('the portal itself may always frame (the builder preview)', () => {
    expect(read(`origin=${encodeURIComponent(PORTAL)}`, allowOnly()).options.hostOrigin).toBe(PORTAL);
  });

  it.each([
    ['lang=fr', 'Die Sprache „fr“ gibt es nicht (data-lang). Verfügbar: de (Deutsch), en (English).'],
    ['lang=', 'Die Sprache „“ gibt es nicht'],
    ['theme=pink', 'Die Darstellung „pink“ gibt es nicht (data-theme). Möglich: light, dark, contrast.'],
    ['theme=Dark', 'Die Darstellung „Dark“'],
    ['layout=tiny', 'Den Umfang „tiny“ gibt es nicht'],
    ['map=1', 'Die Angabe zur Karte „1“ ist ungültig'],
    ['widget=%3Cscript%3E', 'Die Kennung des Widgets ist ungültig'],
    ['widget=' + 'a'.repeat(65), 'Die Kennung des Widgets ist ungültig'],
    ['origin=https%3A%2F%2Fwww.celle.de%2F', 'keine gültige Website-Adresse'],
    ['origin=null', 'keine gültige Website-Adresse'],
    ['origin=javascript%3Aalert(1)', 'keine gültige Website-Adresse'],
    ['origin=https%3A%2F%2Fevil.example', 'Die Website https://evil.example ist für das Widget nicht freigeschaltet'],
    ['theme=dark&theme=light', 'Die Angabe „theme“ kommt mehrfach vor'],
  ])('%s → a clear message', (query, message) => {
    const { problems } = read(query);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('shows hostile values back shortened and without control characters', () => {
    const { problems } = read(`theme=${encodeURIComponent(`a\u0000\u202e${'x'.repeat(100)}`)}`);
    // eslint-disable-next-line no-control-regex -- the control character is what the test looks for
    expect(problems[0]).not.toMatch(/[\u0000\u202e]/);
    expect(problems[0]).toContain(`„a${'x'.repeat(59)}…“`);
  });

  it('speaks the chosen language, in its messages too; a repeated or unknown lang is German', () => {
    const english = read('lang=en&theme=pink');
    expect(english.options.lang).toBe('en');
    expect(english.problems).toEqual(['There is no theme “pink” (data-theme). Possible: light, dark, contrast.']);
    expect(read('lang=en&lang=en').options.lang).toBe('de');
    expect(read('lang=en&lang=en').problems).toEqual(['Die Angabe „lang“ kommt mehrfach vor; sie darf nur einmal angegeben werden.']);
    expect(read('lang=EN').options.lang).toBe('de');
  });

  it('collects every problem, keeping the valid options', () => {
    const { options, problems } = read('theme=dark&lang=fr&map=ja');
    expect(problems).toHaveLength(2);
    expect(options.theme).toBe('dark');
  });
});

describe('embedHref', () => {
  it('carries the options to the next page inside the frame', () => {
    const href = embedHref(
      '/embed/suche',
      { ...DEFAULT_OPTIONS, widgetId: 'rf-1', hostOrigin: 'https://www.celle.de' },
      {
        q: 'Celle & Umgebung',
        bezirk: '033510006',
      },
    );
    const url = new URL(href, PORTAL);
    expect(url.pathname).toBe('/embed/suche');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'Celle & Umgebung',
      bezirk: '033510006',
      lang: 'de',
      theme: 'light',
      layout: 'full',
      map: 'false',
      widget: 'rf-1',
      origin: 'https://www.celle.de',
    });
  });
});

describe('widgetSnippet', () => {
  const choice = { view: 'bezirk', id: '033510006', lang: 'de', theme: 'dark', layout: 'compact', map: true } as const;

  it('is a link with data-* attributes and the loader, the link leading to the same content', () => {
    expect(widgetSnippet(choice, PORTAL, 'Celle: digitale Streife')).toBe(
      '<a href="https://revierfinder.example/bezirk/033510006" data-revierfinder data-view="bezirk" data-id="033510006" ' +
        'data-lang="de" data-theme="dark" data-layout="compact" data-map="true">Celle: digitale Streife</a>\n' +
        '<script src="https://revierfinder.example/widget.js" async></script>',
    );
  });

  it('links an English widget to the English page (or the embed view with lang=en)', () => {
    expect(widgetSnippet({ ...choice, lang: 'en' }, PORTAL, 'x')).toContain('href="https://revierfinder.example/en/bezirk/033510006"');
    expect(widgetSnippet({ ...choice, view: 'inspektion', id: 'pi-celle', lang: 'en' }, PORTAL, 'x')).toContain(
      'href="https://revierfinder.example/embed/inspektion/pi-celle?lang=en"',
    );
  });

  it('leaves out the id for the search and the map when not wanted; escapes the link text', () => {
    const snippet = widgetSnippet({ ...choice, view: 'suche', map: false }, PORTAL, 'A & B <"C">');
    expect(snippet).not.toContain('data-id');
    expect(snippet).not.toContain('data-map');
    expect(snippet).toContain('href="https://revierfinder.example/suche"');
    expect(snippet).toContain('>A &amp; B &lt;&quot;C&quot;&gt;</a>');
  });

  it('links a station area and an inspection to their view as a page (the portal has no page of its own)', () => {
    expect(widgetSnippet({ ...choice, view: 'dienststelle', id: 'polizeiinspektion-celle' }, PORTAL, 'x')).toContain(
      'href="https://revierfinder.example/embed/dienststelle/polizeiinspektion-celle"',
    );
  });
});
