/**
 * A TCP relay in front of the real Dovecot, so tests can break the network deterministically: cut
 * every connection after N bytes from the server (mid-sync), or stop listening (server
 * unreachable) and start again on the same port. TLS runs end to end through it; it only moves bytes.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'

export class TcpRelay {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private readonly clients = new Set<Socket>()
  private holding = false
  private cutAfter: number | null = null
  /** Connections cut by `cutAfterBytes` so far. */
  cuts = 0
  port = 0

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    const server = createServer((client) => this.relay(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.server = server
    const address = server.address()
    if (typeof address === 'object' && address) this.port = address.port
    return this.port
  }

  /** From now on, each new or open connection is cut once the server has sent `bytes` more bytes. */
  cutAfterBytes(bytes: number | null): void {
    this.cutAfter = bytes
  }

  /**
   * Stops (or resumes) reading what clients send, as a server that does not keep up: once the
   * operating system's buffers are full, the client's writes back up in the client process.
   */
  holdClientData(hold: boolean): void {
    this.holding = hold
    for (const c of this.clients) {
      if (hold) c.pause()
      else c.resume()
    }
  }

  /** Destroys every open connection (a network failure). */
  cutAll(): void {
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
  }

  /** Stops listening and cuts everything: the server is unreachable until `start()`. */
  async stop(): Promise<void> {
    this.cutAll()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private relay(client: Socket): void {
    const upstream = connect(this.targetPort, this.targetHost)
    this.sockets.add(client)
    this.sockets.add(upstream)
    this.clients.add(client)
    if (this.holding) client.pause()
    let fromServer = 0
    const budget = this.cutAfter
    upstream.on('data', (chunk: Buffer) => {
      fromServer += chunk.length
      if (budget !== null && this.cutAfter !== null && fromServer > budget) {
        // Forward part of the chunk, then drop both sides: the client sees a truncated response.
        client.write(chunk.subarray(0, Math.max(0, chunk.length - (fromServer - budget))))
        this.cuts++
        client.destroy()
        upstream.destroy()
        return
      }
      client.write(chunk)
    })
    client.on('data', (chunk: Buffer) => upstream.write(chunk))
    const close = () => {
      client.destroy()
      upstream.destroy()
      this.sockets.delete(client)
      this.sockets.delete(upstream)
      this.clients.delete(client)
    }
    client.on('close', close)
    upstream.on('close', close)
    client.on('error', close)
    upstream.on('error', close)
  }
}
