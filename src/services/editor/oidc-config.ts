/** OpenID Connect single sign-on is on when the issuer, client id and secret are configured. */
export function oidcConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.EDITOR_OIDC_ISSUER && env.EDITOR_OIDC_CLIENT_ID && env.EDITOR_OIDC_CLIENT_SECRET);
}
