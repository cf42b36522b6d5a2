/**
 * Single sign-on through OpenID Connect (the police's identity provider), configured by
 * environment: EDITOR_OIDC_ISSUER, EDITOR_OIDC_CLIENT_ID, EDITOR_OIDC_CLIENT_SECRET and optionally
 * EDITOR_OIDC_REDIRECT_URI (default: the public origin + /redaktion/anmelden/sso/zurueck).
 * Authorization code flow with PKCE, state and nonce (openid-client). Only existing accounts sign
 * in (an administrator creates them): by their linked subject, else once by their verified e-mail
 * address, which then links the subject. The identity provider is responsible for the second factor.
 */
import * as client from 'openid-client';
import { eq } from 'drizzle-orm';
import { users } from '../../db/editor/schema';
import { editorDb } from './db';
import { userByEmail } from './users';
import { oidcConfigured } from './oidc-config';
import { publicOrigin } from '../public-origin';

export { oidcConfigured };
export const SSO_PATH = '/redaktion/anmelden/sso';
export const SSO_CALLBACK_PATH = '/redaktion/anmelden/sso/zurueck';

let configuration: Promise<client.Configuration> | null = null;

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** The provider's configuration (discovery once per process; retried after a failure). */
function config(): Promise<client.Configuration> {
  if (!configuration) {
    const issuer = new URL(process.env.EDITOR_OIDC_ISSUER!);
    // Plain http only for a provider on this machine (tests, development): never across a network.
    const options = isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined;
    configuration = client.discovery(issuer, process.env.EDITOR_OIDC_CLIENT_ID!, process.env.EDITOR_OIDC_CLIENT_SECRET, undefined, options);
    configuration.catch(() => (configuration = null));
  }
  return configuration;
}

export function redirectUri(requestUrl: URL): string {
  return process.env.EDITOR_OIDC_REDIRECT_URI || publicOrigin(requestUrl) + SSO_CALLBACK_PATH;
}

/**
 * Where to send the browser, and what the callback must find again (kept in a challenge).
 * `again`: a signed-in person confirms who they are before a sensitive action, so the provider is
 * asked to authenticate afresh (`prompt=login`) rather than reuse its own session.
 */
export async function startSso(requestUrl: URL, again = false): Promise<{ url: string; state: Record<string, string> }> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(await config(), {
    redirect_uri: redirectUri(requestUrl),
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(again ? { prompt: 'login' } : {}),
  });
  return { url: url.href, state: { verifier, state, nonce } };
}

export type SsoResult = { ok: true; userId: number; email: string } | { ok: false; reason: 'invalid' | 'unknown'; subject?: string };

/** Completes the flow at the callback: the code exchanged, the ID token checked, the account found. */
export async function finishSso(callbackUrl: URL, saved: Record<string, string>): Promise<SsoResult> {
  const configuration = await config();
  let claims: client.IDToken | undefined;
  let accessToken: string | undefined;
  try {
    // The callback URL as the provider sent it, on the configured redirect URI (behind a proxy the request's own host may differ).
    const current = new URL(redirectUri(callbackUrl));
    current.search = callbackUrl.search;
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: saved.verifier,
      expectedState: saved.state,
      expectedNonce: saved.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    accessToken = tokens.access_token;
  } catch (error) {
    // For the operator: why the provider's answer was not accepted (no tokens, no secrets in the message).
    console.warn(`Single Sign-on abgelehnt: ${(error as Error).message}`);
    return { ok: false, reason: 'invalid' };
  }
  if (!claims) return { ok: false, reason: 'invalid' };
  const subject = `${claims.iss}|${claims.sub}`;
  let email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email : null;
  // Many providers put the e-mail claims only into the UserInfo answer, not the ID token.
  if (!email && accessToken) {
    try {
      const info = await client.fetchUserInfo(configuration, accessToken, claims.sub);
      if (typeof info.email === 'string' && info.email_verified === true) email = info.email;
    } catch (error) {
      console.warn(`Single Sign-on: UserInfo nicht lesbar: ${(error as Error).message}`);
    }
  }
  const db = editorDb();
  let user = db.select().from(users).where(eq(users.oidcSubject, subject)).get();
  if (!user && email) {
    const byEmail = userByEmail(email);
    if (byEmail && !byEmail.oidcSubject) {
      db.update(users).set({ oidcSubject: subject }).where(eq(users.id, byEmail.id)).run();
      user = { ...byEmail, oidcSubject: subject };
    }
  }
  if (!user || user.disabled) return { ok: false, reason: 'unknown', subject };
  return { ok: true, userId: user.id, email: user.email };
}
