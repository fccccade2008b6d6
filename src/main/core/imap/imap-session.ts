import type { ImapFlow } from 'imapflow'
import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import type { TlsTrust } from '../net/tls'
import type { LoginSecret } from '../sasl/oauth-sasl'
import { createImapClient } from './imap-client'
import { mapImapError } from './imap-errors'

/** Lower runs first: a person waiting (opening a message) beats a sync, which beats backfill. */
export const PRIORITY = { interactive: 0, normal: 1, background: 2 } as const
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY]

interface Job {
  priority: Priority
  seq: number
  /** Safe to run twice: retried once on a new connection when the old one turns out dead. */
  idempotent: boolean
  retried: boolean
  run: (client: ImapFlow) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

export interface SessionDeps {
  account: () => Account
  /**
   * Runs the connect-and-login step with the account's credential (AccountSource's withLogin: a
   * password, or an OAuth access token refreshed once when the server refuses it).
   */
  login: <T>(use: (secret: LoginSecret) => Promise<T>) => Promise<T>
  trust: TlsTrust
}

/**
 * One account's worker connection, and a priority queue of jobs that use it one at a time (IMAP
 * commands on one connection are sequential anyway; the queue lets an interactive job overtake a
 * long backfill between its batches). The connection is opened on demand; when it breaks, the job
 * fails with a mapped AppError and the next job reconnects.
 */
export class ImapSession {
  private client: ImapFlow | null = null
  private connecting: Promise<ImapFlow> | null = null
  private readonly queue: Job[] = []
  private pumping: Promise<void> | null = null
  private lastWhere = { host: '', port: 0 }
  private seq = 0
  private closed = false

  constructor(private readonly deps: SessionDeps) {}

  get connected(): boolean {
    return this.client?.usable === true
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Throws CANCELLED once the session is closed (callers check before writing the store after an await). */
  guard(): void {
    if (this.closed) throw new AppError('CANCELLED', 'The IMAP session is closed')
  }

  /**
   * Runs `fn` with the connection when its turn comes. Errors arrive mapped to AppError. An
   * idempotent job whose connection was lost (a server timeout while nothing ran, a mailbox
   * deleted under the session) is run once more on a new connection.
   */
  run<T>(
    priority: Priority,
    fn: (client: ImapFlow) => Promise<T>,
    opts: { idempotent?: boolean } = {},
  ): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('CANCELLED', 'The IMAP session is closed'))
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        priority,
        seq: this.seq++,
        idempotent: opts.idempotent === true,
        retried: false,
        run: fn,
        resolve: resolve as (v: unknown) => void,
        reject,
      })
      // pump() clears `pumping` itself, synchronously, when it finds the queue empty.
      this.pumping ??= this.pump()
    })
  }

  /** Logs out (bounded wait) and fails every queued job with CANCELLED. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0))
      job.reject(new AppError('CANCELLED', 'The IMAP session is closed'))
    const client = this.client
    this.client = null
    if (client) await logoutQuietly(client)
  }

  /** Drops the connection without LOGOUT (tests: a network failure; also after protocol errors). */
  dropConnection(): void {
    const client = this.client
    this.client = null
    client?.close()
  }

  private async pump(): Promise<void> {
    for (;;) {
      this.queue.sort((a, b) => a.priority - b.priority || a.seq - b.seq)
      const job = this.queue.shift()
      if (!job) {
        this.pumping = null
        return
      }
      try {
        const client = await this.connection()
        job.resolve(await job.run(client))
      } catch (err) {
        const mapped = this.closed
          ? new AppError('CANCELLED', 'The IMAP session is closed')
          : mapImapError(err, this.where())
        if (!this.client?.usable || mapped.code === 'CONNECTION_FAILED' || mapped.code === 'TIMEOUT') {
          this.dropConnection()
        }
        if (job.idempotent && !job.retried && mapped.code === 'CONNECTION_FAILED' && !this.closed) {
          job.retried = true
          this.queue.unshift(job)
          continue
        }
        job.reject(mapped)
      }
    }
  }

  /**
   * The server, for error messages. Remembers the last one seen: when the account has just been
   * removed (or the store closed), mapping an error must not throw a second error of its own.
   */
  private where(): { host: string; port: number } {
    try {
      const { host, port } = this.deps.account().incoming
      this.lastWhere = { host, port }
    } catch {
      // keep the last known server
    }
    return this.lastWhere
  }

  private async connection(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client
    this.connecting ??= this.open().finally(() => (this.connecting = null))
    return this.connecting
  }

  private open(): Promise<ImapFlow> {
    return this.deps.login((secret) => this.openWith(secret))
  }

  private async openWith(secret: LoginSecret): Promise<ImapFlow> {
    const client = createImapClient(this.deps.account(), secret, this.deps.trust, 'worker')
    // imapflow emits 'error' before closing; an EventEmitter without a listener would throw it.
    client.on('error', () => undefined)
    client.on('close', () => {
      if (this.client === client) this.client = null
    })
    try {
      await client.connect()
    } catch (err) {
      client.close()
      throw mapImapError(err, this.where())
    }
    if (this.closed) {
      await logoutQuietly(client)
      throw new AppError('CANCELLED', 'The IMAP session is closed')
    }
    this.client = client
    return client
  }
}

/** LOGOUT, but never wait long for a server that stopped answering. */
export async function logoutQuietly(client: ImapFlow): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    client.logout().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000))),
  ])
  clearTimeout(timer)
  client.close()
}
