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
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("Clele"). */
export function osaDistance(a: string, b: string): number {
  return boundedOsaDistance(a, b, Infinity);
}

/**
 * Like {@link osaDistance}, but gives up (returns `max + 1`) as soon as the distance must exceed
 * `max`: most comparisons only care whether a word is within one or two edits. `b` may be given
 * as the part `b.slice(from, to)`, without making that string (the start of a name, a later word).
 *
 * Only the band of cells within `max` of the diagonal is computed (a path outside it costs more
 * than `max`), so a bounded comparison costs about (2·max + 1)·length steps, not length².
 */
export function boundedOsaDistance(a: string, b: string, max: number, from = 0, to = b.length): number {
  const m = a.length;
  const n = to - from;
  if (Math.abs(m - n) > max) return max + 1;
  // The distance never exceeds the longer length: the band need not be wider.
  const cap = Math.min(max, Math.max(m, n));
  // A wide band is worth a cheap check first: most comparisons of a query with a name are far
  // beyond the bound, and the letter counts alone tell so.
  if (cap >= MIN_CAP_FOR_COUNT_CHECK && letterCountBound(a, b, from, to) > cap) return max + 1;
  const beyond = cap + 1;
  if (n + 2 > rows[0].length) {
    const size = 2 * (n + 2);
    rows = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  let [prevPrev, prev, row] = rows;
  const firstHigh = Math.min(n, cap);
  for (let j = 0; j <= firstHigh; j++) prev[j] = j;
  if (firstHigh < n) prev[firstHigh + 1] = beyond;
  for (let i = 1; i <= m; i++) {
    const low = i - cap > 1 ? i - cap : 1;
    const high = i + cap < n ? i + cap : n;
    // The cells just outside the band count as out of reach (the first column is i itself).
    row[low - 1] = low === 1 ? i : beyond;
    if (high < n) row[high + 1] = beyond;
    let rowMin = low === 1 ? i : beyond;
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    let bBefore = low > 1 ? b.charCodeAt(from + low - 2) : -1;
    for (let j = low; j <= high; j++) {
      const bj = b.charCodeAt(from + j - 1);
      let d = prev[j - 1]! + (ai === bj ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < d) d = up;
      const left = row[j - 1]! + 1;
      if (left < d) d = left;
      if (ai === bBefore && aBefore === bj && j > 1) {
        const swap = prevPrev[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      row[j] = d;
      if (d < rowMin) rowMin = d;
      bBefore = bj;
    }
    if (rowMin > cap) return max + 1;
    const used = prevPrev;
    prevPrev = prev;
    prev = row;
    row = used;
  }
  const distance = prev[n]!;
  return distance <= cap ? distance : max + 1;
}

/** Below this bound the band is narrow enough that the letter-count check costs more than it saves. */
const MIN_CAP_FOR_COUNT_CHECK = 3;
/** Letter counts of a minus those of b, by char code modulo 256 (sharing a slot only weakens the bound). */
const countDifference = new Int32Array(256);

/**
 * A lower bound of the edit distance from the letters alone: every edit removes at most one
 * surplus letter of a (deleting or replacing it) and at most one missing letter (inserting or
 * replacing); swapping two neighbours changes neither. So the distance is at least the larger
 * of the two totals.
 */
function letterCountBound(a: string, b: string, from: number, to: number): number {
  const counts = countDifference;
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 255]!++;
  for (let j = from; j < to; j++) counts[b.charCodeAt(j) & 255]!--;
  // Each slot is read once (then cleared), through the letters that can have touched it. No
  // helper function: this runs for most comparisons, and a closure per call showed in profiles.
  let surplus = 0;
  let missing = 0;
  for (let i = 0; i < a.length; i++) {
    const slot = a.charCodeAt(i) & 255;
    const d = counts[slot]!;
    if (d > 0) surplus += d;
    else missing -= d;
    counts[slot] = 0;
  }
  for (let j = from; j < to; j++) {
    const slot = b.charCodeAt(j) & 255;
    missing -= counts[slot]!;
    counts[slot] = 0;
  }
  return surplus > missing ? surplus : missing;
}

/**
 * `osaDistance(a, b) / length` when that is at most `cap`, else Infinity: relative distances are
 * what the rankings compare, and the comparison can stop once the cap is out of reach. `b` may be
 * given as the part `b.slice(from, to)`.
 */
export function relativeDistanceWithin(a: string, b: string, length: number, cap: number, from = 0, to = b.length): number {
  if (cap < 0) return Infinity;
  const maxEdits = Math.floor(cap * length + 1e-9);
  const edits = boundedOsaDistance(a, b, maxEdits, from, to);
  return edits <= maxEdits ? edits / length : Infinity;
}
