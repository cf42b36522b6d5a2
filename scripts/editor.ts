/**
 * Commands for the editor area's database (EDITOR_DATABASE_PATH, default <DATA_DIR>/editor.db):
 *
 *   npm run editor:admin -- --email a@b.de [--name "…"]   create an administrator; the password is
 *                                                           asked for (hidden) or read from stdin
 *   npm run editor:admin -- --email a@b.de --reset [--second-factor]
 *                                                           a new, temporary password for an existing
 *                                                           account (any role; sessions end; its holder
 *                                                           chooses their own at the next sign-in), and
 *                                                           on request a new second factor
 *   npm run editor:backup -- --out FILE                     online backup (better-sqlite3's backup API)
 *   npm run editor:restore -- --from FILE                   restore a backup (stop the servers first)
 *   npm run editor:export -- --version N --out DIR          a published version as data/ files
 *   npm run data:demo -- --editors                          fictional demo accounts (passwords printed once)
 *
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { defaultEditorDatabasePath, openEditorDatabase } from '../src/db/editor/client';
import { useEditorDatabase } from '../src/services/editor/db';
import { createUser, resetSecondFactor, setPassword, UserInputError, userByEmail } from '../src/services/editor/users';
import { endAllSessions } from '../src/services/editor/sessions';
import { exportFile, EXPORT_FILES } from '../src/services/editor/export';
import { MIN_PASSWORD_LENGTH } from '../src/services/editor/passwords';

const SYSTEM = { userId: null, name: 'system (Kommandozeile)', client: 'cli' };

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Reads a password: hidden from a terminal, else the first line of stdin. Never from the command line (it would stay in the shell history). */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let value = '';
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function admin(args: string[]): Promise<number> {
  const email = option(args, '--email');
  if (!email) {
    console.error('Aufruf: npm run editor:admin -- --email ADRESSE [--name NAME]   (Passwort wird abgefragt oder von stdin gelesen)');
    return 2;
  }
  useEditorDatabase(openEditorDatabase(defaultEditorDatabasePath()));
  const reset = args.includes('--reset');
  const existing = reset ? userByEmail(email) : undefined;
  if (reset && !existing) {
    console.error(`Kein Konto mit der Adresse ${email}.`);
    return 1;
  }
  const password = await readPassword(`Passwort für ${email} (mindestens ${MIN_PASSWORD_LENGTH} Zeichen): `);
  try {
    if (existing) {
      // A forgotten password (or a lost key): set by someone with access to the server, audited.
      await setPassword(existing.id, password, SYSTEM);
      if (args.includes('--second-factor')) resetSecondFactor(existing.id, SYSTEM);
      const ended = endAllSessions(existing.id);
      console.log(
        `Neues vorläufiges Passwort für ${existing.email} gesetzt (bei der nächsten Anmeldung durch ein eigenes zu ersetzen)${args.includes('--second-factor') ? ', zweiter Faktor wird bei der nächsten Anmeldung neu eingerichtet' : ''}; ${ended} Sitzung(en) beendet.`,
      );
      return 0;
    }
    const user = await createUser({ email, displayName: option(args, '--name'), password, role: 'admin' }, SYSTEM);
    console.log(
      `Administrator ${user.email} angelegt. Bei der ersten Anmeldung unter /redaktion/anmelden wird der zweite Faktor (TOTP) eingerichtet.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UserInputError) {
      const reasons: Record<string, string> = {
        'email:invalid': 'keine gültige E-Mail-Adresse',
        'email:exists': 'diese E-Mail-Adresse hat schon ein Konto',
        'password:tooShort': `Passwort zu kurz (mindestens ${MIN_PASSWORD_LENGTH} Zeichen)`,
        'password:tooLong': 'Passwort zu lang (höchstens 128 Zeichen)',
        'password:likeEmail': 'Passwort enthält die E-Mail-Adresse',
        'password:guessable':
          'Passwort zu leicht zu erraten (oft verwendet, ein Wort, eine Wiederholung oder Tastaturfolge); besser mehrere Wörter, die nicht zusammengehören',
      };
      console.error(`Nicht angelegt: ${reasons[`${error.field}:${error.reason}`] ?? error.message}`);
      return 1;
    }
    throw error;
  }
}

async function backup(args: string[]): Promise<number> {
  const out = option(args, '--out');
  if (!out) {
    console.error('Aufruf: npm run editor:backup -- --out DATEI');
    return 2;
  }
  const source = defaultEditorDatabasePath();
  if (!existsSync(source)) {
    console.error(`Keine Redaktionsdatenbank unter ${source}.`);
    return 1;
  }
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The online backup API: a consistent copy while servers keep reading and writing.
    await db.backup(out);
  } finally {
    db.close();
  }
  console.log(`Sicherung geschrieben: ${out}`);
  return 0;
}

function restore(args: string[]): number {
  const from = option(args, '--from');
  if (!from || !existsSync(from)) {
    console.error('Aufruf: npm run editor:restore -- --from DATEI   (die Datei muss existieren; Server vorher anhalten)');
    return 2;
  }
  // Check the backup before anything is replaced: it must open, pass an integrity check and migrate.
  const checked = `${from}.check-${process.pid}`;
  copyFileSync(from, checked);
  try {
    const db = new Database(checked);
    const ok = (db.pragma('integrity_check', { simple: true }) as string) === 'ok';
    db.close();
    if (!ok) throw new Error('integrity_check fehlgeschlagen');
    openEditorDatabase(checked).$client.close();
  } catch (error) {
    rmSync(checked, { force: true });
    console.error(`Keine gültige Sicherung: ${(error as Error).message}`);
    return 1;
  }
  const target = defaultEditorDatabasePath();
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  // The checked copy is renamed over the database in one step.
  renameSync(checked, target);
  console.log(`Wiederhergestellt: ${target} aus ${from}`);
  return 0;
}

function exportVersion(args: string[]): number {
  const version = Number(option(args, '--version'));
  const out = option(args, '--out');
  if (!Number.isInteger(version) || !out) {
    console.error(
      'Aufruf: npm run editor:export -- --version N --out VERZEICHNIS   (schreibt demo/officers.json, demo/accounts.json, demo/stations.json, demo/notices.json)',
    );
    return 2;
  }
  useEditorDatabase(openEditorDatabase(defaultEditorDatabasePath()));
  mkdirSync(path.join(out, 'demo'), { recursive: true });
  for (const file of EXPORT_FILES) {
    const text = exportFile(version, file);
    if (text === null) {
      console.error(`Stand ${version} gibt es nicht.`);
      return 1;
    }
    writeFileSync(path.join(out, 'demo', file), text);
  }
  console.log(`Stand ${version} nach ${out}/demo/ geschrieben.`);
  return 0;
}

/** Fictional demo accounts: one per role, editors and a reviewer for PD Lüneburg, an editor for PD Hannover. */
export async function demoEditors(): Promise<number> {
  useEditorDatabase(openEditorDatabase(defaultEditorDatabasePath()));
  const accounts = [
    { email: 'admin@redaktion-demo.example', displayName: 'Demo-Administration', role: 'admin' as const, scopes: [] },
    {
      email: 'lueneburg@redaktion-demo.example',
      displayName: 'Demo-Redaktion PD Lüneburg',
      role: 'editor' as const,
      scopes: ['pd:pd-lueneburg'],
    },
    {
      email: 'hannover@redaktion-demo.example',
      displayName: 'Demo-Redaktion PD Hannover',
      role: 'editor' as const,
      scopes: ['pd:pd-hannover'],
    },
    {
      email: 'pruefung@redaktion-demo.example',
      displayName: 'Demo-Prüfung PD Lüneburg',
      role: 'reviewer' as const,
      scopes: ['pd:pd-lueneburg'],
    },
  ];
  console.log('Demo-Redaktionskonten (erfunden; Passwörter werden nur jetzt angezeigt, TOTP wird bei der ersten Anmeldung eingerichtet):');
  for (const account of accounts) {
    if (userByEmail(account.email)) {
      console.log(`  ${account.email}: gibt es schon`);
      continue;
    }
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    await createUser({ ...account, password, isDemo: true }, SYSTEM);
    console.log(`  ${account.email} (${account.role}${account.scopes.length ? `, ${account.scopes.join(', ')}` : ''}): ${password}`);
  }
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => Promise<number> | number> = {
  admin,
  backup,
  restore,
  export: exportVersion,
  demo: demoEditors,
};

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [command = '', ...args] = process.argv.slice(2);
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unbekannter Befehl "${command}". Befehle: ${Object.keys(COMMANDS).join(', ')}`);
    process.exitCode = 2;
  } else {
    process.exitCode = await run(args);
  }
}
