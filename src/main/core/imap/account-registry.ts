import { AppError } from '../../../shared/errors'
import { toErrorData } from '../store/storage-errors'
import type { Account } from '../../../shared/model/account'
import type { AccountSource } from '../accounts/account-source'
import type { EventBus } from '../events'
import { AccountSync } from './account-sync'
import { PRIORITY } from './imap-session'
import type { EngineOptions } from './sync-scheduler'
import type { TlsTrust } from '../net/tls'
import type { TaskHealth } from '../store/storage-health'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'

export interface RegistryDeps {
  store: MailStore
  events: EventBus
  accountSource: AccountSource
  listAccounts: () => Account[]
  trust: TlsTrust
  tmpDir: string
  options: EngineOptions
  /** Where an engine stopped by a failed store says so (the app's banner). */
  health?: TaskHealth
}

/** What, in an account's settings, needs a new connection when it changes. */
function connectionKey(a: Account): string {
  const { host, port, security, username, authMethod, protocol } = a.incoming
  return JSON.stringify([host, port, security, username, authMethod, protocol, a.pins, a.trustedCa ?? null])
}

/**
 * The running IMAP engines, one per IMAP account: started at start-up and when an account is
 * added, restarted when its server settings change, stopped (and its mail purged) when it is
 * removed. POP3 accounts have no engine here (their mail lives in local folders).
 */
export class AccountRegistry {
  private readonly syncs = new Map<string, { sync: AccountSync; key: string }>()
  /** Accounts whose scheduler runs (engines created on demand, e.g. by a read, do not run one). */
  private readonly running = new Set<string>()
  private started = false

  constructor(private readonly deps: RegistryDeps) {}

  /** The engine of an IMAP account, created on demand; null for accounts that are not IMAP. */
  syncFor(accountId: string): AccountSync | null {
    const account = this.deps.accountSource.get(accountId)
    if (account.incoming.protocol !== 'imap') return null
    let entry = this.syncs.get(accountId)
    if (!entry) {
      entry = { sync: this.create(accountId), key: connectionKey(account) }
      this.syncs.set(accountId, entry)
    }
    return entry.sync
  }

  requireSync(accountId: string): AccountSync {
    const sync = this.syncFor(accountId)
    if (!sync) throw new AppError('INVALID_INPUT', 'Not an IMAP account', { detail: { field: 'accountId' } })
    return sync
  }

  /** Syncs every IMAP account in the background and follows account changes from now on. */
  start(): void {
    if (this.started) return
    this.started = true
    for (const account of this.deps.listAccounts()) {
      if (account.incoming.protocol === 'imap') this.kick(account.id)
    }
  }

  /** Reacts to `accounts:changed`. Returns true when the account is gone (the caller purges it). */
  async accountChanged(accountId: string): Promise<boolean> {
    let account: Account | undefined
    try {
      account = this.deps.accountSource.get(accountId)
    } catch {
      account = undefined
    }
    const entry = this.syncs.get(accountId)
    if (!account || account.incoming.protocol !== 'imap') {
      await this.stop(accountId)
      return !account
    }
    if (entry && entry.key !== connectionKey(account)) await this.stop(accountId)
    if (this.started) this.kick(accountId)
    return false
  }

  async stop(accountId: string): Promise<void> {
    const entry = this.syncs.get(accountId)
    this.syncs.delete(accountId)
    this.running.delete(accountId)
    await entry?.sync.close()
  }

  async close(): Promise<void> {
    this.started = false
    await Promise.all([...this.syncs.keys()].map((id) => this.stop(id)))
  }

  /** Starts (or wakes) the account's engine: a cycle now, then on its schedule. */
  kick(accountId: string): void {
    const sync = this.syncFor(accountId)
    if (!sync) return
    if (this.running.has(accountId)) sync.scheduler.wake()
    else {
      this.running.add(accountId)
      sync.scheduler.start()
    }
  }

  /** The store works again: every running engine that stopped on it syncs now. */
  resumeAll(): void {
    for (const id of this.running) this.syncs.get(id)?.sync.scheduler.wake()
  }

  /** The person opened a mailbox (its first page was listed). */
  mailboxOpened(mb: MailboxRecord): void {
    if (!this.started || mb.isLocal) return
    this.syncs.get(mb.accountId)?.sync.scheduler.mailboxOpened(mb)
  }

  /** Another part of the app changed a server mailbox (the outbox appended to Sent): sync it now. */
  mailboxChanged(mb: MailboxRecord): void {
    if (!this.started || mb.isLocal) return
    // A failure here costs nothing: the engine's next cycle syncs the mailbox anyway.
    this.syncs
      .get(mb.accountId)
      ?.sync.syncMailbox(mb.id, PRIORITY.normal)
      .catch(() => undefined)
  }

  /** Replays the account's queued actions in the background; offline, they simply stay queued. */
  flushSoon(accountId: string): void {
    let sync: AccountSync | null
    try {
      sync = this.syncFor(accountId)
    } catch {
      return // the account is being removed
    }
    sync?.flush().catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'CANCELLED') return
      // The queue stays as it is (durable); the banner says the store failed, recovery wakes the engine.
      if (this.deps.health?.report('mail-sync', err)) return
      if (err instanceof AppError && err.retryable) return sync.scheduler.connectionLost()
      this.deps.events.emit('app:error', { accountId, error: toErrorData(err) })
    })
  }

  private create(accountId: string): AccountSync {
    return new AccountSync({
      accountId,
      accountSource: this.deps.accountSource,
      trust: this.deps.trust,
      store: this.deps.store,
      events: this.deps.events,
      tmpDir: this.deps.tmpDir,
      options: this.deps.options,
      health: this.deps.health,
    })
  }
}
