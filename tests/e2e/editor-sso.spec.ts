/**
 * Single sign-on end to end: a real OpenID provider (oidc-provider, its development login and
 * consent pages) on loopback, the editor server configured for it by environment. A known account
 * signs in and lands in the editor area; an account the editor area does not know is refused.
 */
import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
import Provider from 'oidc-provider';
import { freePort } from '../integration/helpers/server-process';
import { removeTempDirs } from '../integration/helpers/data-dir';
import { USERS, startEditorServer, type EditorServer } from './editor-setup';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const CLIENT_ID = 'revierfinder-redaktion';
const CLIENT_SECRET = 'nur-fuer-den-test-ein-langes-geheimnis-0123456789';
let server: EditorServer;
let idp: Server;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const idpPort = await freePort();
  const port = await freePort();
  const issuer = `http://127.0.0.1:${idpPort}`;
  server = await startEditorServer(
    { EDITOR_OIDC_ISSUER: issuer, EDITOR_OIDC_CLIENT_ID: CLIENT_ID, EDITOR_OIDC_CLIENT_SECRET: CLIENT_SECRET },
    port,
  );
  const emails: Record<string, string> = { kim: USERS.lueneburg.email, chefin: USERS.admin.email, fremd: 'fremd@e2e.example' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${server.base}/redaktion/anmelden/sso/zurueck`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: emails[sub] ?? `${sub}@e2e.example`, email_verified: true, name: sub }),
    }),
    cookies: { keys: ['test-cookie-key-0123456789'] },
  });
  idp = provider.listen(idpPort, '127.0.0.1');
});

test.afterAll(async () => {
  idp?.close();
  await server?.stop();
  await removeTempDirs();
});

async function throughProvider(page: import('@playwright/test').Page, login: string) {
  await page.goto(`${server.base}/redaktion/anmelden`);
  await page.getByRole('link', { name: 'Mit dem Polizei-Konto anmelden (Single Sign-on)' }).click();
  await loginAtProvider(page, login);
}

/** The provider's development login page, then its consent page when it asks. */
async function loginAtProvider(page: import('@playwright/test').Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('egal');
  await page.locator('button[type="submit"]').click();
  await expect(page.locator('input[name="login"]')).toHaveCount(0);
  if (new URL(page.url()).origin !== server.base) await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.origin === server.base);
}

test('a known account signs in through the identity provider and gets a session', async ({ page, context }) => {
  await throughProvider(page, 'kim');
  await expect(page).toHaveURL(`${server.base}/redaktion`);
  await expect(page.getByText(`Angemeldet als ${USERS.lueneburg.email}`)).toBeVisible();
  const cookies = await context.cookies(server.base);
  const session = cookies.find((c) => c.name === 'rf_session')!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe('Strict');
  // The round trip's own cookie is gone.
  expect(cookies.find((c) => c.name === 'rf_sso')).toBeUndefined();
});

test('an account the editor area does not know is refused', async ({ page }) => {
  await throughProvider(page, 'fremd');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmeldung fehlgeschlagen');
  await page.goto(`${server.base}/redaktion`);
  await expect(page).toHaveURL(/\/redaktion\/anmelden/);
});

test('a callback without the sign-in’s state is refused', async ({ request }) => {
  const response = await request.get(`${server.base}/redaktion/anmelden/sso/zurueck?code=erfunden&state=erfunden`);
  expect(response.status()).toBe(400);
});

test('before a sensitive action, an SSO account signs in again at the provider and comes back to the page', async ({ page, context }) => {
  await throughProvider(page, 'chefin');
  await expect(page).toHaveURL(`${server.base}/redaktion`);
  const before = (await context.cookies(server.base)).find((c) => c.name === 'rf_session')!.value;
  await page.goto(`${server.base}/redaktion/bestaetigen?weiter=%2Fredaktion%2Fbenutzer`);
  await page.getByRole('link', { name: 'Beim Polizei-Konto erneut anmelden (Single Sign-on)' }).click();
  // prompt=login: the provider asks again although its own session is still there.
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await loginAtProvider(page, 'chefin');
  await expect(page).toHaveURL(`${server.base}/redaktion/benutzer`);
  await expect(page.getByText('verlangen eine frische Bestätigung')).toHaveCount(0);
  // A new session replaced the one the confirmation started from.
  const after = (await context.cookies(server.base)).find((c) => c.name === 'rf_session')!.value;
  expect(after).not.toBe(before);
  const old = await page.request.get(`${server.base}/redaktion`, { headers: { Cookie: `rf_session=${before}` }, maxRedirects: 0 });
  expect(old.status()).toBe(303);
});
