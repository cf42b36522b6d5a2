/**
 * UI strings and language-aware formatting.
 *
 * How to use (pages, layouts, components):
 *   const { t, formatDate, formatNumber, paths, language, dir, dataLang } = useI18n(Astro);
 * `Astro.locals.language` is set per request by src/middleware/language.ts (the `/en` prefix, or
 * `?lang=` in embed views); `t` fills `{name}` placeholders, `formatDate`/`formatNumber` follow the
 * language, `paths` builds links that stay in that language.
 * Services that produce text take a `Translate` (`translator(language)`) as a parameter; the JSON
 * API passes the German one (its messages are documented as German).
 * Adding a language: a file beside de.ts typed `satisfies Record<MessageKey, string>`, a line in
 * `languages` (languages.ts; `dir: 'rtl'` for right-to-left, the CSS uses logical properties) and
 * one in `messages` below.
 * `t` exported below is German only: for code outside a page's request (the JSON API, the
 * middleware's refusals, downloads); inside one use `useI18n(Astro).t`.
 */
import { de, type MessageKey } from './de';
import { en } from './en';
import { languages, DEFAULT_LANGUAGE, type Language } from './languages';
import { pathsFor } from '../paths';
import { glossIn } from './glossary';

export type { MessageKey, Language };
export { languages, DEFAULT_LANGUAGE, isLanguage } from './languages';

/** Each language's UI strings; de.ts is the source of truth, the others mirror its keys. */
export const messages: Record<Language, Record<MessageKey, string>> = { de, en };

/** A function that returns the UI string for `key` in one language, placeholders filled. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The `Translate` for `language`. */
export function translator(language: Language): Translate {
  const strings = messages[language];
  return (key, values = {}) => strings[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** The German UI string for `key` (outside a request; inside one use `useI18n(Astro).t`). */
export const t: Translate = translator(DEFAULT_LANGUAGE);

// Made once per language: creating an Intl.DateTimeFormat costs far more than using one.
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** A date such as "2026-11-01" or an ISO timestamp, written the way `language` writes dates. */
export function formatDate(isoDate: string, language: Language = DEFAULT_LANGUAGE): string {
  const date = new Date(isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(languages[language].locale, { dateStyle: 'long', timeZone: 'Europe/Berlin' });
    dateFormats.set(language, format);
  }
  return format.format(date);
}

/** A number with the digit grouping and decimal sign of `language`. */
export function formatNumber(value: number, language: Language = DEFAULT_LANGUAGE, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(languages[language].locale, options).format(value);
}

/** Everything a page or component needs to speak `language`. */
export function i18nFor(language: Language) {
  return {
    /** The language tag, also the `lang` attribute's value. */
    language,
    dir: languages[language].dir,
    t: translator(language),
    formatDate: (isoDate: string) => formatDate(isoDate, language),
    formatNumber: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, language, options),
    paths: pathsFor(language),
    /** A term of the data (a district type, a rank, a licence) in this language; German if the glossary lacks it. */
    gloss: (value: string) => glossIn(language, value).text,
    /** The `lang` attribute for a term of the data: "de" where it stays German on a page in another language. */
    glossLang: (value: string) => glossIn(language, value).lang,
    /**
     * The `lang` attribute for German data (ranks, office hours, licence attributions) shown on a
     * page in another language; undefined on German pages, where it is the page's own language.
     */
    dataLang: language === DEFAULT_LANGUAGE ? undefined : DEFAULT_LANGUAGE,
  };
}

/** The request's language tools: `const { t, paths } = useI18n(Astro)`. */
export function useI18n({ locals }: { locals: App.Locals }) {
  return i18nFor(locals.language ?? DEFAULT_LANGUAGE);
}
