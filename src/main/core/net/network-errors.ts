import { AppError, type NetworkReason, type TlsReason } from '../../../shared/errors'

/**
 * Node's TLS verification codes (OpenSSL names) and what they mean for a person. OpenSSL calls a
 * chain that ends in an unknown root SELF_SIGNED_CERT_IN_CHAIN although the server's own
 * certificate was issued by that root (a private CA): only DEPTH_ZERO_SELF_SIGNED_CERT is a
 * self-signed server certificate. withPresentedCertificate refines this from the certificate.
 */
const TLS_REASONS: Readonly<Record<string, TlsReason>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong-host',
  HOSTNAME_MISMATCH: 'wrong-host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_REVOKED: 'untrusted',
  INVALID_CA: 'untrusted',
  // tlsOptionsFor's own refusal: a pinned certificate used as the issuer of another one.
  ERR_TLS_PIN_USED_AS_ISSUER: 'untrusted',
}

/** A connection that broke or never found a route, and its detail.reason. */
const LOST: ReadonlyMap<string, NetworkReason> = new Map([
  ['ECONNRESET', 'econnreset'],
  ['EPIPE', 'epipe'],
  ['EHOSTUNREACH', 'ehostunreach'],
  ['ENETUNREACH', 'enetunreach'],
])

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/**
 * Maps the socket-level failures every protocol shares (DNS, refused, reset, timeout, TLS
 * verification) to AppError. Returns null for anything else: protocol adapters map those
 * themselves (login rejected, mailbox missing, ...).
 */
export function mapNetworkError(
  err: unknown,
  where: { host: string; port: number },
  /** The socket's code when a library wrapped it in an error of its own (nodemailer's originalCode). */
  code: string | undefined = codeOf(err),
): AppError | null {
  const message = err instanceof Error ? err.message : String(err)
  const at = `${where.host}:${where.port}`
  if (code === undefined) return null
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new AppError('CONNECTION_FAILED', `Host not found: ${where.host}`, {
      cause: err,
      retryable: code === 'EAI_AGAIN',
      detail: { reason: 'host-not-found', host: where.host },
    })
  }
  if (code === 'ECONNREFUSED') {
    return new AppError('CONNECTION_FAILED', `Connection refused by ${at}`, {
      cause: err,
      detail: { reason: 'refused', host: where.host, port: where.port },
    })
  }
  const lost = LOST.get(code)
  if (lost) {
    return new AppError('CONNECTION_FAILED', `Connection to ${at} failed (${code})`, {
      cause: err,
      detail: { reason: lost, host: where.host, port: where.port },
    })
  }
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || code === 'ESOCKETTIMEDOUT') {
    return new AppError('TIMEOUT', `${at} did not answer in time`, {
      cause: err,
      detail: { host: where.host, port: where.port },
    })
  }
  const tlsReason = TLS_REASONS[code]
  if (tlsReason) {
    return new AppError('TLS_FAILED', `The certificate of ${at} is not trusted (${message})`, {
      cause: err,
      retryable: false,
      detail: { tlsReason, host: where.host, port: where.port },
    })
  }
  // Any other TLS-layer failure: a plain-text service on a TLS port, no common protocol version...
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code === 'ERR_TLS_HANDSHAKE_TIMEOUT') {
    return new AppError('TLS_FAILED', `No secure connection with ${at} (${message})`, {
      cause: err,
      retryable: false,
      detail: { tlsReason: 'other', host: where.host, port: where.port },
    })
  }
  return null
}
