/**
 * The editor's forms: which fields each record has, how a record becomes form values and back,
 * and the messages of the import's zod errors in the editor's language. The record that comes
 * back is checked by the import's schema (records.ts), not here: one rule, one place.
 */
import { AccountRegistry, parseAccountInput } from '../../domain/accounts';
import { PLATFORMS, type Platform } from '../../domain/model';
import type { AccountRecord, NoticeRecord, OfficerRecord, StationRecord } from '../../data-import/schemas';
import type { EditorKey } from '../../i18n/editor';
import type { AnyRecord, EditableContent, Entity, FieldError } from './records';

export type FieldKind = 'text' | 'email' | 'tel' | 'select' | 'list' | 'date' | 'textarea' | 'url';
export interface FieldSpec {
  name: string;
  label: EditorKey;
  kind: FieldKind;
  /** Choices of a select: value and label (a key of the editor strings, or the value itself). */
  options?: Array<{ value: string; label: string }>;
  /** The zod paths whose errors belong to this field. */
  paths: string[];
  autocomplete?: string;
}

export const today = () => new Date().toISOString().slice(0, 10);
const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function officerFields(stations: ReadonlyArray<{ id: string; name: string }>): FieldSpec[] {
  return [
    { name: 'name', label: 'field.name', kind: 'text', paths: ['name'], autocomplete: 'off' },
    { name: 'rank', label: 'field.rank', kind: 'text', paths: ['rank'] },
    { name: 'roleTitle', label: 'field.roleTitle', kind: 'text', paths: ['roleTitle'] },
    {
      name: 'role',
      label: 'field.role',
      kind: 'select',
      paths: ['role'],
      options: [
        { value: 'digital', label: 'field.role.digital' },
        { value: 'kobb', label: 'field.role.kobb' },
      ],
    },
    {
      name: 'stationId',
      label: 'field.stationId',
      kind: 'select',
      paths: ['stationId'],
      options: stations.map((s) => ({ value: s.id, label: s.name })),
    },
    { name: 'phone', label: 'field.phone', kind: 'tel', paths: ['phone'] },
    { name: 'email', label: 'field.email', kind: 'email', paths: ['email'] },
    { name: 'openingHours', label: 'field.openingHours', kind: 'text', paths: ['openingHours'] },
    { name: 'inspections', label: 'field.coversInspections', kind: 'list', paths: ['covers', 'covers.inspections'] },
    { name: 'districts', label: 'field.coversDistricts', kind: 'list', paths: ['covers.districts'] },
  ];
}

export function stationFields(inspections: ReadonlyArray<{ id: string; name: string }>): FieldSpec[] {
  return [
    { name: 'name', label: 'field.name', kind: 'text', paths: ['name'] },
    {
      name: 'kind',
      label: 'field.kind',
      kind: 'select',
      paths: ['kind'],
      options: ['Polizeiinspektion', 'Polizeikommissariat', 'Polizeistation'].map((v) => ({ value: v, label: v })),
    },
    {
      name: 'inspectionId',
      label: 'field.inspectionId',
      kind: 'select',
      paths: ['inspectionId'],
      options: inspections.map((i) => ({ value: i.id, label: i.name })),
    },
    { name: 'street', label: 'field.street', kind: 'text', paths: ['street'] },
    { name: 'postcode', label: 'field.postcode', kind: 'text', paths: ['postcode'] },
    { name: 'city', label: 'field.city', kind: 'text', paths: ['city'] },
    { name: 'phone', label: 'field.phone', kind: 'tel', paths: ['phone'] },
    { name: 'email', label: 'field.email', kind: 'email', paths: ['email'] },
    { name: 'openingHours', label: 'field.openingHours', kind: 'text', paths: ['openingHours'] },
    { name: 'districts', label: 'field.districts', kind: 'list', paths: ['districts'] },
  ];
}

export function accountFields(): FieldSpec[] {
  return [
    {
      name: 'platform',
      label: 'field.platform',
      kind: 'select',
      paths: ['platform'],
      options: PLATFORMS.map((p) => ({ value: p, label: p })),
    },
    { name: 'handle', label: 'field.handle', kind: 'text', paths: ['handle', 'url'] },
    { name: 'verifiedSince', label: 'field.verifiedSince', kind: 'date', paths: ['verifiedSince'] },
    { name: 'holders', label: 'field.holders', kind: 'list', paths: ['holders'] },
  ];
}

/**
 * A notice's fields. `scopes` are the areas the editor may choose (value: the notice's scope
 * notation, label: the area's name); a state-wide notice is offered to admins only.
 */
export function noticeFields(scopes: ReadonlyArray<{ value: string; label: string }>): FieldSpec[] {
  return [
    { name: 'scope', label: 'field.scope', kind: 'select', paths: ['scope'], options: [...scopes] },
    { name: 'text', label: 'field.noticeText', kind: 'textarea', paths: ['text'] },
    { name: 'textEn', label: 'field.noticeTextEn', kind: 'textarea', paths: ['textEn'] },
    { name: 'link', label: 'field.link', kind: 'url', paths: ['link'] },
    { name: 'validFrom', label: 'field.validFrom', kind: 'date', paths: ['validFrom'] },
    { name: 'validUntil', label: 'field.validUntil', kind: 'date', paths: ['validUntil'] },
  ];
}

/** A record as form values. */
export function toForm(entity: Entity, record: AnyRecord | null): Record<string, string> {
  if (!record) return {};
  if (entity === 'officer') {
    const o = record as OfficerRecord;
    return {
      name: o.name,
      rank: o.rank,
      roleTitle: o.roleTitle ?? '',
      role: o.role,
      stationId: o.stationId,
      phone: o.phone,
      email: o.email,
      openingHours: o.openingHours,
      inspections: (o.covers.inspections ?? []).join(', '),
      districts: (o.covers.districts ?? []).join(', '),
    };
  }
  if (entity === 'station') {
    const s = record as StationRecord;
    return {
      name: s.name,
      kind: s.kind,
      inspectionId: s.inspectionId,
      street: s.street,
      postcode: s.postcode,
      city: s.city,
      phone: s.phone,
      email: s.email,
      openingHours: s.openingHours,
      districts: s.districts.join(', '),
    };
  }
  if (entity === 'notice') {
    const n = record as NoticeRecord;
    return {
      scope: n.scope,
      text: n.text,
      textEn: n.textEn ?? '',
      link: n.link ?? '',
      validFrom: n.validFrom ?? '',
      validUntil: n.validUntil ?? '',
    };
  }
  const a = record as AccountRecord;
  return {
    platform: a.platform,
    handle: a.url.startsWith('/') ? a.handle : a.url,
    verifiedSince: a.verifiedSince,
    holders: a.holders.map((h) => `${h.type}:${h.id}`).join(', '),
  };
}

/** Form values as a record, over `existing` (fields the form does not show are kept). The import's schema checks it afterwards. */
export function fromForm(entity: Entity, id: string, values: Record<string, string>, existing: AnyRecord | null): Record<string, unknown> {
  const base = { ...(existing ?? { isDemo: false }), id, updatedAt: today() } as Record<string, unknown>;
  if (entity === 'officer') {
    const inspections = list(values.inspections ?? '');
    const districts = list(values.districts ?? '');
    return {
      ...base,
      name: values.name,
      rank: values.rank,
      roleTitle: values.roleTitle ? values.roleTitle : null,
      role: values.role,
      stationId: values.stationId,
      phone: values.phone,
      email: values.email,
      openingHours: values.openingHours,
      photo: (existing as OfficerRecord | null)?.photo ?? null,
      covers: { ...(inspections.length ? { inspections } : {}), ...(districts.length ? { districts } : {}) },
    };
  }
  if (entity === 'station') {
    return {
      ...base,
      name: values.name,
      kind: values.kind,
      inspectionId: values.inspectionId,
      street: values.street,
      postcode: values.postcode,
      city: values.city,
      phone: values.phone,
      email: values.email,
      openingHours: values.openingHours,
      districts: list(values.districts ?? ''),
    };
  }
  if (entity === 'notice') {
    // Empty optional fields are left out, as the data file leaves them out.
    const optional = (name: string) => {
      const value = (values[name] ?? '').trim();
      return value ? { [name]: value } : {};
    };
    const { textEn: _en, link: _link, validFrom: _from, validUntil: _until, ...kept } = base;
    return {
      ...kept,
      scope: values.scope,
      text: values.text,
      ...optional('textEn'),
      ...optional('link'),
      ...optional('validFrom'),
      ...optional('validUntil'),
    };
  }
  const holders = list(values.holders ?? '').map((item) => {
    const [type, ...rest] = item.split(':');
    return { type, id: rest.join(':') };
  });
  return { ...base, platform: values.platform, handle: values.handle, url: values.handle, verifiedSince: values.verifiedSince, holders };
}

/** The canonical profile address of a handle (what citizens' "Folgen" links open). */
export function canonicalUrl(platform: Platform, handle: string): string {
  const h = handle.replace(/^@/, '');
  switch (platform) {
    case 'x':
      return `https://x.com/${h}`;
    case 'instagram':
      return `https://www.instagram.com/${h}/`;
    case 'tiktok':
      return `https://www.tiktok.com/@${h}`;
    case 'facebook':
      return `https://www.facebook.com/${h}`;
    case 'youtube':
      return h.startsWith('UC') && h.length === 24 ? `https://www.youtube.com/channel/${h}` : `https://www.youtube.com/@${h}`;
    case 'mastodon': {
      const [user, host] = h.split('@');
      return `https://${host}/@${user}`;
    }
    case 'bluesky':
      return `https://bsky.app/profile/${h}`;
    case 'threads':
      return `https://www.threads.net/@${h}`;
    default:
      return `https://whatsapp.com/channel/${h}`;
  }
}

export type AccountProblem =
  | { field: 'handle'; kind: 'unreadable'; problem: string }
  | { field: 'handle'; kind: 'lookalike'; other: string; foreign: boolean }
  | { field: 'handle'; kind: 'duplicate'; other: string };

/**
 * Normalises an account's handle with the portal's account normaliser and refuses what the
 * account check would flag: an unreadable address, a look-alike of another official account,
 * an account already registered under another id. Returns the record with handle and URL set.
 */
export function checkAccount(
  record: Record<string, unknown>,
  content: EditableContent,
): { ok: true; record: Record<string, unknown> } | { ok: false; problem: AccountProblem } {
  const platform = (PLATFORMS as readonly string[]).includes(String(record.platform)) ? (record.platform as Platform) : null;
  const input = typeof record.handle === 'string' ? record.handle : '';
  const existing = content.accounts.find((a) => a.id === record.id);
  // A demo account keeps its portal page as URL; its handle stays as the demo data made it.
  if (existing?.url.startsWith('/') && input === existing.handle) return { ok: true, record: { ...record, url: existing.url } };
  const parsed = parseAccountInput(input, platform);
  if (!parsed.ok) return { ok: false, problem: { field: 'handle', kind: 'unreadable', problem: parsed.problem } };
  const others = content.accounts.filter((a) => a.id !== record.id);
  const registry = new AccountRegistry(others);
  const check = registry.check(input, platform);
  if (check.status === 'invalid') return { ok: false, problem: { field: 'handle', kind: 'unreadable', problem: check.problem } };
  if (check.status === 'official') return { ok: false, problem: { field: 'handle', kind: 'duplicate', other: check.matches[0]!.id } };
  if (check.foreignCharacters || check.lookalikes.length) {
    const other = check.lookalikes[0];
    return {
      ok: false,
      problem: {
        field: 'handle',
        kind: 'lookalike',
        other: other ? `${other.platform}:${other.handle}` : '—',
        foreign: check.foreignCharacters,
      },
    };
  }
  const finalPlatform = parsed.platform ?? platform ?? 'x';
  const handle = parsed.handle.replace(/^@/, '');
  return { ok: true, record: { ...record, platform: finalPlatform, handle, url: canonicalUrl(finalPlatform, handle) } };
}

/** The message key for a zod issue code (the German import message is shown beside it in German pages). */
export function zodKey(error: FieldError): EditorKey {
  if (error.message === 'Pflichtfeld fehlt' || error.message === 'darf nicht leer sein') return 'zod.required';
  if (error.message.includes('JJJJ-MM-TT')) return 'zod.date';
  if (error.message.includes('(validUntil)')) return 'zod.dateOrder';
  if (error.message.includes('https-Adresse')) return 'zod.https';
  if (error.code === 'invalid_value') return 'zod.choice';
  if (error.code === 'invalid_format') return error.message.includes('E-Mail') ? 'zod.email' : 'zod.format';
  if (error.code === 'too_small') return 'zod.tooShort';
  if (error.code === 'too_big') return 'zod.tooLong';
  return 'zod.invalid';
}

/** Errors grouped by form field (an error no field claims goes to "_", shown above the form). */
export function errorsByField(errors: readonly FieldError[], fields: readonly FieldSpec[]): Map<string, FieldError[]> {
  const out = new Map<string, FieldError[]>();
  for (const error of errors) {
    const path = error.field.replace(/\[\d+\].*$/, '');
    const field = fields.find((f) => f.paths.includes(error.field) || f.paths.includes(path))?.name ?? '_';
    out.set(field, [...(out.get(field) ?? []), error]);
  }
  return out;
}
