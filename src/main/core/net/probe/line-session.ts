import type { Socket } from 'node:net'
import type { ConnectionOptions } from 'node:tls'
import { AppError } from '../../../../shared/errors'
import {
  abortError,
  connectionError,
  openTlsSocket,
  type Endpoint,
  type PresentedCertificate,
  type SocketOptions,
} from '../connect'

/** Longest reply line we accept (RFC 5321 §4.5.3.1.5 allows 512; IMAP capability lines are longer). */
const MAX_LINE = 16 * 1024

/**
 * A CRLF line dialogue over one socket that can be upgraded to TLS in place (STARTTLS). Used by
 * the server probes, which only read greetings and capability lists: the full protocol clients
 * (imapflow, nodemailer, the POP3 client) do everything else.
 */
export class LineSession {
  private socket: Socket
  private buffer = ''
  private lines: string[] = []
  private waiter: (() => void) | undefined
  private failure: AppError | undefined
  private readonly onData = (chunk: Buffer) => this.receive(chunk.toString('latin1'))
  private readonly onError = (err: unknown) => this.fail(connectionError(err, this.where, undefined))
  private readonly onClose = () =>
    this.fail(
      new AppError('CONNECTION_FAILED', `${this.where.host}:${this.where.port} closed the connection`, {
        detail: { reason: 'closed', host: this.where.host, port: this.where.port },
      }),
    )
  private readonly onAbort = () => {
    this.fail(abortError(this.opts.signal, this.where))
    this.socket.destroy()
  }

  constructor(
    socket: Socket,
    private readonly where: Endpoint,
    private readonly opts: SocketOptions,
  ) {
    this.socket = socket
    this.attach()
    opts.signal.addEventListener('abort', this.onAbort, { once: true })
  }

  /** The next line, without its CRLF. */
  async readLine(): Promise<string> {
    for (;;) {
      const line = this.lines.shift()
      if (line !== undefined) return line
      if (this.failure) throw this.failure
      await new Promise<void>((resolve) => (this.waiter = resolve))
    }
  }

  write(line: string): void {
    if (/[\r\n]/.test(line)) throw new AppError('INTERNAL', 'Protocol line with CR/LF')
    this.socket.write(`${line}\r\n`)
  }

  /**
   * Switches to TLS after the server agreed to STARTTLS. Anything the server sent after its
   * "go ahead" and before the handshake was not protected: it is refused (RFC 3207 §4.2,
   * RFC 2595 §3.1 / RFC 9051 §6.2.1: the client discards it; a probe can simply fail).
   */
  async upgrade(tls: ConnectionOptions): Promise<PresentedCertificate> {
    if (this.lines.length > 0 || this.buffer.length > 0) {
      throw new AppError('TLS_FAILED', 'The server sent data before the TLS handshake', {
        retryable: false,
        detail: { tlsReason: 'other', host: this.where.host, port: this.where.port },
      })
    }
    this.detach()
    const { socket, certificate } = await openTlsSocket(this.where, tls, { ...this.opts, over: this.socket })
    this.socket = socket
    this.attach()
    return certificate
  }

  close(): void {
    this.opts.signal.removeEventListener('abort', this.onAbort)
    this.detach()
    this.socket.on('error', () => undefined)
    this.socket.destroy()
  }

  private attach(): void {
    this.socket.on('data', this.onData)
    this.socket.on('error', this.onError)
    this.socket.on('close', this.onClose)
  }

  private detach(): void {
    this.socket.removeListener('data', this.onData)
    this.socket.removeListener('error', this.onError)
    this.socket.removeListener('close', this.onClose)
  }

  private receive(text: string): void {
    this.buffer += text
    let end: number
    while ((end = this.buffer.indexOf('\r\n')) >= 0) {
      this.lines.push(this.buffer.slice(0, end))
      this.buffer = this.buffer.slice(end + 2)
    }
    if (this.buffer.length > MAX_LINE) {
      this.fail(
        new AppError('SERVER_REJECTED', 'The server sent an overlong line', {
          detail: { host: this.where.host, port: this.where.port },
        }),
      )
      this.socket.destroy()
    }
    this.wake()
  }

  private fail(error: AppError): void {
    this.failure ??= error
    this.wake()
  }

  private wake(): void {
    const w = this.waiter
    this.waiter = undefined
    w?.()
  }
}
