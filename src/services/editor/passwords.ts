/**
 * Passwords: Argon2id with the configured cost, at least 12 characters and no composition rules
 * (ASVS 2.1, NIST 800-63B). A verification against a dummy hash where no account exists keeps the
 * time of a failed sign-in the same for known and unknown addresses.
 */
import argon2 from 'argon2';
import { editorConfig } from './config';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Why a new password is refused, or null. Length is counted in characters (code points), as people count. */
export function passwordProblem(password: string, email = ''): 'tooShort' | 'tooLong' | 'likeEmail' | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const localPart = email.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) return 'likeEmail';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password.normalize('NFC'), { type: argon2.argon2id, ...editorConfig.argon2 });
}

let dummyHash: Promise<string> | null = null;

/** Whether `password` matches `hash`; with no hash, spends the same time and says no. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not a password of anyone');
    await argon2.verify(await dummyHash, password.normalize('NFC')).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password.normalize('NFC'));
  } catch {
    return false;
  }
}
