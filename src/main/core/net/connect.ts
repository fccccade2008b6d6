import { connect as netConnect, type LookupFunction, type Socket } from 'node:net'
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls'
import { AppError, type AppErrorDetail } from '../../../shared/errors'
import { mapNetworkError } from './network-errors'
import {
  certificateDetail,
  describeCertificate,
  refineTlsReason,
  type PresentedCertificate,
} from './presented-certificate'

export type { PresentedCertificate } from './presented-certificate'

export interface Endpoint {
  host: string
  port: number
}

export interface SocketOptions {
  /** Aborts the connection: a timeout reason becomes TIMEOUT, anything else CANCELLED. */
  signal: AbortSignal
  /** Name resolution (discovery uses its own DNS servers); default: the system's. */
  lookup?: LookupFunction
}

/** Turns an abort into the error the caller should see: TIMEOUT for deadlines, else CANCELLED. */
export function abortError(signal: AbortSignal, where: Endpoint): AppError {
  const reason: unknown = signal.reason
  if (reason instanceof AppError) return reason
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new AppError('TIMEOUT', `${where.host}:${where.port} did not answer in time`, {
      detail: { reason: 'timeout', host: where.host, port: where.port },
    })
  }
  return new AppError('CANCELLED', 'Cancelled', { retryable: false })
}

const presentedBy = new WeakMap<AppError, PresentedCertificate>()

/**
 * The certificate behind a TLS_FAILED error from this module (its PEM stays in main: the error's
 * detail, which reaches the renderer, only carries the fingerprint).
 */
export function presentedCertificateOf(err: unknown): PresentedCertificate | undefined {
  return err instanceof AppError ? presentedBy.get(err) : undefined
}

/**
 * Maps a socket or TLS failure to AppError, adding the presented certificate's fingerprint to
 * TLS failures so the person can compare it with what their provider publishes (and pin it).
 */
export function connectionError(
  err: unknown,
  where: Endpoint,
  certificate: PresentedCertificate | undefined,
): AppError {
  if (err instanceof AppError) return err
  const mapped = mapNetworkError(err, where)
  if (mapped) return withPresentedCertificate(mapped, certificate)
  return new AppError('CONNECTION_FAILED', `Connection to ${where.host}:${where.port} failed`, {
    cause: err,
    detail: { reason: 'other', host: where.host, port: where.port },
  })
}

/**
 * A TLS_FAILED error that names the certificate the server presented (fingerprint, subject,
 * issuer, validity, names, whether it names the host) and says the reason as the certificate
 * shows it (refineTlsReason: self-signed or issued by an untrusted CA, expired, not yet valid).
 * Used by every protocol's error mapping. Other errors come back unchanged.
 */
export function withPresentedCertificate(
  error: AppError,
  certificate: PresentedCertificate | undefined,
): AppError {
  if (error.code !== 'TLS_FAILED' || !certificate) return error
  const reported = error.detail?.tlsReason
  const host = typeof error.detail?.host === 'string' ? error.detail.host : undefined
  const withCert = new AppError('TLS_FAILED', error.message, {
    cause: error.cause,
    retryable: false,
    detail: {
      // The code is TLS_FAILED (checked above), so its detail is a TLS failure's.
      ...(error.detail as AppErrorDetail<'TLS_FAILED'> | undefined),
      ...certificateDetail(certificate, host),
      ...(reported && reported !== 'other' && reported !== 'no-starttls'
        ? { tlsReason: refineTlsReason(reported, certificate) }
        : {}),
    },
  })
  presentedBy.set(withCert, certificate)
  return withCert
}

/**
 * Records the certificate a TLS socket presents, also when Node's own check then fails and
 * destroys the socket. Node checks the chain in its own 'secure' listener, after which the
 * certificate can no longer be read: listening first (prepend) is the only way to learn the
 * fingerprint of a certificate that failed, without ever turning verification off. (Node 20 and
 * 22: tls.connect() registers onConnectSecure on 'secure'.)
 */
export function watchPresentedCertificate(socket: TLSSocket): () => PresentedCertificate | undefined {
  let certificate: PresentedCertificate | undefined
  socket.prependListener('secure', () => {
    certificate = presented(socket)
  })
  return () => (certificate ??= presented(socket))
}

/** A plain TCP connection (the start of a STARTTLS session). */
export function openPlainSocket(where: Endpoint, opts: SocketOptions): Promise<Socket> {
  return settle(where, opts, undefined, (done) => {
    const socket = netConnect({ host: where.host, port: where.port, lookup: opts.lookup })
    socket.once('connect', () => done(socket))
    return socket
  })
}

/**
 * A verified TLS connection: implicit TLS (no `over`) or an upgrade of an existing plain socket
 * after STARTTLS (`over`). Resolves with the socket and the certificate it presented.
 */
export function openTlsSocket(
  where: Endpoint,
  tls: ConnectionOptions,
  opts: SocketOptions & { over?: Socket },
): Promise<{ socket: TLSSocket; certificate: PresentedCertificate }> {
  let certificateOf: () => PresentedCertificate | undefined = () => undefined
  return settle(
    where,
    opts,
    () => certificateOf(),
    (done) => {
      const socket = tlsConnect({
        ...tls,
        host: where.host,
        port: where.port,
        lookup: opts.lookup,
        ...(opts.over ? { socket: opts.over } : {}),
      })
      certificateOf = watchPresentedCertificate(socket)
      socket.once('secureConnect', () => {
        const certificate = certificateOf()
        if (certificate) done({ socket, certificate })
        else socket.destroy(new Error('no peer certificate'))
      })
      return socket
    },
  )
}

function presented(socket: TLSSocket): PresentedCertificate | undefined {
  // getPeerCertificate(), not getPeerX509Certificate(): calling the latter before Node's own
  // check leaves that check an empty certificate (seen on Node 20), failing every host name.
  const cert = socket.getPeerCertificate()
  return cert?.raw ? describeCertificate(cert.raw) : undefined
}

/** Runs a connection attempt to its first outcome: success, socket error, or abort. */
function settle<T>(
  where: Endpoint,
  opts: SocketOptions,
  certificate: (() => PresentedCertificate | undefined) | undefined,
  start: (done: (value: T) => void) => Socket,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (opts.signal.aborted) return reject(abortError(opts.signal, where))
    let socket: Socket | undefined = undefined
    const cleanup = () => {
      opts.signal.removeEventListener('abort', onAbort)
      socket?.removeListener('error', onError)
    }
    const onAbort = () => {
      cleanup()
      socket?.destroy()
      reject(abortError(opts.signal, where))
    }
    const onError = (err: unknown) => {
      cleanup()
      socket?.destroy()
      reject(connectionError(err, where, certificate?.()))
    }
    opts.signal.addEventListener('abort', onAbort, { once: true })
    socket = start((value) => {
      cleanup()
      resolve(value)
    })
    socket.once('error', onError)
  })
}
