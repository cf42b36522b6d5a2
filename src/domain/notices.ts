/**
 * Notices ("Aktuelle Hinweise"): short plain texts the web editors publish for an area (the whole
 * state, a Polizeidirektion, a Polizeiinspektion or a station's districts), optionally only
 * between two dates. One rule, one place: which notices apply to a district on a day, and on
 * which day that answer next changes (the import, the server and the editor all ask here).
 * Dates are calendar days in Europe/Berlin ("2026-12-24"); validUntil is the last day shown.
 */
import { berlinWallClock, wallTimeOf } from './office-hours/berlin-time';

/** Where a notice applies: `state`, `pd:<directorate id>`, `pi:<inspection id>`, `station:<station id>`. */
export type NoticeScope = 'state' | `pd:${string}` | `pi:${string}` | `station:${string}`;
export type NoticeScopeType = 'state' | 'directorate' | 'inspection' | 'station';

export interface Notice {
  id: string;
  scope: NoticeScope;
  /** German text (plain text, never HTML). */
  text: string;
  /** English text; null: the English page shows the German one, marked lang="de". */
  textEn: string | null;
  /** An https address with more on it; null: none. */
  link: string | null;
  /** First day shown (Berlin); null: from publishing on. */
  validFrom: string | null;
  /** Last day shown (Berlin); null: until taken down. */
  validUntil: string | null;
  isDemo: boolean;
  updatedAt: string;
}

/** The longest notice text: a notice is a line or two, not an article. */
export const NOTICE_MAX_LENGTH = 500;
/** The scope notation of notices (the editor's area ids with a state and a station form). */
export const NOTICE_SCOPE = /^(state|(pd|pi|station):[a-z0-9]+(-[a-z0-9]+)*)$/;

/** A scope's kind and the id it names (null for the state). */
export function readNoticeScope(scope: string): { type: NoticeScopeType; id: string | null } {
  if (scope === 'state') return { type: 'state', id: null };
  const [prefix, ...rest] = scope.split(':');
  const id = rest.join(':');
  return { type: prefix === 'pd' ? 'directorate' : prefix === 'pi' ? 'inspection' : 'station', id };
}

/** What a district belongs to, as far as notices care. */
export interface NoticeTarget {
  directorateId: string;
  inspectionId: string;
  stationId: string | null;
}

/** Whether `scope` covers a district belonging to `target`. */
export function scopeCovers(scope: string, target: NoticeTarget): boolean {
  const { type, id } = readNoticeScope(scope);
  if (type === 'state') return true;
  if (type === 'directorate') return id === target.directorateId;
  if (type === 'inspection') return id === target.inspectionId;
  return id !== null && id === target.stationId;
}

/** Whether a notice is shown on `day` (YYYY-MM-DD, Berlin): validFrom ≤ day ≤ validUntil, open ends open. */
export function validOn(notice: Pick<Notice, 'validFrom' | 'validUntil'>, day: string): boolean {
  return (notice.validFrom === null || notice.validFrom <= day) && (notice.validUntil === null || day <= notice.validUntil);
}

/** The day after `day` (YYYY-MM-DD), calendar arithmetic in UTC (no clock involved). */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Today's date in Europe/Berlin (YYYY-MM-DD), whatever the server's time zone. */
export function berlinDay(now: Date = new Date()): string {
  return wallTimeOf(berlinWallClock(now)).date;
}

/** Whether `day` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** Order of the scopes on a page: the nearest first (station, inspection, directorate, state). */
const SCOPE_ORDER: Record<NoticeScopeType, number> = { station: 0, inspection: 1, directorate: 2, state: 3 };

export interface ApplicableNotices {
  /** The notices shown on `day`, nearest scope first, then by id. */
  notices: Notice[];
  /**
   * The first day after `day` on which the list changes (a notice starts or its last day has
   * passed), or null when it only changes with the data: answers must not be kept past it.
   */
  nextChange: string | null;
}

/** The notices of `all` that apply to a district of `target` on `day`, and when that next changes. */
export function applicableNotices(all: readonly Notice[], target: NoticeTarget, day: string): ApplicableNotices {
  const covering = all.filter((notice) => scopeCovers(notice.scope, target));
  let nextChange: string | null = null;
  const later = (candidate: string) => {
    if (candidate > day && (nextChange === null || candidate < nextChange)) nextChange = candidate;
  };
  for (const notice of covering) {
    if (notice.validFrom !== null) later(notice.validFrom);
    if (notice.validUntil !== null) later(nextDay(notice.validUntil));
  }
  const notices = covering
    .filter((notice) => validOn(notice, day))
    .sort(
      (a, b) =>
        SCOPE_ORDER[readNoticeScope(a.scope).type] - SCOPE_ORDER[readNoticeScope(b.scope).type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  return { notices, nextChange };
}
