/** The editor's record sections: URL word (German, as citizens' URLs) ↔ entity. */
import type { Entity } from './records';

export const SECTIONS: Record<string, Entity> = { beamte: 'officer', konten: 'account', dienststellen: 'station', hinweise: 'notice' };
export const SECTION_OF: Record<Entity, string> = { officer: 'beamte', account: 'konten', station: 'dienststellen', notice: 'hinweise' };
/** The id of a record not yet created, in its form's address. */
export const NEW_RECORD = 'neu';
export const RECORD_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A record's display name in lists and drafts. */
export function recordLabel(
  entity: Entity,
  record: { id: string; name?: string; platform?: string; handle?: string; text?: string } | null,
  id: string,
): string {
  if (!record) return id;
  if (entity === 'notice') return record.text ? `${id}: ${record.text.length > 60 ? `${record.text.slice(0, 60)}…` : record.text}` : id;
  if (entity === 'account') return `${record.platform ?? ''}: ${record.handle ?? id}`;
  return record.name ?? id;
}
