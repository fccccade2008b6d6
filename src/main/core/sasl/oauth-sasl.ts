/**
 * The two SASL mechanisms that carry an OAuth 2.0 access token to a mail server: OAUTHBEARER
 * (RFC 7628) and its older Google-defined sibling XOAUTH2, which Gmail, Outlook.com / Microsoft 365
 * and Dovecot all accept. IMAP (through imapflow), POP3 and SMTP build the same messages here and
 * read the same error reply: a server that refuses the token sends one challenge carrying a base64
 * JSON object (RFC 7628 §3.2.2), the client must answer it with a dummy response, and only then
 * does the command fail (NO / -ERR / 535).
 */
import { AppError } from '../../../shared/errors'

export type OAuthMechanism = 'OAUTHBEARER' | 'XOAUTH2'

/** An OAuth 2.0 access token in place of a password; it lives in memory only. */
export interface BearerToken {
  kind: 'bearer'
  accessToken: string
  /** Force one mechanism (POP3 and SMTP; imapflow picks its own: OAUTHBEARER when offered). */
  mechanism?: OAuthMechanism
}

/** What a protocol client logs in with: a password, or an access token. */
export type LoginSecret = string | BearerToken

export function bearer(accessToken: string, mechanism?: OAuthMechanism): BearerToken {
  return mechanism ? { kind: 'bearer', accessToken, mechanism } : { kind: 'bearer', accessToken }
}

export function isBearer(secret: LoginSecret): secret is BearerToken {
  return typeof secret === 'object' && secret.kind === 'bearer'
}

/**
 * The mechanism to use from those the server offers (upper case): the forced one if offered,
 * else OAUTHBEARER (the standard), else XOAUTH2; undefined when the server takes neither.
 */
export function chooseOAuthMechanism(
  offered: ReadonlySet<string>,
  forced?: OAuthMechanism,
): OAuthMechanism | undefined {
  if (forced) return offered.has(forced) ? forced : undefined
  if (offered.has('OAUTHBEARER')) return 'OAUTHBEARER'
  if (offered.has('XOAUTH2')) return 'XOAUTH2'
  return undefined
}

/** The server refused to take a token at all: no OAuth mechanism on offer. */
export function noOAuthMechanism(protocol: string, forced?: OAuthMechanism): AppError {
  const what = forced ?? 'OAUTHBEARER or XOAUTH2'
  return new AppError('AUTH_FAILED', `The ${protocol} server does not offer ${what}`, {
    retryable: false,
    detail: { reason: 'no-oauth-mechanism' },
  })
}

export interface OAuthLogin {
  user: string
  accessToken: string
  /** The server's name and port as the client connected to them (OAUTHBEARER's host= and port=). */
  host: string
  port: number
}

/**
 * Fields are separated by %x01 (RFC 7628 §3.1): a control character in the user name or the token
 * would end a field early and make the rest a field of its own (a forged auth=, say). RFC 7628
 * allows no controls there, and neither a user name nor a bearer token (RFC 6750 §2.1) has any.
 */
function checkField(value: string, field: 'username' | 'accessToken'): void {
  const control = [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  if (value.length === 0 || control) {
    throw new AppError('INVALID_INPUT', `The ${field} is empty or contains control characters`, {
      detail: { field },
    })
  }
}

/** RFC 5801 §4: "," and "=" in the GS2 authzid are written =2C and =3D ("=" first). */
function gs2Name(user: string): string {
  return user.replace(/=/g, '=3D').replace(/,/g, '=2C')
}

/** The client's first message, base64 (RFC 7628 §3.1; XOAUTH2 as Google documents it). */
export function oauthInitialResponse(mechanism: OAuthMechanism, login: OAuthLogin): string {
  checkField(login.user, 'username')
  checkField(login.accessToken, 'accessToken')
  const fields =
    mechanism === 'OAUTHBEARER'
      ? [
          `n,a=${gs2Name(login.user)},`,
          `host=${login.host}`,
          `port=${login.port}`,
          `auth=Bearer ${login.accessToken}`,
        ]
      : [`user=${login.user}`, `auth=Bearer ${login.accessToken}`]
  return Buffer.from(`${fields.join('\x01')}\x01\x01`, 'utf8').toString('base64')
}

/**
 * The answer to the error challenge: RFC 7628 §3.2.3 wants a single %x01 for OAUTHBEARER (base64
 * "AQ=="); XOAUTH2 servers expect an empty line.
 */
export const OAUTH_ERROR_ANSWER: Readonly<Record<OAuthMechanism, string>> = {
  OAUTHBEARER: 'AQ==',
  XOAUTH2: '',
}

/** The server's error challenge, decoded (RFC 7628 §3.2.2). */
export interface OAuthSaslError {
  /** RFC 6750 §3.1 error code ("invalid_token", "insufficient_scope"...) or an HTTP status ("401"). */
  status: string
  /** The scope the server needs. */
  scope?: string
  /** Where to find the provider (RFC 7628 §3.2.2 "openid-configuration"). */
  openidConfiguration?: string
}

/** Decodes a "+ <base64>" / "334 <base64>" challenge; undefined when it is not such a JSON object. */
export function decodeOAuthSaslError(challenge: string): OAuthSaslError | undefined {
  const text = Buffer.from(challenge.trim(), 'base64').toString('utf8')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return toOAuthSaslError(value)
}

/** The same from an already parsed object (imapflow decodes the challenge itself: `oauthError`). */
export function toOAuthSaslError(value: unknown): OAuthSaslError | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const text = (x: unknown): string | undefined => (typeof x === 'string' ? x.slice(0, 200) : undefined)
  const status = text(v['status'])
  if (status === undefined) return undefined
  const scope = text(v['scope'])
  const openidConfiguration = text(v['openid-configuration'])
  return {
    status,
    ...(scope !== undefined ? { scope } : {}),
    ...(openidConfiguration !== undefined ? { openidConfiguration } : {}),
  }
}

export type OAuthRefusal = 'token-rejected' | 'insufficient-scope' | 'invalid-request'

/** What the status means for the app: refresh the token, ask for more scope, or a bug of ours. */
export function oauthRefusal(e: OAuthSaslError): OAuthRefusal {
  const s = e.status.toLowerCase()
  if (s === 'insufficient_scope' || s === '403') return 'insufficient-scope'
  if (s === 'invalid_request' || s === '400') return 'invalid-request'
  return 'token-rejected'
}

/** The error payload in words for people, e.g. for detail.serverResponse. */
export function describeOAuthSaslError(e: OAuthSaslError): string {
  switch (oauthRefusal(e)) {
    case 'insufficient-scope':
      return `The server needs a permission the sign-in did not grant${e.scope ? ` (scope "${e.scope}")` : ''}`
    case 'invalid-request':
      return 'The server could not read the sign-in request'
    default:
      return `The server did not accept the access token: it has expired, was revoked or belongs to another user (${e.status})`
  }
}

/** The AppError detail fields every protocol's error mapper adds for a refused token. */
export function oauthFailureDetail(e: OAuthSaslError | undefined): {
  reason: OAuthRefusal
  oauthStatus?: string
  oauthScope?: string
  oauthError?: string
} {
  if (!e) return { reason: 'token-rejected' }
  return {
    reason: oauthRefusal(e),
    oauthStatus: e.status,
    ...(e.scope !== undefined ? { oauthScope: e.scope } : {}),
    oauthError: describeOAuthSaslError(e),
  }
}
