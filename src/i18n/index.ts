import { de, type MessageKey } from './de';

export type { MessageKey };

/**
 * The languages the UI can be shown in, by language tag. Adding one is adding its file beside
 * de.ts and a line here; the widget builder and the embed views offer and accept exactly these.
 */
export const languages = { de: { name: 'Deutsch', messages: de } } as const;
export type Language = keyof typeof languages;
export const DEFAULT_LANGUAGE: Language = 'de';

/** True for a language tag listed in `languages`. */
export function isLanguage(code: string): code is Language {
  return Object.hasOwn(languages, code);
}

/** The UI string for `key`, with `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return de[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/** A date such as "2026-11-01" or an ISO timestamp, written the German way. */
export function formatDate(isoDate: string): string {
  const date = new Date(isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(date);
}
