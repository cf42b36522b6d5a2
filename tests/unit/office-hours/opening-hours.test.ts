/** Office hours as data: strict reading, Niedersachsen's public holidays, Berlin time, words in each language. */
import { describe, expect, it } from 'vitest';
import { readOpeningHours, upcomingSessions, officeHours } from '../../../src/domain/office-hours';
import { officeHoursText, sessionText } from '../../../src/i18n/office-hours';

describe('readOpeningHours', () => {
  it.each(['Mo-Fr 08:00-16:00; PH off', 'We 14:00-16:00; PH off', 'Tu,Th 16:00-18:00; PH off', '24/7'])('accepts %s', (value) => {
    expect(readOpeningHours(value).ok).toBe(true);
  });

  it.each([
    ['Mi 14-16 Uhr', /"We"/],
    ['We 14:00-16:00', /PH/],
    ['Mo-Fr 25:00-26:00', /außerhalb des aktuellen Tages/],
    ['Sprechstunde nach Vereinbarung', /Unerwartetes Zeichen/],
    ['', /leer/],
  ])('rejects %j with a German reason', (value, reason) => {
    const reading = readOpeningHours(value);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problems.join(' ')).toMatch(reason);
  });
});

describe('upcomingSessions', () => {
  it('skips public holidays of Niedersachsen (Christi Himmelfahrt 2026, Reformationstag)', () => {
    const may = upcomingSessions('Th 14:00-16:00; PH off', new Date('2026-05-11T08:00:00Z'), { count: 2 });
    expect(may.map((s) => s.start.date)).toEqual(['2026-05-21', '2026-05-28']);
    // 31 October is a holiday in Niedersachsen since 2018 (not in every state).
    const october = upcomingSessions('Fr 10:00-12:00; PH off', new Date('2025-10-27T08:00:00Z'), { count: 1 });
    expect(october[0]!.start.date).toBe('2025-11-07');
  });

  it('reads times on a Berlin clock in winter and in summer', () => {
    const [winter] = upcomingSessions('We 14:00-16:00; PH off', new Date('2026-12-07T12:00:00Z'), { count: 1 });
    expect(winter).toMatchObject({ start: { date: '2026-12-09', time: '14:00' }, startsAt: '2026-12-09T13:00:00.000Z' });
    const [summer] = upcomingSessions('We 14:00-16:00; PH off', new Date('2026-07-06T12:00:00Z'), { count: 1 });
    expect(summer).toMatchObject({ start: { date: '2026-07-08', time: '14:00' }, startsAt: '2026-07-08T12:00:00.000Z' });
  });

  it('keeps the real start of a session under way and drops the one that ended', () => {
    const during = upcomingSessions('We 14:00-16:00; PH off', new Date('2026-12-09T14:30:00Z'), { count: 1 });
    expect(during[0]).toMatchObject({ start: { date: '2026-12-09', time: '14:00' }, end: { time: '16:00' } });
    const after = upcomingSessions('We 14:00-16:00; PH off', new Date('2026-12-09T15:30:00Z'), { count: 1 });
    expect(after[0]!.start.date).toBe('2026-12-16');
  });
});

describe('office hours in words', () => {
  it('groups days and says what happens on public holidays, in German and English', () => {
    const station = officeHours('Mo-Fr 07:00-19:00; Sa 08:00-12:00; PH off');
    expect(officeHoursText(station, 'de')).toBe('Montag bis Freitag 7–19 Uhr; Samstag 8–12 Uhr; nicht an Feiertagen');
    expect(officeHoursText(station, 'en')).toBe('Monday to Friday 07:00–19:00; Saturday 08:00–12:00; not on public holidays');
    expect(officeHoursText(officeHours('Tu,Th 16:00-18:00; PH off'), 'de')).toBe('Dienstag und Donnerstag 16–18 Uhr; nicht an Feiertagen');
    expect(officeHoursText(officeHours('24/7'), 'en')).toBe('24 hours a day, every day');
  });

  it('writes one session the way the page shows it', () => {
    const [next] = upcomingSessions('We 14:00-16:00; PH off', new Date('2026-12-07T12:00:00Z'), { count: 1 });
    expect(sessionText(next!, 'de')).toBe('Mittwoch, 9. Dezember, 14–16 Uhr');
    expect(sessionText(next!, 'en')).toBe('Wednesday 9 December, 14:00–16:00');
  });
});
