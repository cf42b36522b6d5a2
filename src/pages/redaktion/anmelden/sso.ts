/** Single sign-on, step 1: to the identity provider (OpenID Connect, services/editor/oidc.ts). */
import type { APIRoute } from 'astro';
import { audit } from '../../../services/editor/audit';
import { cookieNames, editorRefusal, needsRecentVerification, setSsoCookie } from '../../../services/editor/http';
import { oidcConfigured, startSso } from '../../../services/editor/oidc';
import { createChallenge } from '../../../services/editor/sessions';

export const GET: APIRoute = async ({ url, cookies, locals }) => {
  if (!oidcConfigured()) return editorRefusal(404, locals.language, 'error.notFoundTitle', 'form.notFound');
  try {
    const { url: target, state } = await startSso(url, url.searchParams.has('weiter'));
    // After a sign-in again, back to the page that asked for it (only such a page: no open redirect).
    const next = url.searchParams.get('weiter') ?? '';
    const data = needsRecentVerification(next) ? { ...state, next } : state;
    setSsoCookie(cookies, url, cookieNames(url).sso, createChallenge({ kind: 'oidc', userId: null, data }));
    return new Response(null, { status: 303, headers: { Location: target, 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error(`Single Sign-on nicht erreichbar: ${(error as Error).message}`);
    audit({ userId: null, name: '(sso)', client: locals.editor?.client }, 'signin.sso', 'failed', { target: 'discovery' });
    return editorRefusal(503, locals.language, 'sso.unavailableTitle', 'sso.unavailableText');
  }
};
