/**
 * Office hours and Sprechstunden in words, in one of the UI languages: "Montag bis Freitag
 * 8–16 Uhr, nicht an Feiertagen" / "Monday to Friday 08:00–16:00, not on public holidays",
 * and one session: "Mittwoch, 9. Dezember, 14–16 Uhr". The structure comes from the domain.
 */
import type { OfficeHours, Session, Weekday, WeeklySlot } from '../domain/office-hours';
import { languages, type Language } from './languages';
import { translator } from './index';

// 2024-01-01 was a Monday: day n of that week is ISO weekday n.
const weekdayDate = (day: Weekday) => new Date(Date.UTC(2024, 0, day, 12));

function weekdayName(day: Weekday, language: Language): string {
  return new Intl.DateTimeFormat(languages[language].locale, { weekday: 'long', timeZone: 'UTC' }).format(weekdayDate(day));
}

/** "14" or "14:30" in German (with "Uhr" after the range); "14:00" in English. */
function clock(time: string, language: Language): string {
  if (language !== 'de') return time;
  const [hours = '0', minutes = '00'] = time.split(':');
  return minutes === '00' ? String(Number(hours)) : `${Number(hours)}:${minutes}`;
}

function range({ from, to }: { from: string; to: string }, language: Language): string {
  return `${clock(from, language)}–${clock(to, language)}`;
}

function times(intervals: WeeklySlot['intervals'], language: Language): string {
  const t = translator(language);
  const list = new Intl.ListFormat(languages[language].locale, { type: 'conjunction' }).format(
    intervals.map((interval) => range(interval, language)),
  );
  return t('hours.times', { times: list });
}

/** "Montag bis Freitag", "Dienstag und Donnerstag", "Montag, Mittwoch und Freitag". */
function dayList(days: Weekday[], language: Language): string {
  const t = translator(language);
  const runs: Weekday[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const parts = runs.flatMap((run) =>
    run.length >= 3
      ? [t('hours.dayRange', { from: weekdayName(run[0]!, language), to: weekdayName(run.at(-1)!, language) })]
      : run.map((day) => weekdayName(day, language)),
  );
  return new Intl.ListFormat(languages[language].locale, { type: 'conjunction' }).format(parts);
}

/** The week in words, one entry per group of days, then the rule for public holidays. */
export function officeHoursLines(hours: OfficeHours, language: Language): string[] {
  const t = translator(language);
  const lines = hours.alwaysOpen
    ? [t('hours.alwaysOpen')]
    : hours.weekly.map((slot) => `${dayList(slot.days, language)} ${times(slot.intervals, language)}`);
  if (hours.weekly.length === 0) lines.push(t('hours.none'));
  if (hours.holidays === 'closed') lines.push(t('hours.holidaysClosed'));
  if (hours.holidays === 'open' && !hours.alwaysOpen) lines.push(t('hours.holidaysOpen'));
  return lines;
}

/** The week in one line: "Montag bis Freitag 8–16 Uhr; nicht an Feiertagen". */
export function officeHoursText(hours: OfficeHours, language: Language): string {
  return [...officeHoursLines(hours, language), ...hours.comments].join('; ');
}

/** One session: "Mittwoch, 9. Dezember, 14–16 Uhr" (the day, the date, the times; Berlin clock). */
export function sessionText(session: Session, language: Language): string {
  const t = translator(language);
  const [year, month, day] = session.start.date.split('-').map(Number);
  const date = new Intl.DateTimeFormat(languages[language].locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year!, month! - 1, day, 12)));
  const end = session.end.date === session.start.date ? session.end.time : '24:00';
  return t('hours.session', { date, times: times([{ from: session.start.time, to: end }], language) });
}
