/**
 * The editor key and what it protects, so that a copy of the editor database or one of its
 * backups gives nobody a way in:
 * - TOTP secrets are stored sealed (AES-256-GCM, ASVS 2.8.3);
 * - password hashes carry a pepper derived from it (Argon2id's secret input, ASVS 2.4.5).
 *
 * The key is EDITOR_SECRET_KEY (32 bytes, base64) when set, else the file `editor.key` beside the
 * editor database, made at the first use with mode 0600. It is backed up apart from the database
 * (README: "Editor area", backup). Without the right key nothing is opened: passwords and codes
 * fail like wrong ones and the log says why; the key is never made anew over existing secrets.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { editorDb } from './db';

const PREFIX = 'v1.';
const memoryKeys = new Map<string, Buffer>();

/** The key file of the process's editor database (none for an in-memory database). */
export function keyFile(): string | null {
  const name = editorDb().$client.name;
  return name === ':memory:' || name === '' ? null : path.join(path.dirname(name), 'editor.key');
}

function parseKey(text: string, origin: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${origin}: erwartet 32 Bytes in Base64 (z. B. openssl rand -base64 32)`);
  return key;
}

/** The key, or null when there is none yet and `create` is false. */
function key(create: boolean): Buffer | null {
  if (process.env.EDITOR_SECRET_KEY) return parseKey(process.env.EDITOR_SECRET_KEY, 'EDITOR_SECRET_KEY');
  const file = keyFile();
  if (!file) {
    const name = editorDb().$client.name;
    if (!memoryKeys.has(name) && create) memoryKeys.set(name, randomBytes(32));
    return memoryKeys.get(name) ?? null;
  }
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), file);
  if (!create) return null;
  // 'wx': never overwrite a key another process made in the meantime.
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseKey(readFileSync(file, 'utf8'), file);
}

let missingKeyLogged = false;

/**
 * The pepper of password hashes (HKDF of the key, so the key itself never enters Argon2). `create`
 * when a new hash is made; when checking one, null without a key (logged once).
 */
export function passwordPepper(create: boolean): Buffer | null {
  const found = key(create);
  if (!found) {
    if (!missingKeyLogged)
      console.error(`Redaktion: der Schlüssel fehlt (${keyFile() ?? 'EDITOR_SECRET_KEY'}); keine Anmeldung möglich, bis er zurück ist.`);
    missingKeyLogged = true;
    return null;
  }
  return Buffer.from(hkdfSync('sha256', found, Buffer.alloc(0), 'revierfinder editor password pepper', 32));
}

/** `plain` sealed for storage: "v1.<iv>.<tag>.<ciphertext>" (base64url). */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(true)!, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/**
 * The secret in `stored`; null when it cannot be opened (no key, another key, altered). A value
 * without the prefix was stored before sealing existed and is returned as it is.
 */
export function openSecret(stored: string): string | null {
  if (!stored.startsWith(PREFIX)) return stored;
  const [iv, tag, sealed] = stored
    .slice(PREFIX.length)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'));
  try {
    const found = key(false);
    if (!found || !iv || !tag || !sealed) throw new Error('kein Schlüssel');
    const decipher = createDecipheriv('aes-256-gcm', found, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch (error) {
    console.error(
      `Redaktion: ein TOTP-Geheimnis lässt sich nicht öffnen (${(error as Error).message}). Fehlt der Schlüssel (${keyFile() ?? 'EDITOR_SECRET_KEY'}) oder ist es ein anderer? Sonst den zweiten Faktor des Kontos zurücksetzen.`,
    );
    return null;
  }
}
