/** Editor accounts: creation (command and admin page), look-up, role and scope changes. */
import { and, eq } from 'drizzle-orm';
import { users, type UserRow } from '../../db/editor/schema';
import { audit, type Actor } from './audit';
import type { Principal, Role } from './access';
import { editorConfig } from './config';
import { editorDb } from './db';
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from './passwords';
import { sealSecret } from './secret-box';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toPrincipal(row: UserRow): Principal {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    scopes: JSON.parse(row.scopes) as string[],
    isDemo: row.isDemo,
    passwordTemporary: row.passwordTemporaryUntil !== null,
  };
}

/** The expiry of a password set now by somebody other than its holder. */
const temporaryUntil = (now = Date.now()) => now + editorConfig.temporaryPasswordMs;

export function userByEmail(email: string): UserRow | undefined {
  return editorDb()
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export function userById(id: number): UserRow | undefined {
  return editorDb().select().from(users).where(eq(users.id, id)).get();
}

export function listUsers(): UserRow[] {
  return editorDb().select().from(users).orderBy(users.email).all();
}

export function countAdmins(): number {
  return editorDb().select().from(users).where(eq(users.role, 'admin')).all().length;
}

/** Administrators who can still sign in: there must always be one left. */
export function countActiveAdmins(): number {
  return editorDb()
    .select()
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
    .all().length;
}

export class UserInputError extends Error {
  constructor(
    readonly field: 'email' | 'password' | 'role' | 'scopes' | 'user',
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface NewUser {
  email: string;
  displayName?: string;
  password: string | null;
  role: Role;
  scopes?: string[];
  isDemo?: boolean;
  totpSecret?: string | null;
  /** The password is chosen by somebody else (an administrator): temporary, to be changed at the first sign-in. */
  temporaryPassword?: boolean;
}

/** Creates an account (TOTP enrolment follows at its first sign-in, unless a secret is given). */
export async function createUser(input: NewUser, actor: Actor): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) throw new UserInputError('email', 'invalid');
  if (userByEmail(email)) throw new UserInputError('email', 'exists');
  if (input.password !== null) {
    const problem = await passwordProblem(input.password, email);
    if (problem) throw new UserInputError('password', problem);
  }
  if (input.role !== 'admin' && !input.scopes?.length) throw new UserInputError('scopes', 'required');
  const row = editorDb()
    .insert(users)
    .values({
      email,
      displayName: input.displayName?.trim() || email,
      passwordHash: input.password === null ? null : await hashPassword(input.password),
      totpSecret: input.totpSecret ? sealSecret(input.totpSecret) : null,
      role: input.role,
      scopes: JSON.stringify(input.role === 'admin' ? [] : input.scopes),
      isDemo: input.isDemo ?? false,
      passwordTemporaryUntil: input.temporaryPassword && input.password !== null ? temporaryUntil() : null,
      createdAt: new Date().toISOString(),
    })
    .returning()
    .get();
  audit(actor, 'user.create', 'ok', { target: `user:${email}`, after: { email, role: row.role, scopes: row.scopes, isDemo: row.isDemo } });
  return row;
}

/**
 * Sets a new password (the command `editor:admin -- --reset`): a temporary one, to be changed at
 * the next sign-in; the account must enrol TOTP again only if asked.
 */
export async function setPassword(id: number, password: string, actor: Actor): Promise<void> {
  const row = userById(id);
  if (!row) return;
  const problem = await passwordProblem(password, row.email);
  if (problem) throw new UserInputError('password', problem);
  editorDb()
    .update(users)
    .set({ passwordHash: await hashPassword(password), passwordTemporaryUntil: temporaryUntil() })
    .where(eq(users.id, id))
    .run();
  audit(actor, 'user.password', 'ok', { target: `user:${row.email}` });
}

/** The demo accounts (made by `npm run data:demo -- --editors`), named on the sign-in page. */
export function demoUsers(): UserRow[] {
  return editorDb().select().from(users).where(eq(users.isDemo, true)).orderBy(users.email).all();
}

/** A user's own password change: the current password first (ASVS 2.1.6); every other session ends. */
export async function changeOwnPassword(
  id: number,
  current: string,
  next: string,
  actor: Actor,
): Promise<'ok' | 'wrongCurrent' | PasswordProblem> {
  const row = userById(id);
  if (!row) return 'wrongCurrent';
  if (!(await verifyPassword(row.passwordHash, current))) {
    audit(actor, 'user.password.change', 'failed', { target: `user:${row.email}` });
    return 'wrongCurrent';
  }
  const problem = await passwordProblem(next, row.email);
  if (problem) return problem;
  editorDb()
    .update(users)
    .set({ passwordHash: await hashPassword(next), passwordTemporaryUntil: null })
    .where(eq(users.id, id))
    .run();
  audit(actor, 'user.password.change', 'ok', { target: `user:${row.email}` });
  return 'ok';
}

/** An administrator resets someone's second factor: they enrol again at their next sign-in. */
export function resetSecondFactor(id: number, actor: Actor): void {
  const row = userById(id);
  if (!row) return;
  editorDb().update(users).set({ totpSecret: null, totpPending: null }).where(eq(users.id, id)).run();
  audit(actor, 'user.totp.reset', 'ok', { target: `user:${row.email}` });
}
