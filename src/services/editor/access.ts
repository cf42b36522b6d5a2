/**
 * Roles and scope: who may do what to which record. One place for every rule; pages and
 * endpoints ask `can…` and answer 403 (audited) on no.
 *
 * - admin: everything, users and publishing included.
 * - editor: reads and changes records within their scopes (Polizeidirektionen `pd:<id>` or
 *   Polizeiinspektionen `pi:<id>`); cannot approve or publish.
 * - reviewer: reads within their scopes and approves or rejects drafts there; cannot edit.
 */
export type Role = 'admin' | 'editor' | 'reviewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'reviewer'];

export interface Principal {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** `pd:<directorate id>` / `pi:<inspection id>`; ignored for admins. */
  scopes: string[];
  isDemo: boolean;
  /** Signed in with a password somebody else set: nothing but choosing one's own until then. */
  passwordTemporary?: boolean;
}

/** A record's scopes: its inspection and that inspection's directorate. */
export function recordScopes(inspectionId: string | null, directorateId: string | null): string[] {
  return [...(directorateId ? [`pd:${directorateId}`] : []), ...(inspectionId ? [`pi:${inspectionId}`] : [])];
}

/** Whether `who` covers a record with `scopes` (a record without scope is the admins' alone). */
export function inScope(who: Principal, scopes: readonly string[]): boolean {
  if (who.role === 'admin') return true;
  return scopes.some((scope) => who.scopes.includes(scope));
}

export const canEdit = (who: Principal, scopes: readonly string[]) =>
  (who.role === 'admin' || who.role === 'editor') && inScope(who, scopes);
export const canRead = (who: Principal, scopes: readonly string[]) => inScope(who, scopes);
export const canReview = (who: Principal, scopes: readonly string[]) =>
  (who.role === 'admin' || who.role === 'reviewer') && inScope(who, scopes);
export const canPublish = (who: Principal) => who.role === 'admin';
export const canManageUsers = (who: Principal) => who.role === 'admin';
export const canReadAudit = (who: Principal) => who.role === 'admin';

/** Scope ids written by people ("pd:pd-hannover, pi:pi-celle") checked against the known ones. */
export function parseScopes(text: string, known: ReadonlySet<string>): { scopes: string[]; unknown: string[] } {
  const items = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { scopes: [...new Set(items.filter((s) => known.has(s)))], unknown: items.filter((s) => !known.has(s)) };
}
