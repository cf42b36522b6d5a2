/**
 * The editor area's services on an in-memory editor database: sign-in with throttling and
 * lock-out, TOTP enrolment and replay, sessions' timeouts, scope checks, optimistic concurrency,
 * the import's validation, four eyes, the audit log's contents and its append-only rule.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../../src/db/editor/schema';
import { editorConfig } from '../../../src/services/editor/config';
import {
  AccessDenied,
  fingerprint,
  reviewDraft,
  saveDraft,
  submitDraft,
  visibleDrafts,
  workingRecord,
} from '../../../src/services/editor/drafts';
import { checkAccount, fromForm, toForm } from '../../../src/services/editor/forms';
import { assessPassword, passwordProblem } from '../../../src/services/editor/passwords';
import { sniffImage } from '../../../src/services/editor/photos';
import { publishedContent } from '../../../src/services/editor/records';
import { createSession, endAllSessions, loadSession } from '../../../src/services/editor/sessions';
import { codeStep, passwordStep, pendingTotpSecret } from '../../../src/services/editor/sign-in';
import { currentTotp } from '../../../src/services/editor/totp';
import { changeAccess, setDisabled } from '../../../src/services/editor/user-admin';
import { changeOwnPassword, resetSecondFactor, UserInputError, userById } from '../../../src/services/editor/users';
import { CELLE_OFFICER, HANNOVER_OFFICER, ORG, PASSWORD, SYSTEM, freshEditorDb, makeUsers } from './helpers';

type Users = Awaited<ReturnType<typeof makeUsers>>;

describe('passwords', () => {
  it('needs 12 characters, counted as people count them, and no composition rules', async () => {
    expect(await passwordProblem('kurz')).toBe('tooShort');
    expect(await passwordProblem('bärenhöhle über äckern')).toBeNull();
    expect(await passwordProblem('alllowercaseletters')).toBeNull();
    expect(await passwordProblem('x'.repeat(129))).toBe('tooLong');
    expect(await passwordProblem('mein-name-maximilian-1', 'maximilian@test.example')).toBe('likeEmail');
  });

  it('refuses common and easily guessed passwords, German and English ones included', async () => {
    for (const guessable of [
      'ääääääääääää',
      '123456789012',
      'passwort1234',
      'qwertzuiop123',
      'password1234',
      'polizei12345',
      'revierfinder2026',
    ]) {
      expect(await passwordProblem(guessable), guessable).toBe('guessable');
    }
    for (const fine of ['korrekt pferd batterie heftklammer', 'Einszweidreivier', 'leise ziehen die wolken']) {
      expect(await passwordProblem(fine), fine).toBeNull();
    }
  });

  it('rates a password for the strength meter by the same rule that sets it', async () => {
    expect(await assessPassword('kurz')).toEqual({ score: 0, problem: 'tooShort' });
    expect(await assessPassword('mein-name-maximilian-1', 'maximilian@test.example')).toEqual({ score: 0, problem: 'likeEmail' });
    const weak = await assessPassword('passwort1234');
    expect(weak.problem).toBe('guessable');
    expect(weak.score).toBeLessThan(3);
    const strong = await assessPassword('korrekt pferd batterie heftklammer');
    expect(strong).toEqual({ score: 4, problem: null });
  });
});

describe('sign-in', () => {
  let db: ReturnType<typeof freshEditorDb>;
  let u: Users;
  beforeEach(async () => {
    db = freshEditorDb();
    u = await makeUsers();
  });

  it('accepts the right password and asks for enrolment first, then the code', async () => {
    const step = await passwordStep('LG@test.example ', PASSWORD, '10.0.0.1');
    expect(step).toEqual({ ok: true, userId: u.rows.lueneburg.id, next: 'enrol' });
    const secret = pendingTotpSecret(u.rows.lueneburg.id);
    expect(codeStep(u.rows.lueneburg.id, '000000', '10.0.0.1', 'enrol').ok).toBe(false);
    expect(codeStep(u.rows.lueneburg.id, currentTotp(secret), '10.0.0.1', 'enrol')).toEqual({ ok: true });
    expect((await passwordStep('lg@test.example', PASSWORD, '10.0.0.1')).ok && 'totp').toBe('totp');
  });

  it('refuses a replayed TOTP code, and a code of an earlier step', () => {
    const id = u.rows.lueneburg.id;
    const secret = pendingTotpSecret(id);
    const code = currentTotp(secret);
    expect(codeStep(id, code, 'c', 'enrol').ok).toBe(true);
    expect(codeStep(id, code, 'c')).toEqual({ ok: false, reason: 'invalid' });
    expect(codeStep(id, currentTotp(secret, Date.now() - 30_000), 'c').ok).toBe(false);
  });

  it('answers unknown accounts and wrong passwords alike', async () => {
    expect(await passwordStep('nobody@test.example', PASSWORD, 'c1')).toEqual({ ok: false, reason: 'invalid' });
    expect(await passwordStep('lg@test.example', 'wrong password here', 'c1')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks an account after its failures, even for the right password, from any client', async () => {
    for (let i = 0; i < editorConfig.maxFailuresPerAccount; i++)
      await passwordStep('lg@test.example', `wrong ${i} password!!`, `10.0.1.${i}`);
    expect(await passwordStep('lg@test.example', PASSWORD, '10.9.9.9')).toEqual({ ok: false, reason: 'locked' });
    // Other accounts are not affected.
    expect((await passwordStep('h@test.example', PASSWORD, '10.9.9.9')).ok).toBe(true);
  });

  it('locks a client that tries many accounts', async () => {
    for (let i = 0; i < editorConfig.maxFailuresPerClient; i++)
      await passwordStep(`guess${i}@test.example`, 'wrong password!!', '10.6.6.6');
    expect(await passwordStep('h@test.example', PASSWORD, '10.6.6.6')).toEqual({ ok: false, reason: 'locked' });
    expect((await passwordStep('h@test.example', PASSWORD, '10.6.6.7')).ok).toBe(true);
  });

  it('audits every attempt without the password, hash or TOTP secret', async () => {
    const secret = pendingTotpSecret(u.rows.admin.id);
    await passwordStep('admin@test.example', 'wrong password, secret', 'c');
    await passwordStep('admin@test.example', PASSWORD, 'c');
    codeStep(u.rows.admin.id, currentTotp(secret), 'c', 'enrol');
    const rows = db.select().from(auditLog).all();
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(
      expect.arrayContaining(['signin.password:failed', 'signin.password:ok', 'signin.enrol:ok']),
    );
    const text = JSON.stringify(rows);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('wrong password, secret');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('$argon2id$');
  });

  it('changes one’s own password only with the current one, and an admin can reset the second factor', async () => {
    const id = u.rows.hannover.id;
    const actor = { userId: id, name: 'h@test.example' };
    expect(await changeOwnPassword(id, 'not the current one', 'ein ganz neues passwort', actor)).toBe('wrongCurrent');
    expect(await changeOwnPassword(id, PASSWORD, 'kurz', actor)).toBe('tooShort');
    expect(await changeOwnPassword(id, PASSWORD, 'ein ganz neues passwort', actor)).toBe('ok');
    expect((await passwordStep('h@test.example', PASSWORD, 'c9')).ok).toBe(false);
    expect((await passwordStep('h@test.example', 'ein ganz neues passwort', 'c9')).ok).toBe(true);
    const secret = pendingTotpSecret(id);
    codeStep(id, currentTotp(secret), 'c9', 'enrol');
    resetSecondFactor(id, { userId: u.rows.admin.id, name: 'admin@test.example' });
    expect(await passwordStep('h@test.example', 'ein ganz neues passwort', 'c9')).toMatchObject({ ok: true, next: 'enrol' });
  });

  it('keeps the audit log append-only', () => {
    expect(() => db.$client.exec("UPDATE audit_log SET actor = 'x'")).toThrow(/append-only/);
    expect(() => db.$client.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });
});

describe('sessions', () => {
  let db: ReturnType<typeof freshEditorDb>;
  let u: Users;
  beforeEach(async () => {
    db = freshEditorDb();
    u = await makeUsers();
  });

  it('stores only a hash of the id, and ends on idle and absolute timeouts', () => {
    const t0 = Date.now();
    const { id } = createSession(u.rows.admin.id, 'password+totp', t0);
    expect(
      db
        .select()
        .from(sessions)
        .all()
        .map((s) => s.idHash),
    ).not.toContain(id);
    expect(loadSession(id, t0 + 1000)?.principal.email).toBe('admin@test.example');
    expect(loadSession(id, t0 + editorConfig.idleTimeoutMs + 61_000)).toBeNull();
    // Kept alive by use, it still ends at the absolute timeout.
    const second = createSession(u.rows.admin.id, 'password+totp', t0).id;
    let now = t0;
    while (now < t0 + editorConfig.absoluteTimeoutMs - editorConfig.idleTimeoutMs) {
      now += editorConfig.idleTimeoutMs / 2;
      expect(loadSession(second, now)).not.toBeNull();
    }
    expect(loadSession(second, t0 + editorConfig.absoluteTimeoutMs + 1)).toBeNull();
  });

  it('signs out everywhere, and a disabled account loses its sessions', () => {
    const a = createSession(u.rows.lueneburg.id, 'password+totp').id;
    const b = createSession(u.rows.lueneburg.id, 'password+totp').id;
    expect(endAllSessions(u.rows.lueneburg.id)).toBe(2);
    expect(loadSession(a)).toBeNull();
    expect(loadSession(b)).toBeNull();
    const c = createSession(u.rows.hannover.id, 'password+totp').id;
    db.update(users).set({ disabled: true }).where(eq(users.id, u.rows.hannover.id)).run();
    expect(loadSession(c)).toBeNull();
  });
});

describe('roles and areas (administrators)', () => {
  let db: ReturnType<typeof freshEditorDb>;
  let u: Users;
  beforeEach(async () => {
    db = freshEditorDb();
    u = await makeUsers();
  });
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof UserInputError) return `${error.field}.${error.reason}`;
      throw error;
    }
    return 'accepted';
  };
  const lastAccessEntry = () => db.select().from(auditLog).where(eq(auditLog.action, 'user.access')).all().at(-1);

  it('changes a role, ends that user’s sessions and audits before and after', () => {
    const session = createSession(u.rows.lueneburg.id, 'password+totp').id;
    const other = createSession(u.rows.hannover.id, 'password+totp').id;
    changeAccess(u.rows.lueneburg.id, { role: 'reviewer', scopes: ['pd:pd-lueneburg'] }, u.admin.actor);
    expect(userById(u.rows.lueneburg.id)?.role).toBe('reviewer');
    expect(loadSession(session)).toBeNull();
    expect(loadSession(other)?.principal.role).toBe('editor');
    const entry = lastAccessEntry();
    expect(entry).toMatchObject({ actor: 'admin@test.example', target: 'user:lg@test.example', outcome: 'ok' });
    expect(JSON.parse(entry?.before ?? 'null')).toEqual({ role: 'editor', scopes: ['pd:pd-lueneburg'] });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual({ role: 'reviewer', scopes: ['pd:pd-lueneburg'], sessionsEnded: 1 });
  });

  it('changes an area: the next sign-in has the new one; an unchanged save ends nothing', () => {
    const session = createSession(u.rows.hannover.id, 'password+totp').id;
    changeAccess(u.rows.hannover.id, { role: 'editor', scopes: ['pi:pi-celle', 'pd:pd-hannover'] }, u.admin.actor);
    expect(loadSession(session)).toBeNull();
    const again = createSession(u.rows.hannover.id, 'password+totp').id;
    expect(loadSession(again)?.principal.scopes).toEqual(['pi:pi-celle', 'pd:pd-hannover']);
    expect(JSON.parse(lastAccessEntry()?.after ?? 'null')).toMatchObject({ scopes: ['pi:pi-celle', 'pd:pd-hannover'] });
    const entries = db.select().from(auditLog).all().length;
    changeAccess(u.rows.hannover.id, { role: 'editor', scopes: ['pi:pi-celle', 'pd:pd-hannover'] }, u.admin.actor);
    expect(loadSession(again)).not.toBeNull();
    expect(db.select().from(auditLog).all().length).toBe(entries);
  });

  it('refuses an editor or reviewer without an area and an unknown role, changing nothing', () => {
    const session = createSession(u.rows.lueneburg.id, 'password+totp').id;
    expect(refusal(() => changeAccess(u.rows.lueneburg.id, { role: 'editor', scopes: [] }, u.admin.actor))).toBe('scopes.required');
    expect(refusal(() => changeAccess(u.rows.lueneburg.id, { role: 'reviewer', scopes: [] }, u.admin.actor))).toBe('scopes.required');
    expect(refusal(() => changeAccess(u.rows.lueneburg.id, { role: 'root', scopes: ['pd:pd-lueneburg'] }, u.admin.actor))).toBe(
      'role.invalid',
    );
    expect(refusal(() => changeAccess(9999, { role: 'editor', scopes: ['pd:pd-lueneburg'] }, u.admin.actor))).toBe('user.unknown');
    expect(userById(u.rows.lueneburg.id)).toMatchObject({ role: 'editor', scopes: '["pd:pd-lueneburg"]' });
    expect(loadSession(session)).not.toBeNull();
    expect(lastAccessEntry()).toBeUndefined();
  });

  it('keeps an administrator’s own admin role and the last active administrator', () => {
    expect(refusal(() => changeAccess(u.rows.admin.id, { role: 'editor', scopes: ['pd:pd-lueneburg'] }, u.admin.actor))).toBe(
      'role.ownAdmin',
    );
    expect(refusal(() => setDisabled(u.rows.admin.id, true, u.admin.actor))).toBe('user.self');
    // Nobody else (here the command line) may demote or disable the last active one either…
    expect(refusal(() => changeAccess(u.rows.admin.id, { role: 'editor', scopes: ['pd:pd-lueneburg'] }, SYSTEM))).toBe('role.lastAdmin');
    expect(refusal(() => setDisabled(u.rows.admin.id, true, SYSTEM))).toBe('user.lastAdmin');
    expect(userById(u.rows.admin.id)).toMatchObject({ role: 'admin', disabled: false });
    // …but once there is a second one, the first may go.
    changeAccess(u.rows.reviewer.id, { role: 'admin', scopes: ['pd:pd-lueneburg'] }, u.admin.actor);
    expect(userById(u.rows.reviewer.id)).toMatchObject({ role: 'admin', scopes: '[]' });
    const session = createSession(u.rows.admin.id, 'password+totp').id;
    setDisabled(u.rows.admin.id, true, u.reviewer.actor);
    expect(loadSession(session)).toBeNull();
    // Now the promoted reviewer is the last active administrator.
    expect(refusal(() => changeAccess(u.rows.reviewer.id, { role: 'reviewer', scopes: ['pd:pd-lueneburg'] }, SYSTEM))).toBe(
      'role.lastAdmin',
    );
  });
});

describe('drafts', () => {
  let db: ReturnType<typeof freshEditorDb>;
  let u: Users;
  beforeAll(() => {
    process.env.DATA_DIR ??= 'data';
  });
  beforeEach(async () => {
    db = freshEditorDb();
    u = await makeUsers();
  });

  const edit = (who: Users['admin'], id: string, change: Record<string, string>, base?: string) => {
    const { record } = workingRecord('officer', id);
    const values = { ...toForm('officer', record), ...change };
    return saveDraft(who.principal, who.actor, 'officer', id, fromForm('officer', id, values, record), base ?? fingerprint(record), ORG);
  };

  it('lets an editor change a record of their area', () => {
    const result = edit(u.lueneburg, CELLE_OFFICER, { phone: '0000 1234-5' });
    expect(result.ok).toBe(true);
    expect((workingRecord('officer', CELLE_OFFICER).record as { phone: string }).phone).toBe('0000 1234-5');
  });

  it('refuses (403, audited) another area: read, change, or moving a record there', () => {
    expect(() => edit(u.lueneburg, HANNOVER_OFFICER, { phone: '0000 1' })).toThrow(AccessDenied);
    expect(() => edit(u.hannover, CELLE_OFFICER, { phone: '0000 1' })).toThrow(AccessDenied);
    // Moving a Celle officer to a Hannover station is leaving the editor's area.
    expect(() => edit(u.lueneburg, CELLE_OFFICER, { stationId: 'polizeikommissariat-hannover-vahrenwald-list' })).toThrow(AccessDenied);
    expect(() => edit(u.reviewer, CELLE_OFFICER, { phone: '0000 1' })).toThrow(AccessDenied);
    const denied = db.select().from(auditLog).where(eq(auditLog.outcome, 'denied')).all();
    expect(denied.map((r) => r.target)).toEqual([
      `officer:${HANNOVER_OFFICER}`,
      `officer:${CELLE_OFFICER}`,
      `officer:${CELLE_OFFICER}`,
      `officer:${CELLE_OFFICER}`,
    ]);
    // And the drafts of one area are not listed for the other.
    edit(u.lueneburg, CELLE_OFFICER, { phone: '0000 2' });
    expect(visibleDrafts(u.hannover.principal)).toEqual([]);
    expect(visibleDrafts(u.reviewer.principal)).toHaveLength(1);
  });

  it('reports the import schema’s errors by field', () => {
    const result = edit(u.lueneburg, CELLE_OFFICER, { email: 'not-an-address', openingHours: 'Mi 14-16', name: '' });
    expect(result.ok).toBe(false);
    if (result.ok || result.kind !== 'invalid') throw new Error('expected invalid');
    expect(result.errors.map((e) => e.field).sort()).toEqual(['email', 'name', 'openingHours']);
    expect(result.errors.find((e) => e.field === 'openingHours')?.message).toMatch(/OpenStreetMap/);
  });

  it('refuses the second of two concurrent saves and loses neither', () => {
    const { record } = workingRecord('officer', CELLE_OFFICER);
    const base = fingerprint(record);
    expect(edit(u.lueneburg, CELLE_OFFICER, { phone: '0000 1111-1' }, base).ok).toBe(true);
    const second = edit(u.admin, CELLE_OFFICER, { phone: '0000 2222-2' }, base);
    expect(second.ok).toBe(false);
    if (second.ok || second.kind !== 'conflict') throw new Error('expected conflict');
    expect((second.current as { phone: string }).phone).toBe('0000 1111-1');
    expect((workingRecord('officer', CELLE_OFFICER).record as { phone: string }).phone).toBe('0000 1111-1');
  });

  it('keeps four eyes: no approving one’s own change, a reviewer approves the version seen', () => {
    const saved = edit(u.admin, CELLE_OFFICER, { phone: '0000 3' });
    if (!saved.ok) throw new Error('save failed');
    submitDraft(u.admin.principal, u.admin.actor, saved.draft.id);
    expect(reviewDraft(u.admin.principal, u.admin.actor, saved.draft.id, saved.draft.version, 'approved')).toEqual({
      ok: false,
      reason: 'ownDraft',
    });
    expect(() => reviewDraft(u.lueneburg.principal, u.lueneburg.actor, saved.draft.id, saved.draft.version, 'approved')).toThrow(
      AccessDenied,
    );
    expect(reviewDraft(u.reviewer.principal, u.reviewer.actor, saved.draft.id, saved.draft.version + 1, 'approved')).toEqual({
      ok: false,
      reason: 'changed',
    });
    expect(reviewDraft(u.reviewer.principal, u.reviewer.actor, saved.draft.id, saved.draft.version, 'approved')).toEqual({ ok: true });
  });

  it('audits each change with the record before and after', () => {
    edit(u.lueneburg, CELLE_OFFICER, { phone: '0000 4444-4' });
    const row = db.select().from(auditLog).where(eq(auditLog.action, 'draft.save')).get()!;
    expect((JSON.parse(row.before!) as { phone: string }).phone).not.toBe('0000 4444-4');
    expect((JSON.parse(row.after!) as { phone: string }).phone).toBe('0000 4444-4');
    expect(row.actor).toBe('lg@test.example');
  });
});

describe('accounts and photos', () => {
  beforeEach(() => freshEditorDb());

  it('normalises a profile URL and refuses look-alikes and duplicates with the reason', () => {
    const content = publishedContent();
    const base = {
      id: 'new-account',
      platform: 'instagram',
      verifiedSince: '2026-12-01',
      holders: [{ type: 'officer', id: CELLE_OFFICER }],
      isDemo: false,
      updatedAt: '2026-12-01',
    };
    const ok = checkAccount({ ...base, handle: 'https://www.instagram.com/polizei.celle.neu/?igsh=abc' }, content);
    expect(ok.ok && ok.record).toMatchObject({ handle: 'polizei.celle.neu', url: 'https://www.instagram.com/polizei.celle.neu/' });
    const official = content.accounts.find((a) => a.platform === 'instagram')!;
    const duplicate = checkAccount({ ...base, handle: official.handle }, content);
    expect(duplicate).toEqual({ ok: false, problem: { field: 'handle', kind: 'duplicate', other: official.id } });
    const swapped = official.handle.replace(/(.)(.)$/, '$2$1');
    const lookalike = checkAccount({ ...base, handle: swapped }, content);
    expect(lookalike.ok).toBe(false);
    if (!lookalike.ok) expect(lookalike.problem.kind).toBe('lookalike');
    const cyrillic = checkAccount({ ...base, handle: official.handle.replace('o', 'о') }, content);
    expect(cyrillic.ok).toBe(false);
  });

  it('reads an image type from the bytes, never from a name', () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeNull();
  });
});
