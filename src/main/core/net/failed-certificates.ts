import type { TLSSocket } from 'node:tls'
import type { AppError } from '../../../shared/errors'
import { watchPresentedCertificate, type PresentedCertificate } from './connect'

const behindError = new WeakMap<object, PresentedCertificate>()

/**
 * Remembers, for each error this TLS socket emits, the certificate the server had presented: the
 * protocol libraries (imapflow) pass the socket's own error object on to their callers, and
 * their one error-mapping function then finds the certificate with `certificateBehind(err)`.
 * A WeakMap rather than a property on the error, so nothing of it travels with the error.
 */
export function rememberFailedCertificate(socket: TLSSocket): void {
  const certificate = watchPresentedCertificate(socket)
  socket.prependListener('error', (err: unknown) => {
    const presented = certificate()
    if (presented && typeof err === 'object' && err !== null) behindError.set(err, presented)
  })
}

/** The certificate presented on the connection whose TLS socket emitted `err`, if any. */
export function certificateBehind(err: unknown): PresentedCertificate | undefined {
  return typeof err === 'object' && err !== null ? behindError.get(err) : undefined
}

/** A TLS failure about the certificate itself (not a missing STARTTLS or a protocol mismatch). */
export function isCertificateFailure(error: AppError): boolean {
  const reason = error.code === 'TLS_FAILED' ? error.detail?.tlsReason : undefined
  return (
    reason === 'self-signed' ||
    reason === 'untrusted' ||
    reason === 'expired' ||
    reason === 'not-yet-valid' ||
    reason === 'wrong-host'
  )
}
