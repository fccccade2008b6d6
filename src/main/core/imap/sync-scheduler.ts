import { AppError } from '../../../shared/errors'
import { storageFailure, toErrorData } from '../store/storage-errors'
import type { TaskHealth } from '../store/storage-health'
import type { EventBus } from '../events'
import type { MailStore } from '../store/mail-store'
import type { MailboxRecord } from '../store/mailbox-repo'
import type { MessageRecord } from '../store/message-repo'
import {
  bodiesToDownload,
  DEFAULT_OFFLINE_BODIES,
  type OfflineBodies,
  type OfflineCursor,
} from '../store/offline-bodies'
import { offlinePolicy } from '../store/offline-policy'
import type { IdleWatcher } from './idle-watcher'
import type { ReplayProbe, SyncOutcome } from './mailbox-sync'
import { PRIORITY, type Priority } from './imap-session'

export interface EngineOptions {
  /** Every mailbox is checked this often (one LIST-STATUS; only changed ones are synced). */
  refreshIntervalMs: number
  /** Reconnect delays after failures: doubling from the first to the cap, with ±25 % jitter. */
  backoffInitialMs: number
  backoffMaxMs: number
  /** Bodies of the newest Inbox messages kept cached, so recent mail reads offline. */
  prefetchCount: number
  prefetchMaxBytes: number
  /** Bodies kept offline (for reading and for search) after the Inbox's newest: issue 17. */
  offlineBodies: OfflineBodies
  /** Keep an IDLE connection on the Inbox. */
  idle: boolean
  /** Opening a mailbox syncs it when its last sync is older than this. */
  openedRefreshAfterMs: number
  /** Test seam for crash tests of the action replay (mailbox-sync.ts). */
  replayProbe?: ReplayProbe
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  refreshIntervalMs: 5 * 60_000,
  backoffInitialMs: 1000,
  backoffMaxMs: 5 * 60_000,
  prefetchCount: 50,
  prefetchMaxBytes: 1024 * 1024,
  offlineBodies: DEFAULT_OFFLINE_BODIES,
  idle: true,
  openedRefreshAfterMs: 60_000,
}

/** Failures that retrying cannot fix: the engine waits until the account changes (or a manual refresh). */
const STALLING = new Set(['AUTH_FAILED', 'TLS_FAILED', 'SECRET_STORE_UNAVAILABLE', 'INVALID_INPUT'])

/**
 * The work a cycle asks of the account's engine (AccountSync implements it). Declared here, not
 * imported, so the scheduler and the engine that owns it do not import each other.
 */
export interface SyncWork {
  syncMailbox(mailboxId: number, priority?: Priority): Promise<SyncOutcome>
  resync(): Promise<void>
  fetchSource(record: MessageRecord, priority?: Priority): Promise<void>
}

export interface SchedulerDeps {
  accountId: string
  store: MailStore
  events: EventBus
  sync: SyncWork
  idle: IdleWatcher
  options: EngineOptions
  /** Hears when the engine stops on a failed store; its recovery wakes the engine (registry). */
  health?: TaskHealth
}

/**
 * When one account's engine works: a cycle (replay the queue, follow the folder list, sync what
 * changed, watch the Inbox with IDLE, prefetch recent bodies) at start, then every
 * `refreshIntervalMs`; after a failure the next cycle comes with exponential backoff, and a lost
 * IDLE or worker connection brings it forward. Credentials or certificate problems stop the
 * retries (hammering a server with a wrong password gets accounts locked) until `wake()`.
 */
export class SyncScheduler {
  private timer: NodeJS.Timeout | undefined
  private dueAt = Infinity
  private running = false
  private stalled = false
  private failures = 0
  private prefetching: Promise<void> | null = null
  private readonly opened = new Map<number, number>()

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.running = true
    this.wake()
  }

  /** Runs a cycle now (account settings or password changed, or the person asked). */
  wake(): void {
    if (!this.running) return
    this.stalled = false
    this.failures = 0
    this.schedule(0, true)
  }

  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.timer)
    await this.deps.idle.stop()
  }

  /** A connection dropped: try again after the backoff delay (unless a cycle is due sooner). */
  connectionLost(): void {
    if (this.running && !this.stalled) this.schedule(this.backoff(), false)
  }

  /** The person opened a mailbox: sync it in the background unless it is fresh (or watched by IDLE). */
  mailboxOpened(mb: MailboxRecord): void {
    if (!this.running || this.stalled || mb.isLocal) return
    if (mb.role === 'inbox' && this.deps.idle.watching) return
    const last = Math.max(this.opened.get(mb.id) ?? 0, mb.syncedAt ?? 0)
    if (Date.now() - last < this.deps.options.openedRefreshAfterMs) return
    this.opened.set(mb.id, Date.now())
    this.deps.sync.syncMailbox(mb.id, PRIORITY.normal).catch((err: unknown) => this.failed(err))
  }

  /** The IDLE connection saw a change in the Inbox. */
  inboxChanged(): void {
    if (!this.running) return
    const inbox = this.deps.store.mailboxes.byRole(this.deps.accountId, 'inbox')
    if (!inbox) return
    this.deps.sync
      .syncMailbox(inbox.id, PRIORITY.normal)
      .then(() => this.running && this.prefetch())
      .catch((err: unknown) => this.failed(err))
  }

  private schedule(delay: number, force: boolean): void {
    const at = Date.now() + delay
    if (!force && at >= this.dueAt) return
    clearTimeout(this.timer)
    this.dueAt = at
    this.timer = setTimeout(() => {
      this.dueAt = Infinity
      void this.cycle()
    }, delay)
  }

  private async cycle(): Promise<void> {
    if (!this.running) return
    try {
      await this.deps.sync.resync()
      if (!this.running) return
      const inbox = this.deps.store.mailboxes.byRole(this.deps.accountId, 'inbox')
      if (this.deps.options.idle && inbox) await this.deps.idle.ensure(inbox.path)
      if (!this.running) return
      this.failures = 0
      this.prefetch()
      this.schedule(this.deps.options.refreshIntervalMs, true)
    } catch (err) {
      this.failed(err)
    }
  }

  private failed(err: unknown): void {
    if (!this.running) return
    const storage = storageFailure(err)
    if (storage) {
      // Retrying cannot help until the store works again (a full disk, a read-only folder): the
      // banner says so, and the storage health monitor wakes the engine once it does.
      if (!this.deps.health?.report('mail-sync', storage)) {
        this.deps.events.emit('app:error', { accountId: this.deps.accountId, error: storage.toData() })
      }
      this.stalled = true
      clearTimeout(this.timer)
      this.dueAt = Infinity
      return
    }
    const e = AppError.from(err, { message: 'Sync failed' })
    if (e.code === 'CANCELLED') return
    if (e.code === 'INTERNAL') console.error('[mail] sync failed', err)
    // One report when the account goes offline or stalls, not one per retry.
    if (this.failures === 0 || STALLING.has(e.code)) {
      this.deps.events.emit('app:error', { accountId: this.deps.accountId, error: toErrorData(e) })
    }
    if (STALLING.has(e.code)) {
      this.stalled = true
      clearTimeout(this.timer)
      this.dueAt = Infinity
      return
    }
    this.failures++
    this.schedule(this.backoff(), true)
  }

  private backoff(): number {
    const { backoffInitialMs, backoffMaxMs } = this.deps.options
    const base = Math.min(backoffMaxMs, backoffInitialMs * 2 ** Math.max(0, this.failures - 1))
    return Math.round(base * (0.75 + Math.random() * 0.5))
  }

  /** Downloads the bodies of the newest Inbox messages that are not cached yet, one by one, in the background. */
  private prefetch(): void {
    if (this.prefetching || this.deps.options.prefetchCount <= 0) return
    this.prefetching = this.runPrefetch().finally(() => (this.prefetching = null))
  }

  private async runPrefetch(): Promise<void> {
    if (!this.running) return
    const { store, options } = this.deps
    const inbox = store.mailboxes.byRole(this.deps.accountId, 'inbox')
    if (!inbox) return
    for (const row of store.messages.newestWithoutSource(
      inbox.id,
      options.prefetchCount,
      options.prefetchMaxBytes,
    )) {
      if (!this.running) return
      if (!(await this.fetchInBackground(row))) return
    }
    await this.downloadOfflineBodies()
  }

  /** False when the round should end (anything but a message expunged meanwhile). */
  private async fetchInBackground(row: MessageRecord): Promise<boolean> {
    try {
      await this.deps.sync.fetchSource(row, PRIORITY.background)
      return true
    } catch (err) {
      return err instanceof AppError && err.code === 'MESSAGE_NOT_FOUND'
    }
  }

  /**
   * Then the bodies the account keeps offline (the last 90 days by default), every folder, newest
   * first, one at a time at background priority (whatever the person asks for goes first). A
   * stopped round resumes at the next cycle from what is still without a body.
   */
  private async downloadOfflineBodies(): Promise<void> {
    const { store, options, accountId } = this.deps
    let cursor: OfflineCursor | null = null
    for (;;) {
      const policy = offlinePolicy(store.db, accountId, options.offlineBodies)
      const rows = bodiesToDownload(store.db, accountId, policy, cursor, 50)
      const last = rows[rows.length - 1]
      if (!last) return
      for (const row of rows) {
        if (!this.running) return
        if (!(await this.fetchInBackground(row))) return
      }
      cursor = { date: last.summary.date, id: last.id }
    }
  }
}
