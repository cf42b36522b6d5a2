/**
 * Edit distance shared by the place and the address search (one definition, one behaviour).
 *
 * Written here on purpose: the libraries at hand (fast-levenshtein, fastest-levenshtein) compute
 * plain Levenshtein to the end. The search needs adjacent transpositions as one edit ("Clele" →
 * "Celle"), a bound that stops as soon as a word cannot be within one or two edits (hundreds of
 * comparisons per keystroke), and no allocation per call. It is short and property-tested
 * (tests/unit/search).
 */

// Three DP rows, reused by every call and grown when a longer word comes: the searches compare
// hundreds of words per keystroke, and fresh arrays per comparison showed up in profiles.
let prevPrev = new Int32Array(64);
let prev = new Int32Array(64);
let row = new Int32Array(64);

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("Clele"). */
export function osaDistance(a: string, b: string): number {
  return boundedOsaDistance(a, b, Infinity);
}

/**
 * Like {@link osaDistance}, but gives up (returns `max + 1`) as soon as the distance must exceed
 * `max`: most comparisons only care whether a word is within one or two edits.
 */
export function boundedOsaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (n + 1 > row.length) {
    const size = 2 * (n + 1);
    [prevPrev, prev, row] = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n]!, max + 1);
}

/**
 * `osaDistance(a, b) / length` when that is at most `cap`, else Infinity: relative distances are
 * what the rankings compare, and the comparison can stop once the cap is out of reach.
 */
export function relativeDistanceWithin(a: string, b: string, length: number, cap: number): number {
  if (cap < 0) return Infinity;
  const maxEdits = Math.floor(cap * length + 1e-9);
  const edits = boundedOsaDistance(a, b, maxEdits);
  return edits <= maxEdits ? edits / length : Infinity;
}
