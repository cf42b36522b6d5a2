/**
 * Passwords: Argon2id with the configured cost, at least 12 characters and no composition rules
 * (ASVS 2.1, NIST 800-63B). New passwords are checked against lists of common and breached
 * passwords, words, names, keyboard patterns and repetitions (zxcvbn-ts with its common, German
 * and English dictionaries, all on this machine: ASVS 2.1.7 without sending anything elsewhere).
 * A verification against a dummy hash where no account exists keeps the time of a failed sign-in
 * the same for known and unknown addresses.
 */
import argon2 from 'argon2';
import { editorConfig } from './config';
import { passwordPepper } from './secret-box';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'likeEmail' | 'guessable';

/** zxcvbn's scale: 3 is "safely unguessable" against an online attack and a slowed offline one. */
const MIN_SCORE = 3;
/** Words of this service an attacker tries first. */
const SERVICE_WORDS = ['revierfinder', 'redaktion', 'polizei', 'niedersachsen', 'polizeiniedersachsen'];

type Estimate = (password: string, userInputs: string[]) => number;
let estimator: Promise<Estimate> | null = null;

/**
 * The estimator, loaded on the first password check: its dictionaries (some MB) never load into a
 * server that only answers citizens.
 */
function estimate(): Promise<Estimate> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-de'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, de, en]) => {
    core.zxcvbnOptions.setOptions({
      dictionary: { ...common.dictionary, ...de.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return (password, userInputs) => core.zxcvbn(password, userInputs).score;
  });
  return estimator;
}

/** How a new password fares: zxcvbn's score (0–4) and why it is refused, or null. */
export interface PasswordAssessment {
  score: number;
  problem: PasswordProblem | null;
}

/**
 * The one rule for new passwords, used when one is set and by the strength meter while it is typed.
 * Length is counted in characters (code points), as people count.
 */
export async function assessPassword(password: string, email = ''): Promise<PasswordAssessment> {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return { score: 0, problem: 'tooShort' };
  if (length > MAX_PASSWORD_LENGTH) return { score: 0, problem: 'tooLong' };
  const localPart = email.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && password.toLowerCase().includes(localPart)) return { score: 0, problem: 'likeEmail' };
  const score = (await estimate())(password, [...SERVICE_WORDS, email, localPart].filter(Boolean));
  return { score, problem: score < MIN_SCORE ? 'guessable' : null };
}

/** Why a new password is refused, or null. */
export async function passwordProblem(password: string, email = ''): Promise<PasswordProblem | null> {
  return (await assessPassword(password, email)).problem;
}

/** The Argon2id hash of a new password, with the pepper from the editor key (secret-box.ts). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password.normalize('NFC'), { type: argon2.argon2id, ...editorConfig.argon2, secret: passwordPepper(true)! });
}

let dummyHash: Promise<string> | null = null;

/** A hash to spend a check's time on when there is nothing to check; it needs (and makes) no key. */
const dummy = () => (dummyHash ??= argon2.hash('not a password of anyone', { type: argon2.argon2id, ...editorConfig.argon2 }));

/**
 * Whether `password` matches `hash`. With no hash (no such account) or no key, the same time is
 * spent on a dummy and the answer is no.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const pepper = hash ? passwordPepper(false) : null;
  if (!hash || !pepper) {
    await argon2.verify(await dummy(), password.normalize('NFC')).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password.normalize('NFC'), { secret: pepper });
  } catch {
    return false;
  }
}
