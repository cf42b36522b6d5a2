/**
 * The registry of UI languages (metadata only, so that browser scripts may import it without the
 * messages). index.ts pairs each with its messages; paths.ts derives the URL prefixes.
 */

/**
 * The languages the UI can be shown in, by language tag. Adding one is adding its file beside
 * de.ts, a line here and its line in `messages` (index.ts); the routes (`/<tag>/…`), the language
 * switch, the widget builder and the embed views offer and accept exactly these.
 * `dir: 'rtl'` for a right-to-left language (the CSS uses logical properties).
 */
export const languages = {
  de: { name: 'Deutsch', locale: 'de-DE', dir: 'ltr' },
  en: { name: 'English', locale: 'en-GB', dir: 'ltr' },
} as const satisfies Record<string, { name: string; locale: string; dir: 'ltr' | 'rtl' }>;
export type Language = keyof typeof languages;
/** German, the source of truth, lives at the unprefixed URLs. */
export const DEFAULT_LANGUAGE: Language = 'de';

/** True for a language tag listed in `languages`. */
export function isLanguage(code: string): code is Language {
  return Object.hasOwn(languages, code);
}

/** `tag` if it is one of `languages`, else German (e.g. for `<html lang>` read in the browser). */
export function languageOf(tag: string | null | undefined): Language {
  return tag && isLanguage(tag) ? tag : DEFAULT_LANGUAGE;
}
