/**
 * How the middleware refuses a request: the API's JSON error shape under /api/ and /daten/
 * (German, as all API messages), otherwise a small HTML page in the request's language (no
 * layout, no scripts: it must work when nothing else does).
 */
import { DEFAULT_LANGUAGE, translator, type Language, type MessageKey } from '../i18n';
import { localizePath } from '../paths';
import { apiError, type ApiErrorCode } from '../services/http';
import { isApiPath, isDownloadPath } from './open-api-paths';

export interface Refusal {
  status: number;
  code: ApiErrorCode;
  /** The JSON API's message. */
  apiMessage: MessageKey;
  /** The HTML page's heading and text. */
  title: MessageKey;
  text: MessageKey;
  /** Placeholders of the messages. */
  values?: Record<string, string | number>;
  /** The JSON error's `details`. */
  details?: unknown;
  headers?: Record<string, string>;
}

/** The refusal for a request to `pathname`; never cached unless `headers` says otherwise. */
export function refuse(
  pathname: string,
  language: Language | undefined,
  { status, code, apiMessage, title, text, values, details, headers = {} }: Refusal,
): Response {
  const response =
    isApiPath(pathname) || isDownloadPath(pathname)
      ? apiError(status, code, translator(DEFAULT_LANGUAGE)(apiMessage, values), details)
      : page(status, language ?? DEFAULT_LANGUAGE, title, text, values);
  response.headers.set('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function page(
  status: number,
  language: Language,
  titleKey: MessageKey,
  textKey: MessageKey,
  values: Record<string, string | number> | undefined,
): Response {
  const t = translator(language);
  const title = escapeHtml(t(titleKey, values));
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – ${escapeHtml(t('site.name'))}</title></head><body><main><h1>${title}</h1><p>${escapeHtml(t(textKey, values))}</p><p><a href="${localizePath('/', language)}">${escapeHtml(t('error.homeLink'))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
