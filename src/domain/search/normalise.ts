/**
 * The one German text normalisation, used both to build search indexes and to read queries.
 * Index and query must go through the same function: matching then is plain string equality
 * (or prefix / fuzzy comparison) on the normalised forms.
 */

/**
 * The longest search query, in characters (code points), that the pages and the API accept
 * (services/input.ts rejects longer ones with a message naming this number).
 */
export const MAX_QUERY_LENGTH = 200;

/** Raw input beyond this many UTF-16 units is ignored: bounds the work for any input. */
export const MAX_INPUT_LENGTH = 200;

/** Normalised output is cut (at a word boundary) to at most this many characters. */
export const MAX_NORMALISED_LENGTH = 200;

// Whole-word abbreviations, expanded with or without a trailing dot. Keys and values are in
// normalised form (lowercase, umlauts folded). "hann" and "rbge" are the official short forms in
// "Hann. Münden" and "Neustadt a. Rbge."; "oldb" is the one in "Oldenburg (Oldb)", "Hude (Oldb)",
// which postcode lists and people also write as "(Oldenburg)".
const WORD_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['st', 'sankt'],
  ['str', 'strasse'],
  ['hann', 'hannoversch'],
  ['rbge', 'rubenberge'],
  ['oldb', 'oldenburg'],
]);

// Single letters expanded only when written with a dot: without it, "a" or "b" is far more
// likely a house-number suffix ("12 a"), which the later address search must keep.
const DOTTED_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['a', 'am'],
  ['i', 'im'],
  ['b', 'bei'],
  ['pl', 'platz'],
]);

// Letters that NFD does not decompose into base letter + combining mark.
const LIGATURES: ReadonlyMap<string, string> = new Map([
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['ł', 'l'],
  ['đ', 'd'],
  ['ı', 'i'],
]);

interface Part {
  word: string;
  dotted: boolean;
}

/**
 * Normalises German place or street text for indexing and querying: NFKC, lowercase, umlauts and
 * their transcriptions folded, marks stripped, punctuation to single spaces, abbreviations expanded.
 * Total: never throws, linear in min(input length, {@link MAX_INPUT_LENGTH}).
 */
export function normaliseText(input: string): string {
  if (typeof input !== 'string' || input.length === 0) return '';
  let text = input.slice(0, MAX_INPUT_LENGTH).normalize('NFKC').toLowerCase();
  text = text.replace(/ß/g, 'ss');
  // NFD turns ä/ö/ü (and é, å, ...) into base letter + combining mark; dropping the marks folds them.
  text = text.normalize('NFD').replace(/\p{M}+/gu, '');
  // After the marks are gone: "ǽ" and "ǿ" decompose to "æ"/"ø" + mark, and must fold like "æ"/"ø".
  text = text.replace(/[æœøłđı]/g, (c) => LIGATURES.get(c) ?? c);
  // Umlaut transcriptions: "ae"/"oe"/"ue" -> "a"/"o"/"u", so "Köln", "Koeln" and "Koln" agree.
  // This also shortens words that merely contain these letters ("Neuenkirchen" -> "neunkirchen",
  // "Uelzen" -> "ulzen"): harmless, because index and query are folded alike, and no rule can
  // tell a transcribed umlaut from a real "ue" anyway. "e+" (not "e") keeps the function
  // idempotent: "uee" folds to "u" in one pass instead of "ue" then "u".
  text = text.replace(/([aou])e+/g, '$1');
  // Keep letters, digits and dots (dots mark abbreviations); everything else separates words.
  text = text.replace(/[^\p{L}\p{N}.]+/gu, ' ');

  const parts: Part[] = [];
  for (const token of text.split(' ')) {
    if (token === '') continue;
    const pieces = token.split('.');
    for (let i = 0; i < pieces.length; i++) {
      const word = pieces[i] ?? '';
      if (word !== '') parts.push({ word, dotted: i < pieces.length - 1 });
    }
  }

  const words: string[] = [];
  let length = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    let expanded: string;
    const next = parts[i + 1];
    if (part.word === 'a' && part.dotted && next?.word === 'd' && next.dotted) {
      // "a. d." / "a.d." = "an der" ("Neustadt a. d. Aisch").
      expanded = 'an der';
      i++;
    } else {
      expanded = expandWord(part);
    }
    // Cut at a word boundary, so a second pass sees whole, already expanded words (idempotence).
    if (length + expanded.length + (words.length > 0 ? 1 : 0) > MAX_NORMALISED_LENGTH) break;
    length += expanded.length + (words.length > 0 ? 1 : 0);
    words.push(expanded);
  }
  return words.join(' ');
}

function expandWord({ word, dotted }: Part): string {
  const whole = WORD_ABBREVIATIONS.get(word);
  if (whole !== undefined) return whole;
  if (dotted) {
    const dottedWhole = DOTTED_ABBREVIATIONS.get(word);
    if (dottedWhole !== undefined) return dottedWhole;
    // "Marktpl." -> "marktplatz"; undotted "...pl" is left alone (too many real words end so).
    if (word.length > 2 && word.endsWith('pl')) return `${word}atz`;
  }
  // "Hauptstr." / "Hauptstr" -> "hauptstrasse": no German word really ends in "str".
  if (word.length > 3 && word.endsWith('str')) return `${word}asse`;
  return word;
}

/** The name without bracketed qualifiers: "Oldenburg (Oldb)" -> "Oldenburg". */
export function baseName(name: string): string {
  if (typeof name !== 'string') return '';
  const capped = name.slice(0, MAX_INPUT_LENGTH);
  const stripped = capped
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // A name that is nothing but a bracket keeps its text rather than becoming empty.
  return stripped === '' ? capped.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim() : stripped;
}

// Words after which a place's name goes on with where it lies: "Neustadt am Rübenberge",
// "Oldenburg in Holstein", "Neustadt b. Coburg" (normalised: "bei").
const LOCATIVES: ReadonlySet<string> = new Set(['an', 'am', 'im', 'in', 'ob', 'bei', 'auf', 'vor', 'unter', 'zu', 'zum', 'zur']);

/**
 * The name people use alone for a place, normalised: without brackets and without what follows a
 * locative ("Neustadt a. Rbge." → "neustadt", "Rotenburg an der Fulda" → "rotenburg",
 * "Neustadt (Hessen)" → "neustadt"). The whole name where it has no such part.
 */
export function shortName(name: string): string {
  const words = normaliseText(baseName(name).split(/[/,]/)[0] ?? '')
    .split(' ')
    .filter(Boolean);
  const cut = words.findIndex((word, i) => i > 0 && LOCATIVES.has(word));
  return (cut > 0 ? words.slice(0, cut) : words).join(' ');
}
