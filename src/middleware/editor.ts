/**
 * The editor area (/redaktion): the only place of the portal with sessions, cookies and
 * state-changing requests. For its paths only, in this order:
 * - the origin check for every POST (403 on another site's Origin);
 * - the session from its cookie (idle and absolute timeouts, see services/editor/sessions.ts);
 *   no session: to the sign-in page;
 * - a person signed in with a temporary password reaches only their account page until they set their own;
 * - the synchronizer token (`_csrf` field) of every POST, checked against the session's token
 *   (or, while signing in, the sign-in challenge's);
 * - a POST to user administration or publishing needs a recent proof of identity (sign-in or
 *   confirmation within EDITOR_REAUTH_MINUTES), else it goes to the confirmation page undone;
 * - answers are `no-store` and never indexed.
 * Every other path passes untouched: citizens' pages get no cookie and no session work.
 */
import { defineMiddleware } from 'astro:middleware';
import { localizePath } from '../paths';
import {
  ACCOUNT_PATH,
  CONFIRM_PATH,
  cookieNames,
  editorRefusal,
  isEditorPath,
  isForeignOrigin,
  needsRecentVerification,
  SIGN_IN_PATH,
} from '../services/editor/http';
import { isRecentlyVerified, readChallenge, loadSession, sameToken } from '../services/editor/sessions';
import { audit } from '../services/editor/audit';
import { clientOf } from '../services/editor/client-address';
import { PREVIEW_ROOT, previewPortal } from '../services/editor/preview';

/** Pages reachable without a session. */
const PUBLIC_EDITOR_PATHS = new Set([SIGN_IN_PATH, `${SIGN_IN_PATH}/sso`, `${SIGN_IN_PATH}/sso/zurueck`]);

/** All a person with a temporary password may reach: their account page (and its meter), and signing out. */
const TEMPORARY_PASSWORD_PATHS = new Set([...PUBLIC_EDITOR_PATHS, ACCOUNT_PATH, '/redaktion/passwort-pruefen', '/redaktion/abmelden']);

export const editor = defineMiddleware(async (context, next) => {
  const { pathname } = context.url;
  if (!isEditorPath(pathname)) return next();
  const language = context.locals.language;
  const { request, cookies, url } = context;
  const client = clientOf(context);
  if (isForeignOrigin(request, url)) {
    audit({ userId: null, name: '(unbekannt)', client }, 'csrf.origin', 'denied', { target: pathname });
    return editorRefusal(403, language, 'error.csrfTitle', 'error.csrfText');
  }
  const names = cookieNames(url);
  const sessionId = cookies.get(names.session)?.value;
  const session = loadSession(sessionId);
  context.locals.editor = { session: session && sessionId ? { ...session, id: sessionId } : null, client, form: null };
  if (!session && !PUBLIC_EDITOR_PATHS.has(pathname)) {
    const ended = sessionId ? '?abgelaufen=1' : '';
    return context.redirect(localizePath(SIGN_IN_PATH, language) + ended, 303);
  }
  // Signed in with a password somebody else set: first one's own (ASVS 2.3.1), nothing else.
  if (session?.principal.passwordTemporary && !TEMPORARY_PASSWORD_PATHS.has(pathname)) {
    return context.redirect(`${localizePath(ACCOUNT_PATH, language)}?vorlaeufig=1`, 303);
  }
  if (request.method === 'POST') {
    let form: FormData;
    try {
      form = await request.clone().formData();
    } catch {
      return editorRefusal(400, language, 'error.csrfTitle', 'error.csrfText');
    }
    const token = form.get('_csrf');
    const expected = session?.csrfToken ?? readChallenge(cookies.get(names.challenge)?.value)?.data.csrf;
    if (typeof token !== 'string' || !expected || !sameToken(token, expected)) {
      audit({ userId: session?.principal.id ?? null, name: session?.principal.email ?? '(unbekannt)', client }, 'csrf.token', 'denied', {
        target: pathname,
      });
      return editorRefusal(403, language, 'error.csrfTitle', 'error.csrfText');
    }
    context.locals.editor.form = form;
    // A sensitive change (users, publishing) long after the sign-in: nothing is done until the
    // person confirms who they are; then they come back to the page and send it again.
    if (session && needsRecentVerification(pathname) && !isRecentlyVerified(session)) {
      audit({ userId: session.principal.id, name: session.principal.email, client }, 'reauth.required', 'denied', { target: pathname });
      const back = new URLSearchParams({ weiter: pathname, verworfen: '1' });
      return context.redirect(`${localizePath(CONFIRM_PATH, language)}?${back}`, 303);
    }
  }
  // The preview: a citizens' page (/redaktion/vorschau/beamte/x → /beamte/x) rendered from the
  // preview snapshot (drafts included) instead of the live one; never cached (see caching, answer cache).
  let response: Response;
  const previewed = pathname.startsWith(`${PREVIEW_ROOT}/`) ? pathname.slice(PREVIEW_ROOT.length) : null;
  const portal = previewed && session ? previewPortal(session.principal) : null;
  if (previewed && !portal) return context.redirect(localizePath(PREVIEW_ROOT, language), 303);
  if (previewed && portal) {
    context.locals.portal = portal;
    context.locals.preview = true;
    response = await next(previewed + context.url.search);
  } else {
    response = await next();
  }
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Robots-Tag', 'noindex, nofollow');
  headers.delete('ETag');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
});
