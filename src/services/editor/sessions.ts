/**
 * Server-side sessions and sign-in challenges. The cookie carries a random id (256 bit); the
 * database keeps only its SHA-256, with the session's CSRF token (synchronizer pattern), its
 * creation and last use (idle and absolute timeouts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import { challenges, sessions, users } from '../../db/editor/schema';
import { editorConfig } from './config';
import { editorDb } from './db';
import { toPrincipal } from './users';
import type { Principal } from './access';

export const newId = () => randomBytes(32).toString('base64url');
export const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Constant-time comparison of two tokens. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Session {
  principal: Principal;
  csrfToken: string;
  createdAt: number;
  method: string;
}

/** Starts a session for `userId` (always a new id: no fixation) and returns the cookie value. */
export function createSession(userId: number, method: string, now = Date.now()): { id: string; csrfToken: string } {
  const id = newId();
  const csrfToken = newId();
  editorDb()
    .insert(sessions)
    .values({ idHash: hashId(id), userId, csrfToken, createdAt: now, lastSeenAt: now, method })
    .run();
  return { id, csrfToken };
}

/** The live session of cookie value `id`, touched; null (and removed) when unknown, expired or its account is disabled. */
export function loadSession(id: string | undefined, now = Date.now()): Session | null {
  if (!id || id.length > 100) return null;
  const db = editorDb();
  const idHash = hashId(id);
  const row = db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.idHash, idHash)).get();
  if (!row) return null;
  const { sessions: s, users: u } = row;
  if (u.disabled || now - s.lastSeenAt > editorConfig.idleTimeoutMs || now - s.createdAt > editorConfig.absoluteTimeoutMs) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return null;
  }
  // Written at most once a minute: the idle timeout does not need more, and reads stay reads.
  if (now - s.lastSeenAt > 60_000) db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
  return { principal: toPrincipal(u), csrfToken: s.csrfToken, createdAt: s.createdAt, method: s.method };
}

export function endSession(id: string): void {
  editorDb()
    .delete(sessions)
    .where(eq(sessions.idHash, hashId(id)))
    .run();
}

/** Sign-out everywhere: every session of the account. */
export function endAllSessions(userId: number): number {
  return editorDb().delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

export function sessionCount(userId: number): number {
  return editorDb().select().from(sessions).where(eq(sessions.userId, userId)).all().length;
}

// ------------------------------------------------------------------------- challenges

const CHALLENGE_TTL_MS = 10 * 60_000;

export interface Challenge {
  kind: 'signin' | 'totp' | 'enrol' | 'oidc';
  userId: number | null;
  data: Record<string, string>;
}

/** Stores a challenge and returns its id (the cookie value). Expired ones are cleared on the way. */
export function createChallenge(challenge: Challenge, now = Date.now()): string {
  const db = editorDb();
  db.delete(challenges).where(lt(challenges.expiresAt, now)).run();
  const id = newId();
  db.insert(challenges)
    .values({
      idHash: hashId(id),
      kind: challenge.kind,
      userId: challenge.userId,
      data: JSON.stringify(challenge.data),
      expiresAt: now + CHALLENGE_TTL_MS,
    })
    .run();
  return id;
}

export function readChallenge(id: string | undefined, now = Date.now()): Challenge | null {
  if (!id || id.length > 100) return null;
  const row = editorDb()
    .select()
    .from(challenges)
    .where(eq(challenges.idHash, hashId(id)))
    .get();
  if (!row || row.expiresAt < now) return null;
  return { kind: row.kind, userId: row.userId, data: JSON.parse(row.data) as Record<string, string> };
}

export function dropChallenge(id: string): void {
  editorDb()
    .delete(challenges)
    .where(eq(challenges.idHash, hashId(id)))
    .run();
}

/** Replaces a challenge by a new one (new id: a step forward never keeps the old cookie). */
export function advanceChallenge(oldId: string, next: Challenge): string {
  dropChallenge(oldId);
  return createChallenge(next);
}

export function challengeOfKind(id: string | undefined, kind: Challenge['kind']): Challenge | null {
  const challenge = readChallenge(id);
  return challenge && challenge.kind === kind ? challenge : null;
}
