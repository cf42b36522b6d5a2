/** Which notices apply to a district on a day (Europe/Berlin), and when that answer next changes. */
import { describe, expect, it } from 'vitest';
import { applicableNotices, berlinDay, nextDay, validOn, type Notice, type NoticeTarget } from '../../../src/domain/notices';

const notice = (id: string, scope: string, from: string | null = null, until: string | null = null): Notice => ({
  id,
  scope: scope as Notice['scope'],
  text: id,
  textEn: null,
  link: null,
  validFrom: from,
  validUntil: until,
  isDemo: false,
  updatedAt: '2026-12-01',
});

const WATHLINGEN: NoticeTarget = { directorateId: 'pd-lueneburg', inspectionId: 'pi-celle', stationId: 'polizeistation-wathlingen' };
const HANNOVER: NoticeTarget = { directorateId: 'pd-hannover', inspectionId: 'pi-hannover', stationId: 'pk-hannover-mitte' };

const ALL = [
  notice('land', 'state'),
  notice('pd-lg', 'pd:pd-lueneburg'),
  notice('pi-celle', 'pi:pi-celle'),
  notice('pst-wathlingen', 'station:polizeistation-wathlingen', '2026-12-20', '2026-12-24'),
  notice('pd-h', 'pd:pd-hannover', null, '2026-12-31'),
  notice('pst-other', 'station:polizeistation-celle'),
];
const ids = (day: string, target = WATHLINGEN) => applicableNotices(ALL, target, day).notices.map((n) => n.id);

describe('applicableNotices', () => {
  it('shows a state-wide notice everywhere, a PD’s and PI’s on their districts, a station’s on the districts it serves', () => {
    expect(ids('2026-12-21')).toEqual(['pst-wathlingen', 'pi-celle', 'pd-lg', 'land']);
    expect(ids('2026-12-21', HANNOVER)).toEqual(['pd-h', 'land']);
    expect(ids('2026-12-21', { ...WATHLINGEN, stationId: null })).toEqual(['pi-celle', 'pd-lg', 'land']);
  });

  it('shows a dated notice from its first to its last day, both included, and not after', () => {
    expect(ids('2026-12-19')).not.toContain('pst-wathlingen');
    expect(ids('2026-12-20')).toContain('pst-wathlingen');
    expect(ids('2026-12-24')).toContain('pst-wathlingen');
    expect(ids('2026-12-25')).not.toContain('pst-wathlingen');
    expect(ids('2027-01-01', HANNOVER)).toEqual(['land']);
  });

  it('names the next day the list changes, so that no cache keeps it past that', () => {
    expect(applicableNotices(ALL, WATHLINGEN, '2026-12-05').nextChange).toBe('2026-12-20');
    expect(applicableNotices(ALL, WATHLINGEN, '2026-12-20').nextChange).toBe('2026-12-25');
    expect(applicableNotices(ALL, WATHLINGEN, '2026-12-25').nextChange).toBeNull();
    expect(applicableNotices(ALL, HANNOVER, '2026-12-31').nextChange).toBe('2027-01-01');
    // Another station's or area's dates do not shorten this district's caching.
    expect(applicableNotices(ALL, HANNOVER, '2026-12-05').nextChange).toBe('2027-01-01');
    expect(applicableNotices([notice('x', 'pi:pi-celle', '2026-12-20')], HANNOVER, '2026-12-05').nextChange).toBeNull();
  });
});

describe('dates', () => {
  it('counts days in the calendar, across months, years and leap days', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-03-28')).toBe('2026-03-29');
    expect(validOn({ validFrom: null, validUntil: null }, '2026-12-05')).toBe(true);
  });

  it('takes today from a Berlin clock, not the server’s time zone', () => {
    // 23:30 UTC on 24 December is already the 25th in Berlin (UTC+1); in summer (UTC+2) from 22:00 UTC.
    expect(berlinDay(new Date('2026-12-24T22:59:59Z'))).toBe('2026-12-24');
    expect(berlinDay(new Date('2026-12-24T23:00:00Z'))).toBe('2026-12-25');
    expect(berlinDay(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(berlinDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
