/**
 * One authenticated SMTP submission connection (RFC 6409) over nodemailer's SMTPConnection, which
 * (unlike the pooled transport) lets the outbox see the exact moment before the end-of-data
 * marker: that is where the outbox records its durable "committing" state
 * (docs/architecture.md, Outbox).
 */
import { Readable, type Writable } from 'node:stream'
import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext } from 'node:tls'
import SMTPConnection from 'nodemailer/lib/smtp-connection'
import { AppError } from '../../../shared/errors'
import type { CertificatePin, OutgoingSettings } from '../../../shared/model/account'
import type { SubmissionInfo } from '../../../shared/model/compose'
import { isCertificateFailure } from '../net/failed-certificates'
import { probeFailedCertificate } from '../net/probe/certificate-probe'
import { tlsOptionsFor, type TlsTrust } from '../net/tls'
import { isBearer, type LoginSecret } from '../sasl/oauth-sasl'
import type { DsnRequest } from '../delivery/dsn-request'
import { mapSmtpError } from './smtp-errors'
import { oauthCustomAuth, smtpOAuthMethod } from './smtp-oauth'

export interface SmtpTarget {
  settings: OutgoingSettings
  /** The password, or an OAuth 2.0 access token (`bearer()`: OAUTHBEARER or XOAUTH2). */
  password: LoginSecret
  trust: TlsTrust
  /** The account's certificate exceptions; only those for this host and port apply. */
  pins: readonly CertificatePin[]
  /** The account's own certificate authority (Account.trustedCa), if any. */
  accountCa?: string | undefined
}

export interface RawMessage {
  raw: Uint8Array
  envelope: { from: string; to: string[] }
  needsSmtpUtf8: boolean
  eightBit: boolean
  /** What to ask of delivery reports (core/delivery/dsn-request.ts); used only where DSN is offered. */
  dsn?: DsnRequest | undefined
}

export interface SendHooks {
  /** Synchronous, right before the end-of-data marker is written: record "committing" durably here. */
  beforeEndOfData(): void
  /** Test seam: awaited after the first chunk of data went out (crash tests stop here). */
  midData?(): Promise<void>
}

/**
 * accepted: the server answered 250 to the end of data. rejected: it refused the message for sure
 * (an explicit reply, or we aborted before the end of data). unknown: the connection broke after the
 * end of data and before a reply, so it may or may not have been accepted.
 */
export type SendOutcome =
  | { kind: 'accepted'; response: string }
  | { kind: 'rejected'; error: AppError }
  | { kind: 'unknown'; error: AppError }

const CHUNK = 64 * 1024

/**
 * RFC 5321 §4.1.1.1 EHLO keywords: SIZE (RFC 1870), SMTPUTF8 (RFC 6531), 8BITMIME (RFC 6152),
 * DSN (RFC 3461).
 */
export function parseEhlo(response: string): SubmissionInfo {
  const lines = response.split(/\r?\n/).map((l) => l.replace(/^\d{3}[- ]/, '').trim())
  const size = lines.map((l) => /^SIZE\s+(\d+)/i.exec(l)?.[1]).find((v) => v !== undefined)
  const n = size === undefined ? 0 : Number(size)
  return {
    maxSize: n > 0 ? n : null,
    smtpUtf8: lines.some((l) => /^SMTPUTF8$/i.test(l)),
    eightBitMime: lines.some((l) => /^8BITMIME$/i.test(l)),
    dsn: lines.some((l) => /^DSN$/i.test(l)),
  }
}

const contexts = new Map<string, SecureContext>()
const ROOTS = new Set(rootCertificates)

/**
 * The same trust options with a secure context made once: with extra CAs, `ca` holds Node's ~140
 * root certificates too, and parsing them again for every connection costs tens of milliseconds.
 */
function sharedContext(options: ConnectionOptions): ConnectionOptions {
  const { ca, minVersion, allowPartialTrustChain, ...rest } = options
  if (!Array.isArray(ca)) return options
  const extra = ca.map(String).filter((c) => !ROOTS.has(c))
  // The partial-chain flag (a pinned certificate as its own anchor, tlsOptionsFor) lives in the
  // context's certificate store, so it is part of the key.
  const partial = allowPartialTrustChain === true
  const key = `${minVersion ?? ''}\n${partial}\n${ca.length}\n${extra.join('\n')}`
  let secureContext = contexts.get(key)
  if (!secureContext) {
    secureContext = createSecureContext({
      ca,
      ...(minVersion ? { minVersion } : {}),
      ...(partial ? { allowPartialTrustChain: true } : {}),
    })
    contexts.set(key, secureContext)
  }
  return { ...rest, secureContext }
}

function connectionOptions(t: SmtpTarget): SMTPConnection.Options {
  const { host, port, security } = t.settings
  return {
    host,
    port,
    // Implicit TLS (RFC 8314) or STARTTLS in its required form; never a silent plaintext fallback.
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    tls: sharedContext(tlsOptionsFor(host, t.trust, { port, pins: t.pins, accountCa: t.accountCa })),
    // The EHLO name: a literal rather than this machine's host name, which is nobody's business.
    name: '[127.0.0.1]',
    // The OAuth mechanisms (smtp-oauth.ts); they run only when login() names them, with a token.
    customAuth: oauthCustomAuth,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
    logger: false,
  }
}

/**
 * The password mechanism: the one chosen, or nodemailer's pick. Never an OAuth one: those are
 * registered as customAuth handlers and run only with a token.
 */
function passwordMethod(method: OutgoingSettings['authMethod']): { method?: string } {
  if (method === 'plain') return { method: 'PLAIN' }
  if (method === 'login') return { method: 'LOGIN' }
  return {}
}

/** A failure to open a session, mapped; a certificate failure also names the certificate. */
async function openError(err: unknown, target: SmtpTarget): Promise<AppError> {
  const { host, port, security } = target.settings
  const where = { host, port }
  const mapped = mapSmtpError(err, where)
  if (!isCertificateFailure(mapped) || security === 'none') return mapped
  const tls = tlsOptionsFor(host, target.trust, { port, pins: target.pins, accountCa: target.accountCa })
  const certificate = await probeFailedCertificate({ protocol: 'smtp', host, port, security }, tls)
  return mapSmtpError(err, where, certificate)
}

export class SmtpSession {
  private broken = false
  private onEnd: (() => void) | null = null
  private constructor(
    private readonly conn: SMTPConnection,
    readonly info: SubmissionInfo,
    private readonly where: { host: string; port: number },
  ) {
    conn.on('error', () => {
      this.broken = true
    })
    conn.on('end', () => {
      this.broken = true
      this.onEnd?.()
    })
  }

  /** Connects, negotiates TLS and logs in. Throws a mapped AppError. */
  static async open(target: SmtpTarget): Promise<SmtpSession> {
    const where = { host: target.settings.host, port: target.settings.port }
    const conn = new SMTPConnection(connectionOptions(target))
    // nodemailer reports a failed connect as an 'error' event, not through the callback: both
    // settle the step, and the connection is closed on any failure.
    let failed: ((err: Error) => void) | undefined
    const onError = (err: Error) => failed?.(err)
    conn.on('error', onError)
    conn.on('end', () => failed?.(new Error('The server closed the connection')))
    const step = (run: (done: (err?: Error | null) => void) => void) =>
      new Promise<void>((resolve, reject) => {
        failed = reject
        run((err) => (err ? reject(err) : resolve()))
      })
    try {
      await step((done) => conn.connect((err) => done(err)))
      const ehlo = conn.lastServerResponse || ''
      const info = parseEhlo(ehlo)
      const { username: user, host, port } = target.settings
      const secret = target.password
      const auth: SMTPConnection.AuthenticationType = isBearer(secret)
        ? {
            user,
            method: smtpOAuthMethod(ehlo, secret),
            options: { accessToken: secret.accessToken, host, port },
          }
        : { user, pass: secret, ...passwordMethod(target.settings.authMethod) }
      await step((done) => conn.login(auth, (err) => done(err)))
      failed = undefined
      conn.off('error', onError)
      return new SmtpSession(conn, info, where)
    } catch (err) {
      failed = undefined
      conn.close()
      throw await openError(err, target)
    }
  }

  get usable(): boolean {
    return !this.broken
  }

  /**
   * Sends one message. Every recipient must be accepted: if the server refuses any of them the
   * transaction is abandoned before the end of data (the connection is dropped, which makes the
   * server discard it, RFC 5321 §4.1.1.4), so a message is never delivered to only some people.
   */
  send(msg: RawMessage, hooks: SendHooks): Promise<SendOutcome> {
    if (msg.needsSmtpUtf8 && !this.info.smtpUtf8) {
      return Promise.resolve({
        kind: 'rejected',
        error: new AppError(
          'SERVER_REJECTED',
          'The submission server does not accept internationalized addresses (no SMTPUTF8)',
          { retryable: false, detail: { reason: 'no-smtputf8' } },
        ),
      })
    }
    const envelope: SMTPConnection.Envelope & { rejectedErrors?: unknown[] } = {
      from: msg.envelope.from,
      to: msg.envelope.to,
      size: msg.raw.byteLength,
      use8BitMime: msg.eightBit,
      // RFC 3461 §4: MAIL FROM gets RET and ENVID, every RCPT TO gets NOTIFY. Only where the EHLO
      // answer offered DSN (a server without it would refuse the unknown parameters).
      ...(msg.dsn && this.info.dsn ? { dsn: { ...msg.dsn, notify: msg.dsn.notify.join(',') } } : {}),
    }
    let endOfData = false
    let midDataDone = false
    let aborted: AppError | null = null
    let done = false
    const bytes = Buffer.from(msg.raw.buffer, msg.raw.byteOffset, msg.raw.byteLength)
    let offset = 0
    // Each step pushes at most once, so the stream never asks for more while a step is pending.
    const step = async (stream: Readable): Promise<void> => {
      if (offset === 0) {
        // nodemailer fills the envelope object we passed with the RCPT replies before DATA.
        const rejected = envelope.rejectedErrors?.[0]
        if (rejected) {
          aborted = mapSmtpError(rejected, this.where)
          this.abandon()
          return
        }
      } else if (!midDataDone) {
        midDataDone = true
        if (hooks.midData) await hooks.midData()
      }
      if (offset < bytes.length) {
        const chunk = bytes.subarray(offset, offset + CHUNK)
        offset += CHUNK
        stream.push(chunk)
        return
      }
      if (!endOfData) {
        // Everything but the end-of-data marker leaves the process first, so 'committing' covers
        // as little as possible that the server would still discard after a crash.
        await this.bodyWritten()
        // The connection may have gone meanwhile: then the server discarded it, nothing to record.
        if (done || this.broken) return
        hooks.beforeEndOfData()
        endOfData = true
        stream.push(null)
      }
    }
    const body = new Readable({
      // No read-ahead: the next step runs only once the previous chunk was taken.
      highWaterMark: 0,
      read() {
        step(this).catch((err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))))
      },
    })
    return new Promise<SendOutcome>((resolve) => {
      const settle = (err: unknown, response?: string): void => {
        done = true
        this.onEnd = null
        if (aborted) return resolve({ kind: 'rejected', error: aborted })
        if (!err) return resolve({ kind: 'accepted', response: response ?? '' })
        const error = mapSmtpError(err, this.where)
        const hasReply = typeof (err as { responseCode?: unknown }).responseCode === 'number'
        if (!hasReply) this.broken = true
        // After the end of data only an explicit reply tells what happened.
        resolve(endOfData && !hasReply ? { kind: 'unknown', error } : { kind: 'rejected', error })
      }
      // A dropped connection may end the session without the send callback ever running.
      this.onEnd = () => settle(new Error('The connection closed during the transaction'))
      this.conn.send(envelope, body, (err, info) => settle(err, info?.response))
    })
  }

  /**
   * Resolves once the socket has handed every byte written so far to the operating system (a
   * process killed after that still delivers them: the kernel sends what it holds). nodemailer
   * does not expose its socket; without it this resolves at once, which is only less precise.
   */
  private async bodyWritten(): Promise<void> {
    const socket = (this.conn as unknown as { _socket?: Writable | false })._socket
    if (!socket) return
    while (socket.writableLength > 0 && !socket.destroyed && !this.broken) {
      // 'drain' comes only after a write was refused (a full buffer); below that, look again soon.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          socket.off('drain', done)
          resolve()
        }
        const timer = setTimeout(done, socket.writableNeedDrain ? 1000 : 2)
        socket.once('drain', done)
      })
    }
  }

  /** Makes the server forget the current transaction by dropping the connection before end of data. */
  private abandon(): void {
    this.broken = true
    this.conn.close()
  }

  /** Clears the envelope between messages on a reused connection. */
  async reset(): Promise<void> {
    if (this.broken) return
    await new Promise<void>((resolve) =>
      this.conn.reset((err) => {
        if (err) this.broken = true
        resolve()
      }),
    )
  }

  close(): void {
    this.broken = true
    this.conn.quit()
  }
}
