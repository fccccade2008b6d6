/**
 * The token endpoint (RFC 6749 §4.1.3 code exchange, §6 refresh) and revocation (RFC 7009).
 * Public clients send their client_id in the body; a client "secret" that a provider hands
 * installed apps goes in the body too (client_secret_post, RFC 6749 §2.3.1).
 */
import { AppError } from '../../../shared/errors'
import { checkEndpointUrl, postForm, type HttpOptions } from './http'
import type { OAuthClient } from './oauth-config'
import { readOAuthErrorBody, tokenEndpointError } from './oauth-errors'

/** What a token response gives. Tokens stay in main: never stored in SQLite, logged or sent over IPC. */
export interface TokenSet {
  accessToken: string
  /** Epoch ms when the access token expires; null when the provider did not say (RFC 6749 §5.1). */
  expiresAt: number | null
  /** Absent when the provider keeps the old one (refresh without rotation) or grants none. */
  refreshToken?: string
  /** The scope granted, when the provider says (it may be less than asked, RFC 6749 §3.3). */
  scope?: string
}

export interface TokenRequestOptions extends HttpOptions {
  /** The clock (epoch ms) for expiresAt; tests move it. */
  now?: () => number
}

function clientParams(client: OAuthClient): Record<string, string> {
  return {
    client_id: client.clientId,
    ...(client.clientSecret !== undefined ? { client_secret: client.clientSecret } : {}),
  }
}

export async function exchangeCode(
  tokenEndpoint: string,
  client: OAuthClient,
  grant: { code: string; redirectUri: string; verifier: string },
  options: TokenRequestOptions = {},
): Promise<TokenSet> {
  return tokenRequest(
    tokenEndpoint,
    {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
      code_verifier: grant.verifier,
      ...clientParams(client),
    },
    options,
  )
}

/**
 * A new access token for a refresh token. Providers that rotate refresh tokens (RFC 9700 §4.14.2;
 * oidc-provider, Microsoft, Fastmail do for public clients) answer with a new one and invalidate
 * the old one: the caller must keep the new one, or the next refresh fails.
 */
export async function refreshTokens(
  tokenEndpoint: string,
  client: OAuthClient,
  refreshToken: string,
  options: TokenRequestOptions = {},
): Promise<TokenSet> {
  return tokenRequest(
    tokenEndpoint,
    { grant_type: 'refresh_token', refresh_token: refreshToken, ...clientParams(client) },
    options,
  )
}

/** RFC 7009: asks the provider to forget a token (and, for a refresh token, its grant). */
export async function revokeToken(
  revocationEndpoint: string,
  client: OAuthClient,
  token: string,
  hint: 'refresh_token' | 'access_token',
  options: HttpOptions = {},
): Promise<void> {
  const url = checkEndpointUrl(revocationEndpoint, 'revocation_endpoint')
  const answer = await postForm(url, { token, token_type_hint: hint, ...clientParams(client) }, options)
  // RFC 7009 §2.2: 200 also for tokens the server did not know.
  if (answer.status !== 200) throw tokenEndpointError(answer.status, readOAuthErrorBody(answer.json))
}

async function tokenRequest(
  endpoint: string,
  params: Record<string, string>,
  options: TokenRequestOptions,
): Promise<TokenSet> {
  const url = checkEndpointUrl(endpoint, 'token_endpoint')
  const sentAt = (options.now ?? Date.now)()
  const answer = await postForm(url, params, options)
  if (answer.status !== 200) throw tokenEndpointError(answer.status, readOAuthErrorBody(answer.json))
  return readTokenResponse(answer.json, sentAt)
}

/** RFC 6749 §5.1. Expiry counts from when the request was sent, so it is never later than the server's. */
export function readTokenResponse(json: unknown, sentAt: number): TokenSet {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>
  const accessToken = body['access_token']
  const tokenType = body['token_type']
  if (typeof accessToken !== 'string' || accessToken === '') throw malformed('no access_token')
  // RFC 6750: only bearer tokens go into XOAUTH2/OAUTHBEARER; the type is case-insensitive.
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')
    throw malformed('not a bearer token')
  const expiresIn = Number(body['expires_in'])
  const refreshToken = body['refresh_token']
  const scope = body['scope']
  return {
    accessToken,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? sentAt + expiresIn * 1000 : null,
    ...(typeof refreshToken === 'string' && refreshToken !== '' ? { refreshToken } : {}),
    ...(typeof scope === 'string' ? { scope } : {}),
  }
}

function malformed(what: string): AppError {
  return new AppError('SERVER_REJECTED', `The token endpoint's answer is unusable (${what})`, {
    retryable: false,
    detail: { reason: 'bad-token-response' },
  })
}
