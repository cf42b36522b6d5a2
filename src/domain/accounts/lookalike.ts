/**
 * Look-alike detection: fake accounts copy an official handle with a swapped letter, an extra
 * dot or underscore, a digit for a letter, or a letter from another alphabet that looks the
 * same. Two handles are look-alikes when their "skeletons" are equal or one edit apart.
 */

// Letters from other scripts (and digits) that are drawn like Latin letters. Not the full
// Unicode confusables table: the ones that occur in practice in imitated handles.
const CONFUSABLES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // Cyrillic
    а: 'a',
    в: 'b',
    е: 'e',
    ё: 'e',
    к: 'k',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    і: 'i',
    ї: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    һ: 'h',
    ӏ: 'l',
    ո: 'n',
    ց: 'g',
    ս: 'u',
    // Greek
    α: 'a',
    β: 'b',
    ε: 'e',
    η: 'n',
    ι: 'i',
    κ: 'k',
    μ: 'u',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    χ: 'x',
    ω: 'w',
    // Latin variants
    ı: 'i',
    ɡ: 'g',
    ɑ: 'a',
    ß: 'ss',
    ø: 'o',
    ł: 'l',
    đ: 'd',
    // Digits and signs used for letters
    '0': 'o',
    '1': 'l',
    '3': 'e',
    '4': 'a',
    '5': 's',
    '7': 't',
    '8': 'b',
    '|': 'l',
    $: 's',
    '@': 'a',
  }),
);

/** The shape of a handle as a reader sees it: case, separators, accents and look-alikes folded. */
export function skeleton(handle: string): string {
  const folded = [...handle.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()]
    .map((char) => CONFUSABLES.get(char) ?? char)
    .join('')
    // i and l, rn and m, vv and w are hard to tell apart in many fonts.
    .replaceAll('i', 'l')
    .replaceAll('rn', 'm')
    .replaceAll('vv', 'w');
  return folded.replace(/[^a-z0-9]/g, '');
}

/**
 * True when `candidate` would pass for `official` at a glance: same skeleton, or (for handles of
 * at least 5 characters) one letter added, dropped, changed or two neighbours swapped.
 */
export function isLookalike(candidate: string, official: string): boolean {
  const a = skeleton(candidate);
  const b = skeleton(official);
  if (a.length === 0 || b.length === 0) return false;
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 5 && withinOneEdit(a, b);
}

/** Damerau–Levenshtein distance ≤ 1 (insert, delete, substitute, or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const restA = a.slice(i);
  const restB = b.slice(i);
  if (a.length === b.length) {
    if (restA.slice(1) === restB.slice(1)) return true;
    return restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2);
  }
  return a.length > b.length ? restA.slice(1) === restB : restB.slice(1) === restA;
}
