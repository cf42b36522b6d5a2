/**
 * Drafts: a proposed version of one record, saved with the import's validation, in scope, and
 * never over someone else's change (optimistic concurrency: the form carries the fingerprint of
 * the record it was loaded with; a save against another fingerprint is refused and the editor's
 * input is kept in the form). Then review (four eyes) and publish (publish.ts).
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { drafts, reviews, type DraftRow } from '../../db/editor/schema';
import { audit, type Actor } from './audit';
import { canEdit, canRead, canReview, type Principal } from './access';
import { editorConfig } from './config';
import { editorDb } from './db';
import {
  findRecord,
  publishedContent,
  scopesOf,
  validateRecord,
  withRecord,
  type AnyRecord,
  type EditableContent,
  type Entity,
  type FieldError,
  type Organisation,
} from './records';

export const LIVE_STATUSES = ['open', 'submitted', 'approved'] as const;

/** A stable fingerprint of a record (or of its absence). */
export function fingerprint(record: AnyRecord | null | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(record ?? null))
    .digest('base64url')
    .slice(0, 22);
}

export function liveDraft(entity: Entity, recordId: string): DraftRow | undefined {
  return editorDb()
    .select()
    .from(drafts)
    .where(and(eq(drafts.entity, entity), eq(drafts.recordId, recordId), inArray(drafts.status, [...LIVE_STATUSES])))
    .get();
}

export function draftById(id: number): DraftRow | undefined {
  return editorDb().select().from(drafts).where(eq(drafts.id, id)).get();
}

export const draftPayload = (draft: DraftRow): AnyRecord | null => (draft.payload ? (JSON.parse(draft.payload) as AnyRecord) : null);

/** The record as an editor sees it now: its live draft, else the published one. */
export function workingRecord(
  entity: Entity,
  recordId: string,
  content = publishedContent(),
): { record: AnyRecord | null; draft: DraftRow | undefined } {
  const draft = liveDraft(entity, recordId);
  return { record: draft ? draftPayload(draft) : (findRecord(content, entity, recordId) ?? null), draft };
}

/** The published content with every live draft applied (what a publish of everything would give): the preview. */
export function contentWithDrafts(base = publishedContent(), filter: (draft: DraftRow) => boolean = () => true): EditableContent {
  let content = base;
  for (const draft of editorDb()
    .select()
    .from(drafts)
    .where(inArray(drafts.status, [...LIVE_STATUSES]))
    .all()) {
    if (filter(draft)) content = withRecord(content, draft.entity, draft.recordId, draftPayload(draft));
  }
  return content;
}

export class AccessDenied extends Error {
  constructor(
    readonly action: string,
    readonly target: string,
  ) {
    super(`denied: ${action} ${target}`);
  }
}

/** Refuses (and audits) an action outside the principal's role or scope. */
export function deny(who: Principal, actor: Actor, action: string, target: string): never {
  audit(actor, action, 'denied', { target });
  throw new AccessDenied(action, target);
}

export type SaveResult =
  | { ok: true; draft: DraftRow }
  | { ok: false; kind: 'invalid'; errors: FieldError[] }
  | { ok: false; kind: 'conflict'; current: AnyRecord | null; updatedBy: number | null };

/**
 * Saves `input` (null: delete the record) as the draft of `entity` `recordId`, if the record is
 * still as the editor loaded it (`baseFingerprint`). Scope is checked before and after the change:
 * an editor can neither touch another area's record nor move one into another area.
 */
export function saveDraft(
  who: Principal,
  actor: Actor,
  entity: Entity,
  recordId: string,
  input: unknown,
  baseFingerprint: string,
  org: Organisation,
): SaveResult {
  const target = `${entity}:${recordId}`;
  const content = publishedContent();
  const preview = contentWithDrafts(content);
  const { record: current, draft } = workingRecord(entity, recordId, content);
  if (current && !canEdit(who, scopesOf(entity, current, preview, org))) deny(who, actor, 'draft.save', target);
  if (!current && who.role === 'reviewer') deny(who, actor, 'draft.save', target);
  let record: AnyRecord | null = null;
  if (input !== null) {
    const checked = validateRecord(entity, input);
    if (!checked.ok) {
      audit(actor, 'draft.save', 'failed', { target, after: { errors: checked.errors.map((e) => e.field) } });
      return { ok: false, kind: 'invalid', errors: checked.errors };
    }
    record = checked.record;
    if (record.id !== recordId && current)
      return { ok: false, kind: 'invalid', errors: [{ field: 'id', code: 'custom', message: 'Die Kennung kann nicht geändert werden' }] };
    if (!canEdit(who, scopesOf(entity, record, withRecord(preview, entity, recordId, record), org))) deny(who, actor, 'draft.save', target);
  }
  if (fingerprint(current) !== baseFingerprint) {
    audit(actor, 'draft.save', 'failed', { target, after: { reason: 'conflict' } });
    return { ok: false, kind: 'conflict', current, updatedBy: draft?.updatedBy ?? null };
  }
  const db = editorDb();
  const now = new Date().toISOString();
  const scopes = JSON.stringify(
    record ? scopesOf(entity, record, withRecord(preview, entity, recordId, record), org) : scopesOf(entity, current!, preview, org),
  );
  const saved = db.transaction((tx) => {
    // Re-read inside the transaction: two saves racing on the same version, only one wins.
    const live = tx
      .select()
      .from(drafts)
      .where(and(eq(drafts.entity, entity), eq(drafts.recordId, recordId), inArray(drafts.status, [...LIVE_STATUSES])))
      .get();
    if ((live?.version ?? 0) !== (draft?.version ?? 0)) return null;
    const payload = record ? JSON.stringify(record) : null;
    if (live) {
      return tx
        .update(drafts)
        .set({ payload, scopes, status: 'open', version: live.version + 1, updatedBy: who.id, updatedAt: now })
        .where(eq(drafts.id, live.id))
        .returning()
        .get();
    }
    return tx
      .insert(drafts)
      .values({ entity, recordId, payload, scopes, status: 'open', version: 1, createdBy: who.id, updatedBy: who.id, updatedAt: now })
      .returning()
      .get();
  });
  if (!saved) return { ok: false, kind: 'conflict', current: workingRecord(entity, recordId).record, updatedBy: null };
  audit(actor, 'draft.save', 'ok', { target, before: current, after: record });
  return { ok: true, draft: saved };
}

/** The drafts a principal may see (their scopes; admins all). */
export function visibleDrafts(who: Principal, statuses: readonly DraftRow['status'][] = LIVE_STATUSES): DraftRow[] {
  return editorDb()
    .select()
    .from(drafts)
    .where(inArray(drafts.status, [...statuses]))
    .orderBy(drafts.updatedAt)
    .all()
    .filter((draft) => canRead(who, JSON.parse(draft.scopes) as string[]));
}

/** A draft the principal may read, or a denial (audited). */
export function readableDraft(who: Principal, actor: Actor, id: number): DraftRow | undefined {
  const draft = draftById(id);
  if (draft && !canRead(who, JSON.parse(draft.scopes) as string[])) deny(who, actor, 'draft.read', `draft:${id}`);
  return draft;
}

/** Submits a draft for review (its editor, or anyone who may edit it). */
export function submitDraft(who: Principal, actor: Actor, id: number): void {
  const draft = draftById(id);
  if (!draft || draft.status !== 'open') return;
  if (!canEdit(who, JSON.parse(draft.scopes) as string[])) deny(who, actor, 'draft.submit', `draft:${id}`);
  editorDb().update(drafts).set({ status: 'submitted' }).where(eq(drafts.id, id)).run();
  audit(actor, 'draft.submit', 'ok', { target: `${draft.entity}:${draft.recordId}` });
}

export type ReviewResult = { ok: true } | { ok: false; reason: 'ownDraft' | 'changed' | 'notFound' };

/**
 * A reviewer's decision on version `version` of a draft. With four eyes, nobody approves a draft
 * they changed themselves; a draft changed since the reviewer saw it is not decided.
 */
export function reviewDraft(
  who: Principal,
  actor: Actor,
  id: number,
  version: number,
  decision: 'approved' | 'rejected',
  comment = '',
): ReviewResult {
  const draft = draftById(id);
  if (!draft || !(LIVE_STATUSES as readonly string[]).includes(draft.status)) return { ok: false, reason: 'notFound' };
  const target = `${draft.entity}:${draft.recordId}`;
  if (!canReview(who, JSON.parse(draft.scopes) as string[])) deny(who, actor, 'draft.review', target);
  if (draft.version !== version) return { ok: false, reason: 'changed' };
  if (editorConfig.fourEyes && (draft.updatedBy === who.id || draft.createdBy === who.id)) {
    audit(actor, 'draft.review', 'denied', { target, after: { reason: 'four-eyes' } });
    return { ok: false, reason: 'ownDraft' };
  }
  const db = editorDb();
  db.insert(reviews)
    .values({
      draftId: id,
      draftVersion: version,
      reviewerId: who.id,
      decision,
      comment: comment.slice(0, 2000),
      at: new Date().toISOString(),
    })
    .run();
  db.update(drafts)
    .set({ status: decision === 'approved' ? 'approved' : 'open' })
    .where(eq(drafts.id, id))
    .run();
  audit(actor, `draft.${decision === 'approved' ? 'approve' : 'reject'}`, 'ok', { target, after: { version, comment } });
  return { ok: true };
}

/** Drops a draft (its editors or an admin). */
export function discardDraft(who: Principal, actor: Actor, id: number): void {
  const draft = draftById(id);
  if (!draft || !(LIVE_STATUSES as readonly string[]).includes(draft.status)) return;
  if (!canEdit(who, JSON.parse(draft.scopes) as string[])) deny(who, actor, 'draft.discard', `draft:${id}`);
  editorDb().update(drafts).set({ status: 'discarded' }).where(eq(drafts.id, id)).run();
  audit(actor, 'draft.discard', 'ok', { target: `${draft.entity}:${draft.recordId}`, before: draftPayload(draft) });
}

/** Drafts ready to publish: approved ones, or with four eyes off every live one. */
export function publishableDrafts(): DraftRow[] {
  const statuses = editorConfig.fourEyes ? (['approved'] as const) : LIVE_STATUSES;
  return editorDb()
    .select()
    .from(drafts)
    .where(inArray(drafts.status, [...statuses]))
    .all();
}
