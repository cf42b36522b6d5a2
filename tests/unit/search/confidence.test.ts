/**
 * The one confidence rule (domain/search/confidence.ts): table-driven, and as properties over
 * any list of answers: a corrected answer is never gone to, and going needs a single exact place.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideSearch, MATCH_KINDS, weakerMatch, type RankedAnswer } from '../../../src/domain/search';

const answer = (over: Partial<RankedAnswer>): RankedAnswer => ({
  match: 'exact',
  place: 'm:03351006',
  target: '033510006',
  districts: 1,
  ...over,
});

describe('decideSearch', () => {
  it.each<[string, RankedAnswer[], ReturnType<typeof decideSearch>]>([
    ['nothing', [], { action: 'unknown' }],
    ['one exact place', [answer({})], { action: 'go', index: 0 }],
    ['one exact place after completions', [answer({ match: 'prefix', place: 'x' }), answer({})], { action: 'go', index: 1 }],
    [
      'one exact place with guesses after it',
      [answer({}), answer({ match: 'corrected', place: 'y', target: '2' })],
      { action: 'go', index: 0 },
    ],
    ['several postcodes of the same place', [answer({}), answer({})], { action: 'go', index: 0 }],
    ['two exact places', [answer({}), answer({ place: 'l:7', target: '034620005' })], { action: 'choose', reason: 'several' }],
    [
      'two exact places in the same district (a postcode over two municipalities)',
      [answer({ place: 'm:1' }), answer({ place: 'm:2' })],
      { action: 'choose', reason: 'several' },
    ],
    ['only completions', [answer({ match: 'prefix' })], { action: 'choose', reason: 'notExact' }],
    ['one corrected answer', [answer({ match: 'corrected' })], { action: 'guess' }],
    [
      'only corrected answers, however close',
      [answer({ match: 'corrected' }), answer({ match: 'corrected', place: 'z' })],
      { action: 'guess' },
    ],
    ['an exact place only outside Niedersachsen', [answer({ place: 'x:bremen', target: null })], { action: 'outside' }],
    [
      'inside and outside (Oldenburg)',
      [answer({ place: 'm:03403000' }), answer({ place: 'x:sh:Oldenburg in Holstein', target: null })],
      { action: 'choose', reason: 'several' },
    ],
    ['an unknown street in a town that is one district', [answer({})], { action: 'go', index: 0 }],
    [
      'a city divided into districts, or a street we do not know there',
      [answer({ place: 'm:03241001', target: '032410001', districts: 51 })],
      { action: 'choose', reason: 'partOfTown' },
    ],
    [
      'the city with its several postcodes',
      [
        answer({ place: 'm:03241001', target: '032410001', districts: 51 }),
        answer({ place: 'm:03241001', target: '032410001', districts: 51 }),
      ],
      { action: 'choose', reason: 'partOfTown' },
    ],
    [
      'an address, a street or a Stadtteil of that city',
      [answer({ place: 'd:032410001-33', target: '032410001-33' })],
      { action: 'go', index: 0 },
    ],
    [
      'a street crossing two Stadtteile',
      [
        answer({ place: 's:03241001:032410001-11:Vahrenwalder Straße', target: '032410001-11' }),
        answer({ place: 's:03241001:032410001-10:Vahrenwalder Straße', target: '032410001-10' }),
      ],
      { action: 'choose', reason: 'several' },
    ],
  ])('%s', (_name, answers, expected) => {
    expect(decideSearch(answers)).toEqual(expected);
  });
});

const anyAnswer: fc.Arbitrary<RankedAnswer> = fc.record({
  match: fc.constantFrom(...MATCH_KINDS),
  place: fc.constantFrom('m:1', 'm:2', 'l:3', 'd:4', 'x:5'),
  target: fc.option(fc.constantFrom('1', '2', '3'), { nil: null }),
  districts: fc.integer({ min: 0, max: 60 }),
});

describe('decideSearch, for any answers', () => {
  it('never goes to a corrected or prefix answer, nor to one outside Niedersachsen', () => {
    fc.assert(
      fc.property(fc.array(anyAnswer, { maxLength: 12 }), (answers) => {
        const decision = decideSearch(answers);
        if (decision.action !== 'go') return;
        const chosen = answers[decision.index]!;
        expect(chosen.match).toBe('exact');
        expect(chosen.target).not.toBeNull();
        expect(chosen.districts).toBe(1);
      }),
      { numRuns: 2_000 },
    );
  });

  it('goes only where every exact answer is the same place, and never where nothing is exact', () => {
    fc.assert(
      fc.property(fc.array(anyAnswer, { maxLength: 12 }), (answers) => {
        const exact = answers.filter((a) => a.match === 'exact');
        const decision = decideSearch(answers);
        if (decision.action === 'go') expect(new Set(exact.map((a) => a.place)).size).toBe(1);
        if (exact.length === 0) expect(['choose', 'guess', 'unknown']).toContain(decision.action);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never goes where the one place stands for several districts: it asks which part of town', () => {
    fc.assert(
      fc.property(fc.array(anyAnswer, { maxLength: 12 }), (answers) => {
        const decision = decideSearch(answers);
        const exact = answers.filter((a) => a.match === 'exact');
        const onePlaceInside = exact.length > 0 && new Set(exact.map((a) => a.place)).size === 1 && exact.every((a) => a.target !== null);
        if (onePlaceInside && exact[0]!.districts !== 1) {
          expect(decision).toEqual({ action: 'choose', reason: 'partOfTown' });
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('weakerMatch', () => {
  it.each([
    ['exact', 'exact', 'exact'],
    ['exact', 'prefix', 'prefix'],
    ['corrected', 'prefix', 'corrected'],
    ['exact', 'corrected', 'corrected'],
  ] as const)('%s and %s is %s', (a, b, expected) => {
    expect(weakerMatch(a, b)).toBe(expected);
    expect(weakerMatch(b, a)).toBe(expected);
  });
});
