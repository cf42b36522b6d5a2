/**
 * Backup and restore of the editor database with the documented commands (npm run
 * editor:backup / editor:restore): a backup taken while the database is open holds its users and
 * audit log; a restore brings them back over a changed database, and a damaged file is refused
 * without touching the database.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openEditorDatabase } from '../../../src/db/editor/client';
import { auditLog, users } from '../../../src/db/editor/schema';
import { useEditorDatabase } from '../../../src/services/editor/db';
import { createUser } from '../../../src/services/editor/users';
import { passwordStep } from '../../../src/services/editor/sign-in';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const dirs: string[] = [];

async function command(args: string[], env: Record<string, string>) {
  try {
    const { stdout } = await run(process.execPath, [TSX, 'scripts/editor.ts', ...args], { env: { ...process.env, ...env } });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, output: e.stderr };
  }
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('editor database backup and restore', () => {
  it('restores users and audit log from a backup taken while the database was open', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'revierfinder-backup-'));
    dirs.push(dir);
    const file = path.join(dir, 'editor.db');
    const env = { EDITOR_DATABASE_PATH: file };
    const db = openEditorDatabase(file);
    useEditorDatabase(db);
    await createUser({ email: 'vorher@test.example', password: 'ein langes passwort', role: 'admin' }, { userId: null, name: 'test' });

    const backup = path.join(dir, 'sicherung', 'editor-backup.db');
    expect(await command(['backup', '--out', backup], env)).toMatchObject({ code: 0 });
    // Changed after the backup: a second user.
    await createUser({ email: 'nachher@test.example', password: 'ein langes passwort', role: 'admin' }, { userId: null, name: 'test' });
    expect(db.select().from(users).all()).toHaveLength(2);
    db.$client.close();

    expect(await command(['restore', '--from', backup], env)).toMatchObject({ code: 0 });
    const restored = openEditorDatabase(file);
    expect(
      restored
        .select()
        .from(users)
        .all()
        .map((u) => u.email),
    ).toEqual(['vorher@test.example']);
    expect(
      restored
        .select()
        .from(auditLog)
        .all()
        .map((a) => a.action),
    ).toEqual(['user.create']);
    restored.$client.close();

    const broken = path.join(dir, 'kaputt.db');
    await writeFile(broken, 'keine Datenbank');
    const refused = await command(['restore', '--from', broken], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/Keine gültige Sicherung/);
    const still = openEditorDatabase(file);
    expect(still.select().from(users).all()).toHaveLength(1);
    still.$client.close();
    // Four command runs (tsx starts each): a hang guard, not a speed target.
  }, 180_000);

  it('creates an administrator from a password on stdin, never from the command line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'revierfinder-admin-'));
    dirs.push(dir);
    const file = path.join(dir, 'editor.db');
    const create = (password: string, ...extra: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          [TSX, 'scripts/editor.ts', 'admin', '--email', 'chefin@test.example', ...extra],
          { env: { ...process.env, EDITOR_DATABASE_PATH: file } },
          (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, out: stdout + stderr }),
        );
        child.stdin!.end(`${password}\n`);
      });
    expect((await create('kurz')).out).toMatch(/Passwort zu kurz/);
    const ok = await create('ein sehr langes passwort');
    expect(ok.code).toBe(0);
    const db = openEditorDatabase(file);
    const [admin] = db.select().from(users).all();
    expect(admin).toMatchObject({ email: 'chefin@test.example', role: 'admin', totpSecret: null });
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$/);
    db.$client.close();

    // A forgotten password: set anew from the server's command line, with a new second factor on request.
    const reset = await create('leise ziehen die wolken', '--reset', '--second-factor');
    expect(reset.code).toBe(0);
    expect(reset.out).toMatch(
      /Neues vorläufiges Passwort für chefin@test\.example gesetzt \(bei der nächsten Anmeldung durch ein eigenes zu ersetzen\), zweiter Faktor/,
    );
    const again = openEditorDatabase(file);
    useEditorDatabase(again);
    expect(await passwordStep('chefin@test.example', 'leise ziehen die wolken', 'cli-test')).toMatchObject({ ok: true, next: 'enrol' });
    expect((await passwordStep('chefin@test.example', 'ein sehr langes passwort', 'cli-test')).ok).toBe(false);
    // Set by someone else, so temporary; the administrator created with the command chose their own.
    expect(admin!.passwordTemporaryUntil).toBeNull();
    expect(again.select().from(users).get()!.passwordTemporaryUntil).toBeGreaterThan(Date.now());
    again.$client.close();
    expect((await create('leise ziehen die wolken', '--reset')).code).toBe(0);
    const unknown = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [TSX, 'scripts/editor.ts', 'admin', '--email', 'niemand@test.example', '--reset'],
        { env: { ...process.env, EDITOR_DATABASE_PATH: file } },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, out: stdout + stderr }),
      );
      child.stdin!.end('leise ziehen die wolken\n');
    });
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.out).toContain('Kein Konto mit der Adresse niemand@test.example');
  }, 180_000);
});
