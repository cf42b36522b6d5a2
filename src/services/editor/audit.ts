/**
 * The audit log: append-only (the database refuses changes, see the migration), one entry per
 * sign-in, failure, refusal and change, with the record before and after. Secrets never go in:
 * `redact` drops every field that could hold one.
 */
import { desc } from 'drizzle-orm';
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
