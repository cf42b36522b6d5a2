/**
 * Single sign-on, step 2: the identity provider's callback. On success a session starts (new id)
 * and a small page forwards to /redaktion: a redirect would carry the provider's cross-site origin
 * along the chain, and the browser would then withhold the SameSite=Strict session cookie.
 */
import type { APIRoute } from 'astro';
import { editorTranslator } from '../../../../i18n/editor';
import { localizePath } from '../../../../paths';
import { audit } from '../../../../services/editor/audit';
import { cookieNames, clearEditorCookie, editorRefusal, needsRecentVerification, setEditorCookie } from '../../../../services/editor/http';
import { finishSso, oidcConfigured } from '../../../../services/editor/oidc';
import { challengeOfKind, createSession, dropChallenge, endSession } from '../../../../services/editor/sessions';

export const GET: APIRoute = async ({ url, cookies, locals, request }) => {
  const { language } = locals;
  if (!oidcConfigured()) return editorRefusal(404, language, 'error.notFoundTitle', 'form.notFound');
  const names = cookieNames(url);
  const id = cookies.get(names.sso)?.value;
  const challenge = challengeOfKind(id, 'oidc');
  const actor = { userId: null, name: '(sso)', client: locals.editor?.client };
  if (id) dropChallenge(id);
  clearEditorCookie(cookies, url, names.sso);
  if (!challenge) {
    audit(actor, 'signin.sso', 'failed', { target: 'no challenge' });
    return editorRefusal(400, language, 'sso.failedTitle', 'sso.failedText');
  }
  const result = await finishSso(url, challenge.data);
  if (!result.ok) {
    audit({ ...actor, name: result.subject ?? '(sso)' }, 'signin.sso', 'failed', { target: result.reason });
    return editorRefusal(403, language, 'sso.failedTitle', 'sso.failedText');
  }
  // A sign-in again (to confirm before a sensitive action) replaces the session it came from.
  const previous = cookies.get(names.session)?.value;
  if (previous) endSession(previous);
  const session = createSession(result.userId, 'oidc', Date.now(), request.headers.get('user-agent'));
  setEditorCookie(cookies, url, names.session, session.id);
  audit({ ...actor, userId: result.userId, name: result.email }, 'signin.sso', 'ok');
  const t = editorTranslator(language);
  const home = localizePath(needsRecentVerification(challenge.data.next ?? '') ? challenge.data.next! : '/redaktion', language);
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="0;url=${home}"><title>${t('sso.done')}</title></head><body><main><h1>${t('sso.done')}</h1><p><a href="${home}">${t('nav.home')}</a></p></main></body></html>`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
};
