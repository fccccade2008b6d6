import { AppError } from '../../../shared/errors'
import { withPresentedCertificate } from '../net/connect'
import { certificateBehind } from '../net/failed-certificates'
import { mapNetworkError } from '../net/network-errors'
import { oauthFailureDetail, toOAuthSaslError } from '../sasl/oauth-sasl'
import { storageFailure } from '../store/storage-errors'

interface ImapFlowErrorLike {
  code?: unknown
  message?: unknown
  authenticationFailed?: unknown
  tlsFailed?: unknown
  mailboxMissing?: unknown
  responseText?: unknown
  responseStatus?: unknown
  serverResponseCode?: unknown
  response?: unknown
  reason?: unknown
  /** imapflow's decoded OAuth error challenge (RFC 7628 §3.2.2), when a token was refused. */
  oauthError?: unknown
}

const CONNECTION_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'StateLogout',
  'ProxyError',
  'EPROXY',
])
const TIMEOUT_CODES = new Set([
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'LockTimeout',
])
/** The limits we lowered (maxLiteralSize, maxLineLength...) and parser failures: a hostile or broken server. */
const PROTOCOL_CODES =
  /^(?:LineTooLarge|LiteralTooLarge|ResponseTooLarge|TooManyTokens|TooManyResponses|ParserError\w*|InvalidResponse|UnexpectedTag|MissingTag|MAX_IMAP_NESTING_REACHED|STARTTLS_INJECTION|COMPRESS_TRAILING_DATA)$/

/** RFC 5530 response codes that mean "later": the command may succeed on a retry. */
const LATER_CODES = new Set(['UNAVAILABLE', 'INUSE', 'LIMIT', 'OVERQUOTA', 'SERVERBUG'])

/**
 * imapflow wraps some failures in an error of its own and keeps the server's failed reply under
 * `response`: STATUS of a mailbox that a LIST then confirmed missing (code `NotFound`) is one.
 */
function wrapped(e: ImapFlowErrorLike): ImapFlowErrorLike | undefined {
  return typeof e.response === 'object' && e.response !== null ? e.response : undefined
}

function serverWords(e: ImapFlowErrorLike, withResponseCode: boolean): string | undefined {
  const found = [
    e.responseText,
    e.reason,
    typeof e.response === 'string' ? e.response : undefined,
    wrapped(e)?.responseText,
  ].find((v): v is string => typeof v === 'string' && v.trim() !== '')
  const text = found?.trim()
  const code = typeof e.serverResponseCode === 'string' ? e.serverResponseCode : undefined
  if (!withResponseCode || code === undefined) return text
  return text === undefined ? `[${code}]` : `[${code}] ${text}`
}

export interface ImapErrorOptions {
  /**
   * Quote the reply's response code in detail.serverResponse ("[AUTHENTICATIONFAILED]
   * Authentication failed.", RFC 5530): account verification shows the person the reply as the
   * server sent it, the code saying more than the text; sync and sending show the text alone.
   */
  withResponseCode?: boolean
}

/**
 * Why a TLS upgrade failed that the network mapping did not recognise: imapflow marks both its
 * own STARTTLS refusals ("Server does not support STARTTLS", "...after a PREAUTH greeting") and a
 * failed handshake with `tlsFailed`; only the first are a missing STARTTLS. Data injected before
 * the handshake (STARTTLS_INJECTION, RFC 3501 §6.2.1) is a TLS failure of another kind.
 */
function upgradeFailure(code: string | undefined, message: string): 'no-starttls' | 'other' {
  if (code === 'STARTTLS_INJECTION') return 'other'
  return /STARTTLS/i.test(message) ? 'no-starttls' : 'other'
}

/**
 * The one place imapflow's errors become AppErrors. Socket and TLS failures go through the shared
 * network mapping; the server's own words (a NO/BAD text, a BYE reason) land in detail.serverResponse.
 * A certificate that failed verification is named by its fingerprint (recorded by imap-transport.ts),
 * so the person can compare it with what their provider publishes and trust it.
 */
export function mapImapError(
  err: unknown,
  where: { host: string; port: number },
  options: ImapErrorOptions = {},
): AppError {
  // A store that cannot be written fails a sync job too: never call that a network failure.
  const storage = storageFailure(err)
  if (storage) return storage
  if (err instanceof AppError) return err
  const net = mapNetworkError(err, where)
  if (net) return withPresentedCertificate(net, certificateBehind(err))
  const e = (typeof err === 'object' && err !== null ? err : {}) as ImapFlowErrorLike
  const code = typeof e.code === 'string' ? e.code : undefined
  const words = serverWords(e, options.withResponseCode === true)
  const detail = {
    ...(words !== undefined ? { serverResponse: words } : {}),
    ...(code !== undefined ? { imapCode: code } : {}),
    host: where.host,
    port: where.port,
  }
  const message = typeof e.message === 'string' ? e.message : 'IMAP error'
  // A login refused for "later" (RFC 5530: LIMIT for too many connections, UNAVAILABLE, INUSE) is
  // not a wrong password: an AUTH_FAILED here would stop the account's sync and give up its Sent
  // copies for good (Dovecot answers a burst of sessions with "NO [LIMIT] Maximum number of
  // connections from user+IP exceeded").
  if (e.authenticationFailed === true && LATER_CODES.has(String(e.serverResponseCode))) {
    return new AppError('SERVER_REJECTED', `The IMAP server refused the login for now: ${words ?? message}`, {
      cause: err,
      retryable: true,
      detail,
    })
  }
  const oauthError = toOAuthSaslError(e.oauthError)
  if (e.authenticationFailed === true && oauthError) {
    return new AppError('AUTH_FAILED', 'The IMAP server refused the access token', {
      cause: err,
      retryable: false,
      detail: { ...detail, ...oauthFailureDetail(oauthError) },
    })
  }
  if (e.authenticationFailed === true) {
    return new AppError('AUTH_FAILED', `${where.host} refused the user name or password`, {
      cause: err,
      retryable: false,
      detail: { ...detail, reason: 'login-rejected' },
    })
  }
  if (e.tlsFailed === true) {
    return new AppError('TLS_FAILED', `TLS with ${where.host} failed: ${message}`, {
      cause: err,
      retryable: false,
      detail: { ...detail, tlsReason: upgradeFailure(code, message) },
    })
  }
  // Dovecot says NO [NONEXISTENT] (RFC 5530) or [TRYCREATE]; Cyrus 3.6 says a bare
  // "NO Mailbox does not exist", which imapflow confirms with a LIST and reports as NotFound.
  if (
    e.mailboxMissing === true ||
    code === 'NotFound' ||
    e.serverResponseCode === 'NONEXISTENT' ||
    e.serverResponseCode === 'TRYCREATE'
  ) {
    return new AppError('MAILBOX_NOT_FOUND', 'The mailbox does not exist on the server', {
      cause: err,
      detail,
    })
  }
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new AppError('TIMEOUT', `${where.host} did not answer in time`, { cause: err, detail })
  }
  if (code !== undefined && CONNECTION_CODES.has(code)) {
    return new AppError('CONNECTION_FAILED', `The connection to ${where.host} was lost`, {
      cause: err,
      detail,
    })
  }
  if (code !== undefined && PROTOCOL_CODES.test(code)) {
    return new AppError('SERVER_REJECTED', `${where.host} sent a response we refuse to read (${code})`, {
      cause: err,
      retryable: false,
      detail,
    })
  }
  if (e.responseStatus === 'NO' || e.responseStatus === 'BAD') {
    const later = LATER_CODES.has(String(e.serverResponseCode))
    return new AppError('SERVER_REJECTED', `The IMAP server refused the command: ${words ?? message}`, {
      cause: err,
      retryable: later,
      detail,
    })
  }
  if (code === undefined && words === undefined) {
    // Not something imapflow or the server said: a bug of ours; never dressed up as a network error.
    return new AppError('INTERNAL', 'Unexpected error in the IMAP engine', { cause: err })
  }
  return new AppError('CONNECTION_FAILED', `IMAP failed: ${message}`, { cause: err, detail })
}
