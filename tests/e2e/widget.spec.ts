/**
 * The embeddable widget on another origin: a host page on a second loopback port embeds two
 * widgets made with the builder; a host that is not on the allowlist is refused by the browser;
 * an unreachable portal leaves the fallback link.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { CELLE, SOCIAL_HOSTS } from './helpers';
import { hostPage, startHostSite, type HostSite } from './widget-host';

const NEW_TAB = '(öffnet in neuem Tab)';

let allowedHost: HostSite;
let refusedHost: HostSite;

test.beforeAll(async () => {
  allowedHost = await startHostSite('127.0.0.1');
  refusedHost = await startHostSite('127.0.0.2');
});
test.afterAll(async () => {
  await allowedHost?.close();
  await refusedHost?.close();
});

/** The snippet the builder makes for `query` (as a web editor would copy it). */
async function snippetFor(page: Page, query: string): Promise<string> {
  await page.goto(`/widget?${query}`);
  return page.getByRole('textbox', { name: 'Code zum Einfügen in Ihre Seite' }).inputValue();
}

/** The Playwright frame whose URL is the embed view `pathPart`. */
async function embedFrame(page: Page, pathPart: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((frame) => frame.url().includes(pathPart))).toBe(true);
  return page.frames().find((frame) => frame.url().includes(pathPart))!;
}

/** Heights of the iframe element and of the document inside it. */
async function sizes(frame: Frame) {
  const element = await frame.frameElement();
  const outer = await element.evaluate((iframe) => (iframe as HTMLIFrameElement).getBoundingClientRect().height);
  const inner = await frame.evaluate(() => ({
    content: document.documentElement.getBoundingClientRect().height,
    scroll: document.documentElement.scrollHeight,
    viewport: document.documentElement.clientHeight,
  }));
  return { outer, ...inner };
}

/** The frame shows all of its content, exactly: nothing cut off, no inner scrollbar, no gap. */
async function expectSizedToContent(frame: Frame) {
  await expect
    .poll(
      async () => {
        const { outer, content, scroll, viewport } = await sizes(frame);
        return Math.abs(outer - Math.ceil(content)) <= 1 && scroll <= viewport && outer > 100;
      },
      { message: 'Rahmenhöhe = Inhaltshöhe, ohne innere Scrollleiste' },
    )
    .toBe(true);
}

test.describe('Widget auf einer freigeschalteten fremden Website', () => {
  let url: string;

  test.beforeEach(async ({ page }) => {
    const district = await snippetFor(page, `view=bezirk&bezirk=${CELLE.id}&theme=light&layout=full`);
    const search = await snippetFor(page, 'view=suche&layout=compact&theme=contrast');
    url = allowedHost.page(
      '/zwei.html',
      hostPage('Gemeinde Musterstadt', [
        { width: 640, html: district },
        { width: 420, html: search },
      ]),
    );
  });

  test('zwei Widgets erscheinen und passen ihre Höhe an den Inhalt an', async ({ page, baseURL }) => {
    await page.goto(url);
    const district = await embedFrame(page, `/embed/bezirk/${CELLE.id}`);
    const search = await embedFrame(page, '/embed/suche');
    await expect(district.getByRole('heading', { level: 1 })).toContainText('Celle');
    await expect(search.getByRole('combobox', { name: 'Ort oder Postleitzahl' })).toBeVisible();
    // The fallback links gave way to the frames.
    await expect(page.getByRole('link', { name: /Revierfinder/ })).toHaveCount(0);
    await expectSizedToContent(district);
    await expectSizedToContent(search);
    // Each frame is named for assistive technology after the link it replaced.
    await expect(page.locator('iframe[title*="Celle"]')).toHaveCount(1);

    // Sized in one step, no visible jumps: every height a frame was given after the first is the same.
    const heights = await page.evaluate(() => (window as unknown as { hostHeights: string[][] }).hostHeights);
    for (const frameUrl of new Set(heights.map(([src]) => src))) {
      const shown = heights.filter(([src, height]) => src === frameUrl && height !== '0px').map(([, h]) => h);
      expect(new Set(shown).size, `Höhen von ${frameUrl}: ${shown.join(', ')}`).toBe(1);
    }

    // No layout shift inside the frame: every shift since it started loading, counted once it has
    // loaded, its fonts are in and two more frames were drawn (the buffered entries come first).
    const shift = await district.evaluate(async () => {
      let total = 0;
      const add = (entries: PerformanceEntryList) => {
        for (const entry of entries) total += (entry as unknown as { value: number }).value;
      };
      const observer = new PerformanceObserver((list) => add(list.getEntries()));
      observer.observe({ type: 'layout-shift', buffered: true });
      if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
      await document.fonts.ready;
      for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
      add(observer.takeRecords());
      observer.disconnect();
      return total;
    });
    expect(shift).toBe(0);

    // A narrower column makes the content taller: the frame follows.
    const before = (await sizes(district)).outer;
    await page
      .locator('.spalte')
      .first()
      .evaluate((column) => (column.style.width = '320px'));
    await expect.poll(async () => (await sizes(district)).outer).toBeGreaterThan(before);
    await expectSizedToContent(district);

    // The loader leaks no global names (indexed frame slots aside).
    const added = await page.evaluate(() => {
      const before = new Set((window as unknown as { hostBefore: string[] }).hostBefore);
      return Object.getOwnPropertyNames(window).filter(
        (name) => !before.has(name) && !/^\d+$/.test(name) && name !== 'hostBefore' && name !== 'hostHeights',
      );
    });
    expect(added).toEqual([]);
    expect(new URL(district.url()).origin).toBe(new URL(baseURL!).origin);
  });

  test('die Suche im Widget findet einen Ort und zeigt dessen Beamte', async ({ page, request }) => {
    const located = await request.get(`/api/v1/locate?lat=${CELLE.centre.lat}&lon=${CELLE.centre.lon}`);
    const { officers } = (await located.json()) as { officers: Array<{ name: string }> };
    expect(officers.length).toBeGreaterThan(0);

    await page.goto(url);
    const search = await embedFrame(page, '/embed/suche');
    await expectSizedToContent(search);
    const emptyHeight = (await sizes(search)).outer;
    const field = search.getByRole('combobox', { name: 'Ort oder Postleitzahl' });
    await field.fill('Celle');
    await field.press('Enter');
    await expect(search.getByText('Zuständig für Ihren Ort: Bezirk Celle')).toBeVisible();
    await expect(search.getByRole('heading', { name: 'Digitale Streife', exact: true })).toBeVisible();
    for (const officer of officers) {
      await expect(search.getByRole('heading', { name: new RegExp(officer.name) }).first()).toBeVisible();
    }
    // Still the same widget (the options travelled with the form), now taller and still exact.
    expect(new URL(search.url()).searchParams.get('theme')).toBe('contrast');
    await expect.poll(async () => (await sizes(search)).outer).toBeGreaterThan(emptyHeight);
    await expectSizedToContent(search);
  });

  test('Links führen zum Portal, öffnen einen neuen Tab und sagen das an', async ({ page, baseURL }) => {
    const portal = new URL(baseURL!).origin;
    await page.goto(url);
    const district = await embedFrame(page, `/embed/bezirk/${CELLE.id}`);
    await expectSizedToContent(district);

    const links = await district.getByRole('link').evaluateAll((anchors) =>
      anchors.map((a) => ({
        href: (a as HTMLAnchorElement).href,
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
        text: a.textContent ?? '',
      })),
    );
    const leaving = links.filter((link) => !/^(tel|mailto):/.test(link.href));
    expect(leaving.length).toBeGreaterThan(5);
    for (const link of leaving) {
      expect(link.target, link.href).toBe('_blank');
      expect(link.rel?.split(' ').sort(), link.href).toEqual(['noopener', 'noreferrer']);
      expect(link.text, link.href).toContain(NEW_TAB);
    }
    // Officer profiles and (demo) accounts lead to the portal, never to a social network.
    const profiles = leaving.filter((link) => new URL(link.href).pathname.startsWith('/beamte/'));
    expect(profiles.length).toBeGreaterThan(0);
    for (const link of profiles) expect(new URL(link.href).origin).toBe(portal);
    for (const link of leaving) {
      const host = new URL(link.href).hostname.replace(/^www\./, '');
      expect(
        SOCIAL_HOSTS.some((social) => host === social || host.endsWith(`.${social}`)),
        link.href,
      ).toBe(false);
    }
    // The name of a profile link tells screen readers about the new tab.
    await expect(district.getByRole('link', { name: new RegExp(`${NEW_TAB.replace(/[()]/g, '\\$&')}$`) }).first()).toBeVisible();

    // A click opens the officer's page of the portal in a new tab; the host page stays.
    const [popup] = await Promise.all([page.waitForEvent('popup'), district.locator('a[href^="/beamte/"]').first().click()]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).origin).toBe(portal);
    expect(new URL(popup.url()).pathname).toMatch(/^\/beamte\//);
    expect(await popup.evaluate(() => window.opener)).toBeNull();
    expect(page.url()).toBe(url);
  });

  test('Nachrichten mit falscher Herkunft, Art oder Kennung werden ignoriert', async ({ page }) => {
    await page.goto(url);
    const district = await embedFrame(page, `/embed/bezirk/${CELLE.id}`);
    const search = await embedFrame(page, '/embed/suche');
    await expectSizedToContent(district);
    await expectSizedToContent(search);
    const id = new URL(district.url()).searchParams.get('widget')!;
    const otherId = new URL(search.url()).searchParams.get('widget')!;

    // From the host page itself (wrong origin), with the right type and id.
    await page.evaluate((widget) => window.postMessage({ type: 'revierfinder:size', id: widget, height: 37 }, '*'), id);
    // From the portal's frame: wrong type; unknown id; the other widget's id; no number.
    await district.evaluate((widget) => parent.postMessage({ type: 'revierfinder:other', id: widget, height: 37 }, '*'), id);
    await district.evaluate(() => parent.postMessage({ type: 'revierfinder:size', id: 'rf-unbekannt', height: 37 }, '*'));
    await district.evaluate((widget) => parent.postMessage({ type: 'revierfinder:size', id: widget, height: 37 }, '*'), otherId);
    await district.evaluate((widget) => parent.postMessage({ type: 'revierfinder:size', id: widget, height: '37' }, '*'), id);

    // The control: the right message from the right frame is obeyed. It was sent after the others,
    // so once it is obeyed they have all been handled: no frame was ever given their height.
    await district.evaluate((widget) => parent.postMessage({ type: 'revierfinder:size', id: widget, height: 237 }, '*'), id);
    await expect.poll(async () => (await sizes(district)).outer).toBe(237);
    const given = await page.evaluate(() => (window as unknown as { hostHeights: string[][] }).hostHeights.map(([, h]) => h));
    expect(given).toContain('237px');
    expect(given).not.toContain('37px');
  });

  test('im Rahmen: keine Cookies, kein Speicher, keine Anfragen an Dritte', async ({ page, context, baseURL }) => {
    const portal = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (request) => {
      // Everything the frames load (the host page's own requests aside) comes from the portal.
      if (request.frame() === page.mainFrame() && request.resourceType() !== 'document') return;
      if (request.frame() === page.mainFrame() && request.url().startsWith(allowedHost.origin)) return;
      if (!request.url().startsWith(portal) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    await page.goto(url);
    const district = await embedFrame(page, `/embed/bezirk/${CELLE.id}`);
    await expectSizedToContent(district);
    await page.waitForLoadState('networkidle');
    expect(foreign).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(await district.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length)).toBe(0);
  });
});

test('eine nicht freigeschaltete Website: der Browser verweigert den Rahmen, der Link bleibt', async ({ page, baseURL }) => {
  const snippet = await snippetFor(page, `view=bezirk&bezirk=${CELLE.id}`);
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
  });
  await page.goto(refusedHost.page('/fremd.html', hostPage('Fremde Seite', [{ width: 600, html: snippet }])));
  // The loader gives up after the refused frame has loaded: the link is back as the only content.
  await expect(page.locator('a[data-revierfinder="failed"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(page.locator('iframe')).toHaveCount(0);
  const link = page.getByRole('link', { name: /Celle: digitale Streife/ });
  await expect(link).toBeVisible();
  expect(await link.getAttribute('href')).toBe(`${new URL(baseURL!).origin}/bezirk/${CELLE.id}`);
  expect(refusals.join('\n')).toContain('frame-ancestors');
});

test('Portal nicht erreichbar: der Link bleibt stehen', async ({ page, baseURL }) => {
  const snippet = await snippetFor(page, 'view=suche');
  await page.route(`${new URL(baseURL!).origin}/embed/**`, (route) => route.abort('connectionrefused'));
  await page.goto(allowedHost.page('/ausfall.html', hostPage('Ausfall', [{ width: 600, html: snippet }])));
  await expect(page.locator('a[data-revierfinder="failed"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Revierfinder der Polizei Niedersachsen/ })).toBeVisible();
});

test.describe('Widget-Baukasten', () => {
  test('Auswahl ändert Code und Vorschau sofort; der Code lässt sich kopieren', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
    await page.goto('/widget');
    const code = page.getByRole('textbox', { name: 'Code zum Einfügen in Ihre Seite' });
    await expect(code).toHaveValue(/data-view="bezirk"/);
    await page.getByRole('radio', { name: 'Eine Ortssuche' }).check();
    await page.getByRole('radio', { name: 'Dunkel' }).check();
    await page.getByRole('checkbox', { name: 'Kleine Karte anzeigen' }).check();
    await expect(code).toHaveValue(/data-view="suche"/);
    await expect(code).toHaveValue(/data-theme="dark"/);
    await expect(code).toHaveValue(/data-map="true"/);
    await expect(code).toHaveValue(new RegExp(`<script src="${new URL(baseURL!).origin}/widget\\.js" async></script>`));
    await expect(page.getByRole('combobox', { name: 'Bezirk' })).toBeHidden();
    const preview = page.frameLocator('iframe[title="Vorschau des Widgets"]');
    await expect(preview.getByRole('combobox', { name: 'Ort oder Postleitzahl' })).toBeVisible();
    await expect(page.locator('iframe[title="Vorschau des Widgets"]')).toHaveAttribute('src', /theme=dark/);

    await page.getByRole('button', { name: 'Code kopieren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Zwischenablage' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());
  });

  test('ohne JavaScript: das Formular liefert Code und Vorschau vom Server', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/widget');
    await page.getByRole('radio', { name: 'Die digitalen Streifen einer Polizeiinspektion' }).check();
    await page.getByRole('combobox', { name: 'Polizeiinspektion' }).selectOption({ label: 'PI Celle' });
    await page.getByRole('radio', { name: /^Kompakt/ }).check();
    await page.getByRole('button', { name: 'Vorschau und Code aktualisieren' }).click();
    const code = await page.getByRole('textbox', { name: 'Code zum Einfügen in Ihre Seite' }).inputValue();
    expect(code).toContain('data-view="inspektion" data-id="pi-celle"');
    expect(code).toContain('data-layout="compact"');
    expect(code).toMatch(/^<a href="http:\/\/[^"]+\/embed\/inspektion\/pi-celle" data-revierfinder /);
    await expect(page.locator('iframe[title="Vorschau des Widgets"]')).toHaveAttribute('src', /\/embed\/inspektion\/pi-celle\?/);
    await context.close();
  });
});
