/**
 * The editor area end to end, on its own server (editor-setup.ts): sign-in with TOTP (and
 * enrolment), edit → review → publish → the citizen's page shows the change; script in text
 * fields escaped in portal, widget, API and downloads; CSRF and a forged Origin refused; every
 * route for every role; photo uploads; concurrent edits; no cookies on citizens' pages; axe,
 * keyboard and no JavaScript.
 */
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';
import { removeTempDirs } from '../integration/helpers/data-dir';
import {
  CELLE_OFFICER,
  HANNOVER_OFFICER,
  PASSWORD,
  USERS,
  freshCode,
  nextCode,
  signIn,
  signedIn,
  startEditorServer,
  type EditorServer,
} from './editor-setup';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let server: EditorServer;
let base: string;
const pages = {} as Record<'admin' | 'lueneburg' | 'hannover' | 'reviewer', Page>;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(180_000);
  server = await startEditorServer();
  base = server.base;
  for (const role of ['admin', 'lueneburg', 'hannover', 'reviewer'] as const)
    pages[role] = (await signedIn(browser, base, USERS[role])).page;
});

test.afterAll(async () => {
  for (const page of Object.values(pages)) await page.context().close();
  await server?.stop();
  await removeTempDirs();
});

test('citizens’ pages set no cookie; the sign-in page sets an HttpOnly SameSite=Strict one', async ({ request }) => {
  for (const path of ['/', '/bezirk/033510006', '/api/v1/officers', '/daten/beamte.csv', '/widget', '/en']) {
    const response = await request.get(base + path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['set-cookie'], path).toBeUndefined();
  }
  const signInPage = await request.get(`${base}/redaktion/anmelden`);
  const cookie = signInPage.headers()['set-cookie'] ?? '';
  expect(cookie).toMatch(/^rf_signin=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  expect(signInPage.headers()['cache-control']).toBe('no-store');
  // Without a session every other page of the area leads to the sign-in.
  const home = await request.get(`${base}/redaktion/beamte`, { maxRedirects: 0 });
  expect(home.status()).toBe(303);
  expect(home.headers().location).toBe('/redaktion/anmelden');
});

test('wrong password and wrong code get the same generic message; a first sign-in enrols TOTP from the QR code', async ({ page }) => {
  await page.goto(`${base}/redaktion/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(USERS.fresh.email);
  await page.getByLabel('Passwort', { exact: true }).fill('falsches passwort 123');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Anmeldung fehlgeschlagen. Bitte prüfen Sie Ihre Angaben.');
  await page.getByLabel('E-Mail-Adresse').fill('niemand@e2e.example');
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Anmeldung fehlgeschlagen. Bitte prüfen Sie Ihre Angaben.');

  await page.getByLabel('E-Mail-Adresse').fill(USERS.fresh.email);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zweiten Faktor einrichten');
  await expect(page.getByRole('img', { name: 'QR-Code für die Authenticator-App' })).toBeVisible();
  const secret = (await page.locator('code').textContent())!.trim();
  await page.getByRole('textbox', { name: /Code/ }).fill('123456');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Anmeldung fehlgeschlagen. Bitte prüfen Sie Ihre Angaben.');
  const used = new Set<string>();
  const code = await freshCode(secret, used);
  await page.getByRole('textbox', { name: /Code/ }).fill(code);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(`${base}/redaktion`);

  // The same code again (a replay) is refused at the next sign-in.
  await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Sie sind abgemeldet.');
  await page.getByLabel('E-Mail-Adresse').fill(USERS.fresh.email);
  await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('textbox', { name: /Code/ }).fill(code);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Anmeldung fehlgeschlagen. Bitte prüfen Sie Ihre Angaben.');
});

test('a POST without the CSRF token, or from another Origin, is refused (403)', async () => {
  const page = pages.lueneburg;
  const form = { _csrf: 'falsch', action: 'save', name: 'X' };
  const withoutToken = await page.request.post(`${base}/redaktion/beamte/${CELLE_OFFICER}`, {
    form: { action: 'save' },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  expect(withoutToken.status()).toBe(403);
  const wrongToken = await page.request.post(`${base}/redaktion/beamte/${CELLE_OFFICER}`, {
    form,
    headers: { Origin: base },
    maxRedirects: 0,
  });
  expect(wrongToken.status()).toBe(403);
  await page.goto(`${base}/redaktion/beamte/${CELLE_OFFICER}`);
  const token = await page.locator('input[name="_csrf"]').first().inputValue();
  const forged = await page.request.post(`${base}/redaktion/beamte/${CELLE_OFFICER}`, {
    form: { ...form, _csrf: token },
    headers: { Origin: 'https://angreifer.example' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  const signOut = await page.request.post(`${base}/redaktion/abmelden`, {
    form: { _csrf: token },
    headers: { Origin: 'https://angreifer.example' },
    maxRedirects: 0,
  });
  expect(signOut.status()).toBe(403);
  // Still signed in: none of them did anything.
  await page.goto(`${base}/redaktion`);
  await expect(page).toHaveURL(`${base}/redaktion`);
});

/** A demo notice for PI Celle (PD Lüneburg), from the default demo data. */
const CELLE_NOTICE = 'demo-hinweis-pi-celle';

/** Expected status per route and role: 200, 403, or 303 (to the sign-in page). */
const ROUTES: Array<[string, Record<'anonymous' | 'admin' | 'lueneburg' | 'hannover' | 'reviewer', number>]> = [
  ['/redaktion', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  ['/redaktion/beamte', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  [`/redaktion/beamte/${CELLE_OFFICER}`, { anonymous: 303, admin: 200, lueneburg: 200, hannover: 403, reviewer: 200 }],
  [`/redaktion/beamte/${HANNOVER_OFFICER}`, { anonymous: 303, admin: 200, lueneburg: 403, hannover: 200, reviewer: 403 }],
  ['/redaktion/beamte/neu', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 403 }],
  ['/redaktion/konten', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  ['/redaktion/dienststellen', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  ['/redaktion/dienststellen/polizeistation-wathlingen', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 403, reviewer: 200 }],
  ['/redaktion/hinweise', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  ['/en/redaktion/hinweise', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  [`/redaktion/hinweise/${CELLE_NOTICE}`, { anonymous: 303, admin: 200, lueneburg: 200, hannover: 403, reviewer: 200 }],
  ['/redaktion/hinweise/neu', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 403 }],
  ['/redaktion/entwuerfe', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  ['/redaktion/konto', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  ['/redaktion/vorschau', { anonymous: 303, admin: 200, lueneburg: 200, hannover: 200, reviewer: 200 }],
  ['/redaktion/veroeffentlichen', { anonymous: 303, admin: 200, lueneburg: 403, hannover: 403, reviewer: 403 }],
  ['/redaktion/benutzer', { anonymous: 303, admin: 200, lueneburg: 403, hannover: 403, reviewer: 403 }],
  // Role and area of one account (the not yet enrolled editor, id 5 in the order of USERS), and of none.
  ['/redaktion/benutzer/5', { anonymous: 303, admin: 200, lueneburg: 403, hannover: 403, reviewer: 403 }],
  ['/en/redaktion/benutzer/5', { anonymous: 303, admin: 200, lueneburg: 403, hannover: 403, reviewer: 403 }],
  ['/redaktion/benutzer/999', { anonymous: 303, admin: 404, lueneburg: 403, hannover: 403, reviewer: 403 }],
  ['/redaktion/protokoll', { anonymous: 303, admin: 200, lueneburg: 403, hannover: 403, reviewer: 403 }],
  ['/redaktion/protokoll.csv', { anonymous: 303, admin: 200, lueneburg: 403, hannover: 403, reviewer: 403 }],
  ['/redaktion/anmelden', { anonymous: 200, admin: 303, lueneburg: 303, hannover: 303, reviewer: 303 }],
  // The strength meter's check answers POST only.
  ['/redaktion/passwort-pruefen', { anonymous: 303, admin: 405, lueneburg: 405, hannover: 405, reviewer: 405 }],
];

test('every route answers every role as its role and area allow (403 audited)', async ({ request }) => {
  for (const [path, expected] of ROUTES) {
    const anonymous = await request.get(base + path, { maxRedirects: 0 });
    expect(anonymous.status(), `anonymous ${path}`).toBe(expected.anonymous);
    for (const role of ['admin', 'lueneburg', 'hannover', 'reviewer'] as const) {
      const response = await pages[role].request.get(base + path, { maxRedirects: 0 });
      expect(response.status(), `${role} ${path}`).toBe(expected[role]);
    }
  }
  const csv = await (await pages.admin.request.get(`${base}/redaktion/protokoll.csv`)).text();
  expect(csv).toContain(`record.read,officer:${HANNOVER_OFFICER},denied`.replace('record.read,', 'record.read,'));
  expect(csv).toMatch(new RegExp(`lueneburg@e2e.example,record.read,officer:${HANNOVER_OFFICER},denied`));
  expect(csv).toMatch(new RegExp(`hannover@e2e.example,record.read,notice:${CELLE_NOTICE},denied`));
});

test('an administrator cannot take away their own admin role; unknown areas are named next to the field', async () => {
  const admin = pages.admin;
  await admin.goto(`${base}/redaktion/benutzer`);
  await admin
    .getByRole('row', { name: /admin@e2e\.example/ })
    .getByRole('link', { name: 'Rolle und Bereich ändern' })
    .click();
  await expect(admin).toHaveURL(`${base}/redaktion/benutzer/1`);
  await admin.getByLabel('Rolle').selectOption('editor');
  await admin.getByLabel(/^Bereich/).fill('pd:pd-lueneburg');
  await admin.getByRole('button', { name: 'Speichern' }).click();
  await expect(admin.locator('#err-role')).toHaveText('Sie können sich die Rolle Administration nicht selbst nehmen.');
  await expect(admin.getByLabel('Rolle')).toHaveAttribute('aria-describedby', 'err-role');
  await admin.goto(`${base}/en/redaktion/benutzer/5`);
  await admin.getByLabel(/^Area/).fill('pd:pd-nirgendwo');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.locator('#err-scopes')).toHaveText('Unknown areas: pd:pd-nirgendwo');
  // Still an administrator, still signed in.
  expect((await admin.request.get(`${base}/redaktion/benutzer`, { maxRedirects: 0 })).status()).toBe(200);
});

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

test('edit → review → publish: the citizen’s page shows the change, with script escaped everywhere', async ({ request }) => {
  test.setTimeout(240_000);
  const editor = pages.lueneburg;
  await editor.goto(`${base}/redaktion/beamte/${CELLE_OFFICER}`);
  const name = `Alexandra Peters ${HOSTILE}`;
  await editor.getByLabel('Name', { exact: true }).fill(name);
  await editor.getByLabel('Funktionsbezeichnung').fill(HOSTILE);
  await editor.getByLabel('Telefon').fill('0000 4711-0');
  await editor.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(editor.getByRole('status')).toHaveText('Entwurf gespeichert (Version 1).');
  // The preview renders the citizens' page from the drafts; the live page is unchanged.
  await editor.goto(`${base}/redaktion/vorschau`);
  await editor.getByRole('button', { name: 'Vorschau erstellen' }).click();
  await expect(editor.getByRole('status')).toHaveText('Die Vorschau ist erstellt.', { timeout: 120_000 });
  await editor.getByRole('link', { name: CELLE_OFFICER }).click();
  await expect(editor).toHaveURL(`${base}/redaktion/vorschau/beamte/${CELLE_OFFICER}`);
  await expect(editor.getByRole('heading', { level: 1 })).toContainText('Alexandra Peters <script>');
  const live = await request.get(`${base}/beamte/${CELLE_OFFICER}`);
  expect(await live.text()).not.toContain('Alexandra Peters');
  expect((await editor.request.get(`${base}/redaktion/vorschau/beamte/${CELLE_OFFICER}`)).headers()['cache-control']).toBe('no-store');
  // Another area's editor has no preview of it.
  const other = await pages.hannover.request.get(`${base}/redaktion/vorschau/beamte/${CELLE_OFFICER}`, { maxRedirects: 0 });
  expect(other.status()).toBe(303);
  await editor.goto(`${base}/redaktion/entwuerfe`);
  await editor.getByRole('button', { name: 'Zur Prüfung geben' }).click();
  await expect(editor.getByRole('status')).toHaveText('Erledigt.');
  // The editor cannot approve, the reviewer can.
  await expect(editor.getByRole('button', { name: 'Freigeben' })).toHaveCount(0);
  const reviewer = pages.reviewer;
  await reviewer.goto(`${base}/redaktion/entwuerfe`);
  await expect(reviewer.getByRole('cell', { name: '"0000 4711-0"' })).toBeVisible();
  await reviewer.getByRole('button', { name: 'Freigeben' }).click();
  await expect(reviewer.getByRole('status')).toHaveText('Erledigt.');

  const admin = pages.admin;
  await admin.goto(`${base}/redaktion/veroeffentlichen`);
  await expect(admin.getByText('1 Entwürfe sind bereit zur Veröffentlichung.')).toBeVisible();
  // Citizens keep asking during the publish: not one answer may fail.
  let loading = true;
  let answered = 0;
  const failures: string[] = [];
  const CITIZEN_PATHS = [
    '/bezirk/033515404',
    '/api/v1/search?q=Celle',
    `/api/v1/officers/${CELLE_OFFICER}`,
    '/api/v1/locate?lat=52.62&lon=10.08',
  ];
  const load = async (worker: number) => {
    for (let i = worker; loading; i++) {
      const url = base + CITIZEN_PATHS[i % CITIZEN_PATHS.length];
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(`${url} → ${response.status}`);
      } catch (error) {
        failures.push(`${url} → ${(error as Error).message}`);
      }
      answered++;
    }
  };
  const workers = [0, 1, 2, 3].map(load);
  await admin.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
  await expect(admin.getByRole('status')).toContainText('Veröffentlicht: Datenstand', { timeout: 180_000 });

  // Every server watching the snapshot takes it up within a few seconds, without a restart.
  await expect
    .poll(async () => ((await (await request.get(`${base}/api/v1/officers/${CELLE_OFFICER}`)).json()) as { name: string }).name, {
      timeout: 20_000,
    })
    .toBe(name);
  loading = false;
  await Promise.all(workers);
  expect(failures).toEqual([]);
  expect(answered).toBeGreaterThan(20);
  const apiText = await (await request.get(`${base}/api/v1/officers/${CELLE_OFFICER}`)).text();
  expect(apiText).toContain('<script>alert(1)</script>');
  const citizen = await request.get(`${base}/beamte/${CELLE_OFFICER}`);
  const html = await citizen.text();
  // Raw only inside a quoted attribute value (aria-label), where "<" is plain text; as markup never.
  const outsideAttributes = (text: string) => text.replace(/="[^"]*"/g, '=""');
  expect(outsideAttributes(html)).not.toContain('<script>alert(1)');
  expect(outsideAttributes(html)).not.toContain('<img src=x');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  const csv = await (await request.get(`${base}/daten/beamte.csv`)).text();
  expect(csv).toContain('0000 4711-0');
  expect(csv).not.toMatch(/^[=+@-]/m);
  const widget = await (await request.get(`${base}/embed/bezirk/033515404`)).text();
  expect(widget).toContain('&lt;script&gt;alert(1)');
  expect(outsideAttributes(widget)).not.toContain('<script>alert(1)');
  // The page in a browser shows the text and runs nothing.
  const visitor = await admin.context().newPage();
  let dialogs = 0;
  visitor.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await visitor.goto(`${base}/beamte/${CELLE_OFFICER}`);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText('<script>alert(1)</script>');
  await expect(visitor.locator('img[src="x"]')).toHaveCount(0);
  await visitor.goto(`${base}/embed/bezirk/033515404`);
  await expect(visitor.getByText('<script>alert(1)</script>', { exact: false }).first()).toBeVisible();
  await expect(visitor.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
  await visitor.close();

  // The published version lists the change, exports as the data file, and can be rolled back.
  await admin.goto(`${base}/redaktion/veroeffentlichen`);
  const exported = await admin.request.get(`${base}/redaktion/veroeffentlichen/export/1/officers.json`);
  expect(exported.status()).toBe(200);
  const officers = (await exported.json()) as Array<{ id: string; phone: string }>;
  expect(officers.find((o) => o.id === CELLE_OFFICER)?.phone).toBe('0000 4711-0');
});

test('a notice goes through draft → review → publish onto the district page, the widget and the API, escaped; areas hold', async ({
  request,
}) => {
  test.setTimeout(240_000);
  const editor = pages.lueneburg;
  // Shown until 30 days from now (its disappearance after the last day: tests/integration/notices.test.ts, with a set date).
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const text = `Die Sprechstunde entfällt heute. ${HOSTILE}`;
  await editor.goto(`${base}/redaktion/hinweise/neu`);
  // The editor's form offers no state-wide notice; one forced into the form is refused (403, audited).
  await expect(editor.getByLabel('Gilt für').locator('option[value="state"]')).toHaveCount(0);
  await editor.getByLabel('Kennung').fill('e2e-landesweit');
  await editor.getByLabel(/^Hinweis auf Deutsch/).fill('Für alle');
  await editor.getByLabel('Gilt für').evaluate((select: HTMLSelectElement) => select.add(new Option('state', 'state')));
  await editor.getByLabel('Gilt für').selectOption('state');
  await editor.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(editor.getByRole('heading', { level: 1 })).toHaveText('Keine Berechtigung');
  // Errors next to their field: the end before the start, an http link.
  await editor.goto(`${base}/redaktion/hinweise/neu`);
  await editor.getByLabel('Kennung').fill('e2e-hinweis');
  await editor.getByLabel('Gilt für').selectOption('station:polizeistation-wathlingen');
  await editor.getByLabel(/^Hinweis auf Deutsch/).fill(text);
  await editor.getByLabel(/^Link/).fill('http://www.polizei.niedersachsen.de/');
  await editor.getByLabel(/^Anzeigen ab/).fill('2026-12-31');
  await editor.getByLabel(/^Anzeigen bis/).fill('2026-01-01');
  await editor.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(editor.locator('#field-link-error')).toContainText('https-Adresse');
  await expect(editor.locator('#field-validUntil-error')).toContainText('vor dem Beginn');
  await editor.getByLabel(/^Link/).fill('https://www.polizei.niedersachsen.de/');
  await editor.getByLabel(/^Anzeigen ab/).fill('');
  await editor.getByLabel(/^Anzeigen bis/).fill(until);
  await editor.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(editor.getByRole('status')).toHaveText('Entwurf gespeichert (Version 1).');
  // Another area's editor can neither read nor see it; an admin's state-wide draft is the admins' alone.
  expect((await pages.hannover.request.get(`${base}/redaktion/hinweise/e2e-hinweis`, { maxRedirects: 0 })).status()).toBe(403);
  const admin = pages.admin;
  await admin.goto(`${base}/redaktion/hinweise/neu`);
  await admin.getByLabel('Kennung').fill('e2e-landesweit');
  await admin.getByLabel('Gilt für').selectOption('state');
  await admin.getByLabel(/^Hinweis auf Deutsch/).fill('Landesweiter Entwurf');
  await admin.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(admin.getByRole('status')).toHaveText('Entwurf gespeichert (Version 1).');
  expect((await editor.request.get(`${base}/redaktion/hinweise/e2e-landesweit`, { maxRedirects: 0 })).status()).toBe(403);
  await admin.goto(`${base}/redaktion/entwuerfe`);
  await admin
    .getByRole('region', { name: /e2e-landesweit/ })
    .getByRole('button', { name: 'Verwerfen' })
    .click();
  await expect(admin.getByRole('status')).toHaveText('Erledigt.');

  await editor.goto(`${base}/redaktion/entwuerfe`);
  await expect(editor.getByRole('region', { name: /e2e-landesweit/ })).toHaveCount(0);
  await editor
    .getByRole('region', { name: /e2e-hinweis/ })
    .getByRole('button', { name: 'Zur Prüfung geben' })
    .click();
  await expect(editor.getByRole('status')).toHaveText('Erledigt.');
  const reviewer = pages.reviewer;
  await reviewer.goto(`${base}/redaktion/entwuerfe`);
  await reviewer
    .getByRole('region', { name: /e2e-hinweis/ })
    .getByRole('button', { name: 'Freigeben' })
    .click();
  await expect(reviewer.getByRole('status')).toHaveText('Erledigt.');
  await admin.goto(`${base}/redaktion/veroeffentlichen`);
  await admin.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
  await expect(admin.getByRole('status')).toContainText('Veröffentlicht: Datenstand', { timeout: 180_000 });

  // The API's district answer lists it (script as text), once every server has taken up the snapshot.
  const DISTRICT = '033515404';
  await expect
    .poll(
      async () =>
        ((await (await request.get(`${base}/api/v1/districts/${DISTRICT}`)).json()) as { notices: Array<{ id: string }> }).notices.map(
          (n) => n.id,
        ),
      { timeout: 20_000 },
    )
    .toContain('e2e-hinweis');
  const api = (await (await request.get(`${base}/api/v1/districts/${DISTRICT}`)).json()) as {
    notices: Array<{ id: string; text: string; validUntil: string; scope: { type: string; id: string } }>;
  };
  expect(api.notices.find((n) => n.id === 'e2e-hinweis')).toMatchObject({
    text,
    validUntil: until,
    scope: { type: 'station', id: 'polizeistation-wathlingen' },
  });
  // A dated notice: the answer is kept only briefly, so it goes on its last day's midnight.
  const page = await request.get(`${base}/bezirk/${DISTRICT}`);
  expect(page.headers()['cache-control']).toBe('public, max-age=60, s-maxage=60, must-revalidate');
  const outsideAttributes = (html: string) => html.replace(/="[^"]*"/g, '=""');
  for (const path of [`/bezirk/${DISTRICT}`, `/embed/bezirk/${DISTRICT}`, `/en/bezirk/${DISTRICT}`]) {
    const html = await (await request.get(base + path)).text();
    expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(outsideAttributes(html), path).not.toContain('<script>alert(1)');
    expect(outsideAttributes(html), path).not.toContain('<img src=x');
  }
  // In a browser: a labelled region below the 110 guide, the text shown, nothing run; English where written.
  // A fresh context: the admin's browser may still keep the widget from the test before (for up to a minute).
  const visitorContext = await admin.context().browser()!.newContext();
  const visitor = await visitorContext.newPage();
  let dialogs = 0;
  visitor.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await visitor.goto(`${base}/bezirk/${DISTRICT}`);
  const region = visitor.getByRole('complementary', { name: 'Aktuelle Hinweise' });
  await expect(region).toContainText(text);
  await expect(region.getByRole('link', { name: 'Mehr dazu' })).toHaveAttribute('href', 'https://www.polizei.niedersachsen.de/');
  const order = await visitor.evaluate(() => {
    const guide = document.querySelector('[data-emergency]')!;
    const notices = document.querySelector('[data-notices]')!;
    return guide.compareDocumentPosition(notices) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  await visitor.goto(`${base}/embed/bezirk/${DISTRICT}`);
  await expect(visitor.getByRole('complementary', { name: 'Aktuelle Hinweise' })).toContainText(text);
  // English: the demo notice's English text; the new one has none, so its German text, marked lang="de".
  await visitor.goto(`${base}/en/bezirk/${DISTRICT}`);
  const english = visitor.getByRole('complementary', { name: 'Current notices' });
  await expect(english.locator(`[data-notice="${CELLE_NOTICE}"] .notice-text`)).toContainText('Demo notice (made up)');
  await expect(english.locator(`[data-notice="${CELLE_NOTICE}"] .notice-text`)).not.toHaveAttribute('lang', 'de');
  await expect(english.locator('[data-notice="e2e-hinweis"] [lang="de"]')).toContainText(text);
  await expect(visitor.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
  await visitorContext.close();

  // The version lists it, and exports the notices file (admins only).
  await admin.goto(`${base}/redaktion/veroeffentlichen`);
  const versions = await admin.request.get(`${base}/redaktion/veroeffentlichen`);
  expect(await versions.text()).toContain('e2e-hinweis');
  const exported = await admin.request.get(`${base}/redaktion/veroeffentlichen/export/2/notices.json`);
  expect(exported.status()).toBe(200);
  expect(((await exported.json()) as Array<{ id: string }>).map((n) => n.id)).toContain('e2e-hinweis');
  expect((await editor.request.get(`${base}/redaktion/veroeffentlichen/export/2/notices.json`, { maxRedirects: 0 })).status()).toBe(403);
});

test('a concurrent edit of the same record is refused with a clear message, and nothing is lost', async ({ browser }) => {
  const first = pages.lueneburg;
  const { context, page: second } = await signedIn(browser, base, USERS.admin);
  const url = `${base}/redaktion/dienststellen/polizeistation-wathlingen`;
  await first.goto(url);
  await second.goto(url);
  await first.getByLabel('Telefon').fill('0000 1111-1');
  await first.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(first.getByRole('status')).toContainText('Entwurf gespeichert');
  await second.getByLabel('Telefon').fill('0000 2222-2');
  await second.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(second.getByRole('alert')).toContainText('Jemand hat diesen Eintrag geändert');
  await expect(second.getByLabel('Telefon')).toHaveValue('0000 2222-2');
  await expect(second.locator('pre')).toContainText('0000 1111-1');
  await context.close();
});

test('field errors appear next to their field, in the editor’s language', async () => {
  const page = pages.lueneburg;
  await page.goto(`${base}/redaktion/beamte/${CELLE_OFFICER}`);
  await page.getByLabel('E-Mail').fill('keine-adresse');
  await page.getByLabel(/Sprechzeiten/).fill('Mi 14-16');
  await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Bitte korrigieren Sie 2 Angaben.');
  await expect(page.getByLabel('E-Mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email-error')).toContainText('E-Mail-Adresse');
  await expect(page.locator('#field-openingHours-error')).toContainText('OpenStreetMap');
  await page.goto(`${base}/en/redaktion/beamte/${CELLE_OFFICER}`);
  await page.getByLabel('E-mail', { exact: true }).fill('no-address');
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await expect(page.locator('#field-email-error')).toContainText('Please give a valid e-mail address');
});

/** The status of a POST that declares its body's length but sends only its headers. */
function statusOfDeclaredPost(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

test('an oversized photo and a file that is no image are refused', async () => {
  const page = pages.lueneburg;
  await page.goto(`${base}/redaktion/beamte/${CELLE_OFFICER}`);
  await page.getByLabel(/^Foto/).setInputFiles({
    name: 'foto.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await page.getByLabel('Beschreibung des Fotos (Alternativtext)').fill('Porträt');
  await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(page.locator('#field-photo-error')).toHaveText('Die Datei ist kein Bild im Format JPEG, PNG oder WebP.');
  const big = Buffer.alloc(1100 * 1024, 0);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  await page.getByLabel(/^Foto/).setInputFiles({ name: 'gross.jpg', mimeType: 'image/jpeg', buffer: big });
  await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(page.locator('#field-photo-error')).toContainText('Das Foto ist zu groß');
  const jpeg = Buffer.alloc(2048, 0);
  jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
  await page.getByLabel(/^Foto/).setInputFiles({ name: 'portraet.png', mimeType: 'image/png', buffer: jpeg });
  await page.getByLabel('Beschreibung des Fotos (Alternativtext)').fill('Porträt von vorn');
  await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Entwurf gespeichert');
  await expect(page.getByText(/\/fotos\/[0-9a-f]+\.jpg/)).toBeVisible();
  // Sniffed as JPEG whatever its name said; not public before it is published.
  const photoPath = (await page.locator('code', { hasText: '/fotos/' }).textContent())!.trim();
  expect(photoPath).toMatch(/^\/fotos\/[0-9a-f]{24}\.jpg$/);
  expect((await page.request.get(base + photoPath)).status()).toBe(404);
  // A body beyond the editor's limit is refused from its declared length, before it is read. Only
  // the headers are sent: the server answers and closes at once, so a client still writing the
  // body would meet a closed socket (EPIPE) instead of reading the answer.
  const cookies = await page.context().cookies(base);
  const huge = await statusOfDeclaredPost(`${base}/redaktion/beamte/${CELLE_OFFICER}`, {
    origin: base,
    cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'content-type': 'multipart/form-data; boundary=x',
    'content-length': String(3 * 1024 * 1024),
  });
  expect(huge).toBe(413);
});

test('the editor pages are axe clean, work by keyboard and without JavaScript', async ({ browser }) => {
  // Without JavaScript the sign-in page is plain HTML: no "Show" button that could not work.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const signInPage = await context.newPage();
  await signInPage.goto(`${base}/redaktion/anmelden`);
  await expect(signInPage.getByLabel('Passwort', { exact: true })).toBeVisible();
  await expect(signInPage.getByRole('button', { name: 'Passwort anzeigen' })).toBeHidden();
  await context.close();
  // axe runs as a script, so with JavaScript: both states of the page are checked.
  const scripted = await browser.newContext();
  const withScript = await scripted.newPage();
  await withScript.goto(`${base}/redaktion/anmelden`);
  await expect(withScript.getByRole('button', { name: 'Passwort anzeigen' })).toBeVisible();
  await expectNoAxeViolations(withScript);
  await withScript.getByRole('button', { name: 'Passwort anzeigen' }).click();
  await expectNoAxeViolations(withScript);
  await scripted.close();
  const admin = pages.admin;
  for (const path of [
    '/redaktion',
    '/redaktion/vorschau',
    '/redaktion/beamte',
    `/redaktion/beamte/${CELLE_OFFICER}`,
    '/redaktion/entwuerfe',
    '/redaktion/veroeffentlichen',
    '/redaktion/benutzer',
    '/redaktion/benutzer/5',
    '/redaktion/protokoll',
    '/redaktion/konto',
    '/redaktion/bestaetigen?weiter=%2Fredaktion%2Fbenutzer&verworfen=1',
    '/en/redaktion/konten',
    '/redaktion/dienststellen/polizeistation-wathlingen',
    '/redaktion/hinweise',
    `/redaktion/hinweise/${CELLE_NOTICE}`,
    '/en/redaktion/hinweise/neu',
  ]) {
    await admin.goto(base + path);
    await expectNoAxeViolations(admin);
  }
  // Keyboard only: the sign-in form in order, submitted with Enter.
  const kb = await browser.newPage();
  await kb.goto(`${base}/redaktion/anmelden`);
  await kb.keyboard.press('Tab');
  await expect(kb.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  await kb.getByLabel('E-Mail-Adresse').focus();
  await kb.keyboard.type(USERS.hannover.email);
  await kb.keyboard.press('Tab');
  await expect(kb.getByLabel('Passwort', { exact: true })).toBeFocused();
  await kb.keyboard.type(PASSWORD);
  await kb.keyboard.press('Enter');
  await expect(kb.getByRole('textbox', { name: /Code/ })).toBeVisible();
  await kb.close();
});

test('without JavaScript an editor signs in and saves a draft', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, base, USERS.hannover);
  await page.goto(`${base}/redaktion/beamte/${HANNOVER_OFFICER}`);
  await page.getByLabel('Telefon').fill('0000 5555-5');
  await page.getByRole('button', { name: 'Als Entwurf speichern' }).click();
  await expect(page.getByRole('status')).toContainText('Entwurf gespeichert');
  // Sign-out everywhere ends this session.
  await page.getByRole('button', { name: 'Überall abmelden' }).click();
  await page.goto(`${base}/redaktion`);
  await expect(page).toHaveURL(/\/redaktion\/anmelden/);
  await context.close();
});

test('long after sign-in, user administration waits for a confirmation with a new code; nothing is done before', async () => {
  const admin = pages.admin;
  // As if the sign-in were older than the confirmation window (EDITOR_REAUTH_MINUTES).
  const db = new Database(path.join(server.dir, 'editor.db'));
  db.prepare("UPDATE sessions SET verified_at = 0 WHERE user_id = (SELECT id FROM users WHERE email = 'admin@e2e.example')").run();
  db.close();
  await admin.goto(`${base}/redaktion/benutzer`);
  await expect(admin.getByRole('status').filter({ hasText: 'verlangen eine frische Bestätigung' })).toBeVisible();
  const row = () => admin.getByRole('row', { name: /neu@e2e\.example/ });
  await row().getByRole('button', { name: 'Sperren und abmelden' }).click();
  await expect(admin).toHaveURL(`${base}/redaktion/bestaetigen?weiter=%2Fredaktion%2Fbenutzer&verworfen=1`);
  await expect(admin.getByRole('alert')).toContainText('nicht ausgeführt');
  await admin.goto(`${base}/redaktion/benutzer`);
  await expect(row()).toContainText('aktiv');

  // A wrong code is refused next to the field; a new one confirms and leads back.
  await admin.goto(`${base}/redaktion/bestaetigen?weiter=%2Fredaktion%2Fbenutzer`);
  await admin.getByLabel('Aktueller Code aus der Authenticator-App').fill('000000');
  await admin.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(admin.locator('#code-error')).toHaveText('Der Code stimmt nicht oder wurde schon verwendet.');
  await admin.getByLabel('Aktueller Code aus der Authenticator-App').fill(await nextCode(USERS.admin));
  await admin.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(admin).toHaveURL(`${base}/redaktion/benutzer?bestaetigt=1`);
  await row().getByRole('button', { name: 'Sperren und abmelden' }).click();
  await expect(row()).toContainText('gesperrt');
  await expectNoAxeViolations(admin);

  // Only a page that asks for it is a way back: no redirect to anywhere else.
  await admin.goto(`${base}/redaktion/bestaetigen?weiter=https%3A%2F%2Fevil.example%2F`);
  await expect(admin.locator('input[name="weiter"]')).toHaveValue('/redaktion');
  const csv = await (await admin.request.get(`${base}/redaktion/protokoll.csv`)).text();
  expect(csv).toMatch(/admin@e2e\.example,reauth\.required,\/redaktion\/benutzer,denied/);
  expect(csv).toMatch(/admin@e2e\.example,reauth\.totp,[^\n]*,failed/);
});

test('a new account’s password is checked against common passwords, and is temporary: its holder first chooses their own', async ({
  browser,
}) => {
  const admin = pages.admin;
  await admin.goto(`${base}/redaktion/benutzer`);
  await admin.getByLabel('E-Mail', { exact: true }).fill('neu2@e2e.example');
  await admin.getByLabel(/^Vorläufiges Passwort/).fill('passwort1234');
  await admin.getByLabel(/^Bereich/).fill('pi:pi-celle');
  await admin.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(admin.locator('#u-password-error')).toContainText('zu leicht zu erraten');
  await expect(admin.getByLabel('E-Mail', { exact: true })).toHaveValue('neu2@e2e.example');
  await admin.getByLabel(/^Vorläufiges Passwort/).fill('leise ziehen die wolken');
  await admin.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Benutzer angelegt.' })).toBeVisible();
  await expect(admin.getByRole('row', { name: /neu2@e2e\.example/ })).toHaveCount(1);

  // The new editor signs in with it, enrols TOTP, and can do nothing but choose their own password.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/redaktion/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill('neu2@e2e.example');
  await page.getByLabel('Passwort', { exact: true }).fill('leise ziehen die wolken');
  await page.getByRole('button', { name: 'Weiter' }).click();
  const secret = (await page.locator('code').textContent())!.trim();
  await page.getByRole('textbox', { name: /Code/ }).fill(await freshCode(secret, new Set()));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).toHaveURL(`${base}/redaktion/konto?vorlaeufig=1`);
  await expect(page.getByRole('alert')).toContainText('Ihr Passwort ist vorläufig');
  await page.goto(`${base}/redaktion/beamte/${CELLE_OFFICER}`);
  await expect(page).toHaveURL(`${base}/redaktion/konto?vorlaeufig=1`);
  await page.getByLabel('Bisheriges Passwort').fill('leise ziehen die wolken');
  await page.getByLabel(/^Neues Passwort/).fill('bunte kiesel am stillen ufer');
  await page.getByRole('button', { name: 'Passwort ändern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'geändert' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.goto(`${base}/redaktion/beamte/${CELLE_OFFICER}`);
  await expect(page).toHaveURL(`${base}/redaktion/beamte/${CELLE_OFFICER}`);
  await context.close();
});

test('with JavaScript, a password can be shown, and a new one is rated while typed by the rule that checks it', async ({
  browser,
  request,
}) => {
  // Sign-in page: "Anzeigen" shows the password as text and says so; "Verbergen" hides it again.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`${base}/redaktion/anmelden`);
  const password = visitor.getByLabel('Passwort', { exact: true });
  await password.fill('geheim genug');
  await visitor.getByRole('button', { name: 'Passwort anzeigen' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(password).toBeFocused();
  await expect(visitor.getByText('Das Passwort ist sichtbar.')).toBeAttached();
  await visitor.getByRole('button', { name: 'Passwort verbergen' }).click();
  await expect(password).toHaveAttribute('type', 'password');
  await context.close();

  // Own account: the meter gives the same verdict the server gives on saving.
  const page = pages.reviewer;
  await page.goto(`${base}/redaktion/konto`);
  const fresh = page.getByLabel(/^Neues Passwort/);
  const meter = page.locator('#new-strength');
  await fresh.fill('passwort1234');
  await expect(meter).toContainText('Stärke: sehr schwach');
  await expect(meter).toContainText('zu leicht zu erraten');
  await expect(fresh).toHaveAttribute('aria-describedby', 'new-strength');
  await fresh.fill('kurz');
  await expect(meter).toContainText('mindestens 12 Zeichen');
  await fresh.fill('leise ziehen die wolken');
  await expect(meter).toContainText('wird angenommen');
  await expectNoAxeViolations(page);
  // Shown, then emptied: the meter says nothing.
  await page.getByRole('button', { name: 'Passwort anzeigen' }).nth(1).click();
  await expect(fresh).toHaveAttribute('type', 'text');
  await fresh.fill('');
  await expect(meter).toBeEmpty();

  // The e-mail address typed in the new-account form counts, as on saving; in English, English words.
  const admin = pages.admin;
  await admin.goto(`${base}/en/redaktion/benutzer`);
  await admin.getByLabel('E-mail', { exact: true }).fill('maximilian@e2e.example');
  await admin.getByLabel(/^Temporary password/).fill('maximilian-wald-see-2');
  await expect(admin.locator('#u-password-strength')).toContainText('must not contain the e-mail address');

  // The check itself: only for a signed-in session with its token; the answer is not kept.
  const token = await page.locator('input[name="_csrf"]').first().inputValue();
  const rated = await page.request.post(`${base}/redaktion/passwort-pruefen`, {
    form: { _csrf: token, password: 'korrekt pferd batterie heftklammer' },
    headers: { Origin: base },
  });
  expect(rated.status()).toBe(200);
  expect(rated.headers()['cache-control']).toBe('no-store');
  expect(await rated.json()).toMatchObject({ score: 4, acceptable: true });
  const withoutToken = await page.request.post(`${base}/redaktion/passwort-pruefen`, {
    form: { password: 'x' },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  expect(withoutToken.status()).toBe(403);
  const anonymous = await request.post(`${base}/redaktion/passwort-pruefen`, {
    form: { password: 'x' },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  expect(anonymous.status()).toBe(303);
});

test('an editor sees their sessions and ends one elsewhere; that browser is signed out, this one is not', async ({ browser }) => {
  const elsewhere = await signedIn(browser, base, USERS.lueneburg, { userAgent: 'Zweitgeraet/1.0' });
  const here = pages.lueneburg;
  await here.goto(`${base}/redaktion/konto`);
  const list = here.getByRole('list', { name: 'Ihre Sitzungen' });
  const entries = (text: string | RegExp) => list.getByRole('listitem').filter({ hasText: text });
  await expect(entries('diese Sitzung')).toHaveCount(1);
  await expect(entries('Zweitgeraet/1.0')).toHaveCount(1);
  await entries('Zweitgeraet/1.0').getByRole('button', { name: 'Sitzung beenden' }).click();
  await expect(here.getByRole('status')).toHaveText('Die Sitzung wurde beendet.');
  await expect(entries('Zweitgeraet')).toHaveCount(0);
  const after = await elsewhere.page.request.get(`${base}/redaktion`, { maxRedirects: 0 });
  expect(after.status()).toBe(303);
  expect(after.headers().location).toContain('/redaktion/anmelden');
  expect((await here.request.get(`${base}/redaktion/konto`, { maxRedirects: 0 })).status()).toBe(200);
  await expectNoAxeViolations(here);
  await elsewhere.context.close();
});
