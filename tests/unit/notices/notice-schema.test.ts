/** The notices' zod schema (import and editor form alike): dates, their order, text, links; markup stays text. */
import { describe, expect, it } from 'vitest';
import { describeIssue, formatPath, noticeSchema } from '../../../src/data-import/schemas';

const valid = {
  id: 'sprechstunde-celle',
  scope: 'pi:pi-celle',
  text: 'Die Sprechstunde entfällt am 24.12.',
  isDemo: false,
  updatedAt: '2026-12-01',
};

/** The fields with errors and their German messages. */
function problems(input: Record<string, unknown>): Record<string, string> {
  const result = noticeSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [formatPath(issue.path), describeIssue(issue)]));
}

describe('noticeSchema', () => {
  it('accepts a minimal notice and one with every field', () => {
    expect(problems(valid)).toEqual({});
    expect(
      problems({
        ...valid,
        scope: 'station:polizeistation-wathlingen',
        textEn: 'Office hours are cancelled on 24 December.',
        link: 'https://www.polizei.niedersachsen.de/dienststellen/',
        validFrom: '2026-12-20',
        validUntil: '2026-12-24',
      }),
    ).toEqual({});
    expect(problems({ ...valid, scope: 'state' })).toEqual({});
    expect(problems({ ...valid, validFrom: '2026-12-24', validUntil: '2026-12-24' })).toEqual({});
  });

  it('refuses dates that are not YYYY-MM-DD or do not exist', () => {
    for (const day of ['24.12.2026', '2026-13-01', '2026-02-30', '2026-12-24T10:00', '', '2026-1-1'])
      expect(problems({ ...valid, validUntil: day }).validUntil, day).toMatch(/JJJJ-MM-TT/);
    expect(problems({ ...valid, validFrom: '2026-02-29' }).validFrom).toMatch(/JJJJ-MM-TT/);
    expect(problems({ ...valid, validFrom: '2028-02-29' })).toEqual({});
  });

  it('refuses an end before the start', () => {
    expect(problems({ ...valid, validFrom: '2026-12-24', validUntil: '2026-12-23' })).toEqual({
      validUntil: expect.stringMatching(/Ende \(validUntil\) liegt vor dem Beginn/) as string,
    });
  });

  it('refuses an empty, a blank and a too long text, and control characters', () => {
    expect(problems({ ...valid, text: '' }).text).toBe('darf nicht leer sein');
    expect(problems({ ...valid, text: '  \n ' }).text).toBe('darf nicht leer sein');
    expect(problems({ ...valid, text: 'x'.repeat(501) }).text).toMatch(/zu groß \(Maximum 500\)/);
    expect(problems({ ...valid, text: 'x'.repeat(500) })).toEqual({});
    expect(problems({ ...valid, text: 'a\u0000b' }).text).toMatch(/Steuerzeichen/);
    expect(problems({ ...valid, textEn: '' }).textEn).toBe('darf nicht leer sein');
    const { text: _text, ...withoutText } = valid;
    expect(problems(withoutText).text).toBe('Pflichtfeld fehlt');
  });

  it('keeps HTML and script as the text it is (escaped where shown, never stripped)', () => {
    const text = '<script>alert(1)</script><img src=x onerror=alert(2)> & "Zitat"';
    const parsed = noticeSchema.parse({ ...valid, text, textEn: text });
    expect(parsed.text).toBe(text);
    expect(parsed.textEn).toBe(text);
  });

  it('accepts https links only', () => {
    for (const link of [
      'http://example.org/',
      'javascript:alert(1)',
      'https://',
      'https://localhost/',
      '//example.org/x',
      'data:text/html,x',
    ])
      expect(problems({ ...valid, link }).link, link).toMatch(/https-Adresse/);
  });

  it('knows four kinds of scope and nothing else', () => {
    for (const scope of ['land', 'pd:', 'pi:PI Celle', 'kreis:03351', 'station:a b', 'state:x'])
      expect(problems({ ...valid, scope }).scope, scope).toMatch(/erwartet "state"/);
  });

  it('refuses unknown fields', () => {
    expect(problems({ ...valid, html: '<b>x</b>' })._ ?? problems({ ...valid, html: '<b>x</b>' })['']).toMatch(/unbekanntes Feld "html"/);
  });
});
