/**
 * What administrators change about other accounts: role and area, disabled or not. Apart from
 * users.ts because it ends sessions (sessions.ts reads accounts through users.ts).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users, type UserRow } from '../../db/editor/schema';
import { ROLES, type Role } from './access';
import { audit, type Actor } from './audit';
import { editorDb } from './db';
import { endAllSessions } from './sessions';
import { countActiveAdmins, userById, UserInputError } from './users';

/** Role and area as an administrator sets them; `scopes` are already checked against the known ones. */
const accessChange = z.object({ role: z.enum(ROLES as [Role, ...Role[]]), scopes: z.array(z.string().min(1)).max(100) });

/**
 * An administrator changes someone's role and area. Refused (UserInputError) for an unknown role,
 * an editor or reviewer without an area, an administrator taking away their own admin role, and
 * the last active administrator. A real change ends that user's sessions: rights are read at
 * sign-in, so they sign in again with the new ones.
 */
export function changeAccess(id: number, change: { role: string; scopes: string[] }, actor: Actor): UserRow {
  const before = userById(id);
  if (!before) throw new UserInputError('user', 'unknown');
  const parsed = accessChange.safeParse(change);
  if (!parsed.success) throw new UserInputError(parsed.error.issues[0]?.path[0] === 'scopes' ? 'scopes' : 'role', 'invalid');
  const { role } = parsed.data;
  const scopes = role === 'admin' ? [] : parsed.data.scopes;
  if (role !== 'admin' && !scopes.length) throw new UserInputError('scopes', 'required');
  if (before.role === 'admin' && role !== 'admin') {
    if (actor.userId === id) throw new UserInputError('role', 'ownAdmin');
    if (!before.disabled && countActiveAdmins() <= 1) throw new UserInputError('role', 'lastAdmin');
  }
  const scopesJson = JSON.stringify(scopes);
  if (role === before.role && scopesJson === before.scopes) return before;
  editorDb().update(users).set({ role, scopes: scopesJson }).where(eq(users.id, id)).run();
  const ended = endAllSessions(id);
  audit(actor, 'user.access', 'ok', {
    target: `user:${before.email}`,
    before: { role: before.role, scopes: JSON.parse(before.scopes) as unknown },
    after: { role, scopes, sessionsEnded: ended },
  });
  return userById(id)!;
}

/**
 * Disables (signing out everywhere) or enables an account. Nobody disables themselves, and the
 * last active administrator stays, so that someone can always manage users.
 */
export function setDisabled(id: number, disabled: boolean, actor: Actor): void {
  const before = userById(id);
  if (!before) throw new UserInputError('user', 'unknown');
  if (disabled && !before.disabled) {
    if (actor.userId === id) throw new UserInputError('user', 'self');
    if (before.role === 'admin' && countActiveAdmins() <= 1) throw new UserInputError('user', 'lastAdmin');
  }
  editorDb().update(users).set({ disabled }).where(eq(users.id, id)).run();
  if (disabled) endAllSessions(id);
  audit(actor, 'user.update', 'ok', {
    target: `user:${before.email}`,
    before: { disabled: before.disabled },
    after: { disabled },
  });
}
