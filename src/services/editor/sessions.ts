/**
 * Server-side sessions and sign-in challenges. The cookie carries a random id (256 bit); the
 * database keeps only its SHA-256, with the session's CSRF token (synchronizer pattern), its
 * creation and last use (idle and absolute timeouts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
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
  /** When the person last proved who they are in this session (sign-in or confirmation). */
  verifiedAt: number;
}

/** The User-Agent as kept for the sessions list: enough to recognise a browser, never unbounded. */
const shortUserAgent = (userAgent: string | null | undefined) => (userAgent ?? '').replace(/\p{Cc}/gu, '').slice(0, 160);

/** Starts a session for `userId` (always a new id: no fixation) and returns the cookie value. */
export function createSession(
  userId: number,
  method: string,
  now = Date.now(),
  userAgent: string | null = '',
): { id: string; csrfToken: string } {
  const id = newId();
  const csrfToken = newId();
  editorDb()
    .insert(sessions)
    .values({
      idHash: hashId(id),
      userId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      verifiedAt: now,
      method,
      userAgent: shortUserAgent(userAgent),
    })
    .run();
  return { id, csrfToken };
}

/**
 * Whether the session's proof of identity is recent enough for a sensitive action (user
 * administration, publishing: ASVS 3.7.1). Older: the person confirms with a current code first.
 */
export const isRecentlyVerified = (session: Pick<Session, 'verifiedAt'>, now = Date.now()) =>
  now - session.verifiedAt <= editorConfig.reauthWindowMs;

/** Records a confirmation of identity in the session of cookie value `id`. */
export function markVerified(id: string, now = Date.now()): void {
  editorDb()
    .update(sessions)
    .set({ verifiedAt: now })
    .where(eq(sessions.idHash, hashId(id)))
    .run();
}

/** One of a person's live sessions, as their account page lists it. */
export interface SessionSummary {
  /** The session's stored id hash: names it in the "end this session" form, never usable as a cookie. */
  ref: string;
  createdAt: number;
  lastSeenAt: number;
  method: string;
  userAgent: string;
  current: boolean;
}

/** The live sessions of `userId`, newest first; `currentId` (the cookie value) is marked. */
export function listSessions(userId: number, currentId: string, now = Date.now()): SessionSummary[] {
  const currentHash = hashId(currentId);
  return editorDb()
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt))
    .all()
    .filter((s) => now - s.lastSeenAt <= editorConfig.idleTimeoutMs && now - s.createdAt <= editorConfig.absoluteTimeoutMs)
    .map((s) => ({
      ref: s.idHash,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      method: s.method,
      userAgent: s.userAgent,
      current: s.idHash === currentHash,
    }));
}

/** Ends one session of `userId` named by its `ref`; false when it is not theirs (or gone). */
export function endOwnSession(userId: number, ref: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(ref)) return false;
  return (
    editorDb()
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.idHash, ref)))
      .run().changes > 0
  );
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
  return { principal: toPrincipal(u), csrfToken: s.csrfToken, createdAt: s.createdAt, method: s.method, verifiedAt: s.verifiedAt };
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
