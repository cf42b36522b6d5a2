/**
 * Property tests (fast-check) of what reads citizens' raw input: the German text normaliser, the
 * address query parser, the place search and the account URL normaliser. For any string,
 * including lone surrogates, control characters, combining marks and huge inputs: they never
 * throw, the normaliser is idempotent, output is bounded, and the work is bounded — shown not by
 * timing but by the result depending only on a bounded prefix of the input.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_LENGTH, MAX_NORMALISED_LENGTH, normaliseText, parseAddressQuery, PlaceSearch } from '../../../src/domain/search';
import { MAX_ACCOUNT_INPUT_LENGTH, parseAccountInput } from '../../../src/domain/accounts';
import { PLATFORMS } from '../../../src/domain/model';
import { loadRealPlaces } from './real-data';

/** Characters that break naive text handling, mixed into otherwise ordinary German input. */
const TRICKY = [
  '\uD800',
  '\uDFFF',
  '\u0000',
  '\r\n',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u202E',
  '\u0308',
  '\u0301',
  'ß',
  'ẞ',
  'Ǽ',
  'ǿ',
  'Ä',
  'ö',
  'ü',
  'ﬀ',
  'Ⅻ',
  '①',
  'İ',
  'ı',
  'æ',
  '.',
  '..',
  '-',
  '/',
  '(',
  ')',
  ',',
  ' ',
  'a.',
  'd.',
  'str.',
  'St.',
  'pl.',
  'ue',
  'oe',
  'aee',
  '12a',
  '30159',
  '12-14',
  '12/1',
  '🚓',
  '\t',
];

/** Strings as citizens and attackers type them: any unicode, tricky fragments, digits, long runs. */
const input = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...TRICKY), { maxLength: 30 }).map((parts) => parts.join('')) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 5 })), { maxLength: 20 })
      .map((parts) => parts.join(' ')),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...TRICKY), fc.integer({ min: 100, max: 3_000 })).map(([part, times]) => part.repeat(times)),
  },
);

const RUNS = { numRuns: 400 };

describe('normaliseText', () => {
  it('never throws, is idempotent and bounded in length', () => {
    fc.assert(
      fc.property(input, (text) => {
        const once = normaliseText(text);
        expect(normaliseText(once)).toBe(once);
        expect(once.length).toBeLessThanOrEqual(MAX_NORMALISED_LENGTH);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/ {2}/);
      }),
      RUNS,
    );
  });

  it('reads only a bounded prefix of the input (bounded work)', () => {
    fc.assert(
      fc.property(input, input, (head, tail) => {
        const prefix = head.padEnd(MAX_INPUT_LENGTH, 'x').slice(0, MAX_INPUT_LENGTH);
        expect(normaliseText(prefix + tail)).toBe(normaliseText(prefix));
      }),
      RUNS,
    );
  });
});

describe('parseAddressQuery', () => {
  it('never throws; words are normalised, non-empty and bounded; numbers are in range', () => {
    fc.assert(
      fc.property(input, (text) => {
        const query = parseAddressQuery(text);
        expect(query.words.join(' ').length).toBeLessThanOrEqual(MAX_NORMALISED_LENGTH);
        for (const word of query.words) {
          expect(word).not.toBe('');
          expect(normaliseText(word)).toBe(word);
        }
        if (query.postcode !== null) expect(query.postcode).toMatch(/^\d{5}$/);
        if (query.postcodePrefix !== null) expect(query.postcodePrefix).toMatch(/^\d{3,4}$/);
        if (query.houseNumber !== null) {
          expect(query.houseNumber.number).toBeGreaterThanOrEqual(1);
          expect(query.houseNumber.number).toBeLessThanOrEqual(9999);
        }
      }),
      RUNS,
    );
  });

  it('reads only a bounded prefix of the input (bounded work)', () => {
    fc.assert(
      fc.property(input, input, (head, tail) => {
        const prefix = head.padEnd(MAX_INPUT_LENGTH, ' ').slice(0, MAX_INPUT_LENGTH);
        expect(parseAddressQuery(prefix + tail)).toEqual(parseAddressQuery(prefix));
      }),
      RUNS,
    );
  });
});

describe('PlaceSearch.search on the real places', () => {
  let search: PlaceSearch;
  beforeAll(() => {
    search = new PlaceSearch(loadRealPlaces());
  });

  it('never throws, respects the limit and gives the same answer twice', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: -5, max: 150 }), (text, limit) => {
        const results = search.search(text, limit);
        expect(results.length).toBeLessThanOrEqual(Math.max(0, Math.min(limit, 100)));
        expect(search.search(text, limit)).toEqual(results);
      }),
      { numRuns: 200 },
    );
  });

  it('answers a query and its normalised form alike', () => {
    fc.assert(
      fc.property(input, (text) => {
        const ids = (query: string) => search.search(query, 5).map((match) => `${match.type}:${match.ags ?? ''}:${match.postcode ?? ''}`);
        expect(ids(normaliseText(text))).toEqual(ids(normaliseText(normaliseText(text))));
      }),
      { numRuns: 200 },
    );
  });

  it('reads only a bounded prefix of the input (bounded work)', () => {
    fc.assert(
      fc.property(input, (tail) => {
        const prefix = 'Hannover '.repeat(60);
        expect(search.search(prefix + tail, 5)).toEqual(search.search(prefix, 5));
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseAccountInput (account URL normaliser)', () => {
  const platform = fc.option(fc.constantFrom(...PLATFORMS), { nil: null });
  const urlish = fc.oneof(
    input,
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc
      .tuple(
        fc.constantFrom(
          'https://x.com/',
          'https://www.instagram.com/',
          'https://www.facebook.com/',
          'https://mastodon.social/@',
          'https://bsky.app/profile/',
          'https://www.youtube.com/@',
          'https://www.tiktok.com/@',
          '@',
        ),
        input,
      )
      .map(([head, tail]) => head + tail),
  );

  it('never throws; keys and handle are bounded', () => {
    fc.assert(
      fc.property(urlish, platform, (text, hint) => {
        const parsed = parseAccountInput(text, hint);
        if (!parsed.ok) return;
        expect([...parsed.handle].length).toBeLessThanOrEqual(MAX_ACCOUNT_INPUT_LENGTH);
        for (const key of parsed.keys) {
          expect(PLATFORMS).toContain(key.platform);
          expect(key.key.length).toBeLessThanOrEqual(MAX_ACCOUNT_INPUT_LENGTH * 2);
        }
      }),
      RUNS,
    );
  });

  it('rejects oversized input before reading it (bounded work)', () => {
    fc.assert(
      fc.property(input, platform, (text, hint) => {
        const huge = text.padEnd(MAX_ACCOUNT_INPUT_LENGTH * 4 + 1, 'a');
        expect(parseAccountInput(huge, hint)).toEqual({ ok: false, problem: 'tooLong' });
      }),
      { numRuns: 100 },
    );
  });

  it('is idempotent: the handle it read, read again on its platform, gives the same keys', () => {
    fc.assert(
      fc.property(urlish, platform, (text, hint) => {
        const parsed = parseAccountInput(text, hint);
        if (!parsed.ok || parsed.platform === null || parsed.keys.length === 0) return;
        const again = parseAccountInput(parsed.handle, parsed.platform);
        expect(again.ok && again.keys).toEqual(parsed.keys);
      }),
      RUNS,
    );
  });
});
