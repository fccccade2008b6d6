/**
 * The TLS failures the test stack serves on other loopback addresses (test/servers/), and what the
 * servers' own logs say about a session: Dovecot (auth_verbose) names the user of every login
 * attempt and says "no auth attempts" for a session without one; Postfix ends every session with
 * a "disconnect from" line that counts the commands, AUTH included (`auth=0/1`).
 */
import { readFileSync, statSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls'
import { join } from 'node:path'
import { expect } from 'vitest'
import { fingerprintOf } from '../../../src/main/core/net/tls'
import { mailStack, type TestUser } from '../../servers/mail-env'

export type BadCertificate = 'selfSigned' | 'expired' | 'wrongHost' | 'privateCa'

/**
 * Each bad certificate: its file in the stack's tls/ folder, the reason we report, Postfix's
 * listener suffix, and who issued it (as the error names it).
 */
export const BAD_CERTIFICATES: Record<
  BadCertificate,
  { file: string; reason: string; postfix: string; issuer: string }
> = {
  selfSigned: { file: 'selfsigned', reason: 'self-signed', postfix: 'selfsigned', issuer: 'CN=localhost' },
  expired: { file: 'expired', reason: 'expired', postfix: 'expired', issuer: 'CN=Mailroom Test CA' },
  wrongHost: { file: 'wronghost', reason: 'wrong-host', postfix: 'wronghost', issuer: 'CN=Mailroom Test CA' },
  // Issued by a private CA nothing trusts, served with its chain: "issuer not trusted", never "self-signed".
  privateCa: {
    file: 'privateca',
    reason: 'untrusted',
    postfix: 'privateca',
    issuer: 'CN=Mailroom Private CA (untrusted)',
  },
}

export function certificatePem(file: string): string {
  return readFileSync(join(mailStack().tlsDir, `${file}.pem`), 'utf8')
}

export function fingerprintOfFile(file: string): string {
  return fingerprintOf(certificatePem(file))
}

export interface LogMark {
  dovecot: number
  postfix: number
}

const dovecotLog = () => join(mailStack().logDir, 'dovecot.log')
const postfixLog = () => join(mailStack().logDir, 'postfix.log')
const sizeOf = (path: string) => {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
const readFrom = (path: string, offset: number) => readFileSync(path).subarray(offset).toString('utf8')

/** Where the servers' logs end now: later checks only read what was written after it. */
export function markLogs(): LogMark {
  return { dovecot: sizeOf(dovecotLog()), postfix: sizeOf(postfixLog()) }
}

/**
 * Dovecot saw a session on `host` end without any authentication attempt, and nothing of `user`
 * (no login, no failed login, no password) was logged since the mark.
 */
export async function expectNoDovecotLogin(mark: LogMark, host: string, user: TestUser): Promise<void> {
  const noAuth = (line: string) => line.includes(`lip=${host},`) && line.includes('no auth attempts')
  await expect
    .poll(() => readFrom(dovecotLog(), mark.dovecot).split('\n').some(noAuth), { timeout: 10_000 })
    .toBe(true)
  const since = readFrom(dovecotLog(), mark.dovecot)
  expect(since).not.toContain(user.address)
  expect(since).not.toContain(user.password)
}

/**
 * Postfix's listener (syslog name `postfix/<listener>`) ended at least one session since the mark,
 * and none of its sessions since then tried AUTH; nothing of `user` was logged.
 */
export async function expectNoPostfixAuth(mark: LogMark, listener: string, user: TestUser): Promise<void> {
  const disconnects = () =>
    readFrom(postfixLog(), mark.postfix)
      .split('\n')
      .filter((l) => l.includes(` postfix/${listener}/smtpd[`) && l.includes(': disconnect from '))
  await expect.poll(() => disconnects().length, { timeout: 10_000 }).toBeGreaterThan(0)
  for (const line of disconnects()) expect(line).not.toMatch(/ auth=/)
  const since = readFrom(postfixLog(), mark.postfix)
  expect(since).not.toContain(user.address)
  expect(since).not.toContain(user.password)
}

/**
 * A TCP relay on a loopback address whose target can change between connections: the same host and port
 * (what a certificate exception is pinned to) can present one certificate now and another later.
 * TLS runs end to end through it.
 */
export class SwitchRelay {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  port = 0

  constructor(
    private target: { host: string; port: number },
    /** The loopback address it listens on (another name than the servers' own, for host-name tests). */
    readonly host = '127.0.0.1',
  ) {}

  async start(): Promise<number> {
    const server = createServer((client) => this.relay(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, this.host, () => resolve())
    })
    this.server = server
    const address = server.address()
    if (typeof address === 'object' && address) this.port = address.port
    return this.port
  }

  /** New connections go to `target`; open ones are cut. */
  switchTo(target: { host: string; port: number }): void {
    this.target = target
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private relay(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host)
    this.sockets.add(client).add(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    const close = () => {
      client.destroy()
      upstream.destroy()
      this.sockets.delete(client)
      this.sockets.delete(upstream)
    }
    for (const s of [client, upstream]) {
      s.on('close', close)
      s.on('error', close)
    }
  }
}

/**
 * A TLS server on 127.0.0.1 presenting one of the stack's certificates (`<file>-chain.pem`), that
 * greets like a mail server once the handshake is done and counts every byte a client sends after
 * it. A client that refuses its certificate must send nothing at all: no command, no credential.
 * (Only the handshake matters here, so this is not a mail server: the real ones cannot present an
 * impostor certificate on the address a test pinned.)
 */
export class TlsDecoy {
  private server: TlsServer | undefined
  private readonly sockets = new Set<Socket>()
  /** TCP connections accepted. */
  connections = 0
  /** Bytes received after the handshake, over all connections. */
  received = 0
  port = 0

  constructor(
    private readonly file: string,
    private readonly greeting = '* OK ready\r\n',
  ) {}

  async start(): Promise<number> {
    const dir = mailStack().tlsDir
    const server = createTlsServer(
      {
        cert: readFileSync(join(dir, `${this.file}-chain.pem`)),
        key: readFileSync(join(dir, `${this.file}.key`)),
      },
      (socket) => {
        this.sockets.add(socket)
        socket.on('data', (chunk: Buffer) => (this.received += chunk.length))
        socket.on('error', () => socket.destroy())
        socket.on('close', () => this.sockets.delete(socket))
        socket.write(this.greeting)
      },
    )
    server.on('connection', () => this.connections++)
    server.on('tlsClientError', () => undefined)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    this.server = server
    const address = server.address()
    if (typeof address === 'object' && address) this.port = address.port
    return this.port
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
