/**
 * Throttling of sign-in failures, kept in the editor database so that every replica counts the
 * same: per account and per client. Past the limit within the window the key is locked for the
 * lock-out time; each further failure while locked does not extend it (an attacker cannot keep a
 * victim locked longer than one lock-out per burst, ASVS 2.2.1).
 */
import { eq } from 'drizzle-orm';
import { throttles } from '../../db/editor/schema';
import { editorConfig } from './config';
import { editorDb } from './db';

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const clientKeyOf = (client: string) => `client:${client}`;

/** Until when `key` is locked (ms since epoch), or 0. */
export function lockedUntil(key: string, now = Date.now()): number {
  const row = editorDb().select().from(throttles).where(eq(throttles.key, key)).get();
  return row && row.lockedUntil > now ? row.lockedUntil : 0;
}

/** Counts a failure of `key`; locks it once `limit` failures fall within the window. */
export function recordFailure(key: string, limit: number, now = Date.now()): void {
  const db = editorDb();
  const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
  const fresh = !row || now - row.windowStart > editorConfig.failureWindowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const windowStart = fresh ? now : row.windowStart;
  const locked = row && row.lockedUntil > now ? row.lockedUntil : failures >= limit ? now + editorConfig.lockoutMs : 0;
  db.insert(throttles)
    .values({ key, failures, windowStart, lockedUntil: locked })
    .onConflictDoUpdate({ target: throttles.key, set: { failures, windowStart, lockedUntil: locked } })
    .run();
}

/** Forgets the failures of `key` (after a successful sign-in of that account). */
export function clearFailures(key: string): void {
  editorDb().delete(throttles).where(eq(throttles.key, key)).run();
}
