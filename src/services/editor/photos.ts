/**
 * Officer photos: the type is read from the file's first bytes (JPEG, PNG, WebP), never from its
 * name or the browser's claim; the size is limited; SVG and everything else is refused.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { photos } from '../../db/editor/schema';
import { editorConfig } from './config';
import { editorDb } from './db';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type the bytes begin with, or null. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  const starts = (...values: number[]) => values.every((value, i) => bytes[i] === value);
  if (bytes.length >= 3 && starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (bytes.length >= 8 && starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (bytes.length >= 12 && starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

export const EXTENSION: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export type PhotoCheck = { ok: true; id: string; path: string } | { ok: false; problem: 'tooLarge' | 'notImage' | 'altMissing' };

/** Checks and stores an uploaded photo; its path (`/fotos/<hash>.<ext>`) goes into the officer record. */
export async function storePhoto(file: File, alt: string, uploadedBy: number): Promise<PhotoCheck> {
  if (file.size > editorConfig.maxPhotoBytes) return { ok: false, problem: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > editorConfig.maxPhotoBytes) return { ok: false, problem: 'tooLarge' };
  const type = sniffImage(bytes);
  if (!type) return { ok: false, problem: 'notImage' };
  if (!alt.trim()) return { ok: false, problem: 'altMissing' };
  const id = `${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}.${EXTENSION[type]}`;
  editorDb()
    .insert(photos)
    .values({
      id,
      contentType: type,
      bytes: bytes.byteLength,
      data: Buffer.from(bytes).toString('base64'),
      alt: alt.trim().slice(0, 300),
      uploadedBy,
      at: new Date().toISOString(),
    })
    .onConflictDoUpdate({ target: photos.id, set: { alt: alt.trim().slice(0, 300) } })
    .run();
  return { ok: true, id, path: `/fotos/${id}` };
}

export function photoById(id: string): { contentType: string; data: Buffer; alt: string } | null {
  const row = editorDb().select().from(photos).where(eq(photos.id, id)).get();
  return row ? { contentType: row.contentType, data: Buffer.from(row.data, 'base64'), alt: row.alt } : null;
}
