import type { LookupFunction } from 'node:net'
import type { ConnectionOptions } from 'node:tls'
import { AppError } from '../../../../shared/errors'
import type { AuthMethod, Security } from '../../../../shared/model/account'
import { openPlainSocket, openTlsSocket, type PresentedCertificate } from '../connect'
import { imapDialog, pop3Dialog, smtpDialog, type Dialog } from './dialogs'
import { LineSession } from './line-session'

export type ProbeProtocol = 'imap' | 'pop3' | 'smtp'

export interface ProbeTarget {
  protocol: ProbeProtocol
  host: string
  port: number
  security: Security
}

export interface ProbeOptions {
  tls: ConnectionOptions
  timeoutMs: number
  /** Cancels the probe (CANCELLED); the timeout gives TIMEOUT. */
  signal?: AbortSignal
  lookup?: LookupFunction
}

export interface ProbeResult {
  greeting: string
  /** Capabilities after TLS (upper case). */
  capabilities: string[]
  /** SASL mechanisms offered after TLS (upper case). */
  mechanisms: string[]
  /** The verified certificate (absent for security "none"). */
  certificate?: PresentedCertificate
}

const DIALOGS: Record<ProbeProtocol, typeof imapDialog> = {
  imap: imapDialog,
  pop3: pop3Dialog,
  smtp: smtpDialog,
}

/**
 * Connects to a server the way its client would (implicit TLS, or STARTTLS in its required form:
 * a server that does not offer it is an error, never a reason to go on in plain text), reads
 * what it offers, and leaves without logging in. Every failure is an AppError: CONNECTION_FAILED
 * (detail.reason host-not-found / refused / ...), TIMEOUT, TLS_FAILED (detail.tlsReason, and the
 * certificate's fingerprint), SERVER_REJECTED (the server's words), CANCELLED.
 */
export async function probeServer(target: ProbeTarget, opts: ProbeOptions): Promise<ProbeResult> {
  const where = { host: target.host, port: target.port }
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
  const socketOpts = { signal, lookup: opts.lookup }
  const dialog: Dialog = DIALOGS[target.protocol](where)
  let certificate: PresentedCertificate | undefined
  let session: LineSession
  if (target.security === 'tls') {
    const opened = await openTlsSocket(where, opts.tls, socketOpts)
    certificate = opened.certificate
    session = new LineSession(opened.socket, where, socketOpts)
  } else {
    session = new LineSession(await openPlainSocket(where, socketOpts), where, socketOpts)
  }
  try {
    const greeting = await dialog.greeting(session)
    let capabilities = await dialog.capabilities(session)
    if (target.security === 'starttls') {
      if (!dialog.offersStartTls(capabilities) || !(await dialog.startTls(session))) {
        throw new AppError('TLS_FAILED', `${target.host}:${target.port} does not offer STARTTLS`, {
          retryable: false,
          detail: { tlsReason: 'no-starttls', host: target.host, port: target.port },
        })
      }
      certificate = await session.upgrade(opts.tls)
      // Capabilities sent before TLS are not trusted; ask again (RFC 3207 §4.2, RFC 2595 §3.1).
      capabilities = await dialog.capabilities(session)
    }
    dialog.quit(session)
    const result: ProbeResult = { greeting, capabilities, mechanisms: dialog.mechanisms(capabilities) }
    if (certificate) result.certificate = certificate
    return result
  } finally {
    session.close()
  }
}

/**
 * The login method to use from what the server offers: PLAIN (RFC 4616) when offered, else
 * LOGIN, else "auto" (the protocol's own command, IMAP LOGIN or POP3 USER/PASS). Null when the
 * server offers no way to log in with a password: IMAP LOGINDISABLED without SASL PLAIN/LOGIN,
 * or an SMTP server without AUTH (a relay, not a submission server).
 */
export function chooseAuthMethod(protocol: ProbeProtocol, probe: ProbeResult): AuthMethod | null {
  if (probe.mechanisms.includes('PLAIN')) return 'plain'
  if (probe.mechanisms.includes('LOGIN')) return 'login'
  if (protocol === 'smtp') return null
  if (protocol === 'imap' && probe.capabilities.includes('LOGINDISABLED')) return null
  return 'auto'
}
