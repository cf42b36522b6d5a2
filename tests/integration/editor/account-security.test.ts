/**
 * The account protections beyond sign-in: confirming who one is before sensitive actions
 * (ASVS 3.7.1), seeing and ending one's own sessions (3.3.4), and TOTP secrets sealed at rest
 * with a key kept apart from the database (2.8.3).
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import argon2 from 'argon2';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openEditorDatabase } from '../../../src/db/editor/client';
import { auditLog, users } from '../../../src/db/editor/schema';
import { accountEventsSincePreviousSignIn, audit } from '../../../src/services/editor/audit';
import { passwordStep } from '../../../src/services/editor/sign-in';
import { changeAccess } from '../../../src/services/editor/user-admin';
import { editorConfig } from '../../../src/services/editor/config';
import { editorDb as openEditorDatabaseOfProcess, useEditorDatabase } from '../../../src/services/editor/db';
import { needsRecentVerification } from '../../../src/services/editor/http';
import { keyFile, openSecret, sealSecret } from '../../../src/services/editor/secret-box';
import {
  createSession,
  endOwnSession,
  hashId,
  isRecentlyVerified,
  listSessions,
  loadSession,
  markVerified,
} from '../../../src/services/editor/sessions';
import { codeStep, pendingTotpSecret } from '../../../src/services/editor/sign-in';
import { currentTotp, newTotpSecret } from '../../../src/services/editor/totp';
import { changeOwnPassword, createUser, setPassword, userById } from '../../../src/services/editor/users';
import { makeTempDir, removeTempDirs } from '../helpers/data-dir';
import { verifyPassword } from '../../../src/services/editor/passwords';
import { PASSWORD, SYSTEM, freshEditorDb, makeUsers } from './helpers';

afterAll(removeTempDirs);

const listAudit = (action: string) => {
  const db = openEditorDatabaseOfProcess();
  return db.select().from(auditLog).where(eq(auditLog.action, action)).all();
};

describe('confirming before sensitive actions', () => {
  beforeEach(() => {
    freshEditorDb();
  });

  it('covers user administration and publishing, not the everyday pages', () => {
    for (const path of ['/redaktion/benutzer', '/redaktion/benutzer/12', '/redaktion/veroeffentlichen']) {
      expect(needsRecentVerification(path), path).toBe(true);
    }
    for (const path of [
      '/redaktion',
      '/redaktion/beamte',
      '/redaktion/konto',
      '/redaktion/benutzer/x',
      'https://evil.example/redaktion/benutzer',
    ]) {
      expect(needsRecentVerification(path), path).toBe(false);
    }
  });

  it('a session is fresh after sign-in, stale after the window, and fresh again once confirmed with a new code', async () => {
    const u = await makeUsers();
    const id = u.rows.admin.id;
    const secret = pendingTotpSecret(id);
    expect(codeStep(id, currentTotp(secret), 'c', 'enrol').ok).toBe(true);
    const t0 = Date.now();
    const session = createSession(id, 'password+totp', t0).id;
    expect(isRecentlyVerified(loadSession(session, t0 + 1000)!, t0 + 1000)).toBe(true);
    const later = t0 + editorConfig.reauthWindowMs + 1000;
    expect(isRecentlyVerified(loadSession(session, later - 1000)!, later)).toBe(false);

    // The code used at enrolment is a replay: no confirmation with it.
    expect(codeStep(id, currentTotp(secret), 'c', 'confirm')).toEqual({ ok: false, reason: 'invalid' });
    const next = currentTotp(secret, Date.now() + 30_000);
    expect(codeStep(id, next, 'c', 'confirm', Date.now() + 30_000)).toEqual({ ok: true });
    markVerified(session, later);
    expect(isRecentlyVerified(loadSession(session, later)!, later)).toBe(true);
    const confirmations = listAudit('reauth.totp');
    expect(confirmations.map((entry) => entry.outcome)).toEqual(['failed', 'ok']);
  });
});

describe('the sessions list', () => {
  beforeEach(() => {
    freshEditorDb();
  });

  it('lists one person’s live sessions only, marks the current one, and ends only their own', async () => {
    const u = await makeUsers();
    const mine = createSession(u.rows.lueneburg.id, 'password+totp', Date.now(), 'Mozilla/5.0 (X11; Linux x86_64)\u0000 Firefox').id;
    const other = createSession(u.rows.lueneburg.id, 'oidc').id;
    const someoneElse = createSession(u.rows.hannover.id, 'password+totp').id;
    const list = listSessions(u.rows.lueneburg.id, mine);
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.current)?.userAgent).toBe('Mozilla/5.0 (X11; Linux x86_64) Firefox');
    expect(list.find((s) => !s.current)?.method).toBe('oidc');
    expect(list.map((s) => s.ref)).not.toContain(hashId(someoneElse));

    // Another person's session cannot be ended through one's own list; a made-up reference neither.
    expect(endOwnSession(u.rows.lueneburg.id, hashId(someoneElse))).toBe(false);
    expect(endOwnSession(u.rows.lueneburg.id, 'x'.repeat(64))).toBe(false);
    expect(loadSession(someoneElse)).not.toBeNull();
    expect(endOwnSession(u.rows.lueneburg.id, hashId(other))).toBe(true);
    expect(loadSession(other)).toBeNull();
    expect(loadSession(mine)).not.toBeNull();
  });

  it('leaves out expired sessions', async () => {
    const u = await makeUsers();
    const t0 = Date.now();
    createSession(u.rows.admin.id, 'password+totp', t0 - editorConfig.absoluteTimeoutMs - 1);
    const now = createSession(u.rows.admin.id, 'password+totp', t0).id;
    expect(listSessions(u.rows.admin.id, now, t0).map((s) => s.current)).toEqual([true]);
  });
});

describe('passwords somebody else set (ASVS 2.3.1)', () => {
  beforeEach(() => {
    freshEditorDb();
  });

  it('are temporary: the session may only choose its own, they expire, and one’s own password ends that', async () => {
    const u = await makeUsers();
    const created = await createUser(
      { email: 'neu@test.example', password: PASSWORD, role: 'editor', scopes: ['pd:pd-lueneburg'], temporaryPassword: true },
      u.admin.actor,
    );
    expect(created.passwordTemporaryUntil).toBeGreaterThan(Date.now() + editorConfig.temporaryPasswordMs - 60_000);
    expect(loadSession(createSession(created.id, 'password+totp').id)?.principal.passwordTemporary).toBe(true);
    expect(loadSession(createSession(u.rows.admin.id, 'password+totp').id)?.principal.passwordTemporary).toBe(false);
    expect((await passwordStep('neu@test.example', PASSWORD, 'client-a')).ok).toBe(true);

    // Past its time it fails like a wrong password; the log says why.
    openEditorDatabaseOfProcess()
      .update(users)
      .set({ passwordTemporaryUntil: Date.now() - 1 })
      .where(eq(users.id, created.id))
      .run();
    expect(await passwordStep('neu@test.example', PASSWORD, 'client-a')).toEqual({ ok: false, reason: 'invalid' });
    expect(listAudit('signin.password').at(-1)).toMatchObject({ outcome: 'failed', target: 'expired' });

    // Choosing one's own ends it; a reset by the operator makes it temporary again.
    openEditorDatabaseOfProcess()
      .update(users)
      .set({ passwordTemporaryUntil: Date.now() + 60_000 })
      .where(eq(users.id, created.id))
      .run();
    expect(await changeOwnPassword(created.id, PASSWORD, 'leise ziehen die wolken', SYSTEM)).toBe('ok');
    expect(userById(created.id)?.passwordTemporaryUntil).toBeNull();
    expect((await passwordStep('neu@test.example', 'leise ziehen die wolken', 'client-a')).ok).toBe(true);
    await setPassword(created.id, PASSWORD, SYSTEM);
    expect(userById(created.id)?.passwordTemporaryUntil).not.toBeNull();
  });
});

describe('TOTP secrets at rest', () => {
  it('are sealed in the database files (a backup copies them), with a key file beside them (mode 0600)', async () => {
    const dir = await makeTempDir('revierfinder-key-');
    const file = path.join(dir, 'editor.db');
    useEditorDatabase(openEditorDatabase(file));
    const secret = newTotpSecret();
    const row = await createUser({ email: 'sealed@test.example', password: PASSWORD, role: 'admin', totpSecret: secret }, SYSTEM);
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(secret);
    for (const part of [file, `${file}-wal`].filter((f) => existsSync(f))) {
      expect(readFileSync(part).includes(Buffer.from(secret)), part).toBe(false);
    }
    expect(readFileSync(`${file}-wal`).includes(Buffer.from(row.totpSecret!.slice(0, 20)))).toBe(true);
    expect(keyFile()).toBe(path.join(dir, 'editor.key'));
    expect(statSync(keyFile()!).mode & 0o777).toBe(0o600);
    expect(openSecret(row.totpSecret!)).toBe(secret);
    expect(codeStep(row.id, currentTotp(secret), 'c').ok).toBe(true);

    // Enrolment keeps the proposed secret sealed too, and the confirmed one as well.
    const fresh = await createUser({ email: 'fresh@test.example', password: PASSWORD, role: 'admin' }, SYSTEM);
    const proposed = pendingTotpSecret(fresh.id);
    expect(userById(fresh.id)!.totpPending).toMatch(/^v1\./);
    expect(pendingTotpSecret(fresh.id)).toBe(proposed);
    expect(codeStep(fresh.id, currentTotp(proposed), 'c', 'enrol').ok).toBe(true);
    expect(openSecret(userById(fresh.id)!.totpSecret!)).toBe(proposed);
  });

  it('without the key (a database restored elsewhere), passwords and codes fail like wrong ones and the log says why; no new key is made', async () => {
    const dir = await makeTempDir('revierfinder-key-');
    const file = path.join(dir, 'editor.db');
    const db = openEditorDatabase(file);
    useEditorDatabase(db);
    const secret = newTotpSecret();
    const row = await createUser({ email: 'lost@test.example', password: PASSWORD, role: 'admin', totpSecret: secret }, SYSTEM);
    expect((await passwordStep('lost@test.example', PASSWORD, 'c')).ok).toBe(true);
    rmSync(path.join(dir, 'editor.key'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await passwordStep('lost@test.example', PASSWORD, 'c')).toEqual({ ok: false, reason: 'invalid' });
      expect(codeStep(row.id, currentTotp(secret), 'c')).toEqual({ ok: false, reason: 'invalid' });
      expect(errors.mock.calls.flat().join(' ')).toContain('editor.key');
    } finally {
      errors.mockRestore();
    }
    expect(existsSync(path.join(dir, 'editor.key'))).toBe(false);
    expect(db.select().from(users).where(eq(users.id, row.id)).get()!.totpSecret).toBe(row.totpSecret);
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .some((entry) => entry.action === 'signin.totp' && entry.outcome === 'failed'),
    ).toBe(true);
  });

  it('an altered sealed value does not open', () => {
    freshEditorDb();
    const sealed = sealSecret('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('JBSWY3DPEHPK3PXQ').toString('base64url');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(openSecret(parts.join('.'))).toBeNull();
    } finally {
      errors.mockRestore();
    }
    expect(openSecret(sealed)).toBe('JBSWY3DPEHPK3PXP');
  });
});

describe('what happened to one’s account since the previous sign-in', () => {
  it('counts failed attempts and lists others’ changes, then starts afresh at the next sign-in', async () => {
    freshEditorDb();
    const u = await makeUsers();
    const me = u.rows.lueneburg;
    const signedIn = () => audit({ userId: me.id, name: me.email, client: 'c' }, 'signin', 'ok');
    signedIn();
    expect(accountEventsSincePreviousSignIn(me.id, me.email)).toEqual({ failures: 0, changes: [] });
    // Someone tries the password twice; an administrator changes the area; a command resets the password.
    expect((await passwordStep(me.email, 'falsches passwort 1', 'x')).ok).toBe(false);
    expect((await passwordStep(me.email, 'falsches passwort 2', 'x')).ok).toBe(false);
    changeAccess(me.id, { role: 'editor', scopes: ['pd:pd-hannover'] }, u.admin.actor);
    audit({ userId: null, name: 'system (Kommandozeile)', client: 'cli' }, 'user.password', 'ok', { target: `user:${me.email}` });
    // The person's own actions and other accounts' events are not theirs to be told about.
    audit({ userId: me.id, name: me.email, client: 'c' }, 'user.password.change', 'ok', { target: `user:${me.email}` });
    expect((await passwordStep(u.rows.hannover.email, 'falsches passwort 3', 'x')).ok).toBe(false);
    signedIn();
    const events = accountEventsSincePreviousSignIn(me.id, me.email);
    expect(events.failures).toBe(2);
    expect(events.changes.map((c) => [c.action, c.actor])).toEqual([
      ['user.password', 'system (Kommandozeile)'],
      ['user.access', 'admin@test.example'],
    ]);
    signedIn();
    expect(accountEventsSincePreviousSignIn(me.id, me.email)).toEqual({ failures: 0, changes: [] });
  });
});

describe('password hashes', () => {
  it('carry a pepper from the editor key: the hash alone does not verify the password', async () => {
    const dir = await makeTempDir('revierfinder-key-');
    useEditorDatabase(openEditorDatabase(path.join(dir, 'editor.db')));
    const row = await createUser({ email: 'pepper@test.example', password: PASSWORD, role: 'admin' }, SYSTEM);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(row.passwordHash!, PASSWORD)).toBe(false);
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(row.passwordHash, 'korrekt pferd batterie heftklammeR')).toBe(false);
  });
});
