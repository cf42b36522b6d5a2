/**
 * The audit log: append-only (the database refuses changes, see the migration), one entry per
 * sign-in, failure, refusal and change, with the record before and after. Secrets never go in:
 * `redact` drops every field that could hold one.
 */
import { and, desc, eq, gt, inArray, isNull, like, ne, or } from 'drizzle-orm';
import { auditLog, type AuditRow } from '../../db/editor/schema';
import { editorDb } from './db';

export interface Actor {
  userId: number | null;
  /** What the log shows: an e-mail address, or "system" for commands. */
  name: string;
  client?: string;
}

const SECRET_FIELDS = /pass|hash|secret|totp|token|csrf|code/i;

/** A copy of `value` without fields that might hold a secret. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_FIELDS.test(key))
        .map(([key, v]) => [key, redact(v)]),
    );
  }
  return value;
}

/** Appends one entry. */
export function audit(
  actor: Actor,
  action: string,
  outcome: 'ok' | 'failed' | 'denied',
  details: { target?: string; before?: unknown; after?: unknown } = {},
): void {
  editorDb()
    .insert(auditLog)
    .values({
      at: new Date().toISOString(),
      userId: actor.userId,
      actor: actor.name,
      action,
      target: details.target ?? '',
      outcome,
      before: details.before === undefined ? null : JSON.stringify(redact(details.before)),
      after: details.after === undefined ? null : JSON.stringify(redact(details.after)),
      client: actor.client ?? '',
    })
    .run();
}

/** The newest entries first. */
export function auditEntries(limit = 200, offset = 0): AuditRow[] {
  return editorDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).offset(offset).all();
}

/** What the person should know about their own account since their previous sign-in (ASVS 2.2.3, in the editor area itself). */
export interface AccountEvents {
  /** Failed sign-ins, codes and confirmations with this account. */
  failures: number;
  /** Changes to the account by someone else: role or area, password, second factor, disabled. */
  changes: Array<{ at: string; actor: string; action: string }>;
}

const SIGN_INS = ['signin', 'signin.sso'];
const ACCOUNT_CHANGES = ['user.access', 'user.update', 'user.password', 'user.totp.reset'];

/** The security events of one account since its previous successful sign-in (all, before the second sign-in). */
export function accountEventsSincePreviousSignIn(userId: number, email: string): AccountEvents {
  const db = editorDb();
  const signIns = db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.userId, userId), inArray(auditLog.action, SIGN_INS), eq(auditLog.outcome, 'ok')))
    .orderBy(desc(auditLog.id))
    .limit(2)
    .all();
  const since = signIns[1]?.id ?? 0;
  const failures = db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        gt(auditLog.id, since),
        eq(auditLog.userId, userId),
        inArray(auditLog.outcome, ['failed', 'denied']),
        or(like(auditLog.action, 'signin%'), eq(auditLog.action, 'reauth.totp')),
      ),
    )
    .all().length;
  const changes = db
    .select({ at: auditLog.at, actor: auditLog.actor, action: auditLog.action })
    .from(auditLog)
    .where(
      and(
        gt(auditLog.id, since),
        eq(auditLog.target, `user:${email}`),
        inArray(auditLog.action, ACCOUNT_CHANGES),
        eq(auditLog.outcome, 'ok'),
        // Someone else, or a command (no user).
        or(isNull(auditLog.userId), ne(auditLog.userId, userId)),
      ),
    )
    .orderBy(desc(auditLog.id))
    .all();
  return { failures, changes };
}

const CSV_COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'outcome', 'before', 'after', 'client'] as const;

/** The whole log as CSV (RFC 4180); cells that a spreadsheet would run as a formula are quoted with a leading apostrophe. */
export function auditCsv(): string {
  const rows = editorDb().select().from(auditLog).orderBy(auditLog.id).all();
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
