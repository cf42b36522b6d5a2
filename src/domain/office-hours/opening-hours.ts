/**
 * Office hours and Sprechstunden as data: OpenStreetMap `opening_hours` syntax
 * (https://wiki.openstreetmap.org/wiki/Key:opening_hours), read with the opening_hours library,
 * with the public holidays of Niedersachsen ("PH") and times on a Berlin clock.
 *
 *   "Mo-Fr 08:00-16:00; PH off"        Monday to Friday 8–16, closed on public holidays
 *   "We 14:00-16:00; PH off"           a KOBB's Sprechstunde on Wednesdays
 *   "Tu,Th 16:00-18:00; PH off"        two afternoons
 *   "24/7"                             round the clock
 */
import OpeningHoursRules from 'opening_hours';
import { berlinWallClock, instantOfWallClock, wallTimeOf, type WallTime } from './berlin-time';

/** Where "PH" (public holiday) means the holidays of Niedersachsen. */
const NIEDERSACHSEN = { lat: 52.64, lon: 9.85, address: { country_code: 'de', state: 'Niedersachsen' } };
/** Time ranges, warnings down to notices, messages in German (the editors' language). */
const STRICT = { mode: 0, tag_key: 'opening_hours', map_value: false, warnings_severity: 5, locale: 'de' } as const;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Days with the same hours, e.g. Monday to Friday 08:00–16:00. */
export interface WeeklySlot {
  days: Weekday[];
  /** "08:00"–"16:00"; "24:00" for the end of the day. */
  intervals: Array<{ from: string; to: string }>;
}

export interface OfficeHours {
  /** The value as written in the data (OSM syntax). */
  value: string;
  /** A week without public holidays, days with equal hours grouped, Monday first. */
  weekly: WeeklySlot[];
  /** Open on every day at every hour. */
  alwaysOpen: boolean;
  /** What the value says about public holidays in Niedersachsen. */
  holidays: 'closed' | 'open' | 'unstated';
  /** Comments in the value ("nach Vereinbarung"), German as written. */
  comments: string[];
}

/** One Sprechstunde (or opening) on a Berlin clock, and as instants (ISO 8601, UTC). */
export interface Session {
  start: WallTime;
  end: WallTime;
  startsAt: string;
  endsAt: string;
}

export type OpeningHoursReading = { ok: true; hours: OfficeHours } | { ok: false; problems: string[] };

// A week in which Niedersachsen has no public holiday, to describe the usual week.
const REFERENCE_MONDAY = new Date(2026, 0, 12);
const DAY_MS = 86_400_000;

const parsed = new Map<string, OpeningHoursRules>();

function rules(value: string): OpeningHoursRules {
  let found = parsed.get(value);
  if (!found) {
    found = new OpeningHoursRules(value, NIEDERSACHSEN, STRICT);
    parsed.set(value, found);
  }
  return found;
}

/**
 * Reads a value strictly: a syntax error or any warning of the library (missing minutes, German
 * day names, no rule for public holidays, …) is a problem, in German, for the editor.
 */
export function readOpeningHours(value: string): OpeningHoursReading {
  const text = value.trim();
  if (text === '') return { ok: false, problems: ['leer'] };
  let parsedRules: OpeningHoursRules;
  try {
    parsedRules = new OpeningHoursRules(text, NIEDERSACHSEN, STRICT);
  } catch (error) {
    return { ok: false, problems: [firstSentence(String(error))] };
  }
  const warnings = parsedRules.getWarnings();
  if (warnings.length > 0) return { ok: false, problems: warnings.map(firstSentence) };
  parsed.set(text, parsedRules);
  return { ok: true, hours: describe(text, parsedRules) };
}

/** A value already validated (at import): its description. Throws on an invalid value. */
export function officeHours(value: string): OfficeHours {
  return describe(value, rules(value));
}

/**
 * The sessions that have not ended at `now`, in order, within `days` days, at most `count`:
 * public holidays of Niedersachsen as the value says, times on a Berlin clock.
 */
export function upcomingSessions(value: string, now: Date, { count = 5, days = 60 } = {}): Session[] {
  const wallNow = berlinWallClock(now);
  // From the start of the day, so that a session under way keeps its real start.
  const from = new Date(wallNow.getFullYear(), wallNow.getMonth(), wallNow.getDate());
  const to = new Date(from.getTime() + days * DAY_MS);
  return rules(value)
    .getOpenIntervals(from, to)
    .filter(([, end]) => end.getTime() > wallNow.getTime())
    .slice(0, count)
    .map(([start, end]) => ({
      start: wallTimeOf(start),
      end: wallTimeOf(end),
      startsAt: instantOfWallClock(start).toISOString(),
      endsAt: instantOfWallClock(end).toISOString(),
    }));
}

function describe(value: string, parsedRules: OpeningHoursRules): OfficeHours {
  const byDay: Array<{ day: Weekday; key: string; intervals: WeeklySlot['intervals'] }> = [];
  for (let i = 0; i < 7; i++) {
    const dayStart = new Date(REFERENCE_MONDAY.getFullYear(), REFERENCE_MONDAY.getMonth(), REFERENCE_MONDAY.getDate() + i);
    const dayEnd = new Date(dayStart.getFullYear(), dayStart.getMonth(), dayStart.getDate() + 1);
    const intervals = parsedRules.getOpenIntervals(dayStart, dayEnd).map(([start, end]) => ({
      from: wallTimeOf(start).time,
      to: end.getTime() >= dayEnd.getTime() ? '24:00' : wallTimeOf(end).time,
    }));
    byDay.push({ day: (i + 1) as Weekday, key: JSON.stringify(intervals), intervals });
  }
  const weekly: WeeklySlot[] = [];
  for (const entry of byDay) {
    if (entry.intervals.length === 0) continue;
    const same = weekly.find((slot) => JSON.stringify(slot.intervals) === entry.key);
    if (same) same.days.push(entry.day);
    else weekly.push({ days: [entry.day], intervals: entry.intervals });
  }
  const alwaysOpen = byDay.every((entry) => entry.key === JSON.stringify([{ from: '00:00', to: '24:00' }]));
  const holidayRule = value.split(';').find((rule) => /\bPH\b/.test(rule));
  const holidays =
    alwaysOpen && !holidayRule ? 'open' : !holidayRule ? 'unstated' : /\b(off|closed)\b/.test(holidayRule) ? 'closed' : 'open';
  const comments = [...value.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
  return { value, weekly, alwaysOpen, holidays, comments };
}

/** The library's messages are long; the first sentence says what is wrong. */
function firstSentence(message: string): string {
  const text = message.replace(/^Error:\s*/, '').trim();
  const cut = text.search(/[.!?](\s|\)|$)/);
  const sentence = cut > 0 ? text.slice(0, cut + 1) : text;
  const open = (sentence.match(/\(/g) ?? []).length - (sentence.match(/\)/g) ?? []).length;
  return sentence + ')'.repeat(Math.max(0, open));
}
