/**
 * The authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3) and the checks on the
 * redirect back (RFC 6749 §4.1.2, RFC 9207). The checks are what make a code safe to exchange: the
 * `state` proves the answer belongs to this request (a forged redirect carries another state or
 * none), and `iss` proves which provider sent it (a mix-up attack sends a code from another one).
 */
import { AppError, type ReasonsByCode } from '../../../shared/errors'
import { authorizationError, readOAuthErrorBody } from './oauth-errors'
import type { OAuthProviderConfig } from './oauth-config'
import { createPkce, randomToken } from './pkce'

export interface AuthorizationRequest {
  /** The URL to open in the system browser. */
  url: string
  state: string
  /** The PKCE verifier: stays in this process and goes only to the token endpoint. */
  verifier: string
  redirectUri: string
}

export function buildAuthorizationRequest(
  provider: OAuthProviderConfig,
  redirectUri: string,
  options: { loginHint?: string } = {},
): AuthorizationRequest {
  const pkce = createPkce()
  const state = randomToken(32)
  const url = new URL(provider.authorizationEndpoint)
  const params: Record<string, string> = {
    ...provider.extraAuthParams,
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    scope: provider.scopes.join(' '),
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: pkce.method,
  }
  // OpenID Connect Core §11: asking for offline_access (a refresh token) needs prompt=consent;
  // without it a provider may drop the scope silently and issue no refresh token.
  if (provider.scopes.includes('offline_access') && params['prompt'] === undefined)
    params['prompt'] = 'consent'
  if (options.loginHint) params['login_hint'] = options.loginHint
  // The endpoint may carry its own query parameters (RFC 6749 §3.1): keep them, ours win.
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return { url: url.href, state, verifier: pkce.verifier, redirectUri }
}

export interface ExpectedResponse {
  state: string
  issuer: string
  issParameterSupported: boolean
}

/**
 * The authorization code from the redirect's query, after the checks; otherwise a typed error:
 * AUTH_FAILED with reason 'state-mismatch' or 'issuer-mismatch' for a redirect that is not the
 * answer to this request, the provider's error (CANCELLED when the person declined).
 */
export function readAuthorizationResponse(query: URLSearchParams, expected: ExpectedResponse): string {
  // RFC 6749 §10.12: compare the state before anything else, error answers included: an answer
  // with another state was not sent for this request, whatever it says.
  if (query.get('state') !== expected.state) {
    throw refused('state-mismatch', 'The sign-in answer does not belong to this sign-in (state)')
  }
  // RFC 9207 §2.4: a present iss must match; a missing one is refused when the provider says it
  // always sends it.
  const iss = query.get('iss')
  if (iss !== null ? iss !== expected.issuer : expected.issParameterSupported) {
    throw refused('issuer-mismatch', 'The sign-in answer comes from another provider (iss)')
  }
  const error = readOAuthErrorBody(Object.fromEntries(query))
  if (error) throw authorizationError(error)
  const code = query.get('code')
  if (!code) throw refused('no-code', 'The sign-in answer has no authorization code')
  return code
}

function refused(reason: ReasonsByCode['AUTH_FAILED'], message: string): AppError {
  return new AppError('AUTH_FAILED', message, { retryable: false, detail: { reason } })
}
