/*
 * A small POP3 client on node:net / node:tls, written by hand because no well-kept npm library
 * does what we need (checked 2025: node-pop3 0.11 has no STLS; yapople and poplib buffer whole
 * messages and have no STLS in the required form or no UIDL). We need: implicit TLS and STLS
 * (RFC 2595) that never falls back to plain text, CAPA (RFC 2449), SASL PLAIN (RFC 5034), UIDL,
 * and RETR streamed with backpressure so a large message never sits whole in memory.
 */
import { connect as netConnect, type Socket } from 'node:net'
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls'
import { AppError } from '../../../shared/errors'
import type { AuthMethod, Security } from '../../../shared/model/account'
import { watchPresentedCertificate, withPresentedCertificate } from '../net/connect'
import { isBearer, type LoginSecret } from '../sasl/oauth-sasl'
import { chooseLogin, chooseOAuthLogin, runSasl } from './pop3-auth'
import { Pop3ReplyError, mapPop3Error, type Pop3ErrorContext, type Pop3Stage } from './pop3-errors'
import { Pop3Reader } from './pop3-reader'

export interface Pop3ConnectOptions {
  host: string
  port: number
  security: Security
  /** From tlsOptionsFor(host, trust): verification is always on. */
  tls: ConnectionOptions
  /** Idle time after which the connection counts as dead (ms). */
  timeoutMs?: number
}

export interface Pop3Stat {
  count: number
  size: number
}
export interface Pop3ListEntry {
  n: number
  size: number
}
export interface Pop3UidlEntry {
  n: number
  uidl: string
}
/** UIDL is optional (RFC 1939 §7): without it the caller must identify messages another way. */
export type Pop3UidlResult =
  { supported: true; messages: Pop3UidlEntry[] } | { supported: false; serverResponse?: string }

export interface RetrOptions {
  /** Fail (and drop the connection) once the message grows past this many octets. */
  maxBytes?: number
}

const DEFAULT_TIMEOUT_MS = 30_000

export class Pop3Client {
  /** CAPA capability names, upper case ("UIDL", "TOP", "USER", "SASL", "STLS", ...). */
  capabilities = new Set<string>()
  /** SASL mechanisms from the CAPA "SASL" line. */
  saslMechanisms = new Set<string>()
  /** False when the server does not know CAPA (a pure RFC 1939 server). */
  capaSupported = false
  private busy = false
  private closed = false

  private constructor(
    private socket: Socket | TLSSocket,
    private reader: Pop3Reader,
    private readonly ctx: Pop3ErrorContext,
  ) {}

  /** Connects, reads the greeting and CAPA, and for 'starttls' upgrades with STLS first. */
  static async connect(opts: Pop3ConnectOptions): Promise<Pop3Client> {
    const ctx: Pop3ErrorContext = { host: opts.host, port: opts.port }
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
    let socket: Socket | undefined
    try {
      socket =
        opts.security === 'tls'
          ? await openTls({ ...opts.tls, host: opts.host, port: opts.port }, ctx)
          : await openPlain(opts.host, opts.port)
      armTimeout(socket, timeoutMs)
      const client = new Pop3Client(socket, new Pop3Reader(socket), ctx)
      const greeting = await client.reader.readLine()
      if (!greeting.startsWith('+OK')) throw new Pop3ReplyError('greeting', greeting)
      await client.readCapabilities()
      if (opts.security === 'starttls') await client.startTls(opts, timeoutMs)
      return client
    } catch (err) {
      socket?.destroy()
      throw mapPop3Error(err, ctx)
    }
  }

  /**
   * RFC 2595 §4 in its required form: STLS must be offered, else we stop before any credential
   * leaves the machine; anything the server sent after "+OK" in plain text is an injection attempt
   * (it would be read as if it came over TLS), and the pre-TLS CAPA is discarded and asked again.
   */
  private async startTls(opts: Pop3ConnectOptions, timeoutMs: number): Promise<void> {
    if (!this.capabilities.has('STLS')) {
      this.socket.end('QUIT\r\n')
      throw new AppError('TLS_FAILED', `${opts.host}:${opts.port} does not offer STLS`, {
        retryable: false,
        detail: { tlsReason: 'no-starttls', host: opts.host, port: opts.port },
      })
    }
    await this.command('STLS', 'stls')
    if (this.reader.buffered > 0) {
      throw new AppError('TLS_FAILED', 'The server sent data before the TLS handshake', {
        retryable: false,
        detail: { tlsReason: 'other', host: opts.host, port: opts.port },
      })
    }
    this.reader.detach()
    this.socket.setTimeout(0)
    const secure = await openTls({ ...opts.tls, host: opts.host, socket: this.socket }, this.ctx)
    armTimeout(secure, timeoutMs)
    this.socket = secure
    this.reader = new Pop3Reader(secure)
    await this.readCapabilities()
  }

  /**
   * Logs in with a password, or with an OAuth 2.0 access token (`bearer()`: OAUTHBEARER or
   * XOAUTH2). A refusal is AUTH_FAILED with the server's words in detail.serverResponse (for a
   * token, its decoded error payload too).
   */
  async login(user: string, secret: LoginSecret, authMethod: AuthMethod = 'auto'): Promise<void> {
    await this.run(async () => {
      if (isBearer(secret)) {
        const server = { host: this.ctx.host, port: this.ctx.port }
        await runSasl(chooseOAuthLogin(this.saslMechanisms, user, secret, server), this.exchanger)
      } else {
        const plan = chooseLogin(this.saslMechanisms, user, secret, authMethod)
        if (plan === 'user-pass') {
          await this.command(`USER ${user}`, 'login')
          await this.command(`PASS ${secret}`, 'login')
        } else {
          await runSasl(plan, this.exchanger)
        }
      }
      // RFC 2449 §5: capabilities may differ after login (e.g. UIDL only in TRANSACTION state).
      await this.readCapabilities()
    })
  }

  async stat(): Promise<Pop3Stat> {
    return this.run(async () => {
      const [count, size] = (await this.command('STAT')).trim().split(/\s+/).map(Number)
      return { count: count ?? 0, size: size ?? 0 }
    })
  }

  async list(): Promise<Pop3ListEntry[]> {
    return this.run(async () => {
      await this.command('LIST')
      return (await this.readListing()).map((l) => {
        const [n, size] = l.split(/\s+/).map(Number)
        return { n: n ?? 0, size: size ?? 0 }
      })
    })
  }

  async uidl(): Promise<Pop3UidlResult> {
    return this.run(async () => {
      if (this.capaSupported && !this.capabilities.has('UIDL')) return { supported: false }
      const reply = await this.exchange('UIDL')
      if (!reply.startsWith('+OK')) return { supported: false, serverResponse: reply }
      const messages = (await this.readListing()).map((l) => {
        const [n, uidl] = l.split(/\s+/)
        return { n: Number(n), uidl: uidl ?? '' }
      })
      return { supported: true, messages }
    })
  }

  /**
   * The message's octets, dot-unstuffed, in chunks as they arrive (RFC 1939 §7). Consume it to the
   * end before the next command; stopping early drops the connection (the rest of the reply would
   * still be on the wire).
   */
  async *retr(n: number, opts: RetrOptions = {}): AsyncGenerator<Buffer, void, undefined> {
    checkMessageNumber(n)
    this.enter()
    let complete = false
    try {
      await this.command(`RETR ${n}`, 'message')
      let total = 0
      for await (const chunk of this.reader.readBlock()) {
        total += chunk.length
        if (opts.maxBytes !== undefined && total > opts.maxBytes) {
          throw new AppError('STORAGE_FAILED', `Message ${n} is larger than ${opts.maxBytes} octets`, {
            retryable: false,
            detail: { reason: 'too-large', maxBytes: opts.maxBytes },
          })
        }
        yield chunk
      }
      complete = true
    } catch (err) {
      throw this.fail(err)
    } finally {
      this.busy = false
      if (!complete) this.destroy()
    }
  }

  async dele(n: number): Promise<void> {
    checkMessageNumber(n)
    await this.run(() => this.command(`DELE ${n}`, 'message'))
  }

  /** Unmarks every message marked for deletion in this session. */
  async rset(): Promise<void> {
    await this.run(() => this.command('RSET'))
  }

  async noop(): Promise<void> {
    await this.run(() => this.command('NOOP'))
  }

  /**
   * Ends the session. Deletions take effect only here (RFC 1939 §6, UPDATE state): a session that
   * ends any other way deletes nothing, and an -ERR here means some deletions may not have happened.
   */
  async quit(): Promise<void> {
    if (this.closed) return
    try {
      await this.run(() => this.command('QUIT'))
    } finally {
      this.destroy()
    }
  }

  /** Drops the connection without QUIT: nothing marked for deletion is deleted. */
  destroy(): void {
    this.closed = true
    this.socket.destroy()
  }

  get isClosed(): boolean {
    return this.closed
  }

  private async readCapabilities(): Promise<void> {
    this.capabilities = new Set()
    this.saslMechanisms = new Set()
    const reply = await this.exchange('CAPA')
    this.capaSupported = reply.startsWith('+OK')
    if (!this.capaSupported) return
    for (const line of await this.readListing()) {
      const [name, ...args] = line.trim().split(/\s+/)
      if (!name) continue
      this.capabilities.add(name.toUpperCase())
      if (name.toUpperCase() === 'SASL') args.forEach((m) => this.saslMechanisms.add(m.toUpperCase()))
    }
  }

  /** Sends a command; resolves with the text after "+OK", rejects with the -ERR reply. */
  private async command(line: string, stage: Pop3Stage = 'command'): Promise<string> {
    const reply = await this.exchange(line)
    if (!reply.startsWith('+OK')) throw new Pop3ReplyError(stage, reply)
    return reply.slice(3)
  }

  private readonly exchanger = (line: string): Promise<string> => this.exchange(line)

  private async exchange(line: string): Promise<string> {
    if (this.closed) throw new AppError('CONNECTION_FAILED', 'The POP3 connection is closed')
    this.socket.write(`${line}\r\n`)
    return this.reader.readLine()
  }

  /** Lines of a multi-line listing (CAPA, LIST, UIDL) up to the "." line, dot-unstuffed. */
  private async readListing(): Promise<string[]> {
    const lines: string[] = []
    for (;;) {
      const line = await this.reader.readLine()
      if (line === '.') return lines
      lines.push(line.startsWith('.') ? line.slice(1) : line)
    }
  }

  /** One command at a time; any failure is mapped, and a network failure closes the client. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    this.enter()
    try {
      return await fn()
    } catch (err) {
      throw this.fail(err)
    } finally {
      this.busy = false
    }
  }

  private enter(): void {
    if (this.closed) throw new AppError('CONNECTION_FAILED', 'The POP3 connection is closed')
    if (this.busy) throw new AppError('INTERNAL', 'POP3 commands must not overlap')
    this.busy = true
  }

  private fail(err: unknown): AppError {
    const mapped = mapPop3Error(err, this.ctx)
    if (mapped.code === 'CONNECTION_FAILED' || mapped.code === 'TIMEOUT' || mapped.code === 'TLS_FAILED') {
      this.destroy()
    }
    return mapped
  }
}

function checkMessageNumber(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new AppError('INVALID_INPUT', `Not a POP3 message number: ${n}`, { detail: { field: 'n' } })
  }
}

function openPlain(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port })
    socket.once('connect', () => {
      socket.off('error', reject)
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

/** A verified TLS connection (verification cannot be turned off here). */
function openTls(options: ConnectionOptions, ctx: Pop3ErrorContext): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ ...options, rejectUnauthorized: true })
    const certificate = watchPresentedCertificate(socket)
    const onError = (err: Error): void => {
      reject(withPresentedCertificate(mapPop3Error(err, { ...ctx, duringTls: true }), certificate()))
      socket.destroy()
    }
    socket.once('secureConnect', () => {
      socket.off('error', onError)
      resolve(socket)
    })
    socket.once('error', onError)
  })
}

function armTimeout(socket: Socket, ms: number): void {
  socket.setTimeout(ms, () =>
    socket.destroy(Object.assign(new Error(`No answer for ${ms} ms`), { code: 'ETIMEDOUT' })),
  )
}
