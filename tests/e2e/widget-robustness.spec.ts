/**
 * The widget's frames under hostile input (fuzzed data-* attributes and query parameters), their
 * framing headers, their weight budget, and axe over every variant.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../../src/domain/seeded-random';
import { CELLE, expectNoAxeViolations } from './helpers';
import { hostPage, startHostSite, type HostSite } from './widget-host';

const ERROR_TITLE = 'Das Widget kann so nicht angezeigt werden';
/** The station responsible for the most districts in the demo data: the heaviest area view. */
const BIG_STATION = 'polizeiinspektion-celle';

/** Values that have broken widgets elsewhere: markup, paths, encodings, lengths, look-alikes. */
const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  'true',
  'null',
  'undefined',
  'DARK',
  'dark ',
  '../..',
  '..%2F..',
  '%00',
  '\u0000',
  '\u202e',
  '\ud800',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  'javascript:alert(1)',
  'https://evil.example',
  'http://127.0.0.1:1',
  'null://x',
  '{"a":1}',
  '033510006',
  'pi-celle',
  'x'.repeat(5000),
  '🚓',
  'Ünïcödé',
];

const PARAMS = ['lang', 'theme', 'layout', 'map', 'widget', 'origin', 'q', 'bezirk'];
const PATHS = [`/embed/bezirk/${CELLE.id}`, `/embed/dienststelle/${BIG_STATION}`, '/embed/inspektion/pi-celle', '/embed/suche'];

async function expectClearPage(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  const status = response.status();
  expect(status, url).toBeLessThan(500);
  expect([200, 400, 404], url).toContain(status);
  expect(response.headers()['content-type'], url).toMatch(/^text\/html/);
  expect(response.headers()['content-security-policy'], url).toContain('frame-ancestors');
  const body = await response.text();
  expect(body, url).toMatch(/<h1[^>]*>[^<]+/);
  // Not a view: the error page, or (a bad search term) the search form with its error message.
  if (status !== 200) expect(body.includes(ERROR_TITLE) || /class="error"/.test(body), url).toBe(true);
  // Nothing of the input comes back as markup (inside a quoted attribute value it is inert).
  const markup = body.replace(/"[^"]*"/g, '""');
  expect(markup, url).not.toContain('<script>alert(1)');
  expect(markup, url).not.toContain('<img');
  // Only the portal's own scripts: the height report and the build's modules (autocomplete, next
  // Sprechstunde), inline ones hashed into the CSP.
  // (In `markup` quoted values are emptied: <script src="" defer>, <script type="" src="">.)
  const scripts = markup.match(/<script\b[^>]*>/g) ?? [];
  expect(
    scripts.filter((tag) => !/^<script (src="" defer|type=""( src="")?)>$/.test(tag)),
    url,
  ).toEqual([]);
  expect(body.match(/<script src="\/widget-frame\.js" defer>/g), url).toHaveLength(1);
  expect(body.match(/<script type="module"( src="\/_astro\/[\w.-]+\.js")?>/g)?.length ?? 0, url).toBe(scripts.length - 1);
}

test.describe('Fuzzing der Query-Parameter: immer eine klare Seite, nie 5xx', () => {
  for (const path of PATHS) {
    test(path, async ({ request }) => {
      test.setTimeout(180_000);
      for (const name of PARAMS) {
        for (const value of NASTY) {
          await expectClearPage(request, `${path}?${new URLSearchParams({ [name]: value })}`);
        }
        await expectClearPage(request, `${path}?${name}=a&${name}=b`);
      }
      // Random combinations, reproducible by their seed.
      const random = seededRandom(4);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      for (let run = 0; run < 60; run += 1) {
        const query = new URLSearchParams();
        for (let n = 0; n < 1 + Math.floor(random() * 4); n += 1) query.append(pick(PARAMS), pick(NASTY));
        await expectClearPage(request, `${path}?${query}`);
      }
      // Odd query strings.
      for (const raw of ['&&&', '=x', 'theme', 'map', 'q=%C3%BC%20%2B']) await expectClearPage(request, `${path}?${raw}`);
      // Undecodable percent-encoding is refused by the server before any page runs: a 4xx, never a 5xx.
      for (const raw of ['%', '%E0%A4%A', 'theme=%', 'q=%FF%FE']) {
        const status = (await request.get(`${path}?${raw}`)).status();
        expect(status, raw).toBeGreaterThanOrEqual(200);
        expect(status, raw).toBeLessThan(500);
      }
    });
  }

  test('Pfade unter /embed/', async ({ request }) => {
    for (const path of [
      '/embed',
      '/embed/',
      '/embed/karte',
      '/embed/bezirk',
      '/embed/bezirk/',
      '/embed/bezirk/-',
      '/embed/bezirk/999999999',
      `/embed/bezirk/${CELLE.id}/mehr`,
      '/embed/dienststelle/gibt-es-nicht',
      '/embed/inspektion/PI-CELLE',
      '/embed/inspektion/%3Cscript%3E',
      '/embed/suche/x',
      '/embed/%F0%9F%9A%93',
    ]) {
      await expectClearPage(request, path);
    }
  });
});

test('Fuzzing der data-*-Attribute: jeder Rahmen zeigt das Widget oder eine klare Meldung', async ({ page, request, baseURL }) => {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const attributes = ['data-view', 'data-id', 'data-lang', 'data-theme', 'data-layout', 'data-map'];
  const views = ['bezirk', 'dienststelle', 'inspektion', 'suche', 'karte', ''];
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const snippets: string[] = [];
  for (let n = 0; n < 12; n += 1) {
    const chosen = new Map<string, string>([['data-view', pick(views)]]);
    for (let k = 0; k < 3; k += 1) chosen.set(pick(attributes), pick(NASTY).slice(0, 200));
    const attrs = [...chosen].map(([name, value]) => `${name}="${escape(value)}"`).join(' ');
    snippets.push(`<a href="/" data-revierfinder ${attrs}>Widget ${n + 1}</a>`);
  }
  // A hand-written snippet without any option, and one with an attribute the loader does not know.
  snippets.push('<a href="/" data-revierfinder>Widget ohne Angaben</a>');
  snippets.push(`<a href="/" data-revierfinder data-view="bezirk" data-id="${CELLE.id}" data-unbekannt="1">Widget mit Extra</a>`);

  const host: HostSite = await startHostSite('127.0.0.1');
  try {
    const portal = new URL(baseURL!).origin;
    const script = `<script src="${portal}/widget.js" async></script>`;
    const html = hostPage(
      'Fuzz',
      snippets.map((snippet) => ({ width: 500, html: `${snippet}\n${script}` })),
    );
    page.on('dialog', (dialog) => {
      throw new Error(`Dialog aus eingeschleustem Code: ${dialog.message()}`);
    });
    await page.goto(host.page('/fuzz.html', html));
    // Every frame rendered one of our pages and reported its size.
    await expect(page.locator('a[data-revierfinder="ready"]')).toHaveCount(snippets.length, { timeout: 20_000 });
    const frames = page.frames().filter((frame) => frame !== page.mainFrame());
    expect(frames).toHaveLength(snippets.length);
    for (const frame of frames) {
      const heading = (await frame.getByRole('heading', { level: 1 }).textContent()) ?? '';
      expect(heading.length, frame.url()).toBeGreaterThan(0);
      const status = (await request.get(frame.url())).status();
      expect(status, frame.url()).toBeLessThan(500);
      if (status !== 200) expect(heading, frame.url()).toBe(ERROR_TITLE);
    }
  } finally {
    await host.close();
  }
});

test('Rahmen-Regeln: /embed/ nur für freigeschaltete Websites, alles andere gar nicht', async ({ request }) => {
  for (const path of [`/embed/bezirk/${CELLE.id}`, '/embed/suche?q=Celle', '/embed/gibt-es-nicht']) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'self' http://localhost:* http://127.0.0.1:*");
    expect(headers['content-security-policy'], path).toContain("default-src 'none'");
    expect(headers['x-frame-options'], path).toBeUndefined();
  }
  for (const path of ['/', '/widget', `/bezirk/${CELLE.id}`, '/suche?q=Celle', '/gibt-es-nicht', '/api/v1/search?q=Celle']) {
    const headers = (await request.get(path, { maxRedirects: 0 })).headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options'], path).toBe('DENY');
  }
});

/** Every response the page loads, gzip-compressed as a server with compression would send it. */
async function compressedBytes(page: Page, path: string): Promise<{ total: number; parts: string[] }> {
  const responses: Array<Promise<[string, number]>> = [];
  page.on('response', (response) => {
    responses.push(response.body().then((body) => [response.url(), gzipSync(body, { level: 6 }).length] as [string, number]));
  });
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(responses);
  return { total: sizes.reduce((sum, [, size]) => sum + size, 0), parts: sizes.map(([url, size]) => `${size} B ${url}`) };
}

test.describe('Gewicht ohne Karte: höchstens 30 KB komprimiert, alles vom Portal', () => {
  for (const path of [
    `/embed/bezirk/${CELLE.id}?theme=dark`,
    `/embed/dienststelle/${BIG_STATION}`,
    '/embed/inspektion/pi-celle',
    '/embed/suche?q=Neustadt',
    '/embed/suche?q=Celle',
  ]) {
    test(path, async ({ page, baseURL }) => {
      const { total, parts } = await compressedBytes(page, path);
      expect(
        parts.every((part) => part.includes(new URL(baseURL!).origin)),
        parts.join('\n'),
      ).toBe(true);
      expect(total, parts.join('\n')).toBeLessThanOrEqual(30 * 1024);
    });
  }
});

// The plain frames are in the sitemap crawl (crawl.spec.ts); here the themes, layouts, the map
// and the error states, each once.
test.describe('Barrierefreiheit (axe) der Widget-Varianten', () => {
  const variants = [
    `/embed/bezirk/${CELLE.id}?theme=dark&map=true`,
    `/embed/bezirk/${CELLE.id}?theme=contrast&layout=compact&map=true`,
    `/embed/dienststelle/${BIG_STATION}?theme=contrast&map=true`,
    '/embed/inspektion/pi-cuxhaven?theme=dark',
    '/embed/suche?q=Celle&theme=contrast&map=true',
    '/embed/suche?q=Xyzzyqwertz',
    '/embed/bezirk/999999999?theme=contrast',
    '/embed/karte?theme=dark',
    '/widget?view=suche&theme=contrast',
  ];
  for (const path of variants) {
    test(path, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBeLessThan(500);
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page, path);
    });
  }
});
