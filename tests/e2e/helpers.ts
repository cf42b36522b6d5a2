import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, type Locator, type Page } from '@playwright/test';
import { freePort, SERVER_ENTRY } from '../integration/helpers/server-process';

/** Celle: a town with a digital officer and KOBB officers, used as the main journey. */
export const CELLE = {
  id: '033510006',
  name: 'Celle',
  inspection: 'PI Celle',
  directorate: 'PD Lüneburg',
  /** Town centre, as the search API reports it. */
  centre: { lat: 52.626307, lon: 10.08067 },
} as const;

/**
 * A point in Celle about 60 m from the border with Flotwedel (033515402), found by bisecting
 * /api/v1/locate between 52.65,10.15 (Celle) and 52.60,10.17 (Flotwedel).
 */
export const NEAR_FLOTWEDEL = { lat: '52.60225', lon: '10.16934', neighbourId: '033515402', neighbour: 'Flotwedel' };

/** Hosts of the social networks: demo accounts must never link there. */
export const SOCIAL_HOSTS = [
  'x.com',
  'twitter.com',
  'facebook.com',
  'instagram.com',
  'youtube.com',
  'tiktok.com',
  'threads.net',
  'bsky.app',
  'whatsapp.com',
];

export const SEARCH_LABEL = 'Adresse, Ort oder Postleitzahl';

/**
 * The search field, found by its label as a citizen would: a combobox where JavaScript runs
 * (autocomplete), a plain search box without it.
 */
export function searchField(page: Page): Locator {
  return page.getByRole('combobox', { name: SEARCH_LABEL }).or(page.getByRole('searchbox', { name: SEARCH_LABEL }));
}

/** Types a query into the search form on the current page and submits it with Enter. */
export async function submitSearch(page: Page, query: string): Promise<void> {
  const field = searchField(page);
  await field.fill(query);
  await field.press('Enter');
}

/**
 * The Leaflet map: a region whose name contains `name` (the section's title). The section itself
 * (aria-labelledby its h2) is a region too, so the map is the one without a heading inside.
 */
export function leafletMap(page: Page, name: string): Locator {
  return page.getByRole('region', { name: new RegExp(escapeRegExp(name)) }).filter({ hasNot: page.getByRole('heading') });
}

/** A page section (region labelled by its heading), told apart from a map region of the same name. */
export function section(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true }).filter({ has: page.getByRole('heading') });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Scrolls to each interactive map: they start only near the screen (PortalMap), as a reader scrolls. */
export async function bringMapsIntoView(page: Page): Promise<void> {
  for (const element of await page.locator('rf-map[data-src]').all()) await element.scrollIntoViewIfNeeded();
}

/** Waits until the Leaflet map replaced the server-drawn one and has drawn its outlines. */
export async function waitForLeaflet(page: Page, name: string): Promise<Locator> {
  await bringMapsIntoView(page);
  // Outlines are drawn in slices (PortalMap); data-drawn marks the end.
  await expect(page.locator('rf-map[data-src]:not([data-drawn])')).toHaveCount(0);
  const map = leafletMap(page, name);
  await expect(map).toBeVisible();
  await expect.poll(() => map.locator('svg path').count(), { message: `Umrisse in der Karte „${name}“` }).toBeGreaterThan(0);
  return map;
}

/** Every absolute link target on the page whose host is (a subdomain of) a social network. */
export async function socialLinks(page: Page): Promise<string[]> {
  const hrefs = await page.getByRole('link').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  return hrefs.filter((href) => {
    const host = new URL(href).hostname.replace(/^www\./, '');
    return SOCIAL_HOSTS.some((social) => host === social || host.endsWith(`.${social}`));
  });
}

/** The accessibility rules every page must pass (WCAG 2.x A/AA and axe's best practices). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the page and fails with a readable list of violations (rule, help, targets). */
export async function expectNoAxeViolations(page: Page, where = page.url()): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n'),
    )
    .join('\n');
  expect(violations, `axe-Verstöße auf ${where}:\n${report}`).toEqual([]);
}

/** Records every request the page makes to another origin than the portal's. */
export function recordForeignRequests(page: Page, baseURL: string): string[] {
  const origin = new URL(baseURL).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) foreign.push(request.url());
  });
  return foreign;
}

export { freePort, SERVER_ENTRY } from '../integration/helpers/server-process';

export interface TestServer {
  base: string;
  port: number;
  process: ChildProcess;
  /** Every JSON line the server wrote to stdout so far. */
  logLines: Array<Record<string, unknown>>;
  stop: () => Promise<void>;
}

/**
 * A test's own production server (src/server/main.mjs, as playwright.config.ts starts it) on a
 * free port (or `port`), with `env` added and the rate limit off; resolves once it listens.
 */
export async function startTestServer(env: Record<string, string> = {}, port?: number): Promise<TestServer> {
  port ??= await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logLines: Array<Record<string, unknown>> = [];
  let rest = '';
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logLines.push(entry);
        if (entry.event === 'listening') resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`Server auf Port ${port} startete nicht (Exit-Code ${code})`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    await listening;
  } finally {
    clearTimeout(timeout);
  }
  return { base: `http://127.0.0.1:${port}`, port, process: child, logLines, stop };
}

/**
 * axe runs inside the page, which a page with JavaScript disabled cannot do (evaluate hangs).
 * So "without JavaScript" is simulated: scripts are removed from the HTML and never loaded,
 * which leaves exactly the DOM a browser without JavaScript shows (the portal has no <noscript>).
 */
export async function withoutScripts(page: Page) {
  await page.route('**/*', async (route) => {
    const type = route.request().resourceType();
    if (type === 'script') return route.abort();
    if (type !== 'document') return route.fallback();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    return route.fulfill({ response, body });
  });
}
