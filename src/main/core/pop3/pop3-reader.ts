import type { Duplex } from 'node:stream'

/** Above this many unread bytes the socket is paused, so a large RETR never piles up in memory. */
const HIGH_WATER = 256 * 1024
/** RFC 1939 §3 limits responses to 512 octets; CAPA/SASL lines can be longer in practice. */
export const MAX_RESPONSE_LINE = 8 * 1024
const CR = 0x0d
const LF = 0x0a
const DOT = 0x2e

/**
 * Pulls bytes from a socket on demand. POP3 is strictly request/response, so a pull reader with
 * backpressure (pause above HIGH_WATER, resume when drained) is all the protocol needs and lets a
 * message body stream straight to disk.
 */
export class Pop3Reader {
  private pending: Buffer = Buffer.alloc(0)
  private ended = false
  private failure: Error | undefined = undefined
  private wake: (() => void) | undefined
  private readonly onData = (chunk: Buffer): void => {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    if (this.pending.length > HIGH_WATER) this.socket.pause()
    this.notify()
  }
  private readonly onEnd = (): void => {
    this.ended = true
    this.notify()
  }
  private readonly onError = (err: Error): void => {
    this.failure ??= err
    this.notify()
  }

  constructor(private readonly socket: Duplex) {
    socket.on('data', this.onData)
    socket.on('end', this.onEnd)
    socket.on('close', this.onEnd)
    socket.on('error', this.onError)
  }

  /** Stops listening (before the socket is handed to TLS for STLS). */
  detach(): void {
    this.socket.off('data', this.onData)
    this.socket.off('end', this.onEnd)
    this.socket.off('close', this.onEnd)
    this.socket.off('error', this.onError)
  }

  /** Bytes received but not consumed yet. */
  get buffered(): number {
    return this.pending.length
  }

  /** One CRLF-terminated line without its line end; fails past `max` octets. */
  async readLine(max = MAX_RESPONSE_LINE): Promise<string> {
    for (;;) {
      const lf = this.pending.indexOf(LF)
      if (lf >= 0) {
        const end = lf > 0 && this.pending[lf - 1] === CR ? lf - 1 : lf
        const line = this.pending.subarray(0, end).toString('utf8')
        this.consume(lf + 1)
        return line
      }
      if (this.pending.length > max) throw new Error(`POP3 response line longer than ${max} octets`)
      await this.more()
    }
  }

  /**
   * Reads one multi-line data block (RFC 1939 §3) up to its terminating "." line and yields it in
   * chunks, dot-unstuffed: a line starting with "." loses that first octet. Line ends are kept
   * as sent, so the message's bytes are exactly the server's.
   */
  async *readBlock(): AsyncGenerator<Buffer, void, undefined> {
    let atLineStart = true
    for (;;) {
      const out: Buffer[] = []
      let pos = 0
      const buf = this.pending
      let done = false
      while (pos < buf.length) {
        if (atLineStart && buf[pos] === DOT) {
          // Need the octets after the dot to tell the terminator from a stuffed line.
          const next = buf[pos + 1]
          if (next === undefined) break
          if (next === LF) {
            pos += 2
            done = true
            break
          }
          if (next === CR) {
            const after = buf[pos + 2]
            if (after === undefined) break
            if (after === LF) {
              pos += 3
              done = true
              break
            }
          }
          pos += 1 // stuffed: drop the first dot; the rest of the line is data, whatever it holds
        }
        const lf = buf.indexOf(LF, pos)
        if (lf < 0) {
          out.push(buf.subarray(pos))
          pos = buf.length
          atLineStart = false
        } else {
          out.push(buf.subarray(pos, lf + 1))
          pos = lf + 1
          atLineStart = true
        }
      }
      this.consume(pos)
      const left = this.pending.length
      const chunk = out.length === 1 ? out[0]! : Buffer.concat(out)
      if (chunk.length > 0) yield chunk
      if (done) return
      // Bytes that arrived while the consumer held the chunk are processed before waiting again.
      if (this.pending.length === left) await this.more()
    }
  }

  private consume(n: number): void {
    this.pending = this.pending.subarray(n)
    if (this.pending.length <= HIGH_WATER && this.socket.isPaused()) this.socket.resume()
  }

  /** Waits for more bytes; rejects when the connection failed or closed first. */
  private async more(): Promise<void> {
    this.throwIfFailed()
    if (this.ended) throw Object.assign(new Error('Connection closed by the server'), { code: 'ECONNRESET' })
    if (this.socket.isPaused()) this.socket.resume()
    await new Promise<void>((resolve) => (this.wake = resolve))
    this.throwIfFailed()
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure
  }

  private notify(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}
