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
    const pairs: Array<[string, string]> = [['hauptstrasse', 'hauptstrase'], ['bahnhofstrasse', 'bahnhofsrase'], ['celle', 'hannover'], ['ab', 'ba']];
    for (const [a, b] of pairs) {
      const full = osaDistance(a, b);
      for (let max = 0; max <= 4; max++) expect(boundedOsaDistance(a, b, max)).toBe(full <= max ? full : max + 1);
    }
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
