/**
 * The editable data: officers, accounts, stations and notices, as the `data/` files hold them. The current
 * published content is the newest published version in the editor database or, before the first
 * publish, the files in the data directory. Records are checked with the import's own zod schemas.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { desc } from 'drizzle-orm';
import type { z } from 'zod';
import { publishedVersions } from '../../db/editor/schema';
import {
  accountSchema,
  describeIssue,
  formatPath,
  noticeSchema,
  officerSchema,
  stationSchema,
  type AccountRecord,
  type NoticeRecord,
  type OfficerRecord,
  type StationRecord,
} from '../../data-import/schemas';
import { SOURCE_FILES } from '../../data-import/source-records';
import { editorDb } from './db';
import { recordScopes } from './access';
import { readNoticeScope } from '../../domain/notices';

export type Entity = 'officer' | 'account' | 'station' | 'notice';
export const ENTITIES: readonly Entity[] = ['officer', 'account', 'station', 'notice'];

export interface EditableContent {
  officers: OfficerRecord[];
  accounts: AccountRecord[];
  stations: StationRecord[];
  notices: NoticeRecord[];
}
export type RecordOf<E extends Entity> = E extends 'officer'
  ? OfficerRecord
  : E extends 'account'
    ? AccountRecord
    : E extends 'notice'
      ? NoticeRecord
      : StationRecord;
export type AnyRecord = OfficerRecord | AccountRecord | StationRecord | NoticeRecord;

export const LIST: Record<Entity, keyof EditableContent> = {
  officer: 'officers',
  account: 'accounts',
  station: 'stations',
  notice: 'notices',
};
export const SCHEMAS: Record<Entity, z.ZodType> = {
  officer: officerSchema,
  account: accountSchema,
  station: stationSchema,
  notice: noticeSchema,
};
/** The data/ file of each entity (as the import names them). */
export const FILES: Record<keyof EditableContent, string> = {
  officers: SOURCE_FILES.officers,
  accounts: SOURCE_FILES.accounts,
  stations: SOURCE_FILES.stations,
  notices: SOURCE_FILES.notices,
};

export const dataDir = () => process.env.DATA_DIR || 'data';

/** The content of the newest published version, else the data directory's files. */
export function publishedContent(dir = dataDir()): EditableContent {
  const newest = editorDb().select().from(publishedVersions).orderBy(desc(publishedVersions.id)).limit(1).get();
  if (newest) return contentOf(newest.content);
  return readContentFromFiles(dir);
}

/** A published version's content; versions from before notices were editable have none. */
export function contentOf(json: string): EditableContent {
  return { notices: [], ...(JSON.parse(json) as Omit<EditableContent, 'notices'> & Partial<EditableContent>) };
}

export function readContentFromFiles(dir: string): EditableContent {
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as never;
  // The notices file is optional for the import (no file, no notices).
  const optional = (file: string) => (existsSync(path.join(dir, file)) ? read(file) : ([] as never));
  return {
    officers: read(FILES.officers),
    accounts: read(FILES.accounts),
    stations: read(FILES.stations),
    notices: optional(FILES.notices),
  };
}

export function listOf<E extends Entity>(content: EditableContent, entity: E): RecordOf<E>[] {
  return content[LIST[entity]] as RecordOf<E>[];
}

export function findRecord<E extends Entity>(content: EditableContent, entity: E, id: string): RecordOf<E> | undefined {
  return listOf(content, entity).find((record) => record.id === id);
}

/** `content` with `record` put in place of the one with its id (added when new), or removed (null). */
export function withRecord(content: EditableContent, entity: Entity, id: string, record: AnyRecord | null): EditableContent {
  const key = LIST[entity];
  const list = (content[key] as AnyRecord[]).filter((r) => r.id !== id);
  if (record) {
    const index = (content[key] as AnyRecord[]).findIndex((r) => r.id === id);
    list.splice(index < 0 ? list.length : index, 0, record);
  }
  return { ...content, [key]: list };
}

export interface FieldError {
  /** "email", "covers.districts[0]" */
  field: string;
  code: string;
  /** The import's German message. */
  message: string;
}

/** Checks a record with the import's schema; the record as the import would read it, or the field errors. */
export function validateRecord(entity: Entity, input: unknown): { ok: true; record: AnyRecord } | { ok: false; errors: FieldError[] } {
  const result = SCHEMAS[entity].safeParse(input);
  if (result.success) return { ok: true, record: result.data as AnyRecord };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ field: formatPath(issue.path) || '_', code: issue.code, message: describeIssue(issue) })),
  };
}

/** The organisation the scopes are drawn from: inspection → directorate. */
export interface Organisation {
  directorateOf: ReadonlyMap<string, string>;
  inspections: ReadonlyArray<{ id: string; name: string; directorateId: string }>;
  directorates: ReadonlyArray<{ id: string; name: string }>;
}

/**
 * The scopes a record belongs to (its inspection's and directorate's), given the content it lives
 * in. A notice belongs to the area it is for: a PD notice to `pd:`, a PI or station notice to its
 * inspection and directorate; a state-wide notice to no area, so only admins may touch it.
 */
export function scopesOf(entity: Entity, record: AnyRecord, content: EditableContent, org: Organisation): string[] {
  const ofInspection = (inspectionId: string | undefined) =>
    inspectionId ? recordScopes(inspectionId, org.directorateOf.get(inspectionId) ?? null) : [];
  const ofStation = (stationId: string) => ofInspection(content.stations.find((s) => s.id === stationId)?.inspectionId);
  if (entity === 'station') return ofInspection((record as StationRecord).inspectionId);
  if (entity === 'notice') {
    const { type, id } = readNoticeScope((record as NoticeRecord).scope);
    if (type === 'state' || id === null) return [];
    if (type === 'directorate') return [`pd:${id}`];
    if (type === 'inspection') return ofInspection(id);
    return ofStation(id);
  }
  if (entity === 'officer') return ofStation((record as OfficerRecord).stationId);
  const scopes = new Set<string>();
  for (const holder of (record as AccountRecord).holders) {
    const found =
      holder.type === 'officer'
        ? (() => {
            const officer = content.officers.find((o) => o.id === holder.id);
            return officer ? ofStation(officer.stationId) : [];
          })()
        : holder.type === 'station'
          ? ofStation(holder.id)
          : holder.type === 'inspection'
            ? ofInspection(holder.id)
            : [`pd:${holder.id}`];
    for (const scope of found) scopes.add(scope);
  }
  return [...scopes];
}
