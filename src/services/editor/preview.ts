/**
 * The preview: the published content with every live draft, built into a snapshot of its own
 * (the same build as publishing, beside the editor database) and rendered by the citizens' own
 * pages under /redaktion/vorschau/… (src/middleware/editor.ts rewrites there with this Portal).
 * Never the live snapshot: citizens never see a draft.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { defaultEditorDatabasePath } from '../../db/editor/client';
import { openPortal } from '../snapshot';
import type { Portal } from '../portal';
import { contentWithDrafts } from './drafts';
import { buildSnapshot } from './publish';
import { canRead, type Principal } from './access';

export const PREVIEW_ROOT = '/redaktion/vorschau';

/** Each person's preview has its own file: it holds only the drafts of their area. */
export const previewPath = (userId: number) => path.join(path.dirname(path.resolve(defaultEditorDatabasePath())), `preview-${userId}.db`);

const loaded = new Map<number, { key: string; portal: Portal; close: () => void }>();

/** Builds `who`'s preview snapshot from the drafts they may read, as they are now. */
export async function buildPreview(who: Principal): Promise<{ dataVersion: string }> {
  return buildSnapshot(
    contentWithDrafts(undefined, (draft) => canRead(who, JSON.parse(draft.scopes) as string[])),
    previewPath(who.id),
  );
}

/** `who`'s preview Portal, reloaded when the file was rebuilt; null before their first preview build. */
export function previewPortal(who: Principal): Portal | null {
  const file = previewPath(who.id);
  let key: string;
  try {
    key = String(statSync(file).mtimeMs);
  } catch {
    return null;
  }
  const current = loaded.get(who.id);
  if (current?.key === key) return current.portal;
  const next = { key, ...openPortal(file) };
  loaded.set(who.id, next);
  // A request may still render from the old one: closed a little later.
  if (current) setTimeout(current.close, 60_000).unref();
  return next.portal;
}
