import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedOsaDistance, osaDistance, relativeDistanceWithin } from '../../../src/domain/search/edit-distance';

describe('osaDistance: Levenshtein plus adjacent transpositions', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['celle', 'celle', 0],
    ['', 'celle', 5],
    ['cele', 'celle', 1],
    ['clele', 'celle', 1],
    ['hannover', 'hanover', 1],
    ['gottingen', 'goettingen', 1],
    ['ca', 'abc', 3],
    ['lüneburg', 'luneburg', 1],
    ['oldenburg', 'delmenhorst', 7],
  ])('%s ↔ %s = %d', (a, b, expected) => {
    expect(osaDistance(a, b)).toBe(expected);
    expect(osaDistance(b, a)).toBe(expected);
  });

  it('is the same for long words as for short ones (its rows grow with the word)', () => {
    const long = 'a'.repeat(300);
    expect(osaDistance(long, `${long}b`)).toBe(1);
    expect(osaDistance('abc', 'abd')).toBe(1);
  });
});

describe('boundedOsaDistance', () => {
  it('agrees with the full distance within the bound, and says max + 1 beyond it', () => {
    const pairs: Array<[string, string]> = [
      ['hauptstrasse', 'hauptstrase'],
      ['bahnhofstrasse', 'bahnhofsrase'],
      ['celle', 'hannover'],
      ['ab', 'ba'],
    ];
    for (const [a, b] of pairs) {
      const full = osaDistance(a, b);
      for (let max = 0; max <= 4; max++) expect(boundedOsaDistance(a, b, max)).toBe(full <= max ? full : max + 1);
    }
  });
});

/** The textbook full-matrix OSA distance, as the reference for the banded one. */
function referenceOsa(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Int32Array((a.length + 1) * width);
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const at = i * width + j;
      d[at] = Math.min(d[at - width]! + 1, d[at - 1]! + 1, d[at - width - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[at] = Math.min(d[at], d[at - 2 * width - 2]! + 1);
    }
  }
  return d[a.length * width + b.length]!;
}

describe('boundedOsaDistance against the full matrix', () => {
  // Few letters, so that repeats, swaps and near-misses are common.
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 14 });

  it('is exact within the bound and max + 1 beyond it, for any bound', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const full = referenceOsa(a, b);
        expect(boundedOsaDistance(a, b, max)).toBe(full <= max ? full : max + 1);
        expect(osaDistance(a, b)).toBe(full);
      }),
      { numRuns: 2000 },
    );
  });

  it('compares with a part of b (from, to) exactly as with that part as a string', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), fc.nat(), fc.nat(), (a, b, max, x, y) => {
        const from = x % (b.length + 1);
        const to = from + (y % (b.length - from + 1));
        expect(boundedOsaDistance(a, b, max, from, to)).toBe(boundedOsaDistance(a, b.slice(from, to), max));
        expect(relativeDistanceWithin(a, b, Math.max(a.length, to - from, 1), 0.45, from, to)).toBe(
          relativeDistanceWithin(a, b.slice(from, to), Math.max(a.length, to - from, 1), 0.45),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('relativeDistanceWithin', () => {
  it('gives distance / length up to the cap, Infinity beyond', () => {
    expect(relativeDistanceWithin('cele', 'celle', 5, 0.45)).toBeCloseTo(0.2);
    expect(relativeDistanceWithin('cele', 'celle', 5, 0.2)).toBeCloseTo(0.2);
    expect(relativeDistanceWithin('cele', 'celle', 5, 0.19)).toBe(Infinity);
    expect(relativeDistanceWithin('celle', 'celle', 5, 0)).toBe(0);
    expect(relativeDistanceWithin('celle', 'celle', 5, -0.01)).toBe(Infinity);
  });
});
