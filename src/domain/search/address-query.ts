/**
 * Street addresses as citizens type them: house numbers ("12", "12a", "12 a", "12-14", "12/1"),
 * postcodes, street and town words in any order, with or without commas. Everything textual goes
 * through {@link normaliseText}, the same function the data build uses for the index.
 */
import { MAX_INPUT_LENGTH, normaliseText } from './normalise';

/** A house number: the number, a suffix ("a", "/1") and, for "12-14", the end of the range. */
export interface HouseNumber {
  number: number;
  /** Lowercase letter(s) ("a") or "/" plus digits ("/1"); "" for none. */
  suffix: string;
  /** End of a range ("12-14" → 14), else null. */
  rangeEnd: number | null;
}

/** What a typed address query says. */
export interface AddressQuery {
  /** Normalised words that are neither postcode nor house number, in typed order. */
  words: string[];
  houseNumber: HouseNumber | null;
  /** A whole 5-digit postcode. */
  postcode: string | null;
  /** 3-4 digits at the start, as typed before the postcode is complete ("301"). */
  postcodePrefix: string | null;
  /** True while the citizen is still typing the last word (no space, comma or dot after it). */
  lastWordIsPrefix: boolean;
}

/** Number of a house number; larger is not a house number in German addresses. */
const MAX_HOUSE_NUMBER = 9999;

// A number with an optional letter ("12a", "12 a"; not the "a" of "12 am Markt") and an optional
// range or slash part ("12-14", "12/1", "12a-c"). Lookarounds instead of \b: \b is ASCII-only.
const NUMBER_PATTERN =
  /(?<![\p{L}\p{N}])(\d{1,5})(?:\s?([a-zA-Z])(?![\p{L}\p{N}.]))?(?:\s?([-–/])\s?(\d{1,4}|[a-zA-Z])(?![\p{L}\p{N}]))?(?![\p{L}\p{N}])/gu;

/**
 * Reads a house number as written in an address file or typed ("12", "12a", "12 A", "12-14",
 * "12/1"); null when it is not one.
 */
export function parseHouseNumber(text: string): HouseNumber | null {
  if (typeof text !== 'string') return null;
  const compact = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  const match = /^(\d{1,4})([a-z]{0,2})(?:([-–/])(\d{1,4}|[a-z]))?$/.exec(compact);
  if (!match) return null;
  const number = Number(match[1]);
  if (number < 1 || number > MAX_HOUSE_NUMBER) return null;
  let suffix = match[2] ?? '';
  let rangeEnd: number | null = null;
  const [, , , separator, tail] = match;
  if (separator !== undefined && tail !== undefined) {
    if (separator === '/') suffix += `/${tail}`;
    else if (/^\d+$/.test(tail)) rangeEnd = Number(tail) > number ? Number(tail) : null;
    // "12a-c": the building 12a to 12c; its first number is the one to look up.
  }
  return { number, suffix, rangeEnd };
}

/** The house number written the usual way: "12", "12a", "12/1", "12-14". */
export function formatHouseNumber(houseNumber: HouseNumber): string {
  return `${houseNumber.number}${houseNumber.suffix}${houseNumber.rangeEnd !== null ? `-${houseNumber.rangeEnd}` : ''}`;
}

/** Splits what a citizen typed into street/town words, house number and postcode. Total: never throws. */
export function parseAddressQuery(input: string): AddressQuery {
  const empty: AddressQuery = { words: [], houseNumber: null, postcode: null, postcodePrefix: null, lastWordIsPrefix: false };
  if (typeof input !== 'string') return empty;
  const raw = input.slice(0, MAX_INPUT_LENGTH).normalize('NFKC');
  let houseNumber: HouseNumber | null = null;
  let postcode: string | null = null;
  let postcodePrefix: string | null = null;
  let sawText = false;
  let rest = '';
  let last = 0;
  for (const match of raw.matchAll(NUMBER_PATTERN)) {
    const index = match.index;
    const before = raw.slice(last, index);
    if (/\p{L}/u.test(before)) sawText = true;
    rest += `${before} `;
    last = index + match[0].length;
    const digits = match[1]!;
    if (digits.length === 5) {
      postcode ??= digits;
      // "30159a" is not a postcode with a suffix: keep the letter as a word.
      if (match[2]) rest += ` ${match[2]} `;
      continue;
    }
    if (houseNumber === null && sawText) {
      houseNumber = parseHouseNumber(match[0].replace(/\s+/g, ''));
      if (houseNumber !== null) continue;
    }
    if (!sawText && postcode === null && postcodePrefix === null && digits.length >= 3) postcodePrefix = digits;
  }
  rest += raw.slice(last);
  const words = normaliseText(rest)
    .split(' ')
    .filter((word) => word !== '' && !/^\d+$/.test(word));
  // The last word is still being typed unless something (space, comma, dot, a number) follows it.
  const lastWordIsPrefix = words.length > 0 && /\p{L}$/u.test(raw);
  return { words, houseNumber, postcode, postcodePrefix: postcode ? null : postcodePrefix, lastWordIsPrefix };
}

// Endings of German street names written as one word ("Hauptstraße", "Lindenweg"). The index
// adds the split form ("haupt strasse"), so "Haupt Straße" and "Hauptstraße" find each other.
const STREET_ENDINGS = [
  'strasse',
  'chaussee',
  'weg',
  'platz',
  'allee',
  'ring',
  'gasse',
  'damm',
  'pfad',
  'stieg',
  'steig',
  'wall',
  'graben',
  'markt',
  'kamp',
  'twiete',
  'ufer',
];
const MIN_STEM = 3;

/** Whether normalised words look like a street: one of them is or ends in a street word ("weg", "hauptstrasse"). */
export function looksLikeStreet(words: readonly string[]): boolean {
  return words.some((word) => STREET_ENDINGS.some((ending) => word.endsWith(ending)));
}

/** Normalised text without spaces: hyphen, space and compound writing agree ("Lange Str." = "Langestraße"). */
export function compactText(normalised: string): string {
  return normalised.replace(/ /g, '');
}

/**
 * The words a street name is indexed under: its normalised words, the words of compounds split
 * off their ending ("hauptstrasse" → also "haupt", "strasse") and the whole name as one word.
 */
export function streetIndexTerms(name: string): string[] {
  const normalised = normaliseText(name);
  if (normalised === '') return [];
  const words = normalised.split(' ');
  const terms = new Set(words);
  for (const word of words) {
    for (const ending of STREET_ENDINGS) {
      if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) {
        terms.add(word.slice(0, -ending.length));
        terms.add(ending);
        break;
      }
    }
  }
  if (words.length > 1) terms.add(compactText(normalised));
  return [...terms];
}
