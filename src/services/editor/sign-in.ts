/**
 * The sign-in steps: password, then the TOTP code (or, on the first sign-in, TOTP enrolment).
 * Every outcome is audited; failures are counted per account and per client, and the answer
 * never says which part was wrong or whether the account exists.
 */
import { eq } from 'drizzle-orm';
import { users } from '../../db/editor/schema';
import { audit } from './audit';
import { editorConfig } from './config';
import { editorDb } from './db';
import { verifyPassword } from './passwords';
import { accountKey, clearFailures, clientKeyOf, lockedUntil, recordFailure } from './throttle';
import { openSecret, sealSecret } from './secret-box';
import { acceptTotp, newTotpSecret } from './totp';
import { normaliseEmail, userByEmail, userById } from './users';

export type PasswordStep = { ok: true; userId: number; next: 'totp' | 'enrol' } | { ok: false; reason: 'invalid' | 'locked' };

/** Checks e-mail and password. A locked account or client is refused before any work. */
export async function passwordStep(emailInput: string, password: string, client: string): Promise<PasswordStep> {
  const email = normaliseEmail(emailInput).slice(0, 254);
  const actor = { userId: null, name: email || '(leer)', client };
  if (lockedUntil(accountKey(email)) || lockedUntil(clientKeyOf(client))) {
    audit(actor, 'signin.password', 'denied', { target: 'locked' });
    return { ok: false, reason: 'locked' };
  }
  const user = userByEmail(email);
  const usable = user && !user.disabled && user.passwordHash !== null;
  const valid = await verifyPassword(usable ? user.passwordHash : null, password.slice(0, 1024));
  // A temporary password past its time fails like a wrong one (no hint to others); the log says why.
  const expired = valid && user?.passwordTemporaryUntil != null && user.passwordTemporaryUntil <= Date.now();
  if (!usable || !valid || expired) {
    recordFailure(accountKey(email), editorConfig.maxFailuresPerAccount);
    recordFailure(clientKeyOf(client), editorConfig.maxFailuresPerClient);
    audit({ ...actor, userId: user?.id ?? null }, 'signin.password', 'failed', expired ? { target: 'expired' } : {});
    return { ok: false, reason: 'invalid' };
  }
  audit({ ...actor, userId: user.id }, 'signin.password', 'ok');
  return { ok: true, userId: user.id, next: user.totpSecret ? 'totp' : 'enrol' };
}

export type CodeStep = { ok: true } | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks a TOTP code of `userId`: at sign-in, at enrolment (against the pending secret, which then
 * becomes the account's), or to confirm a signed-in person before a sensitive action. All three
 * count failures towards the same lock-out and refuse replayed codes.
 */
export function codeStep(
  userId: number,
  code: string,
  client: string,
  purpose: 'signin' | 'enrol' | 'confirm' = 'signin',
  now = Date.now(),
): CodeStep {
  const user = userById(userId);
  if (!user || user.disabled) return { ok: false, reason: 'invalid' };
  const actor = { userId, name: user.email, client };
  const enrolling = purpose === 'enrol';
  const action = { signin: 'signin.totp', enrol: 'signin.enrol', confirm: 'reauth.totp' }[purpose];
  if (lockedUntil(accountKey(user.email)) || lockedUntil(clientKeyOf(client))) {
    audit(actor, action, 'denied', { target: 'locked' });
    return { ok: false, reason: 'locked' };
  }
  const stored = enrolling ? user.totpPending : user.totpSecret;
  const secret = stored ? openSecret(stored) : null;
  const step = secret ? acceptTotp(secret, code, user.totpLastStep, now) : null;
  if (step === null) {
    recordFailure(accountKey(user.email), editorConfig.maxFailuresPerAccount);
    recordFailure(clientKeyOf(client), editorConfig.maxFailuresPerClient);
    audit(actor, action, 'failed');
    return { ok: false, reason: 'invalid' };
  }
  const set = enrolling ? { totpSecret: sealSecret(secret!), totpPending: null, totpLastStep: step } : { totpLastStep: step };
  editorDb().update(users).set(set).where(eq(users.id, userId)).run();
  clearFailures(accountKey(user.email));
  audit(actor, action, 'ok');
  return { ok: true };
}

/** The secret proposed for enrolment (made once per enrolment, kept until confirmed). */
export function pendingTotpSecret(userId: number): string {
  const user = userById(userId)!;
  const pending = user.totpPending ? openSecret(user.totpPending) : null;
  if (pending) return pending;
  const secret = newTotpSecret();
  editorDb()
    .update(users)
    .set({ totpPending: sealSecret(secret) })
    .where(eq(users.id, userId))
    .run();
  return secret;
}
