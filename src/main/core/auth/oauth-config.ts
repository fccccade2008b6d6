/**
 * What the app needs to know to sign in with one provider: its endpoints (from a preset or from
 * OpenID Connect discovery), the app's client registration there, and the scopes mail needs.
 */

/** The provider's endpoints (RFC 8414 / OpenID Connect Discovery metadata names, camel case). */
export interface OAuthEndpoints {
  /** The issuer identifier: checked against discovery and the `iss` of the redirect (RFC 9207). */
  issuer: string
  authorizationEndpoint: string
  tokenEndpoint: string
  revocationEndpoint?: string
  /**
   * RFC 9207 §3: the provider always puts `iss` in its redirect back. When true, a redirect
   * without it is refused; when it is there, it must always match.
   */
  issParameterSupported: boolean
}

/** The app's registration at the provider (RFC 6749 §2). */
export interface OAuthClient {
  clientId: string
  /**
   * Some providers (Google, Yahoo) hand installed apps a "secret" anyway. Shipped inside the app
   * it is not a secret (RFC 8252 §8.5) and is not treated as one: it comes from build-time
   * configuration like the client id, never from this source.
   */
  clientSecret?: string
}

/** Everything a sign-in needs. */
export interface OAuthProviderConfig extends OAuthEndpoints, OAuthClient {
  /** The scopes to ask for (space-joined in the request). */
  scopes: string[]
  /** Extra authorization request parameters a provider needs (Google: access_type=offline). */
  extraAuthParams?: Record<string, string>
  /**
   * A fixed loopback redirect path for providers that compare it exactly; by default each sign-in
   * listens on a fresh random path (the port is always random, RFC 8252 §7.3).
   */
  redirectPath?: string
}
