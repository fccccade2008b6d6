import { AppError } from '../../../shared/errors'
import { withPresentedCertificate, type PresentedCertificate } from '../net/connect'
import { mapNetworkError } from '../net/network-errors'
import { oauthFailureDetail } from '../sasl/oauth-sasl'
import { SmtpOAuthRefusal } from './smtp-oauth'
import { storageFailure } from '../store/storage-errors'

/** The fields nodemailer puts on its errors (NodemailerError), read defensively. */
interface SmtpErrorLike {
  code?: unknown
  originalCode?: unknown
  responseCode?: unknown
  response?: unknown
  recipient?: unknown
  command?: unknown
  message?: unknown
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

/**
 * The one place nodemailer's errors become AppErrors. The server's own words go in
 * detail.serverResponse; a rejected recipient is named in detail.recipient. RFC 5321 §4.2.1: a
 * 4yz reply is transient (retryable), a 5yz reply permanent. A certificate that failed
 * verification is named by its fingerprint when the caller learned it (`certificate`, read by
 * probeFailedCertificate: nodemailer does not expose the certificate it saw).
 */
export function mapSmtpError(
  err: unknown,
  where: { host: string; port: number },
  certificate?: PresentedCertificate,
): AppError {
  // The outbox records each step in the store while sending: its failure is not the server's.
  const storage = storageFailure(err)
  if (storage) return storage
  if (err instanceof AppError) return err
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpErrorLike
  const message = str(e.message) ?? String(err)
  const code = str(e.code)
  const original = str(e.originalCode)
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined
  // A reply can run to many lines (a 5yz with a policy text): bounded for logs and the UI.
  const serverResponse = str(e.response)?.trim().slice(0, 500)
  const recipient = str(e.recipient)
  const transient = responseCode !== undefined && responseCode < 500
  const detail = {
    ...(serverResponse !== undefined ? { serverResponse } : {}),
    ...(recipient !== undefined ? { recipient } : {}),
    ...(responseCode !== undefined ? { responseCode } : {}),
  }

  // nodemailer wraps socket errors (ECONNECTION, ESOCKET) and keeps the socket's code in originalCode.
  const network =
    (original !== undefined ? mapNetworkError(err, where, original) : null) ?? mapNetworkError(err, where)
  if (network) return withPresentedCertificate(network, certificate)

  if (code === 'EAUTH' && err instanceof SmtpOAuthRefusal) {
    return new AppError('AUTH_FAILED', 'The submission server refused the access token', {
      cause: err,
      retryable: transient,
      detail: { ...detail, ...oauthFailureDetail(err.oauth.oauthError) },
    })
  }
  // EAUTH: the server refused the login (RFC 4954 §6: 535, or 454 for "try later"); ENOAUTH:
  // nodemailer had no credentials to offer for the mechanism.
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    return new AppError('AUTH_FAILED', `${where.host} refused the login`, {
      cause: err,
      retryable: transient,
      detail: { ...detail, reason: 'login-rejected' },
    })
  }
  if (code === 'ETLS' || (code === 'ESOCKET' && /STARTTLS/i.test(message))) {
    return new AppError('TLS_FAILED', `TLS with ${where.host}:${where.port} failed: ${message}`, {
      cause: err,
      retryable: false,
      detail: { ...detail, tlsReason: /STARTTLS/i.test(message) ? 'no-starttls' : 'other' },
    })
  }
  if (code === 'ETIMEDOUT') {
    return new AppError('TIMEOUT', `${where.host}:${where.port} did not answer in time`, {
      cause: err,
      detail,
    })
  }
  if (code === 'EMESSAGE' && /size/i.test(message)) {
    return new AppError('SERVER_REJECTED', message, {
      cause: err,
      retryable: false,
      detail: { ...detail, reason: 'too-large' },
    })
  }
  if (responseCode !== undefined) {
    const what = recipient
      ? `The server refused the recipient ${recipient}`
      : 'The server refused the message'
    return new AppError('SERVER_REJECTED', serverResponse ? `${what}: ${serverResponse}` : what, {
      cause: err,
      retryable: transient,
      detail,
    })
  }
  // ECONNECTION, ESOCKET, EPROTOCOL without a reply: the connection broke. Trying again may work.
  return new AppError('CONNECTION_FAILED', `Connection to ${where.host}:${where.port} failed: ${message}`, {
    cause: err,
    retryable: true,
    detail,
  })
}
