/**
 * Office hours for pages and downloads: the week in words in the page's language, the coming
 * sessions (public holidays of Niedersachsen left out, Berlin time), and a KOBB's coming
 * Sprechstunden as an iCalendar file (RFC 5545).
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { BERLIN, officeHours, upcomingSessions, type Session } from '../domain/office-hours';
import type { Officer, Station } from '../domain/model';
import { translator, type Language } from '../i18n';
import { officeHoursLines, sessionText } from '../i18n/office-hours';

/** How far ahead a page lists sessions for the browser to pick the next one from. */
const PAGE_SESSIONS = { count: 12, days: 120 };
/** What the calendar file holds. */
const CALENDAR_SESSIONS = { count: 10, days: 120 };

export interface HoursView {
  /** The usual week in words, then the rule for public holidays. */
  lines: string[];
  /** Comments of the value ("nach Vereinbarung"), German as written. */
  comments: string[];
  /** Coming sessions with their text: the page shows the first that has not ended (see OfficerCard). */
  upcoming: Array<{ endsAt: string; text: string }>;
}

/** Office hours in `language`, with the sessions from `now` on. */
export function hoursView(openingHours: string, language: Language, now = new Date()): HoursView {
  const hours = officeHours(openingHours);
  return {
    lines: officeHoursLines(hours, language),
    comments: hours.comments,
    upcoming: upcomingSessions(openingHours, now, PAGE_SESSIONS).map((session) => ({
      endsAt: session.endsAt,
      text: sessionText(session, language),
    })),
  };
}

/**
 * An officer's coming Sprechstunden as an iCalendar file: one event per session, local times
 * with TZID=Europe/Berlin and its VTIMEZONE, the station as the place.
 */
export function sprechstundenCalendar(
  officer: Officer,
  station: Station | null,
  pageUrl: string,
  language: Language,
  now = new Date(),
): string {
  const t = translator(language);
  // ical-generator writes a native Date's UTC fields as the local time of the event's TZID (it
  // converts only with a date library), so each session goes in as its Berlin clock reading.
  const clockReading = ({ date, time }: Session['start']) => new Date(`${date}T${time}:00Z`);
  const calendar = ical({
    prodId: { company: 'Polizei Niedersachsen', product: 'Revierfinder', language: language.toUpperCase() },
    name: t('hours.calendarName', { name: officer.name }),
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  const place = station ? `${station.name}, ${station.street}, ${station.postcode} ${station.city}` : undefined;
  const description = [
    t('hours.calendarDescription', { phone: officer.phone, email: officer.email }),
    officer.isDemo ? t('officer.demoLong') : '',
    pageUrl,
  ]
    .filter(Boolean)
    .join('\n');
  for (const session of upcomingSessions(officer.openingHours, now, CALENDAR_SESSIONS)) {
    calendar.createEvent({
      id: `${officer.id}-${session.start.date}-${session.start.time.replace(':', '')}@revierfinder`,
      start: clockReading(session.start),
      end: clockReading(session.end),
      timezone: BERLIN,
      stamp: now,
      summary: t('hours.calendarSummary', { name: officer.name }) + (officer.isDemo ? ` (${t('officer.demo')})` : ''),
      location: place ?? null,
      description,
      url: pageUrl,
    });
  }
  // TZURL points at a third-party site that some clients fetch; the VTIMEZONE itself is complete.
  return calendar.toString().replace(/^TZURL:.*\r\n/m, '');
}
