/**
 * The editor e2e suites' own server: a copy of the snapshot and a fresh editor database in a
 * temporary folder (publishing must not replace the snapshot the other suites read), users of
 * every role with known TOTP secrets, and sign-in through the real forms.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from './helpers';
import { makeTempDir, PROJECT_DATA_DIR } from '../integration/helpers/data-dir';
import { openEditorDatabase } from '../../src/db/editor/client';
import { useEditorDatabase } from '../../src/services/editor/db';
import { createUser } from '../../src/services/editor/users';
import { currentTotp, newTotpSecret } from '../../src/services/editor/totp';

export const PASSWORD = 'korrekt pferd batterie heftklammer';
export const CELLE_OFFICER = 'alexander-peters-232';
export const HANNOVER_OFFICER = 'ahmet-popov-496';

export interface EditorUser {
  email: string;
  secret: string | null;
  role: 'admin' | 'editor' | 'reviewer';
}

export const USERS = {
  admin: { email: 'admin@e2e.example', secret: newTotpSecret(), role: 'admin' },
  lueneburg: { email: 'lueneburg@e2e.example', secret: newTotpSecret(), role: 'editor' },
  hannover: { email: 'hannover@e2e.example', secret: newTotpSecret(), role: 'editor' },
  reviewer: { email: 'pruefung@e2e.example', secret: newTotpSecret(), role: 'reviewer' },
  /** Not yet enrolled: signs in through the QR code step. */
  fresh: { email: 'neu@e2e.example', secret: null, role: 'editor' },
} satisfies Record<string, EditorUser>;

const SCOPES: Record<string, string[]> = {
  lueneburg: ['pd:pd-lueneburg'],
  hannover: ['pd:pd-hannover'],
  reviewer: ['pd:pd-lueneburg'],
  fresh: ['pi:pi-celle'],
};

export interface EditorServer extends TestServer {
  dir: string;
  snapshot: string;
}

/** A fresh editor database at `file` with the USERS (shared by every replica of a test). */
export async function createEditorDatabase(file: string): Promise<void> {
  const db = openEditorDatabase(file);
  useEditorDatabase(db);
  const system = { userId: null, name: 'e2e', client: 'e2e' };
  for (const [key, user] of Object.entries(USERS)) {
    await createUser(
      { email: user.email, password: PASSWORD, role: user.role, scopes: SCOPES[key] ?? [], totpSecret: user.secret },
      system,
    );
  }
  db.$client.close();
}

export async function startEditorServer(env: Record<string, string> = {}, port?: number): Promise<EditorServer> {
  const dir = await makeTempDir('revierfinder-editor-');
  const snapshot = path.join(dir, 'portal.db');
  await copyFile(path.join(PROJECT_DATA_DIR, 'portal.db'), snapshot);
  const editorDb = path.join(dir, 'editor.db');
  await createEditorDatabase(editorDb);
  const server = await startTestServer(
    { DATABASE_PATH: snapshot, EDITOR_DATABASE_PATH: editorDb, DATA_DIR: PROJECT_DATA_DIR, ...env },
    port,
  );
  return { ...server, dir, snapshot };
}

/** A TOTP code that is not the last one used: waits for the next 30 s step when `avoid` is current. */
export async function freshCode(secret: string, avoid: Set<string>): Promise<string> {
  for (;;) {
    const code = currentTotp(secret);
    if (!avoid.has(code)) {
      avoid.add(code);
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const usedCodes = new Map<string, Set<string>>();

/** A current code of `user` not used before in this run (sign-in or confirmation). */
export async function nextCode(user: EditorUser): Promise<string> {
  const codes = usedCodes.get(user.email) ?? new Set<string>();
  usedCodes.set(user.email, codes);
  return freshCode(user.secret!, codes);
}

/** Signs in through the forms (password, then code) and returns the page on the editor's start page. */
export async function signIn(page: Page, base: string, user: EditorUser, language: 'de' | 'en' = 'de'): Promise<Page> {
  const prefix = language === 'en' ? '/en' : '';
  await page.goto(`${base}${prefix}/redaktion/anmelden`);
  await page.getByLabel(language === 'en' ? 'E-mail address' : 'E-Mail-Adresse').fill(user.email);
  await page.getByLabel(language === 'en' ? 'Password' : 'Passwort', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: language === 'en' ? 'Continue' : 'Weiter' }).click();
  await page.getByRole('textbox', { name: /Code/ }).fill(await nextCode(user));
  await page.getByRole('button', { name: language === 'en' ? 'Sign in' : 'Anmelden' }).click();
  await expect(page).toHaveURL(`${base}${prefix}/redaktion`);
  return page;
}

/** A browser context signed in as `user`. */
export async function signedIn(
  browser: Browser,
  base: string,
  user: EditorUser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, base, user);
  return { context, page };
}
