/**
 * The editor area's HTTP rules: its paths, the session and sign-in cookies (`__Host-` prefixed
 * and Secure behind HTTPS; HttpOnly and SameSite=Strict always), the origin check and the
 * refusal pages. Used by src/middleware/editor.ts and the /redaktion pages.
 */
import type { AstroCookies } from 'astro';
import type { Language } from '../../i18n/languages';
import { editorTranslator, type EditorKey } from '../../i18n/editor';
import { publicOrigin } from '../public-origin';

export const EDITOR_ROOT = '/redaktion';
export const SIGN_IN_PATH = '/redaktion/anmelden';

/** Where a signed-in person confirms who they are before a sensitive action (ASVS 3.7.1). */
export const CONFIRM_PATH = '/redaktion/bestaetigen';
/** One's own account: the only page for someone signed in with a temporary password. */
export const ACCOUNT_PATH = '/redaktion/konto';
/** Pages whose changes need a recent proof of identity: user administration and publishing. */
const SENSITIVE = /^\/redaktion\/(benutzer(\/[1-9][0-9]{0,9})?|veroeffentlichen)$/;
export const needsRecentVerification = (pathname: string) => SENSITIVE.test(pathname);

export const isEditorPath = (pathname: string) => pathname === EDITOR_ROOT || pathname.startsWith(`${EDITOR_ROOT}/`);

/** Behind HTTPS (the request's own scheme, or the configured public origin): Secure cookies with the `__Host-` prefix. */
export function isSecure(url: URL): boolean {
  return url.protocol === 'https:' || (process.env.PUBLIC_ORIGIN ?? '').trim().startsWith('https://');
}

export function cookieNames(url: URL): { session: string; challenge: string; sso: string } {
  const prefix = isSecure(url) ? '__Host-' : '';
  return { session: `${prefix}rf_session`, challenge: `${prefix}rf_signin`, sso: `${prefix}rf_sso` };
}

/**
 * The single sign-on round trip's cookie: SameSite=Lax, because the identity provider sends the
 * browser back from another site (a Strict cookie would not come along). It holds only the id of a
 * ten-minute, one-use challenge (state, nonce, PKCE verifier); the session cookie stays Strict.
 */
export function setSsoCookie(cookies: AstroCookies, url: URL, name: string, value: string): void {
  cookies.set(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecure(url), maxAge: 600 });
}

/** Sets an editor cookie: session-only (no Max-Age: the server's timeouts decide), Path=/ as `__Host-` requires. */
export function setEditorCookie(cookies: AstroCookies, url: URL, name: string, value: string): void {
  cookies.set(name, value, { path: '/', httpOnly: true, sameSite: 'strict', secure: isSecure(url) });
}

export function clearEditorCookie(cookies: AstroCookies, url: URL, name: string): void {
  cookies.delete(name, { path: '/', httpOnly: true, sameSite: 'strict', secure: isSecure(url) });
}

/**
 * Astro's origin check (astro/dist/core/app/origin-check.js), applied to every state-changing
 * request of the editor area whatever its content type: the Origin header must be the site's own.
 * (Astro's built-in check is off site-wide: it would answer the portal's POSTs with a bare English
 * 403 before the portal's own 405 page, see astro.config.mjs.)
 */
export function isForeignOrigin(request: Request, url: URL): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  const origin = request.headers.get('origin');
  return origin !== url.origin && origin !== publicOrigin(url);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small refusal page in the editor's language (403, 404, 413), never cached. */
export function editorRefusal(
  status: number,
  language: Language,
  title: EditorKey,
  text: EditorKey,
  values?: Record<string, string | number>,
): Response {
  const t = editorTranslator(language);
  const home = language === 'de' ? EDITOR_ROOT : `/${language}${EDITOR_ROOT}`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t(title))} – ${escape(t('area.title'))}</title></head><body><main><h1>${escape(t(title))}</h1><p>${escape(t(text, values))}</p><p><a href="${home}">${escape(t('nav.home'))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
